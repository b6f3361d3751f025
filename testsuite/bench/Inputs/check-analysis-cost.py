"""Checks the outputs of `bench/analysis_cost.py --quick` in OUT_DIR."""
import json
import os
import sys
import xml.etree.ElementTree as ET

out = sys.argv[1]
data = json.load(open(os.path.join(out, "analysis.json")))

ratio = data["ratio_total"]
print("json: ratio_total > 0" if isinstance(ratio, float) and ratio > 0 else f"json: bad ratio_total {ratio!r}")

files = data["corpus"]["files"]
ok = all(f["adjoint_lint_seconds"] > 0 and f["clang_seconds"] > 0 and f["ratio"] > 0 and f["loops"]
         and all(lp["seconds"] >= 0 for lp in f["loops"]) for f in files)
print(f"json: {len(files)} corpus files, each timed with both tools, each with its loops' analysis_seconds"
      if ok else "json: a corpus file lacks its times or loops")

family = data["family"]
ok = all(r[c]["wall_seconds"] > 0 and r[c]["verdicts"] > 0 and r[c]["analysis_seconds"] >= 0
         for r in family for c in ("default", "tight"))
print(f"json: {len(family)} family kernels, each with default and tight budgets" if ok
      else "json: a family kernel lacks a measurement")

machine = data["machine"]
missing = [k for k in ("cpu", "cpus", "adjoint_lint", "clang", "build_type", "date_utc") if k not in machine]
print("json: machine facts" if not missing else f"json: machine facts lack {missing}")

svgs = sorted(os.listdir(os.path.join(out, "svg")))
ok = all(ET.parse(os.path.join(out, "svg", s)).getroot().tag == "{http://www.w3.org/2000/svg}svg" for s in svgs)
print(f"svg: {' '.join(svgs)} parse as SVG" if ok else "svg: not SVG")

md = open(os.path.join(out, "analysis.md")).read().splitlines()
bad, header = [], None
for line in md:
    if not line.startswith("|"):
        header = None
        continue
    cells = line.replace("\\|", "").count("|")
    if header is None:
        header = cells
    elif cells != header:
        bad.append(line)
print("md: every table row has its header's column count" if not bad else f"md: ragged rows {bad[:3]}")
