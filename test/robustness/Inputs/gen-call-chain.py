#!/usr/bin/env python3
"""Writes a translation unit with a long chain for the robustness tests.

  gen-call-chain.py N OUT [--mode=chain|cycle|forward]

chain:   spawn() starts a std::thread whose lambda calls f0; f<i> calls
         f<i+1>; f<N-1> reads the thread-local request_id, which
         set_request() writes.
cycle:   the same chain, and every f<i> (i > 0) also calls f<i-1> back under
         a condition, so the call graph is one big strongly connected
         component.
forward: spawn() hands reader (which reads request_id) to f0; f<i> passes
         its callable parameter on to f<i+1>; f<N-1> starts it with
         std::thread. Every f<i> is a spawn boundary found by analysis.

Layout, so tests can pin lines: spawn() is on line 5 (chain/cycle:
`std::thread T` at column 28, f0's call in the lambda at column 35;
forward: the call of f0 at column 16, reader() and the declaration of f0 on
line 4); f<i> is defined
on line 8 + N + i.
"""
import sys


def main(argv):
    n = int(argv[1])
    out = argv[2]
    mode = "chain"
    for arg in argv[3:]:
        if arg.startswith("--mode="):
            mode = arg[len("--mode="):]
    if mode not in ("chain", "cycle", "forward"):
        sys.exit("unknown mode " + mode)
    forward = mode == "forward"
    param = "void (*Fn)()" if forward else "int Depth"
    lines = [
        "#include <thread>",                                        # 1
        "thread_local int request_id;",                             # 2
        "void set_request(int Id) { request_id = Id; }",            # 3
        ("void reader() { (void)request_id; } void f0(void (*Fn)());"  # 4
         if forward
         else "void f0(int Depth);"),
        ("void spawn() { f0(reader); }" if forward                  # 5
         else "void spawn() { std::thread T([] { f0(0); }); T.join(); }"),
        "// Declarations, then definitions.",                       # 6
    ]
    for i in range(n):                                              # 7 .. 6+n
        lines.append("void f%d(%s);" % (i, param))
    lines.append("// f<i> is defined on line %d + i." % (8 + n))    # 7+n
    for i in range(n):                                              # 8+n+i
        last = i + 1 == n
        if forward:
            body = ("std::thread(Fn).detach();" if last
                    else "f%d(Fn);" % (i + 1))
        else:
            body = "(void)request_id;" if last else "f%d(Depth + 1);" % (i + 1)
            if mode == "cycle" and i > 0:
                body += " if (Depth < 0) f%d(Depth - 1);" % (i - 1)
        lines.append("void f%d(%s) { %s }" % (i, param, body))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv)
