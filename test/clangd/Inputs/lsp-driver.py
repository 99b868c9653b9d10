"""Feeds clangd's -lit-test input (messages separated by '---') to stdout,
acting between messages as an editor and a user would. A chunk made of
directive lines only is acted on, not sent:
  #WAIT-FOR <file> <seconds>            until <file> exists (bounded)
  #WAIT-NEWER <file> <than> <seconds>   until <file> is newer than <than>
  #WAIT-CONTAINS <file> <text> <seconds> [<n>]
                                        until <file> contains <text> (<n> times)
  #COPY <src> <dst>                     save a file (a new mtime)
A wait that times out prints a line to stderr and goes on: the FileCheck
of the output then fails on what is missing.

With --framed, messages are sent as an editor sends them, with LSP's
Content-Length headers (for clangd without -lit-test), comment lines left
out."""
import os
import shutil
import sys
import time


def wait(cond, seconds, what):
    end = time.time() + float(seconds)
    while time.time() < end:
        if cond():
            return
        time.sleep(0.1)
    sys.stderr.write("lsp-driver: timed out waiting for %s\n" % what)


def mtime(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def read(path):
    try:
        return open(path).read()
    except OSError:
        return ""


def main():
    args = [a for a in sys.argv[1:] if a != "--framed"]
    framed = "--framed" in sys.argv[1:]
    text = open(args[0]).read()
    for chunk in text.split("\n---\n"):
        lines = [l for l in chunk.splitlines() if l.strip()]
        if lines and all(l.startswith("#") for l in lines):
            directives = [l.split() for l in lines if l.startswith("#WAIT") or
                          l.startswith("#COPY")]
            for d in directives:
                if d[0] == "#WAIT-FOR":
                    wait(lambda: os.path.exists(d[1]), d[2], d[1])
                elif d[0] == "#WAIT-NEWER":
                    wait(lambda: (mtime(d[1]) or 0) > (mtime(d[2]) or 0), d[3],
                         d[1] + " newer than " + d[2])
                elif d[0] == "#WAIT-CONTAINS":
                    n = int(d[4]) if len(d) > 4 else 1
                    wait(lambda: read(d[1]).count(d[2]) >= n, d[3],
                         d[1] + " to contain " + d[2])
                elif d[0] == "#COPY":
                    shutil.copyfile(d[1], d[2])
            if directives:
                continue
        if framed:
            body = "\n".join(l for l in chunk.splitlines()
                             if not l.startswith("#")).encode()
            if not body.strip():
                continue
            sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body)
                                    + body)
        else:
            sys.stdout.write(chunk + "\n---\n")
        sys.stdout.flush()


main()
