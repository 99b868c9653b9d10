"""Runs `ctxloss ARGS...` while holding the lock that --fix takes in the
build directory BUILD; once ctxloss says it waits for the lock, appends a
line to EDIT (as a person or another tool editing the file meanwhile), then
releases the lock. Prints ctxloss's exit status and standard error.

Usage: fix-while-locked.py BUILD EDIT CTXLOSS ARGS..."""
import fcntl
import os
import subprocess
import sys
import time

build, edit = sys.argv[1], sys.argv[2]
with open(os.path.join(build, ".ctxloss-fix.lock"), "a") as lock:
    # Both kinds of advisory lock: whichever ctxloss uses, it waits.
    fcntl.flock(lock, fcntl.LOCK_EX)
    fcntl.lockf(lock, fcntl.LOCK_EX)
    tool = subprocess.Popen(sys.argv[3:], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    first = tool.stderr.readline()
    if "waiting" in first:
        with open(edit, "a") as f:
            f.write("// edited while ctxloss was waiting\n")
    fcntl.lockf(lock, fcntl.LOCK_UN)
    fcntl.flock(lock, fcntl.LOCK_UN)
    rest = tool.stderr.read()
    status = tool.wait()
print("exit", status)
print(first + rest, end="")
