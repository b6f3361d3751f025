#!/usr/bin/env python3
"""Run `adjoint-lint --format=json --model=F` on every file F in a directory.

Fails (exit 1) unless each run exits with 0, 1 or 2 within the time limit
and prints a JSON report that parses: a crash, a signal, a sanitizer abort
or a hang is a failure. Used by testsuite/fuzz/ for the fuzzers' findings.

  run_all_models.py ADJOINT_LINT DIR [SECONDS]
"""
import json
import os
import subprocess
import sys


def main():
    tool, directory = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 120
    failures = 0
    names = sorted(os.listdir(directory))
    for name in names:
        path = os.path.join(directory, name)
        try:
            p = subprocess.run([tool, "--format=json", "--model=" + path],
                               capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            print(f"{name}: no answer within {limit:g} s")
            failures += 1
            continue
        if p.returncode not in (0, 1, 2):
            print(f"{name}: exit status {p.returncode}\n{p.stderr[-2000:]}")
            failures += 1
            continue
        try:
            json.loads(p.stdout)
        except ValueError as e:
            print(f"{name}: the report is not JSON: {e}")
            failures += 1
    print(f"{len(names)} models, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
