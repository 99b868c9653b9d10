#!/usr/bin/env bash
# Scaling: generated translation units of 1k, 10k and 100k functions
# (gen_scaling.py), each run parse-only and with the context-* checks,
# interleaved, several times; reports median time and peak memory per size
# and the ratio from one size to the next (linear is about 10x).
#
#   bench/scaling.sh [--smoke] [--reps N] [--sizes "1000 10000 100000"]
#
# Time is CPU time (user+system) of the whole clang-tidy process, measured
# with /usr/bin/time, which also gives the peak resident set size. The parse
# floor loads the plugin and enables one preprocessor-only upstream check,
# because clang-tidy-22 does not parse at all with --checks='-*' ("No checks
# enabled", even with --allow-no-checks). Raw rows go to
# $CACHE/results/scaling.tsv.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FLOOR_CHECKS='-*,readability-avoid-unconditional-preprocessor-if'
SIZES="1000 10000 100000"
REPS=3
OUT=$CACHE/results
while (($#)); do
  case $1 in
  --smoke) SIZES="100 200" REPS=1 OUT=$CACHE/smoke/results ;;
  --reps) REPS=$2 && shift ;;
  --sizes) SIZES=$2 && shift ;;
  *) die "usage: $0 [--smoke] [--reps N] [--sizes LIST]" ;;
  esac
  shift
done

install_packages time
need_plugin
mkdir -p "$OUT" "$CACHE/scaling"
TSV=$OUT/scaling.tsv
printf 'size\tmode\trep\twall_s\tcpu_s\trss_kb\twarnings\tcheck_cpu_s\tcheck_wall_s\n' \
  >"$TSV"

run_one() { # SIZE MODE REP FILE
  local checks=$FLOOR_CHECKS t out prof profile=(--enable-check-profile)
  t=$(mktemp) out=$(mktemp) prof=$(mktemp -d)
  profile+=(--store-check-profile="$prof")
  if [[ $2 == checks ]]; then
    checks="$FLOOR_CHECKS,context-*"
  fi
  # Both sides profile (the profiler's own cost is on both sides); the
  # profile gives the context-* checks' own time, matchers included.
  /usr/bin/time -f '%e %U %S %M' -o "$t" \
    "$CLANG_TIDY" --quiet --load="$PLUGIN" --checks="$checks" "${profile[@]}" \
    "$4" -- -std=c++17 >"$out" 2>/dev/null || true
  read -r wall user sys rss <"$t"
  local own="0 0"
  if [[ $2 == checks ]]; then
    own=$(python3 "$BENCH_DIR/stats.py" checkprof "$prof"/*.json)
  fi
  rm -rf "$prof"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$rss" \
    "$(grep -c ': warning: .*\[context-' "$out" || true)" \
    "${own% *}" "${own#* }" >>"$TSV"
  rm -f "$t" "$out"
}

for size in $SIZES; do
  file=$CACHE/scaling/gen$size.cpp
  python3 "$BENCH_DIR/gen_scaling.py" "$size" "$file"
  log "size $size: $(wc -l <"$file") lines, $REPS reps"
  for ((r = 1; r <= REPS; r++)); do
    # Alternate which side runs first, so drifting load hits both alike.
    if ((r % 2)); then order="floor checks"; else order="checks floor"; fi
    for mode in $order; do run_one "$size" "$mode" "$r" "$file"; done
  done
done
python3 "$BENCH_DIR/stats.py" scaling "$TSV"
