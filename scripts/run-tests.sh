#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole lit suite. The exit
# status is lit's. Usage, from anywhere: bash scripts/run-tests.sh [lit args]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

setup_ctxloss
install_sarif_multitool

log "running the lit suite in build/test"
# lit's own summary ("Passed: N", "Failed Tests (N):") is the result; its
# exit status is ours.
exec "$CTXLOSS_LLVM_BIN/lit" -sv "$@" build/test
