#!/usr/bin/env python3
"""Checks docs/benchmarks.md (bench/report.py) and the README region that
quotes it: every kernel has its table with every variant row and its plot,
the ratio and target tables name every kernel, every missed target has its
"why" section with a profile (or a pointer to one), the plots exist and are SVG,
the README's headline rows are the doc's "Headline" rows, and each headline
geometric mean follows from the doc's ratio table. Prints one line per
failure and exits 1 on any.

  python3 bench/check_doc.py DOC README
"""
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

KERNELS = ["heat1d", "burgers1d", "jacobi2d", "heat3d", "conv2d", "maxpool"]
STENCILS = ["heat1d", "burgers1d", "jacobi2d", "heat3d"]
ROWS = ["forward", "serial", "reduction", "atomic", "adolc_tape_reverse", "adolc_reverse"]


def section(text, title):
    m = re.search(r"^#+ %s.*?$(.*?)(?=^#{1,3} |\Z)" % re.escape(title), text, re.M | re.S)
    return m.group(1) if m else None


def table_rows(block):
    """Rows of the first markdown table in block: lists of cells."""
    rows = []
    for line in block.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


def number(cell):
    m = re.match(r"^\**([0-9.]+(?:e-?[0-9]+)?)x?\**", cell)
    return float(m.group(1)) if m else None


def main():
    doc_path, readme_path = sys.argv[1], sys.argv[2]
    text = open(doc_path).read()
    readme = open(readme_path).read()
    errors = []
    doc_dir = os.path.dirname(os.path.abspath(doc_path))
    for k in KERNELS:
        block = section(text, "%s: " % k)
        if block is None:
            errors.append("no section for kernel %s" % k)
            continue
        rows = table_rows(block)
        names = [r[0].split(" ")[0] for r in rows[1:]]
        for v in ROWS + ["gather|plain"]:
            if not any(re.fullmatch(v, n) for n in names):
                errors.append("%s: no row %s" % (k, v))
        for r in rows[1:]:
            if r[0] == "forward" and not any(re.search(r"[0-9]", c) for c in r[1:]):
                errors.append("%s: forward row has no time" % k)
    # plots
    plots = re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", text)
    for k in KERNELS:
        if not any(os.path.basename(p) == "%s_threads.svg" % k for p in plots):
            errors.append("%s: no time-against-threads plot" % k)
    if not any(p.endswith("_sizes.svg") for p in plots):
        errors.append("no time-against-size plot")
    for p in plots:
        path = os.path.join(doc_dir, p)
        try:
            root = ET.parse(path).getroot()
            ns = "{http://www.w3.org/2000/svg}"
            marks = [e for tag in ("polyline", "path", "circle", "rect", "line") for e in root.iter(ns + tag)]
            if not root.tag.endswith("svg") or len(marks) < 3:
                errors.append("%s: not an SVG plot" % p)
            elif re.search(r"_(threads|sizes)\.svg$", p) and not root.findall(".//%spolyline" % ns):
                errors.append("%s: a plot of report.py without lines" % p)
        except (OSError, ET.ParseError) as e:
            errors.append("%s: %s" % (p, e))
    # ratio and target tables
    ratios = table_rows(section(text, "Ratios") or "")
    if not ratios:
        errors.append("no ratio table")
    got = {r[0]: r for r in ratios[1:]}
    for k in KERNELS:
        if k not in got:
            errors.append("ratio table: no row %s" % k)
    targets = section(text, "Targets") or ""
    for k in KERNELS:
        if "| %s |" % k not in targets:
            errors.append("targets table: no row %s" % k)
    if "clang-19 -fsyntax-only" not in targets:
        errors.append("targets table: no analysis row")
    # every missed target has its "why" section, with a profile or a pointer to one
    for row in table_rows(targets)[1:]:
        if len(row) >= 5 and "missed" in row[4] and row[1] in KERNELS:
            why = section(text, "%s: %s" % (row[1], row[0]))
            if why is None:
                errors.append("missed target without a why section: %s, %s" % (row[1], row[0]))
            elif "Profile" not in why:
                errors.append("missed target without a profile: %s, %s" % (row[1], row[0]))
    # headline: README == doc, and the doc's geometric means
    head = table_rows(section(text, "Headline") or "")
    m = re.search(r"<!-- benchmarks:begin -->(.*?)<!-- benchmarks:end -->", readme, re.S)
    quoted = table_rows(m.group(1)) if m else []
    if not head:
        errors.append("doc: no Headline table")
    if not quoted:
        errors.append("README: no table between the benchmarks markers")
    if head != quoted:
        errors.append("README headline %s differs from the doc's %s" % (quoted, head))
    if ratios and head:
        hdr = ratios[0]

        def geomean(col, ks):
            xs = [number(got[k][col]) for k in ks if k in got]
            xs = [x for x in xs if x]
            return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None

        for label, value in head[1:]:
            m2 = re.match(r"(gather adjoint / forward, stencils|atomic / gather adjoint|reduction / gather adjoint), (\d+) threads", label)
            if not m2:
                continue
            col_name = {"gather adjoint / forward, stencils": "gather/forward at %s",
                        "atomic / gather adjoint": "atomic/gather at %s",
                        "reduction / gather adjoint": "reduction/gather at %s (extra, model)"}[m2.group(1)] % m2.group(2)
            if col_name not in hdr:
                errors.append("ratio table: no column %s" % col_name)
                continue
            g = geomean(hdr.index(col_name), STENCILS if "stencils" in label else KERNELS)
            v = number(value)
            # the cells are rounded (3 significant digits or 2 decimals)
            if g is None or v is None or abs(g - v) > 0.01 * v + 0.006:
                errors.append("headline %s = %s, the ratio table gives %s" % (label, value, g))
    for e in errors:
        print("check_doc: " + e)
    print("check_doc: %s" % ("FAILED" if errors else "ok"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
