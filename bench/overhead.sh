#!/usr/bin/env bash
# Overhead of the context-* checks over the parse, on real translation units:
# the same TUs, in one run, parse-only (A) and with the checks (B), A and B
# interleaved (the order alternates each repetition) so that a change of
# load hits both sides alike. Then an --enable-check-profile pass, optionally
# callgrind instruction counts, and ctxloss-clangd --check on the largest TU
# with and without the checks.
#
#   bench/overhead.sh [--smoke] [--reps N] [--per-project K] [--callgrind K]
#
# The sample: K TUs of each configured project (default 10), evenly spaced in
# the compile database's sorted list. Time is CPU time (user+system) from
# /usr/bin/time: this machine has no hardware counters for perf, and CPU time
# is less sensitive to the other builds on the machine than wall time;
# --callgrind K adds instruction counts (valgrind) for K of the sampled TUs,
# the smallest, which do not depend on load at all.
#
# The parse floor (A) loads the plugin too and enables one preprocessor-only
# upstream check: clang-tidy-22 does not parse at all when no check is
# enabled (--checks='-*' stops with "No checks enabled", even with
# --allow-no-checks). Raw rows go to $CACHE/results/overhead*.tsv.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FLOOR_CHECKS='-*,readability-avoid-unconditional-preprocessor-if'
REPS=5
PER=10
CALLGRIND=0
OUT=$CACHE/results
SMOKE=0
while (($#)); do
  case $1 in
  --smoke) SMOKE=1 REPS=2 OUT=$CACHE/smoke/results ;;
  --reps) REPS=$2 && shift ;;
  --per-project) PER=$2 && shift ;;
  --callgrind) CALLGRIND=$2 && shift ;;
  *) die "usage: $0 [--smoke] [--reps N] [--per-project K] [--callgrind K]" ;;
  esac
  shift
done

install_packages time
((CALLGRIND == 0)) || install_packages valgrind
need_plugin
mkdir -p "$OUT"

# The sample: "DB FILE" lines.
sample=()
if ((SMOKE)); then
  # Two generated TUs with a compile database of their own.
  db=$(smoke_gen_db)
  while read -r f; do sample+=("$db $f"); done < <(db_files "$db")
