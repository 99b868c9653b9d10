#!/usr/bin/env python3
"""Writes a translation unit with a long call chain for the robustness tests.

  gen-call-chain.py N OUT [--mode=chain|cycle]

chain: spawn() starts a std::thread whose lambda calls f0; f<i> calls f<i+1>;
       f<N-1> reads the thread-local request_id, which set_request() writes.
cycle: the same chain, and every f<i> (i > 0) also calls f<i-1> back under a
       condition, so the call graph is one big strongly connected component.

The spawn is on line 5 (std::thread T at column 28, f0's call in the lambda
at column 35); f<i> is defined on line 8 + N + i, so tests can pin lines.
"""
import sys


def main(argv):
    n = int(argv[1])
    out = argv[2]
    mode = "chain"
    for arg in argv[3:]:
        if arg.startswith("--mode="):
            mode = arg[len("--mode="):]
    if mode not in ("chain", "cycle"):
        sys.exit("unknown mode " + mode)
    lines = [
        "#include <thread>",                                        # 1
        "thread_local int request_id;",                             # 2
        "void set_request(int Id) { request_id = Id; }",            # 3
        "void f0(int Depth);",                                      # 4
        "void spawn() { std::thread T([] { f0(0); }); T.join(); }",  # 5
        "// Declarations, then definitions.",                       # 6
    ]
    for i in range(n):                                              # 7 .. 6+n
        lines.append("void f%d(int Depth);" % i)
    lines.append("// f<i> is defined on line %d + i." % (8 + n))    # 7+n
    for i in range(n):                                              # 8+n+i
        if i + 1 < n:
            body = "f%d(Depth + 1);" % (i + 1)
        else:
            body = "(void)request_id;"
        if mode == "cycle" and i > 0:
            body += " if (Depth < 0) f%d(Depth - 1);" % (i - 1)
        lines.append("void f%d(int Depth) { %s }" % (i, body))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv)
