#!/usr/bin/env bash
# Whole program: the ctxloss driver over a real compile database against
# the parse floor of run-clang-tidy over the same database, both with 2 jobs;
# then a second ctxloss run, on its cache, after one file is edited.
#
#   bench/wholeprogram.sh [--smoke] [--resume] [PROJECT]   (default: rocksdb)
#
# Runs, in order (wall and CPU time from /usr/bin/time):
#   1. run-clang-tidy-22 -j2 with the parse floor's checks (clang-tidy-22
#      does not parse with -checks=-*: see overhead.sh);
#   2. ctxloss -p DB -j2 --stats, cold: DB is a fresh copy of the project's
#      compile database, so no cache of an earlier run applies;
#   3. the same again after appending a comment to one source file (its
#      content changes, so a content-keyed cache must redo that file and
#      only that file); the file is restored afterwards.
# --resume keeps the runs an interrupted invocation finished (their logs and
# times in the results directory) and does only the others.
# Without the ctxloss binary ($CTXLOSS_BIN, default build/bin/ctxloss) it
# prints "pending: ..." and exits 0: the driver has not landed yet.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FLOOR_CHECKS='-*,readability-avoid-unconditional-preprocessor-if'
SMOKE=0
RESUME=0
while [[ ${1:-} == -* ]]; do
  case $1 in
  --smoke) SMOKE=1 ;;
  --resume) RESUME=1 ;;
  *) die "usage: $0 [--smoke] [--resume] [PROJECT]" ;;
  esac
  shift
done
project=${1:-rocksdb}

if [[ ! -x $CTXLOSS ]]; then
  echo "pending: no ctxloss driver at $CTXLOSS (the whole-program figure needs it)"
  exit 0
fi
install_packages time
need_plugin

OUT=$CACHE/results/wholeprogram-$project
src_db=$(project_db "$project")
if ((SMOKE)); then
  OUT=$CACHE/smoke/results/wholeprogram
  project=smoke
  src_db=$(smoke_gen_db)
fi
[[ -s $src_db/compile_commands.json ]] ||
  die "no compile database for $project: run bench/fetch.sh first"
if ((!RESUME)) || [[ ! -s $OUT/db/compile_commands.json ]]; then
  rm -rf "$OUT" && mkdir -p "$OUT/db"
  cp "$src_db/compile_commands.json" "$OUT/db/"
fi
DB=$OUT/db
ntu=$(db_files "$DB" | wc -l)

timed() { # NAME CMD...: runs CMD, logs to OUT/NAME.log, prints a result row
  local name=$1 t=$OUT/$1.time rc=0
  shift
  if ((RESUME)) && [[ -s $t ]]; then
    rc=$(cat "$OUT/$name.rc")
  else
    /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$OUT/$name.log" 2>&1 || rc=$?
    echo "$rc" >"$OUT/$name.rc"
  fi
  # time(1) puts "Command exited with non-zero status N" first.
  read -r wall user sys rss < <(tail -n1 "$t")
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
timed ctxloss-cold nice -n 10 "$CTXLOSS" -p "$DB" -j2 --checks='-*,context-*' --stats
# One file edited: the largest source file (most likely to matter).
victim=$(db_files "$DB" | xargs stat -c '%s %n' | sort -nr | awk 'NR == 1 { print $2 }')
[[ -e $OUT/victim.orig ]] || cp -p "$victim" "$OUT/victim.orig"
trap 'cp -p "$OUT/victim.orig" "$victim"' EXIT
echo "// edited by bench/wholeprogram.sh" >>"$victim"
timed ctxloss-one-file-edited nice -n 10 "$CTXLOSS" -p "$DB" -j2 --checks='-*,context-*' --stats
echo
echo "edited: $victim; --stats of each ctxloss run in $OUT/ctxloss-*.log"
