#!/usr/bin/env bash
# Background cost of ctxloss-clangd's program summary (docs/clangd.md): the
# first summary of a project and the refresh after editing one file, run
# exactly as tool/ClangdSummary.cpp runs the driver:
#
#   nice -n 19 ctxloss -p DB --quiet -j 1 --cache-dir=CACHE/tu \
#     --write-program-summary=CACHE/program.json
#
#   bench/background-summary.sh SRC DB [N]
#
# SRC is the project's source tree, DB the directory of its
# compile_commands.json. The tree is copied to a scratch directory and the
# database rewritten to point there, so that the edit (a comment appended to
# one source file, which changes its content hash and so its cache entry)
# never touches the corpus. With N, the database is cut to N entries taken
# evenly over it (a subset, for a machine where the whole project does not
# fit in the time at hand; the script says so in its output). Prints one
# tab-separated line per run (wall, user+sys CPU, max RSS), with the load
# average before and after: the runs are at nice 19, so on a busy machine
# the wall time is mostly waiting.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
(($# >= 2)) || die "usage: $0 SRC DB [N]"
src=$(cd "$1" && pwd) db=$(cd "$2" && pwd) subset=${3:-}
[[ -x $CTXLOSS ]] || die "no $CTXLOSS: build first"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -a "$src" "$scratch/src"
mkdir -p "$scratch/db"
python3 - "$db/compile_commands.json" "$scratch/db/compile_commands.json" \
  "$src" "$scratch/src" "$subset" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))
old, new, n = sys.argv[3], sys.argv[4], sys.argv[5]
if n:
    n = int(n)
    step = len(entries) / n
    entries = [entries[int(i * step)] for i in range(n)]
text = json.dumps(entries, indent=1).replace(old + "/", new + "/")
text = text.replace('"' + old + '"', '"' + new + '"')
open(sys.argv[2], "w").write(text)
PY
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
  "$scratch/db/compile_commands.json")
# The file edited: the database's first entry.
edited=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["file"])' \
  "$scratch/db/compile_commands.json")
cache=$scratch/cache
mkdir -p "$cache"
printf 'run\ttus\twall_s\tcpu_s\tmax_rss_mb\tload_before\tload_after\n'
run() {
  local name=$1 before after stats
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  # /usr/bin/time writes its line last on the run's stderr.
  /usr/bin/time -f '%e %U %S %M' nice -n 19 "$CTXLOSS" \
    -p "$scratch/db" --quiet -j 1 --cache-dir="$cache/tu" \
    --write-program-summary="$cache/program.json" \
    >"$scratch/$name.out" 2>"$scratch/$name.err" || true
  stats=$(tail -1 "$scratch/$name.err")
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r wall user sys rss <<<"$stats"
  printf '%s\t%s\t%s\t%.1f\t%.0f\t%s\t%s\n' "$name" "$count" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)" \
    "$before" "$after"
}
run first
echo "// edited by bench/background-summary.sh" >>"$edited"
run refresh
log "summary: $(du -sh "$cache/program.json" | cut -f1), per-TU cache: $(du -sh "$cache/tu" | cut -f1), edited: $edited"
[[ -n $subset ]] && log "SUBSET: $count of $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db/compile_commands.json") entries"
exit 0
