#!/usr/bin/env bash
# Fetches the real-code corpus -- Debian source packages of large threaded C++
# projects -- into a cache outside the repository, installs what they need to
# configure, and configures each one to get a compile_commands.json.
#
#   bench/fetch.sh [--smoke] [PROJECT...]     (default: rocksdb log4cxx mold)
#
# Projects: rocksdb, log4cxx (falls back to log4cplus), mold (falls back to
# libtorrent-rasterbar), and, named explicitly, grpc, opencv, poco (each
# restricted to the part measured: see KEEP below).
#
# Cache: $CTXLOSS_BENCH_CACHE (default /work/bench-cache), one directory per
# project: CACHE/NAME/src (the unpacked source), CACHE/NAME/build (the
# configured tree) and CACHE/NAME/db (its compile_commands.json with one
# entry per source file, which the other scripts use). Nothing is built: configuring
# is enough for the checks, which only parse. A project already configured is
# skipped. --smoke configures examples/ instead (no network, seconds).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# What each project needs to configure (its Debian Build-Depends, less the
# packaging tools), with clang-22 as the compiler so that the compile
# commands are clang's.
declare -A DEPS=(
  [rocksdb]="libgflags-dev libsnappy-dev libbz2-dev zlib1g-dev liblz4-dev libzstd-dev"
  [log4cxx]="libapr1-dev libaprutil1-dev zip"
  [mold]="libtbb-dev libmimalloc-dev libxxhash-dev libssl-dev zlib1g-dev pkg-config"
  [libtorrent-rasterbar]="libboost-dev libboost-system-dev libssl-dev"
  [log4cplus]=""
  [grpc]="libabsl-dev libc-ares-dev libprotobuf-dev protobuf-compiler libprotoc-dev libre2-dev libssl-dev zlib1g-dev"
  [opencv]="zlib1g-dev"
  [poco]="libpcre3-dev zlib1g-dev"
)
# A project whose source cannot be fetched is replaced by one of the same
# kind. Debian 12's log4cxx 1.0.0-1+deb12u1 lists an orig tarball that the
# archive does not have (404): log4cplus has the same design (MDC, NDC,
# an async appender on a thread pool). mold's orig tarball is missing as
# well: libtorrent-rasterbar is as large and threaded (Boost.Asio, disk I/O
# thread pools).
declare -A FALLBACK=([log4cxx]=log4cplus [mold]=libtorrent-rasterbar)
# CMake options: the library and its own programs, not the test suites
# (they would triple the corpus with gtest code).
declare -A CMAKE_ARGS=(
  [rocksdb]="-DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF -DWITH_TOOLS=ON -DWITH_GFLAGS=ON -DWITH_SNAPPY=ON -DWITH_LZ4=ON -DWITH_ZSTD=ON -DWITH_ZLIB=ON -DWITH_BZ2=ON -DFAIL_ON_WARNINGS=OFF -DPORTABLE=ON -DUSE_RTTI=ON"
  [log4cxx]="-DBUILD_TESTING=OFF"
  [mold]="-DMOLD_USE_SYSTEM_TBB=ON -DMOLD_USE_SYSTEM_MIMALLOC=ON -DBUILD_TESTING=OFF"
  [log4cplus]="-DLOG4CPLUS_BUILD_TESTING=OFF -DWITH_UNIT_TESTS=OFF"
  [libtorrent-rasterbar]="-Dpython-bindings=OFF -Dbuild_tests=OFF -Dbuild_examples=ON -Dbuild_tools=ON"
  # gRPC against Debian's own abseil, c-ares, protobuf, OpenSSL, RE2, zlib
  # (as debian/rules does).
  [grpc]="-DgRPC_BUILD_TESTS=OFF -DgRPC_ABSL_PROVIDER=package -DgRPC_CARES_PROVIDER=package -DgRPC_PROTOBUF_PROVIDER=package -DgRPC_SSL_PROVIDER=package -DgRPC_RE2_PROVIDER=package -DgRPC_ZLIB_PROVIDER=package -DgRPC_BACKWARDS_COMPATIBILITY_MODE=OFF"
  # OpenCV's core module only. Debian's +dfsg source has no 3rdparty/:
  # everything that would build from there is off.
  [opencv]="-DBUILD_LIST=core -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_opencv_apps=OFF -DBUILD_JAVA=OFF -DBUILD_opencv_python3=OFF -DWITH_TIFF=OFF -DWITH_WEBP=OFF -DWITH_OPENJPEG=OFF -DWITH_JASPER=OFF -DWITH_PNG=OFF -DWITH_JPEG=OFF -DWITH_OPENEXR=OFF -DWITH_ITT=OFF -DWITH_PROTOBUF=OFF -DWITH_QUIRC=OFF -DWITH_ADE=OFF -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_GTK=OFF -DWITH_VTK=OFF -DWITH_EIGEN=OFF -DWITH_LAPACK=OFF -DWITH_IPP=OFF -DWITH_OPENCL=OFF -DWITH_TBB=OFF -DWITH_OPENMP=OFF"
  # Poco's Foundation and Net only, against the system PCRE and zlib (as
  # debian/rules does: POCO_UNBUNDLED).
  [poco]="-DPOCO_UNBUNDLED=ON -DENABLE_TESTS=OFF -DENABLE_FOUNDATION=ON -DENABLE_NET=ON -DENABLE_ACTIVERECORD=OFF -DENABLE_ACTIVERECORD_COMPILER=OFF -DENABLE_APACHECONNECTOR=OFF -DENABLE_CPPPARSER=OFF -DENABLE_CRYPTO=OFF -DENABLE_DATA=OFF -DENABLE_DATA_MYSQL=OFF -DENABLE_DATA_ODBC=OFF -DENABLE_DATA_POSTGRESQL=OFF -DENABLE_DATA_SQLITE=OFF -DENABLE_ENCODINGS=OFF -DENABLE_ENCODINGS_COMPILER=OFF -DENABLE_JSON=OFF -DENABLE_JWT=OFF -DENABLE_MONGODB=OFF -DENABLE_NETSSL=OFF -DENABLE_NETSSL_WIN=OFF -DENABLE_PAGECOMPILER=OFF -DENABLE_PAGECOMPILER_FILE2PAGE=OFF -DENABLE_PDF=OFF -DENABLE_POCODOC=OFF -DENABLE_REDIS=OFF -DENABLE_SEVENZIP=OFF -DENABLE_UTIL=OFF -DENABLE_XML=OFF -DENABLE_ZIP=OFF"
)
# The part of a project that is measured: a regular expression over the
# source files' paths relative to CACHE/NAME (so src/... or build/... for
# generated sources). Projects without an entry keep every TU.
declare -A KEEP=(
  [grpc]='^src/src/(core/lib|cpp/(server|common|client))/'
  [opencv]='^(src|build)/modules/core/'
  [poco]='^src/(Foundation|Net)/src/'
)
# ... less these (same form). gRPC's channelz service includes generated
# *.grpc.pb.h headers that configuring does not write.
declare -A DROP=(
  [grpc]='^src/src/cpp/server/channelz/'
)
# Flags added to every command of a project, right after the compiler.
# clang 22 rejects gRPC's src/core/lib/promise/detail/basic_seq.h:480
# ("a template argument list is expected after a name prefixed by the
# template keyword", an error by default since clang 20) without this.
declare -A EXTRA_FLAGS=(
  [grpc]='-Wno-missing-template-arg-list-after-template-kw'
)
# Build targets that generate headers the kept TUs include (configuring
# alone does not write them). OpenCV's core sources include the generated
# opencl_kernels_core.hpp even with WITH_OPENCL=OFF.
declare -A GEN_TARGETS=(
  [opencv]='modules/core/opencl_kernels_core.cpp'
)

