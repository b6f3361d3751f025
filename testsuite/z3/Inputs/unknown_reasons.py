"""Runs adjoint-lint (JSON) on each source file given and checks that every
`unknown` verdict anywhere in the report carries a reason of its own.

usage: unknown_reasons.py ADJOINT_LINT FILE...
"""
import json
import subprocess
import sys

PLACEHOLDER = "the decider gave no reason"  # reports/JsonReport.cpp fills it in


def walk(node, path, problems):
    if isinstance(node, dict):
        if node.get("verdict") == "unknown":
            reason = node.get("reason", "")
            if not reason or reason == PLACEHOLDER:
                problems.append(path)
        for key, value in node.items():
            walk(value, path + "." + key, problems)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, "%s[%d]" % (path, i), problems)


tool, files = sys.argv[1], sys.argv[2:]
problems, unknowns = [], 0
for f in files:
    args = [tool, "--fail-on=none", "--format=json", f, "--", "-fopenmp"]
    if f.endswith(".cpp"):
        args.append("-std=c++17")
    out = subprocess.run(args, capture_output=True, text=True).stdout
    try:
        report = json.loads(out)
    except ValueError:
        problems.append(f + ": no JSON report")
        continue
    unknowns += out.count('"verdict": "unknown"')
    walk(report, f, problems)
for p in problems:
    print("unknown without a reason:", p)
print("files: %d, unknown verdicts: %d, without a reason: %d" % (len(files), unknowns, len(problems)))
sys.exit(1 if problems else 0)
