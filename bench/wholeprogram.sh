#!/usr/bin/env bash
# Whole program: the ctxloss driver over a real compile database against
# the parse floor of run-clang-tidy over the same database, both with 2 jobs;
# then a second ctxloss run, on its cache, after one file is edited.
#
#   bench/wholeprogram.sh [--smoke] [PROJECT]      (default: rocksdb)
#
# Runs, in order (wall and CPU time from /usr/bin/time):
#   1. run-clang-tidy-22 -j2 with the parse floor's checks (clang-tidy-22
#      does not parse with -checks=-*: see overhead.sh);
#   2. ctxloss -p DB -j2 --stats, cold: DB is a fresh copy of the project's
#      compile database, so no cache of an earlier run applies;
#   3. the same again after appending a comment to one source file (its
#      content changes, so a content-keyed cache must redo that file and
#      only that file); the file is restored afterwards.
# Without the ctxloss binary ($CTXLOSS_BIN, default build/bin/ctxloss) it
# prints "pending: ..." and exits 0: the driver has not landed yet.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FLOOR_CHECKS='-*,readability-avoid-unconditional-preprocessor-if'
SMOKE=0
case ${1:-} in
--smoke) SMOKE=1 && shift ;;
-*) die "usage: $0 [--smoke] [PROJECT]" ;;
esac
project=${1:-rocksdb}

if [[ ! -x $CTXLOSS ]]; then
  echo "pending: no ctxloss driver at $CTXLOSS (the whole-program figure needs it)"
  exit 0
fi
install_packages time
need_plugin

OUT=$CACHE/results/wholeprogram
src_db=$(project_db "$project")
if ((SMOKE)); then
  OUT=$CACHE/smoke/results/wholeprogram
  project=smoke
  src_db=$(smoke_gen_db)
fi
[[ -s $src_db/compile_commands.json ]] ||
  die "no compile database for $project: run bench/fetch.sh first"
rm -rf "$OUT" && mkdir -p "$OUT/db"
cp "$src_db/compile_commands.json" "$OUT/db/"
DB=$OUT/db
ntu=$(db_files "$DB" | wc -l)

timed() { # NAME CMD...: runs CMD, logs to OUT/NAME.log, prints a result row
  local name=$1 t=$OUT/$1.time rc=0
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$OUT/$name.log" 2>&1 || rc=$?
  read -r wall user sys rss <"$t"
  printf '| %s | %s | %.1f | %.1f | %d | %s |\n' "$name" "$rc" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
    "$((rss / 1024))" "$(grep -c ': warning: .*\[context-' "$OUT/$name.log" || true)"
}

echo "$project: $ntu TUs"
echo "| run | exit | wall s | CPU s | peak RSS MB (largest process) | context-* warnings |"
echo "|---|---:|---:|---:|---:|---:|"
timed run-clang-tidy-floor nice -n 10 run-clang-tidy-22 -quiet -j 2 -p "$DB" \
  -clang-tidy-binary "$(command -v "$CLANG_TIDY")" -load "$PLUGIN" \
  -checks="$FLOOR_CHECKS"
timed ctxloss-cold nice -n 10 "$CTXLOSS" -p "$DB" -j2 --stats
# One file edited: the largest source file (most likely to matter).
victim=$(db_files "$DB" | xargs ls -S | head -n1)
cp -p "$victim" "$OUT/victim.orig"
trap 'cp -p "$OUT/victim.orig" "$victim"' EXIT
echo "// edited by bench/wholeprogram.sh" >>"$victim"
timed ctxloss-one-file-edited nice -n 10 "$CTXLOSS" -p "$DB" -j2 --stats
echo
echo "edited: $victim; --stats of each ctxloss run in $OUT/ctxloss-*.log"
