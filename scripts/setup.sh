# shellcheck shell=bash
# Shared by run-example.sh and run-tests.sh (sourced, not run): installs the
# toolchain when something is missing and builds the three artefacts in
# ./build. Every step is skipped quickly when its work is already done.

# Debian 12 packages: the toolchain of docs/install.md plus clang-format-22,
# and the libraries whose real headers the tests compile against (Boost.Asio,
# oneTBB, the thread_pool library, the OpenMP runtime, log4cxx, spdlog and
# Python's C API, Poco Foundation, OpenCV core), the JSON schema validator
# the SARIF test uses, GNU time for the bench/ smoke tests, patch (applies
# --show-fixes diffs), pre-commit (runs .pre-commit-hooks.yaml in
# test/cli/pre-commit.test) and psutil (lit's per-test time limit).
CTXLOSS_PACKAGES=(clang-22 clang-tidy-22 clangd-22 libclang-22-dev llvm-22-dev
                  cmake ninja-build clang-format-22 clang-tools-22
                  libboost-dev libasio-dev libtbb-dev libthread-pool-dev
                  libomp-22-dev liblog4cxx-dev libspdlog-dev python3-dev
                  libpoco-dev libopencv-core-dev python3-jsonschema time patch
                  pre-commit git python3-psutil)

# The SARIF Multitool validates the SARIF log with GitHub's ingestion rules
# (test/cli/sarif-rules.test). It is on npm only: installed, pinned, into
# build/tools, where test/lit.cfg.py finds it, by run-tests.sh only. npm
# itself comes from Debian unless one is already there (a Node.js from
# elsewhere brings its own, and Debian's would conflict with it).
CTXLOSS_SARIF_MULTITOOL_VERSION=5.7.0
# lit, FileCheck and the other LLVM tools (used by run-tests.sh).
# shellcheck disable=SC2034
CTXLOSS_LLVM_BIN=/usr/lib/llvm-22/bin

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

# Installs the packages named (default: CTXLOSS_PACKAGES) that are missing.
install_packages() {
  command -v dpkg >/dev/null || die "dpkg not found: these scripts need Debian 12"
  local missing=() pkg
  (($# > 0)) || set -- "${CTXLOSS_PACKAGES[@]}"
  for pkg in "$@"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "packages: all installed"
    return
  fi
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || die "run as root to install: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

build_ctxloss() {
  if [[ ! -f build/build.ninja ]]; then
    log "configuring build/"
    cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=clang++-22
  fi
  log "building build/"
  ninja -C build
}

install_sarif_multitool() {
  local dir=build/tools/sarif-multitool
  local bin=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  if [[ -f $bin ]] && grep -qs "\"version\": \"$CTXLOSS_SARIF_MULTITOOL_VERSION\"" \
       "$dir/node_modules/@microsoft/sarif-multitool/package.json"; then
    log "sarif-multitool: installed"
    return
  fi
  command -v npm >/dev/null || install_packages npm
  log "installing @microsoft/sarif-multitool@$CTXLOSS_SARIF_MULTITOOL_VERSION into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$CTXLOSS_SARIF_MULTITOOL_VERSION"
  # Its install script, which newer npm versions do not run by default.
  chmod u+x "$bin"
}

setup_ctxloss() {
  install_packages
  build_ctxloss
}
