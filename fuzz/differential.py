#!/usr/bin/env python3
"""Differential fuzzing: random loop nests, adjoint-lint against the oracle.

  differential.py --adjoint-lint BIN --instrument BIN --out DIR
                  [--minutes N | --cases N] [--seed S] [--no-tsan]

Each case is a C file from fuzz/gen_loops.py (seed S, S+1, ...). It is
analysed by adjoint-lint (--format=json) and checked by the dynamic oracle
(testsuite/tools/oracle.py: instrumented runs, and ThreadSanitizer with
Archer unless --no-tsan). A finding is kept in DIR as caseSEED.c with the
oracle's words in caseSEED.txt:
  - a `none`/`holds` verdict that a run refutes (soundness),
  - ThreadSanitizer reporting a race in a loop adjoint-lint calls race-free,
  - adjoint-lint crashing (an exit status other than 0, 1, 2, or no report).
A `race` verdict that no run reproduces is counted, not kept (the sizes the
oracle tries may be too small). The last line is a summary; exit status 1
when something was kept.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "testsuite", "tools"))
import oracle  # noqa: E402
import gen_loops  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--adjoint-lint", required=True)
    ap.add_argument("--instrument", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float)
    ap.add_argument("--cases", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-tsan", action="store_true")
    a = ap.parse_args()
    if a.minutes is None and a.cases is None:
        a.cases = 20
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="adjoint-lint-differential-")
    args = types.SimpleNamespace(adjoint_lint=a.adjoint_lint, instrument=a.instrument,
                                 clang="clang-19", clangxx="clang++-19", no_tsan=a.no_tsan)
    args.runtime_obj = os.path.join(work, "ao_runtime.o")
    args.plain_runtime_src = os.path.join(work, "ao_runtime_plain.o")
    for extra, obj in (([], args.runtime_obj), (["-DAO_PLAIN"], args.plain_runtime_src)):
        rc, out, err = oracle.run([args.clangxx, "-O1", "-g", "-c"] + extra +
                                  [os.path.join(oracle.RUNTIME_DIR, "ao_runtime.cpp"), "-I",
                                   oracle.RUNTIME_DIR, "-o", obj])
        if rc != 0:
            print(err)
            return 2
    start = time.time()
    seed = a.seed
    cases = kept = checked = unconfirmed = 0
    while True:
        if a.cases is not None and cases >= a.cases:
            break
        if a.minutes is not None and time.time() - start > a.minutes * 60:
            break
        src = os.path.join(work, f"case{seed}.c")
        with open(src, "w") as f:
            f.write(gen_loops.Gen(seed).file())
        finding = None
        rc, out, err = oracle.run([a.adjoint_lint, "--format=json", "--fail-on=none", src, "--",
                                   "-fopenmp"], timeout=300)
        if rc not in (0, 1, 2):
            finding = f"adjoint-lint exit status {rc}\n{err[-3000:]}"
        else:
            try:
                json.loads(out)
            except ValueError:
                finding = f"adjoint-lint printed no JSON report (exit {rc})\n{err[-3000:]}"
        if finding is None:
            r = oracle.check_file(src, args, work)
            checked += r.checked
            bad = [l for l in r.lines if l.startswith("DISAGREE") and
                   ("none" in l.split(":", 2)[-1].split(",")[0] or "holds" in l)]
            unconfirmed += sum(1 for l in r.lines if l.startswith("DISAGREE")) - len(bad)
            if bad:
                finding = "\n".join(bad)
        if finding:
            kept += 1
            with open(os.path.join(a.out, f"case{seed}.c"), "w") as f:
                f.write(open(src).read())
            with open(os.path.join(a.out, f"case{seed}.txt"), "w") as f:
                f.write(finding + "\n")
            print(f"case {seed}: KEPT\n{finding}", flush=True)
        cases += 1
        seed += 1
        if cases % 20 == 0:
            print(f"{cases} cases, {checked} verdicts confirmed, {kept} kept, "
                  f"{time.time() - start:.0f} s", flush=True)
    print(f"differential: {cases} cases (seeds {a.seed}..{seed - 1}) in {time.time() - start:.0f} s: "
          f"{checked} verdicts confirmed by runs, {unconfirmed} race verdicts not reproduced, "
          f"{kept} findings kept in {a.out}")
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
