#!/usr/bin/env python3
"""Counts what the engine sees in a project: context keys and spawn sites.

    bench/keys.py [--list] PATH...

Each PATH is a ctxloss cache directory (its per-TU entries, `<hash>.json`,
each `{"dependencies": [...], "summary": {...}}`), one such entry, or a
merged program summary (`ctxloss --write-program-summary FILE`): see
checks/analysis/SummaryFile.h for the format. The summaries are merged as
`summary::merge` merges them (a key or function already seen is kept), and
then:

- keys: the distinct `var:` keys (thread-local variables) and `profile:`
  keys;
- context keys: the `var:` keys the engine's default inference treats as
  context, as `Linker::isContext` decides (annotated, or written outside its
  initializer in one function and read in another; `ContextVariables` and
  `IgnoredVariables` options are not applied here);
- spawn sites: the distinct spawns (by location) of all functions, and how
  many have non-empty `entries` (the task's code was identified);
  spawn_records counts them per function instead (a spawn in a header
  template or lambda can belong to several function ids); the
  callables passed to spawning parameters (`callable_args`) and the
  functions that spawn a parameter (`param_spawns`) are counted too.

--list prints every key (with its readers/writers counts) and every spawn
site (--callables: also every callable argument, which are many: any object
with an `operator()` or a function pointer passed to a function). A cache directory may hold entries of an earlier run whose sources
changed since: run ctxloss with a fresh --cache-dir per project.
"""
import argparse
import json
import os
import sys


def load(path):
    with open(path) as f:
        data = json.load(f)
    if "summary" in data and "dependencies" in data:
        data = data["summary"]
    if data.get("format") != "ctxloss-summary":
        raise ValueError(f"{path}: not a ctxloss summary")
    return data


def summaries(paths):
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                if name.endswith(".json"):
                    yield os.path.join(p, name), load(os.path.join(p, name))
        else:
            yield p, load(p)


def loc(l):
    return f'{l["file"]}:{l["line"]}:{l["col"]}'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    ap.add_argument("--callables", action="store_true",
                    help="with --list, also every callable passed as an argument")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    keys, functions, sources, versions = {}, {}, set(), set()
    n = 0
    for _, s in summaries(args.paths):
        n += 1
        versions.add(s.get("version"))
        sources.update(s.get("sources", []))
        for k in s.get("keys", []):
            old = keys.setdefault(k["id"], dict(k))
            if k.get("annotated"):
                old["annotated"] = True
        for fn in s.get("functions", []):
            functions.setdefault(fn["id"], fn)

    readers, writers = {}, {}
    for fid, fn in functions.items():
        for r in fn.get("reads", []):
            readers.setdefault(r["key"], set()).add(fid)
        for w in fn.get("writes", []):
            writers.setdefault(w, set()).add(fid)

    def is_context(k):
        if k.get("profile") or k.get("annotated"):
            return True
        rd, wr = readers.get(k["id"], set()), writers.get(k["id"], set())
        if not rd or not wr:
            return False
        return len(rd) > 1 or len(wr) > 1 or rd != wr

    var_keys = sorted(i for i in keys if i.startswith("var:"))
    prof_keys = sorted(i for i in keys if i.startswith("profile:"))
    context = [i for i in var_keys if is_context(keys[i])]

    spawns, records = {}, 0
    for fid, fn in functions.items():
        for sp in fn.get("spawns", []):
            records += 1
            spawns.setdefault(loc(sp["loc"]), (fn, sp))
    resolved = [l for l, (_, sp) in spawns.items() if sp.get("entries")]
    cargs = {}
    for fid, fn in functions.items():
        for a in fn.get("callable_args", []):
            cargs.setdefault(loc(a["arg"]) + "#" + str(a["param"]), a)
    pspawns = {}
    for fid, fn in functions.items():
        for p in fn.get("param_spawns", []):
            pspawns.setdefault(loc(p["loc"]), (fn, p))

    counts = {
        "summaries": n,
        "format_versions": sorted(v for v in versions if v is not None),
        "sources": len(sources),
        "functions": len(functions),
        "thread_local_keys": len(var_keys),
        "context_keys": len(context),
        "profile_keys": len(prof_keys),
        "keys_read": sum(1 for i in var_keys if readers.get(i)),
        "keys_written": sum(1 for i in var_keys if writers.get(i)),
        "spawn_records": records,
        "spawn_sites": len(spawns),
        "spawn_sites_resolved": len(resolved),
        "callable_args": len(cargs),
        "callable_args_resolved": sum(1 for a in cargs.values() if a.get("entries")),
        "param_spawns": len(pspawns),
    }
    if args.json:
        json.dump(counts, sys.stdout, indent=1)
        print()
    else:
        for k, v in counts.items():
            print(f"{k}: {v}")
    if args.list:
        print("\n# keys (R readers, W writers, * context)")
        for i in var_keys + prof_keys:
            k = keys[i]
            mark = "*" if (i in context or i in prof_keys) else " "
            print(f'{mark} R{len(readers.get(i, ())):<3} W{len(writers.get(i, ())):<3} '
                  f'{k["name"]}  {loc(k["decl"])}')
        print("\n# spawn sites (+ resolved: entries non-empty)")
        for l in sorted(spawns):
            fn, sp = spawns[l]
            mark = "+" if sp.get("entries") else " "
            print(f'{mark} {l}  {sp["boundary"]}  in {fn["name"]}'
                  + (f'  -> {len(sp["entries"])} entr{"y" if len(sp["entries"]) == 1 else "ies"}'
                     if sp.get("entries") else ""))
        if cargs and args.callables:
            print("\n# callables passed as arguments (run or spawned by the callee)")
            for _, a in sorted(cargs.items()):
                print(f'  {loc(a["arg"])}  to {a["callee_name"]} param {a["param"]}'
                      f'  -> {len(a["entries"])} entries')
        if pspawns:
            print("\n# functions spawning a parameter")
            for l in sorted(pspawns):
                fn, p = pspawns[l]
                print(f'  {l}  {p["boundary"]}  param {p["param"]} of {fn["name"]}')


if __name__ == "__main__":
    main()