else
  while read -r p; do
    db=$(project_db "$p")
    mapfile -t files < <(db_files "$db")
    n=${#files[@]}
    k=$((PER < n ? PER : n))
    for ((i = 0; i < k; i++)); do
      sample+=("$db ${files[$((i * n / k))]}")
    done
  done < <(configured_projects)
fi
((${#sample[@]} > 0)) || die "no TU to measure: run bench/fetch.sh first"
log "${#sample[@]} TUs, $REPS repetitions per side"

tidy() { # CHECKS DB FILE [ARGS...]: runs clang-tidy on one TU
  local checks=$1 db=$2 file=$3
  shift 3
  "$CLANG_TIDY" --quiet --load="$PLUGIN" --checks="$checks" \
    --warnings-as-errors='-*' -p "$db" "$@" \
    "$file" >/dev/null 2>&1 || true
}

# measure SIDE DB FILE: prints "cpu_s rss_kb" of one clang-tidy run.
measure() {
  local checks=$FLOOR_CHECKS t
  [[ $1 == checks ]] && checks="$FLOOR_CHECKS,context-*"
  t=$(mktemp)
  /usr/bin/time -q -f '%U %S %M' -o "$t" \
    "$CLANG_TIDY" --quiet --load="$PLUGIN" --checks="$checks" \
    --warnings-as-errors='-*' -p "$2" "$3" \
    >/dev/null 2>&1 || true
  awk '{ print $1 + $2, $3 }' "$t"
  rm -f "$t"
}

# 1. A/B CPU time.
TSV=$OUT/overhead.tsv
printf 'file\tmode\trep\tcpu_s\trss_kb\n' >"$TSV"
for ((r = 1; r <= REPS; r++)); do
  log "repetition $r/$REPS"
  i=0
  for entry in "${sample[@]}"; do
    db=${entry%% *} file=${entry#* }
    # Alternate per TU and per repetition.
    if (((r + i) % 2)); then order="floor checks"; else order="checks floor"; fi
    for side in $order; do
      read -r cpu rss < <(measure "$side" "$db" "$file")
      printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$side" "$r" "$cpu" "$rss" >>"$TSV"
    done
    i=$((i + 1))
  done
done
echo "## A/B CPU time"
python3 "$BENCH_DIR/stats.py" overhead "$TSV"

# 2. The check profile: the context-* checks' own time, per TU.
PROF=$OUT/overhead-profile.tsv
printf 'file\tcheck_cpu_s\tcheck_wall_s\n' >"$PROF"
for entry in "${sample[@]}"; do
  db=${entry%% *} file=${entry#* }
  dir=$(mktemp -d)
  tidy "$FLOOR_CHECKS,context-*" "$db" "$file" --enable-check-profile \
    --store-check-profile="$dir"
  if compgen -G "$dir/*.json" >/dev/null; then
    read -r own wall < <(python3 "$BENCH_DIR/stats.py" checkprof "$dir"/*.json)
    printf '%s\t%s\t%s\n' "$file" "$own" "$wall" >>"$PROF"
  fi
  rm -rf "$dir"
done
echo
echo "## --enable-check-profile (context-* own time against the median parse-only CPU time)"
python3 - "$TSV" "$PROF" <<'PY'
import csv, statistics, sys
floor = {}
for r in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    if r["mode"] == "floor":
        floor.setdefault(r["file"], []).append(float(r["cpu_s"]))
rows = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
fr = [(float(r["check_cpu_s"]) / statistics.median(floor[r["file"]]), r)
      for r in rows if r["file"] in floor]
fr.sort(key=lambda x: x[0])
own = sum(float(r["check_cpu_s"]) for _, r in fr)
tot = sum(statistics.median(floor[r["file"]]) for _, r in fr)
print(f"context-* own CPU: {own:.3f} s over {len(fr)} TUs whose parse-only "
      f"CPU is {tot:.1f} s: {100 * own / tot:.2f}%")
print(f"per TU: median {100 * statistics.median(x for x, _ in fr):.2f}%, "
      f"max {100 * fr[-1][0]:.2f}% ({fr[-1][1]['file']})")
PY

# 3. Instruction counts (optional).
if ((CALLGRIND > 0)); then
  CG=$OUT/overhead-callgrind.tsv
  printf 'file\tfloor_ir\tchecks_ir\n' >"$CG"
  # The K TUs with the smallest parse-only time: callgrind is ~50x slower.
  mapfile -t small < <(awk -F'\t' 'NR > 1 && $2 == "floor" { print $4 "\t" $1 }' \
    "$TSV" | sort -n | awk -F'\t' '!seen[$2]++ { print $2 }' | head -n "$CALLGRIND")
  for file in "${small[@]}"; do
    for entry in "${sample[@]}"; do [[ ${entry#* } == "$file" ]] && db=${entry%% *}; done
    irs=()
    for side in floor checks; do
      checks=$FLOOR_CHECKS
      [[ $side == checks ]] && checks="$FLOOR_CHECKS,context-*"
      out=$(mktemp)
      valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$CLANG_TIDY" --quiet --load="$PLUGIN" --checks="$checks" -p "$db" \
        "$file" >/dev/null 2>"$out" || true
      irs+=("$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out" | tail -n1)")
      rm -f "$out"
    done
    printf '%s\t%s\t%s\n' "$file" "${irs[0]}" "${irs[1]}" >>"$CG"
  done
  echo
  echo "## callgrind instruction counts"
  awk -F'\t' 'NR > 1 && $2 > 0 { printf "%.4f  %s -> %s  %s\n", $3 / $2, $2, $3, $1; f += $2; c += $3 }
    END { if (f) printf "all: %.4f (%+.2f%%)\n", c / f, 100 * (c / f - 1) }' "$CG"
fi

# 4. ctxloss-clangd --check on the largest TU (by parse-only time).
largest=$(awk -F'\t' 'NR > 1 && $2 == "floor" { s[$1] += $4 } END { for (f in s) print s[f] "\t" f }' \
  "$TSV" | sort -gr | head -n1 | cut -f2)
for entry in "${sample[@]}"; do [[ ${entry#* } == "$largest" ]] && db=${entry%% *}; done
cfg=$(mktemp -d)
mkdir -p "$cfg/with/clangd" "$cfg/without/clangd"
printf 'Diagnostics:\n  ClangTidy:\n    Add: [context-*]\n    FastCheckFilter: None\n' \
  >"$cfg/with/clangd/config.yaml"
# Without: no clang-tidy at all (--clang-tidy=false). With: clangd enables
# its own default checks when no .clang-tidy applies; one that enables none,
# at the top of the cache (above every project), leaves exactly context-*.
# Removed on exit.
tidy_cfg=$CACHE/.clang-tidy
[[ -e $tidy_cfg ]] && die "$tidy_cfg exists: not overwriting it"
trap 'rm -rf "$cfg" "$tidy_cfg"' EXIT
printf "Checks: '-*'\n" >"$tidy_cfg"
CG_TSV=$OUT/overhead-clangd.tsv
printf 'side\trep\tcpu_s\trss_kb\twarnings\n' >"$CG_TSV"
for ((r = 1; r <= REPS; r++)); do
  if ((r % 2)); then order="without with"; else order="with without"; fi
  for side in $order; do
    t=$(mktemp) out=$(mktemp)
    tidy_flag=--clang-tidy=false
    [[ $side == with ]] && tidy_flag=--clang-tidy
    XDG_CONFIG_HOME=$cfg/$side /usr/bin/time -f '%U %S %M' -o "$t" \
      "$CLANGD" --check="$largest" --check-warnings --check-locations=false \
      "$tidy_flag" --compile-commands-dir="$db" >"$out" 2>&1 || true
    printf '%s\t%s\t%s\t%s\n' "$side" "$r" "$(awk '{ print $1 + $2 "\t" $3 }' "$t")" \
      "$(grep -c '\[context-' "$out" || true)" >>"$CG_TSV"
    rm -f "$t" "$out"
  done
done
echo
echo "## ctxloss-clangd --check on the largest TU: $largest"
python3 - "$CG_TSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
m = {s: statistics.median(float(r["cpu_s"]) for r in rows if r["side"] == s)
     for s in ("without", "with")}
w = max(int(r["warnings"]) for r in rows if r["side"] == "with")
print(f"median CPU: without checks {m['without']:.2f} s, with context-* "
      f"{m['with']:.2f} s, ratio {m['with'] / m['without']:.4f} "
      f"({100 * (m['with'] / m['without'] - 1):+.2f}%), {w} context-* warnings")
PY
