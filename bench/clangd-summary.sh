#!/usr/bin/env bash
# Time to first diagnostic of ctxloss-clangd with and without the program
# summary it keeps in the background (docs/clangd.md), on given TUs:
#
#   bench/clangd-summary.sh SUMMARY DB FILE...
#
# SUMMARY is an existing program summary of the project (as `ctxloss
# --write-program-summary` writes it), DB the directory of its
# compile_commands.json. Three sides, interleaved, `--check` wall time:
#   off      BackgroundSummary: false (today's behaviour)
#   pending  on, no summary yet (the first minutes in a new project)
#   loaded   on, with SUMMARY in place (every later parse)
# `--check` never starts a refresh, so nothing runs over the project. The
# database is copied to a scratch directory, where the summary goes.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
(($# >= 3)) || die "usage: $0 SUMMARY DB FILE..."
summary=$1 db=$2
shift 2
REPS=${REPS:-2}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$db/compile_commands.json" "$scratch/"
for side in off on; do
  mkdir -p "$scratch/xdg-$side/clangd"
  {
    printf 'Diagnostics:\n  ClangTidy:\n    Add: [context-*]\n    FastCheckFilter: None\n'
    [[ $side == off ]] && printf '    CheckOptions:\n      BackgroundSummary: false\n'
  } >"$scratch/xdg-$side/clangd/config.yaml"
done
printf 'file\tside\trep\twall_s\tcontext_warnings\n'
for file in "$@"; do
  for ((r = 1; r <= REPS; r++)); do
    for side in off pending loaded; do
      rm -rf "$scratch/.cache"
      if [[ $side == loaded ]]; then
        mkdir -p "$scratch/.cache/ctxloss"
        cp "$summary" "$scratch/.cache/ctxloss/program.json"
      fi
      xdg=$scratch/xdg-on
      [[ $side == off ]] && xdg=$scratch/xdg-off
      out=$(mktemp)
      start=$(date +%s.%N)
      XDG_CONFIG_HOME=$xdg "$CLANGD" --check="$file" --check-warnings \
        --check-locations=false --clang-tidy --compile-commands-dir="$scratch" \
        >"$out" 2>&1 || true
      end=$(date +%s.%N)
      printf '%s\t%s\t%s\t%.2f\t%s\n' "$file" "$side" "$r" \
        "$(echo "$end - $start" | bc)" "$(grep -c '\[context-' "$out" || true)"
      rm -f "$out"
    done
  done
done