ensure_deb_src() {
  grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list &&
    return 0
  local src=/etc/apt/sources.list.d/debian.sources
  [[ -f $src ]] || die "no deb-src entry and no $src to copy one from"
  log "adding deb-src entries (from $src)"
  sed 's/^Types: deb$/Types: deb-src/' "$src" \
    >/etc/apt/sources.list.d/debian-src.sources
  apt-get update -qq -o DPkg::Lock::Timeout=900
}

configure() { # NAME SRC BUILD ARGS...
  local name=$1 src=$2 build=$3
  shift 3
  log "$name: configuring into $build"
  CC=clang-22 CXX=clang++-22 cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "$@" \
    >"$build.configure.log" 2>&1 ||
    die "$name: cmake failed, see $build.configure.log"
  [[ -s $build/compile_commands.json ]] ||
    die "$name: no compile_commands.json in $build"
  if [[ -n ${GEN_TARGETS[$name]:-} ]]; then
    log "$name: generating ${GEN_TARGETS[$name]}"
    # shellcheck disable=SC2086
    nice -n 10 ninja -C "$build" -j1 ${GEN_TARGETS[$name]} \
      >>"$build.configure.log" 2>&1 ||
      die "$name: ninja ${GEN_TARGETS[$name]} failed, see $build.configure.log"
  fi
  dedup_db "$build" "$(dirname "$build")/db"
  restrict_db "$(dirname "$build")" "${KEEP[$name]:-}" "${DROP[$name]:-}" \
    "${EXTRA_FLAGS[$name]:-}"
  log "$name: $(db_files "$(dirname "$build")/db" | wc -l) translation units"
}

