#!/usr/bin/env python3
"""Turns the benchmark scripts' raw tables (TSV) into the figures of
bench/RESULTS.md, printed as Markdown tables.

    stats.py scaling  scaling.tsv
    stats.py overhead overhead.tsv
    stats.py checkprof PROFILE.json...   (from --store-check-profile)
    stats.py sweep SWEEP_DIR...          (bench/sweep.sh's per-project dirs)

checkprof prints, per JSON file, the context-* checks' CPU (user+system)
and wall seconds, summed over the checks: "cpu wall".
"""
import csv
import statistics
import sys


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def med(values):
    return statistics.median(values) if values else float("nan")


def ratio(a, b):
    """a / b as 'N.Nx', or 'n/a' when b is within noise of zero."""
    return f"{a / b:.1f}x" if b > 0.5 else "n/a (below noise)"


def scaling(path):
    data = rows(path)
    sizes = sorted({int(r["size"]) for r in data})
    by = {}
    for r in data:
        by.setdefault((int(r["size"]), r["mode"]), []).append(r)
    print("| functions | parse-only CPU s | with checks CPU s | difference "
          "| checks' own CPU s (profile) | own / parse-only "
          "| parse-only RSS MB | with checks RSS MB | warnings |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    summary = []
    for s in sizes:
        f = by.get((s, "floor"), [])
        c = by.get((s, "checks"), [])
        ft = med([float(r["cpu_s"]) for r in f])
        ct = med([float(r["cpu_s"]) for r in c])
        fm = med([int(r["rss_kb"]) for r in f]) / 1024
        cm = med([int(r["rss_kb"]) for r in c]) / 1024
        own = med([float(r["check_cpu_s"]) for r in c])
        w = c[0]["warnings"] if c else "-"
        print(f"| {s} | {ft:.2f} | {ct:.2f} | {ct - ft:+.2f} | {own:.3f} | "
              f"{100 * own / ft:.2f}% | {fm:.0f} | {cm:.0f} | {w} |")
        if prev:
            ps, pft, pct, pown, pfm, pcm = prev
            summary.append(
                f"| {ps} -> {s} ({s / ps:.0f}x) | {ft / pft:.1f}x | "
                f"{ct / pct:.1f}x | {own / pown:.1f}x | "
                f"{cm / pcm:.1f}x | {ratio(cm - fm, pcm - pfm)} |")
        prev = (s, ft, ct, own, fm, cm)
    if summary:
        print()
        print("| sizes | parse-only time | with checks time | checks' own "
              "time (profile) | with checks memory | checks' added memory |")
        print("|---|---:|---:|---:|---:|---:|")
        print("\n".join(summary))


def overhead(path):
    data = rows(path)
    by = {}
    for r in data:
        by.setdefault(r["file"], {}).setdefault(r["mode"], []).append(
            float(r["cpu_s"]))
    ratios = []
    per_tu = []
    for f, modes in sorted(by.items()):
        if not modes.get("floor") or not modes.get("checks"):
            continue
        ft, ct = med(modes["floor"]), med(modes["checks"])
        ratios.append(ct / ft)
        per_tu.append((ct / ft, ft, ct, f))
    if not ratios:
        sys.exit("no complete A/B pairs")
    ratios.sort()
    q = statistics.quantiles(ratios, n=10, method="inclusive") if len(ratios) > 1 else ratios * 9
    tot_f = sum(p[1] for p in per_tu)
    tot_c = sum(p[2] for p in per_tu)
    print(f"TUs: {len(ratios)}, repetitions per side: "
          f"{max(len(m['floor']) for m in by.values())}")
    print(f"median per-TU ratio (checks / parse-only): {med(ratios):.4f} "
          f"({100 * (med(ratios) - 1):+.2f}%)")
    print(f"spread: min {ratios[0]:.4f}, p10 {q[0]:.4f}, p90 {q[-1]:.4f}, "
          f"max {ratios[-1]:.4f}")
    print(f"total CPU: parse-only {tot_f:.1f} s, with checks {tot_c:.1f} s, "
          f"ratio {tot_c / tot_f:.4f} ({100 * (tot_c / tot_f - 1):+.2f}%)")
    print("highest ratios:")
    for r, ft, ct, f in sorted(per_tu, reverse=True)[:5]:
        print(f"  {r:.4f}  {ft:.2f} s -> {ct:.2f} s  {f}")


def checkprof(paths):
    import json
    for path in paths:
        prof = json.load(open(path))["profile"]
        cpu = wall = 0.0
        for key, value in prof.items():
            parts = key.split(".")
            if len(parts) < 4 or not parts[2].startswith("context-"):
                continue
            if parts[-1] == "wall":
                wall += value
            elif parts[-1] in ("user", "sys"):
                cpu += value
        print(f"{cpu:.4f} {wall:.4f}")


def sweep(dirs):
    """The context-* checks' own CPU time (check profile) against the rest
    of each clang-tidy run, over every TU of each sweep."""
    print("| project | TUs | status | CPU s in all | context-* own CPU s "
          "| own / rest | per-TU median | p90 | max | max RSS MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    every = []
    tot_cpu = tot_own = 0.0
    for d in dirs:
        data = rows(f"{d}/tus.tsv")
        cpu = sum(float(r["cpu_s"]) for r in data)
        own = sum(float(r["check_cpu_s"]) for r in data)
        per = sorted(float(r["check_cpu_s"]) /
                     (float(r["cpu_s"]) - float(r["check_cpu_s"]))
                     for r in data)
        every += per
        tot_cpu += cpu
        tot_own += own
        status = {}
        for r in data:
            status[r["status"]] = status.get(r["status"], 0) + 1
        q = statistics.quantiles(per, n=10, method="inclusive")
        name = d.rstrip("/").split("/")[-1]
        print(f"| {name} | {len(data)} | "
              + ", ".join(f"{k} {v}" for k, v in sorted(status.items()))
              + f" | {cpu:.1f} | {own:.2f} | {100 * own / (cpu - own):.2f}% "
              f"| {100 * med(per):.2f}% | {100 * q[-1]:.2f}% "
              f"| {100 * per[-1]:.2f}% "
              f"| {max(int(r['rss_kb']) for r in data) // 1024} |")
    every.sort()
    q = statistics.quantiles(every, n=10, method="inclusive")
    print(f"| all | {len(every)} | | {tot_cpu:.1f} | {tot_own:.2f} | "
          f"{100 * tot_own / (tot_cpu - tot_own):.2f}% | "
          f"{100 * med(every):.2f}% | {100 * q[-1]:.2f}% | "
          f"{100 * every[-1]:.2f}% | |")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "checkprof":
        checkprof(sys.argv[2:])
        return
    if len(sys.argv) >= 3 and sys.argv[1] == "sweep":
        sweep(sys.argv[2:])
        return
    if len(sys.argv) != 3 or sys.argv[1] not in ("scaling", "overhead"):
        sys.exit(__doc__)
    {"scaling": scaling, "overhead": overhead}[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
