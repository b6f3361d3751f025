"""Checks the reports of time-loops.test: PLAIN TIMED MODEL (JSON files)."""
import json
import sys

plain, timed, model = (json.load(open(p)) for p in sys.argv[1:4])
KEYS = ("analysis_seconds", "frontend_seconds")


def has_timing(node):
    if isinstance(node, dict):
        return any(k in KEYS for k in node) or any(has_timing(v) for v in node.values())
    if isinstance(node, list):
        return any(has_timing(v) for v in node)
    return False


def strip(report):
    for entry in report["inputs"] + report["loops"]:
        for k in KEYS:
            entry.pop(k, None)
    return report


def seconds(entry, key):
    value = entry[key]
    assert isinstance(value, (int, float)) and 0 <= value < 600, (key, value)
    return value


print("plain: " + ("timing fields!" if has_timing(plain) else "no timing fields"))
inputs = [i for i in timed["inputs"] if seconds(i, "frontend_seconds") >= 0]
loops = [l for l in timed["loops"] if seconds(l, "analysis_seconds") >= 0]
print(f"timed: {len(inputs)} inputs with frontend_seconds, {len(loops)} loops with analysis_seconds")
print("timed: " + ("same report without the timing fields" if strip(timed) == plain
                   else "the report differs beyond the timing fields"))
print(f"model: {sum(seconds(l, 'analysis_seconds') >= 0 for l in model['loops'])} loops with "
      "analysis_seconds")
