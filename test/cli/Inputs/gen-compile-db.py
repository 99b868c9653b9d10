"""Writes compile_commands.json for the test project in DIR: one entry per
.cpp file there, compiled with the flags given after DIR. A flag +NAME.cpp
adds an entry for NAME.cpp whether it exists or not."""
import json
import os
import sys

root = os.path.abspath(sys.argv[1])
flags = [f for f in sys.argv[2:] if not f.startswith("+")]
extra = [f[1:] for f in sys.argv[2:] if f.startswith("+")]
entries = []
for name in sorted(os.listdir(root)) + extra:
    if name.endswith(".cpp"):
        entries.append({
            "directory": root,
            "file": os.path.join(root, name),
            "arguments": ["clang++"] + flags + ["-c", name, "-o",
                                                name[:-4] + ".o"],
        })
with open(os.path.join(root, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=2)
