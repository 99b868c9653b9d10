#!/usr/bin/env bash
# Robustness sweep: every context-* check over every translation unit of each
# real project, with a per-TU time limit. Collects crashes, assertion
# failures, hangs (time limit hit), compile errors, the context-* checks' own
# time per TU (--enable-check-profile) and every context-* warning.
#
#   bench/sweep.sh [--smoke] [--jobs N] [--timeout SECONDS] [PROJECT...]
#
# Default: every project fetch.sh configured, 2 jobs, 600 s per TU. Results in
# $CACHE/results/sweep/PROJECT/: tus.tsv (one row per TU), warnings.txt
# (each context-* warning once, with its notes, even when several TUs
# include the header it is in), failures.txt (the output of each crashed,
# hung or failed TU). Exits 1 if any TU crashed or hung.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

JOBS=2
TIMEOUT=600
OUT=$CACHE/results/sweep
SMOKE=0
while (($#)); do
  case $1 in
  --smoke) SMOKE=1 OUT=$CACHE/smoke/results/sweep ;;
  --jobs) JOBS=$2 && shift ;;
  --timeout) TIMEOUT=$2 && shift ;;
  -*) die "usage: $0 [--smoke] [--jobs N] [--timeout S] [PROJECT...]" ;;
  *) break ;;
  esac
  shift
done

install_packages time
need_plugin
if ((SMOKE)); then
  [[ -s $CACHE/smoke/db/compile_commands.json ]] ||
    "$BENCH_DIR/fetch.sh" --smoke >/dev/null
  set -- smoke
elif (($# == 0)); then
  mapfile -t projects < <(configured_projects)
  set -- "${projects[@]}"
  (($# > 0)) || die "no project configured: run bench/fetch.sh first"
fi

# sweep_tu DB DIR INDEX FILE: one TU; prints its tus.tsv row.
sweep_tu() {
  local db=$1 dir=$2 id=$3 file=$4 rc=0 status=ok
  local base=$dir/tu/$id
  mkdir -p "$base.prof"
  timeout -k 10 "$TIMEOUT" /usr/bin/time -f '%e %U %S %M' -o "$base.time" \
    "$CLANG_TIDY" --quiet --load="$PLUGIN" --checks='-*,context-*' -p "$db" \
    --enable-check-profile --store-check-profile="$base.prof" "$file" \
    >"$base.out" 2>"$base.err" || rc=$?
  if ((rc == 124 || rc == 137)); then
    status=hang
  elif grep -qE 'Stack dump|Assertion .* failed|LLVM ERROR|PLEASE submit a bug report' \
    "$base.out" "$base.err" || ((rc > 128)); then
    status=crash
  elif grep -q ': error: ' "$base.out" "$base.err"; then
    status=compile-error
  elif ((rc != 0)); then
    status=failed
  fi
  local wall=- user=0 sys=0 rss=- own="- -"
  if [[ -s $base.time ]] && [[ $(head -c1 "$base.time") =~ [0-9] ]]; then
    read -r wall user sys rss <"$base.time"
  fi
  if compgen -G "$base.prof/*.json" >/dev/null; then
    own=$(python3 "$BENCH_DIR/stats.py" checkprof "$base.prof"/*.json)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$file" "$status" "$rc" \
    "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
    "$rss" "$(grep -c ': warning: .*\[context-' "$base.out" || true)" \
    "${own% *}" "${own#* }"
}
export -f sweep_tu
export CLANG_TIDY PLUGIN TIMEOUT BENCH_DIR

bad=0
dirs=()
for project in "$@"; do
  db=$(project_db "$project")
  [[ $project == smoke ]] && db=$CACHE/smoke/db
  dir=$OUT/$project
  rm -rf "$dir" && mkdir -p "$dir/tu"
  mapfile -t files < <(db_files "$db")
  log "$project: ${#files[@]} TUs, $JOBS jobs, ${TIMEOUT}s limit"
  printf 'id\tfile\tstatus\trc\twall_s\tcpu_s\trss_kb\twarnings\tcheck_cpu_s\tcheck_wall_s\n' \
    >"$dir/tus.tsv"
  for i in "${!files[@]}"; do printf '%s\t%s\n' "$i" "${files[$i]}"; done |
    xargs -P "$JOBS" -L 1 bash -c 'sweep_tu "$0" "$1" "$2" "$3"' "$db" "$dir" \
      >>"$dir/tus.tsv"
  python3 "$BENCH_DIR/collect.py" "$dir" || bad=1
  dirs+=("$dir")
done
echo
python3 "$BENCH_DIR/stats.py" sweep "${dirs[@]}"
exit "$bad"
