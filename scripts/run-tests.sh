#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole lit suite. The exit
# status is lit's. Usage, from anywhere: bash scripts/run-tests.sh [lit args]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

setup_ctxloss

log "running the lit suite in build/test"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
status=0
"$CTXLOSS_LLVM_BIN/lit" -sv "$@" build/test | tee "$summary" || status=$?

# One plain closing line, whatever lit's own summary looks like.
count() {
  sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$summary" | head -n 1 | grep . || echo 0
}
passed=$(($(count 'Passed') + $(count 'Expectedly Failed')))
failed=$(($(count 'Failed') + $(count 'Unresolved') + $(count 'Timed Out') +
          $(count 'Unexpectedly Passed')))
skipped=$(($(count 'Unsupported') + $(count 'Excluded') + $(count 'Skipped')))
echo "lit: $passed passed, $failed failed, $skipped skipped"
exit "$status"
