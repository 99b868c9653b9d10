#!/usr/bin/env python3
"""Summarises one project's sweep (bench/sweep.sh): reads DIR/tus.tsv and
the per-TU outputs in DIR/tu/, writes DIR/warnings.txt (every context-*
warning once, with its notes, numbered W1, W2, ... for the triage) and
DIR/failures.txt, and prints a summary. Exits 1 if a TU crashed or hung.

    collect.py DIR
"""
import csv
import os
import re
import sys

DIAG = re.compile(r"^(\S+):(\d+):(\d+): (warning|note|error): (.*)$")


def blocks(text):
    """The context-* warnings of one clang-tidy output, each with its notes
    (source excerpts and fix-it lines dropped)."""
    out, cur = [], None
    for line in text.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        kind, msg = m.group(4), m.group(5)
        if kind == "warning":
            cur = [line] if "[context-" in msg else None
            if cur:
                out.append(cur)
        elif kind == "note" and cur is not None:
            cur.append(line)
        else:
            cur = None
    return ["\n".join(b) for b in out]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    with open(os.path.join(d, "tus.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    # Rows are in completion order; DIR/tu/ID.{out,err} are each TU's
    # clang-tidy output, ID its index in the compile database.
    tu_dir = os.path.join(d, "tu")
    outs = {r["id"]: os.path.join(tu_dir, r["id"] + ".out") for r in rows}
    seen, order, where = set(), [], {}
    for idx in sorted(outs, key=int):
        text = open(outs[idx], errors="replace").read()
        for b in blocks(text):
            if b not in seen:
                seen.add(b)
                order.append(b)
            where.setdefault(b, set()).add(idx)
    with open(os.path.join(d, "warnings.txt"), "w") as f:
        for i, b in enumerate(order, 1):
            f.write(f"W{i} (in {len(where[b])} TU(s))\n{b}\n\n")

    status = {}
    for r in rows:
        status.setdefault(r["status"], []).append(r)
    bad = [r for r in rows if r["status"] in ("crash", "hang", "failed")]
    with open(os.path.join(d, "failures.txt"), "w") as f:
        for r in rows:
            if r["status"] == "ok":
                continue
            f.write(f"== {r['status']} (rc {r['rc']}): {r['file']}\n")
            base = os.path.join(tu_dir, r["id"])
            for ext in (".err", ".out"):
                if os.path.exists(base + ext):
                    f.write(open(base + ext, errors="replace").read()[-4000:])
            f.write("\n")

    def num(r, k):
        try:
            return float(r[k])
        except ValueError:
            return 0.0

    cpu = sum(num(r, "cpu_s") for r in rows)
    own = sum(num(r, "check_cpu_s") for r in rows)
    name = os.path.basename(os.path.normpath(d))
    print(f"{name}: {len(rows)} TUs: " + ", ".join(
        f"{k} {len(v)}" for k, v in sorted(status.items())))
    print(f"{name}: {len(order)} distinct context-* warnings "
          f"({sum(num(r, 'warnings') for r in rows):.0f} reported over all TUs)")
    if cpu > own > 0:
        print(f"{name}: context-* own CPU {own:.2f} s of {cpu:.1f} s in all, "
              f"{100 * own / (cpu - own):.2f}% over the rest")
    slow = sorted(rows, key=lambda r: num(r, "check_cpu_s"), reverse=True)[:3]
    for r in slow:
        c = num(r, "cpu_s")
        if c:
            print(f"{name}:   slowest checks: {num(r, 'check_cpu_s'):.3f} s "
                  f"of {c:.1f} s  {r['file']}")
    for r in bad:
        print(f"{name}: {r['status'].upper()}: {r['file']} (rc {r['rc']})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
