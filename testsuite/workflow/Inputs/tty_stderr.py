#!/usr/bin/env python3
"""tty_stderr.py COMMAND...: run COMMAND with its stderr on a pseudo
terminal (stdout unchanged), then print what it wrote there and exit with
its status."""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stderr=slave)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 4096)
    except OSError:  # EIO: the child closed the terminal
        break
    if not data:
        break
    chunks.append(data)
status = proc.wait()
sys.stdout.flush()
sys.stdout.write(b"".join(chunks).decode().replace("\r\n", "\n"))
sys.exit(status)
