#!/usr/bin/env python3
"""expect_exit.py STATUS COMMAND...: run COMMAND, pass its output through,
and fail unless it exits with exactly STATUS (lit's `not` accepts any
non-zero status; the documented statuses 1 and 2 mean different things)."""
import subprocess
import sys

want = int(sys.argv[1])
proc = subprocess.run(sys.argv[2:])
if proc.returncode != want:
    sys.stderr.write(f"expect_exit: wanted exit status {want}, got {proc.returncode}\n")
    sys.exit(1)
