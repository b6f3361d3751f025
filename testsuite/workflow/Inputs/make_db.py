#!/usr/bin/env python3
"""make_db.py OUT.json DIRECTORY FILE... [--args ARG...]: write a
compile_commands.json with one entry per FILE, compiled in DIRECTORY (which
may be relative: it is written as given) with `clang ARG... -c FILE -o
FILE.o` (default ARG: -fopenmp)."""
import json
import sys

argv = sys.argv[1:]
extra = ["-fopenmp"]
if "--args" in argv:
    at = argv.index("--args")
    extra = argv[at + 1:]
    argv = argv[:at]
out, directory, files = argv[0], argv[1], argv[2:]
entries = [{"directory": directory, "file": f,
            "arguments": ["clang"] + extra + ["-c", f, "-o", f + ".o"]} for f in files]
with open(out, "w") as fh:
    json.dump(entries, fh, indent=1)