# restrict_db DIR KEEP DROP FLAGS: rewrites DIR/db/compile_commands.json to
# the entries whose file (relative to DIR) matches KEEP and not DROP (empty:
# no restriction), with FLAGS (space-separated) added after the compiler.
restrict_db() {
  python3 - "$@" <<'PY'
import json, os, re, shlex, sys
top, keep, drop, flags = sys.argv[1:5]
db = os.path.join(top, "db", "compile_commands.json")
flags = flags.split()
out = []
for e in json.load(open(db)):
    f = os.path.relpath(
        os.path.normpath(os.path.join(e["directory"], e["file"])), top)
    if keep and not re.search(keep, f):
        continue
    if drop and re.search(drop, f):
        continue
    if flags:
        if "arguments" in e:
            e["arguments"][1:1] = flags
        else:
            cc, _, rest = e["command"].partition(" ")
            e["command"] = " ".join([cc] + [shlex.quote(x) for x in flags] + [rest])
    out.append(e)
json.dump(out, open(db, "w"), indent=1)
PY
}

fetch_project() {
  local name=$1 dir=$CACHE/$1
  if [[ -s $dir/db/compile_commands.json ]]; then
    log "$name: already configured ($dir/build)"
    return
  fi
  [[ -v DEPS[$name] ]] || die "unknown project '$name'"
  mkdir -p "$dir"
  if [[ ! -d $dir/src ]]; then
    log "$name: apt-get source"
    rm -rf "$dir/pkg" && mkdir -p "$dir/pkg"
    # --only-source: NAME is the source package, never a binary's name.
    if ! (cd "$dir/pkg" && apt-get source -qq --only-source "$name") >&2; then
      rm -rf "$dir"
      [[ -n ${FALLBACK[$name]:-} ]] || die "$name: apt-get source failed"
      log "$name: apt-get source failed; using ${FALLBACK[$name]} instead"
      fetch_project "${FALLBACK[$name]}"
      return
    fi
    local unpacked
    unpacked=$(find "$dir/pkg" -mindepth 1 -maxdepth 1 -type d | head -n1)
    [[ -n $unpacked ]] || die "$name: nothing unpacked in $dir/pkg"
    mv "$unpacked" "$dir/src"
    basename "$unpacked" >"$dir/version"
  fi
  # shellcheck disable=SC2086
  install_packages ${DEPS[$name]}
  # shellcheck disable=SC2086
  configure "$name" "$dir/src" "$dir/build" ${CMAKE_ARGS[$name]}
}

smoke() {
  # The example service stands in for a project: same layout, same steps,
  # no download.
  local dir=$CACHE/smoke
  mkdir -p "$dir"
  rm -rf "$dir/build"
  ln -sfn "$REPO_DIR/examples" "$dir/src"
  configure smoke "$REPO_DIR/examples" "$dir/build"
  echo "smoke: $(db_files "$dir/build" | wc -l) TUs in $dir/build"
}

main() {
  if [[ ${1:-} == --smoke ]]; then
    smoke
    return
  fi
  (($# > 0)) || set -- "${PROJECTS[@]}"
  install_packages dpkg-dev cmake ninja-build clang-22 time
  ensure_deb_src
  local p
  for p in "$@"; do fetch_project "$p"; done
  for p in "${!DEPS[@]}"; do
    [[ -s $(project_db "$p")/compile_commands.json ]] || continue
    echo "$p: $(cat "$CACHE/$p/version") $(db_files "$(project_db "$p")" | wc -l) TUs"
  done
}

main "$@"
