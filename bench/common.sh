# shellcheck shell=bash
# Shared by the bench/ scripts (sourced, not run): where the corpus cache and
# the tools are, logging, package installation, and the list of projects.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# The corpus lives outside the repository: nothing of it is committed.
CACHE=${CTXLOSS_BENCH_CACHE:-/work/bench-cache}
BUILD=${CTXLOSS_BUILD_DIR:-$REPO_DIR/build}
PLUGIN=$BUILD/lib/libctxloss-tidy.so
CLANGD=$BUILD/bin/ctxloss-clangd
CTXLOSS=${CTXLOSS_BIN:-$BUILD/bin/ctxloss}
CLANG_TIDY=${CLANG_TIDY:-clang-tidy-22}
RESOURCE_DIR=/usr/lib/llvm-22/lib/clang/22
# The real projects: Debian source package names (see fetch.sh).
PROJECTS=(rocksdb log4cxx mold)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

# install_packages PKG...: apt-get install the ones that are missing.
install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "run as root to install: ${missing[*]}"
  log "installing: ${missing[*]}"
  apt-get update -qq -o DPkg::Lock::Timeout=900
  DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}" >/dev/null
}

need_plugin() {
  [[ -f $PLUGIN ]] || die "no $PLUGIN: build first (ninja -C build)"
}

# project_db NAME: the directory holding NAME's compile database, one entry
# per source file (fetch.sh writes it from the build tree's).
project_db() { printf '%s/%s/db\n' "$CACHE" "$1"; }

# dedup_db BUILD_DIR DB_DIR: DB_DIR/compile_commands.json with the first
# entry of each source file only. CMake lists a file once per target that
# compiles it (RocksDB: the static and the shared library), and clang-tidy
# -p analyses a file once per entry.
dedup_db() {
  mkdir -p "$2"
  python3 - "$1/compile_commands.json" "$2/compile_commands.json" <<'PY'
import json, os, sys
seen, out = set(), []
for e in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f not in seen:
        seen.add(f)
        out.append(e)
json.dump(out, open(sys.argv[2], "w"), indent=1)
PY
}

# db_files DB_DIR: the main files of a compile database, one a line, sorted.
db_files() {
  python3 - "$1/compile_commands.json" <<'PY'
import json, os, sys
seen = set()
for e in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f.endswith((".c", ".cc", ".cpp", ".cxx")) and f not in seen:
        seen.add(f)
        print(f)
PY
}

# now_ns: monotonic-enough wall clock in nanoseconds.
now_ns() { date +%s%N; }

# configured_projects: the projects fetch.sh configured, in PROJECTS order
# (fetch.sh's fallbacks stand in for projects it could not fetch).
configured_projects() {
  local p
  for p in rocksdb log4cxx log4cplus mold libtorrent-rasterbar grpc opencv poco; do
    [[ -s $(project_db "$p")/compile_commands.json ]] && echo "$p"
  done
  return 0
}

# smoke_gen_db: writes two small generated TUs (gen_scaling.py, 100 and 200
# functions) and their compile database under CACHE/smoke/gen; prints the
# database's directory. The smoke modes' stand-in for a project.
smoke_gen_db() {
  local gen=$CACHE/smoke/gen n entries=()
  mkdir -p "$gen/db"
  for n in 100 200; do
    python3 "$BENCH_DIR/gen_scaling.py" "$n" "$gen/gen$n.cpp"
    entries+=("{\"directory\": \"$gen\", \"file\": \"gen$n.cpp\",
      \"command\": \"clang++-22 -std=c++17 -c gen$n.cpp\"}")
  done
  (IFS=, && echo "[${entries[*]}]") >"$gen/db/compile_commands.json"
  echo "$gen/db"
}
