"""Prints what a CI example of docs/ci.md runs, so that a test runs exactly
the documented commands. Usage: doc-commands.py DOC NAME

The example is the fenced block after the line `<!-- ci-test: NAME -->`.
  - A GitHub Actions workflow (`steps:`): the `run:` commands of its steps,
    in order, except those of steps named `Install ...` (they need root and
    the network: the test runs with the tools of this build instead).
  - A GitLab CI job: the items of its `script:` list (`before_script:`
    installs).
  - Anything else: the block as it is.
"""
import re
import sys

doc, name = sys.argv[1], sys.argv[2]
lines = open(doc).read().split("\n")
start = lines.index("<!-- ci-test: %s -->" % name)
while not lines[start].startswith("```"):
    start += 1
end = start + 1
while not lines[end].startswith("```"):
    end += 1
block = lines[start + 1:end]


def indent(line):
    return len(line) - len(line.lstrip())


commands = []
if any(l.strip() == "steps:" for l in block):
    step = None
    i = 0
    while i < len(block):
        line = block[i]
        m = re.match(r"\s*- (name|uses): (.*)", line)
        if m:
            step = m.group(2) if m.group(1) == "name" else "uses " + m.group(2)
        m = re.match(r"(\s*)(?:- )?run: (.*)", line)
        if m and not (step or "").startswith("Install"):
            if m.group(2) == "|":
                body = indent(line) + 2
                i += 1
                while i < len(block) and (not block[i].strip() or
                                          indent(block[i]) >= body):
                    if block[i].strip():
                        commands.append(block[i][body:])
                    i += 1
                continue
            commands.append(m.group(2))
        i += 1
elif any(l.strip() == "script:" for l in block):
    i = [l.strip() for l in block].index("script:") + 1
    while i < len(block) and block[i].strip().startswith("- "):
        commands.append(block[i].strip()[2:])
        i += 1
else:
    commands = block
print("\n".join(commands))
