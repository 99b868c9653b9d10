#!/bin/sh
# Usage: deb-depends.sh DEB ROOT
# ROOT is DEB extracted (dpkg -x). For every shared library that a binary or
# the plugin in ROOT needs (its ELF NEEDED entries), finds the Debian package
# that owns the library on this system (dpkg -S) and checks that DEB's
# Depends names it. Prints one line per package, `ok NAME` or
# `missing NAME (for LIB)`, and exits 1 when one is missing.
set -eu
[ -e "$2/usr/bin/ctxloss" ] || { echo "no $2/usr/bin/ctxloss"; exit 1; }
deb=$1
root=$2
depends=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//')
for elf in "$root"/usr/bin/* "$root"/usr/lib/*.so; do
  for lib in $(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path=$(ldd "$elf" | awk -v l="$lib" '$1 == l { print $3 }')
    [ -n "$path" ] || continue # the dynamic loader itself
    real=$(readlink -f "$path")
    pkg=
    # Debian 12 merges /lib into /usr/lib; dpkg knows one of the spellings.
    for p in "$path" "$real" "${real#/usr}" "/usr$real"; do
      pkg=$(dpkg -S "$p" 2>/dev/null | head -n 1 | cut -d: -f1)
      [ -z "$pkg" ] || break
    done
    if [ -z "$pkg" ]; then
      echo "unowned $lib"
    elif printf '%s\n' "$depends" | grep -qx "$pkg"; then
      echo "ok $pkg"
    else
      echo "missing $pkg (for $lib)"
    fi
  done
done | sort -u > "$root.depends-check"
cat "$root.depends-check"
! grep -q '^missing\|^unowned' "$root.depends-check"
