#!/usr/bin/env bash
# Installs what is missing, builds ctxloss, and runs `ctxloss-tidy` over the
# example service in examples/, printing its warnings. The exit status is
# ctxloss-tidy's (warnings alone do not fail it).
# Usage, from anywhere: bash scripts/run-example.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

setup_ctxloss

# The example's own build gives the compile database the analyzer reads, and
# shows that the example compiles.
if [[ ! -f build/examples/build.ninja ]]; then
  log "configuring build/examples"
  cmake -S examples -B build/examples -G Ninja -DCMAKE_CXX_COMPILER=clang++-22
fi
log "building build/examples"
ninja -C build/examples

log "running: build/bin/ctxloss-tidy -p build/examples examples/*.cpp"
root=$(pwd)
output=$(mktemp)
trap 'rm -f "$output"' EXIT
# Paths are shown relative to the repository. clang-tidy's "N warnings
# generated." lines add up over the files of one run, so they are dropped.
set +e
build/bin/ctxloss-tidy -p build/examples examples/*.cpp 2>&1 |
  sed -e "s|$root/||g" | grep -Ev '^[0-9]+ warnings? generated\.$' |
  tee "$output"
status=${PIPESTATUS[0]}
set -e
warnings=$(grep -c 'warning: .*\[context-' "$output" || true)
echo "ctxloss-tidy: $warnings warnings in examples/"
exit "$status"
