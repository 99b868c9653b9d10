# shellcheck shell=bash
# Shared by run-example.sh and run-tests.sh (sourced, not run): installs the
# toolchain when something is missing and builds the three artefacts in
# ./build. Every step is skipped quickly when its work is already done.

# Debian 12 packages: the toolchain of docs/install.md plus clang-format-22,
# and the libraries whose real headers the tests compile against (Boost.Asio,
# oneTBB, the thread_pool library, the OpenMP runtime, log4cxx, spdlog and
# Python's C API, Poco Foundation, OpenCV core), the JSON schema validator
# the SARIF test uses, and GNU time for the bench/ smoke tests.
CTXLOSS_PACKAGES=(clang-22 clang-tidy-22 clangd-22 libclang-22-dev llvm-22-dev
                  cmake ninja-build clang-format-22 clang-tools-22
                  libboost-dev libasio-dev libtbb-dev libthread-pool-dev
                  libomp-22-dev liblog4cxx-dev libspdlog-dev python3-dev
                  libpoco-dev libopencv-core-dev python3-jsonschema time)
# lit, FileCheck and the other LLVM tools (used by run-tests.sh).
# shellcheck disable=SC2034
CTXLOSS_LLVM_BIN=/usr/lib/llvm-22/bin

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

install_packages() {
  command -v dpkg >/dev/null || die "dpkg not found: these scripts need Debian 12"
  local missing=() pkg
  for pkg in "${CTXLOSS_PACKAGES[@]}"; do
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

setup_ctxloss() {
  install_packages
  build_ctxloss
}
