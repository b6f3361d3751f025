#!/usr/bin/env python3
"""Writes docs/benchmarks.md and docs/benchmarks/*.svg from one benchmark run.

Inputs: the Google Benchmark JSON of bench/adjoint-bench (names
<kernel>/<variant>/threads:<T>/size:<N>), the analysis-cost results of
bench/analysis_cost.py (analysis.json, analysis.md) and, for missed targets,
callgrind profiles it collects itself (--bench-binary). Rewrites the region
between <!-- benchmarks:begin --> and <!-- benchmarks:end --> in README.md
with the headline ratios. Python 3 standard library only.

  python3 bench/report.py --bench run.json [--analysis DIR] [--bench-binary B]
      [--doc docs/benchmarks.md] [--svg-dir docs/benchmarks] [--readme README.md]
      [--quick]
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys

KERNELS = ["heat1d", "burgers1d", "jacobi2d", "heat3d", "conv2d", "maxpool"]
STENCILS = ["heat1d", "burgers1d", "jacobi2d", "heat3d"]
TITLES = {
    "heat1d": "1-D heat, 3-point stencil",
    "burgers1d": "1-D viscous Burgers (upwind, non-linear)",
    "jacobi2d": "2-D Jacobi, 5-point stencil",
    "heat3d": "3-D heat, 7-point stencil",
    "conv2d": "CNN conv2d layer (4 -> 4 channels, 3x3 filters, float; the size is h = w)",
    "maxpool": "1-D max pooling, overlapping windows (width 3, stride 2)",
}
SIZE_MEANING = {
    "heat1d": "n points", "burgers1d": "n points", "jacobi2d": "n x n grid",
    "heat3d": "n x n x n grid", "conv2d": "h = w pixels per channel",
    "maxpool": "n outputs (2n + 1 inputs)",
}
VARIANTS = ["forward", "serial", "gather", "plain", "reduction", "atomic"]
ADOLC = ["adolc_tape_reverse", "adolc_reverse"]
TARGET_GATHER_FORWARD = 1.3
TARGET_ATOMIC = 3.0
TARGET_ADOLC = 20.0
TARGET_ANALYSIS = 1.5
NAME = re.compile(r"^(?P<kernel>[a-z0-9]+)/(?P<variant>[a-z_]+)/threads:(?P<threads>\d+)/size:(?P<size>\d+)")


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else 0.5 * (xs[n // 2 - 1] + xs[n // 2])


def load_runs(path):
    """{(kernel, variant, threads, size): {"time": s, "counters": {...}}};
    the median over repetitions where the run has several."""
    with open(path) as f:
        data = json.load(f)
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    per = {}
    for b in data.get("benchmarks", []):
        if b.get("run_type") == "aggregate" or b.get("error_occurred"):
            continue
        m = NAME.match(b["name"])
        if not m:
            continue
        key = (m["kernel"], m["variant"], int(m["threads"]), int(m["size"]))
        t = b["real_time"] * scale[b.get("time_unit", "ns")]
        counters = {k: v for k, v in b.items() if k in ("points", "bytes_extra", "bytes_extra_model", "bytes_extra_measured",
                                                          "adolc_operations", "adolc_tape_on_disk")}
        per.setdefault(key, []).append((t, counters))
    runs = {}
    for key, xs in per.items():
        runs[key] = {"time": median([t for t, _ in xs]), "counters": xs[0][1], "repetitions": len(xs)}
    return data.get("context", {}), runs


class Results:
    def __init__(self, runs):
        self.runs = runs
        self.threads = sorted({k[2] for k in runs if k[1] not in ADOLC})

    def sizes(self, kernel):
        return sorted({k[3] for k in self.runs if k[0] == kernel})

    def main_size(self, kernel):
        """The size at which every variant ran (the full size)."""
        s = [k[3] for k in self.runs if k[0] == kernel and k[1] == "atomic"]
        return max(s) if s else None

    def adolc_size(self, kernel):
        s = [k[3] for k in self.runs if k[0] == kernel and k[1] == "adolc_tape_reverse"]
        return max(s) if s else None

    def parallel(self, kernel):
        return "gather" if any(k[0] == kernel and k[1] == "gather" for k in self.runs) else "plain"

    def time(self, kernel, variant, threads, size):
        r = self.runs.get((kernel, variant, threads, size))
        return r["time"] if r else None

    def run(self, kernel, variant, threads, size):
        return self.runs.get((kernel, variant, threads, size))


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(x, digits=2):
    if x is None:
        return "n/a"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) < 1:
        return "%.3g" % x  # three significant digits
    return ("%%.%df" % digits) % x


def fmt_time(s):
    if s is None:
        return "n/a"
    if s >= 1:
        return "%.2f s" % s
    if s >= 1e-3:
        return "%.1f ms" % (s * 1e3)
    return "%.1f µs" % (s * 1e6)


def mib(b):
    return "n/a" if b is None else "%.0f MiB" % (b / 2**20) if b >= 2**20 else "%.1f KiB" % (b / 1024)


# --- SVG ---------------------------------------------------------------------

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"]


def svg_plot(path, title, xlabel, ylabel, series, xlog=True, ylog=True, xticks=None):
    """series: [(label, [(x, y), ...])]; log axes. Writes a standalone SVG."""
    W, H, L, R, T, B = 640, 400, 70, 170, 40, 50
    pts = [(x, y) for _, s in series for x, y in s if x and y]
    if not pts:
        pts = [(1, 1), (2, 2)]
    tx = (lambda v: math.log10(v)) if xlog else (lambda v: v)
    ty = (lambda v: math.log10(v)) if ylog else (lambda v: v)
    xs = [tx(x) for x, _ in pts]
    ys = [ty(y) for _, y in pts]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    if x1 - x0 < 1e-9:
        x0, x1 = x0 - 0.5, x1 + 0.5
    if y1 - y0 < 1e-9:
        y0, y1 = y0 - 0.5, y1 + 0.5
    pad = 0.05 * (y1 - y0)
    y0, y1 = y0 - pad, y1 + pad

    def px(v):
        return L + (tx(v) - x0) / (x1 - x0) * (W - L - R)

    def py(v):
        return H - B - (ty(v) - y0) / (y1 - y0) * (H - T - B)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="14">%s</text>' % (L, esc(title)),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (L, H - B, W - R, H - B),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (L, T, L, H - B)]
    # y ticks: powers of 10 (and 2, 5) inside the range
    if ylog:
        ticks = [m * 10**e for e in range(int(math.floor(y0)) - 1, int(math.ceil(y1)) + 1) for m in (1, 2, 5)]
        ticks = [t for t in ticks if y0 <= math.log10(t) <= y1]
    else:
        ticks = [y0 + (y1 - y0) * k / 4 for k in range(5)]
    for t in ticks:
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (L, py(t), W - R, py(t)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (L - 4, py(t) + 4, "%g" % t))
    if xticks is None:
        xticks = sorted({x for x, _ in pts})
    for t in xticks:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (px(t), T, px(t), H - B))
        label = ("2^%d" % round(math.log2(t))) if xlog and t >= 1024 and abs(math.log2(t) - round(math.log2(t))) < 1e-9 else "%g" % t
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (px(t), H - B + 16, label))
    out.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % ((L + W - R) // 2, H - 10, esc(xlabel)))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">%s</text>' % ((T + H - B) // 2, (T + H - B) // 2, esc(ylabel)))
    for i, (label, s) in enumerate(series):
        s = [(x, y) for x, y in sorted(s) if x and y]
        if not s:
            continue
        c = COLORS[i % len(COLORS)]
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, " ".join("%.1f,%.1f" % (px(x), py(y)) for x, y in s)))
        for x, y in s:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(x), py(y), c))
        ly = T + 16 * i
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (W - R + 10, ly, W - R + 30, ly, c))
        out.append('<text x="%d" y="%d">%s</text>' % (W - R + 34, ly + 4, esc(label)))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- machine -----------------------------------------------------------------

def command_output(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(context, root):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 2**20)
                    break
    except OSError:
        pass
    caches = ", ".join("L%d %s %d KiB%s" % (c["level"], c["type"].lower(), c["size"] // 1024,
                                           " x%d" % c["num_sharing"] if False else "")
                       for c in context.get("caches", []))
    clang = command_output(["clang-19", "--version"]).splitlines()
    commit = command_output(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    dirty = command_output(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"])
    return [
        ("CPU", "%s (%s logical CPUs, %s MHz per Google Benchmark)" % (cpu or "unknown", context.get("num_cpus", "?"), context.get("mhz_per_cpu", "?"))),
        ("Caches", caches or "unknown"),
        ("Memory", mem or "unknown"),
        ("Load average at the start", ", ".join("%.2f" % x for x in context.get("load_avg", [])) or "unknown"),
        ("OS", "%s %s" % (platform.system(), platform.release())),
        ("Compiler (generated code and driver)", (clang[0] if clang else "clang-19") + ", flags -fopenmp -O2 -gdwarf-4 (bench/CMakeLists.txt)"),
        ("OpenMP runtime", "LLVM libomp (clang-19 -fopenmp)"),
        ("Google Benchmark", "library build type: %s" % context.get("library_build_type", "?")),
        ("Date", context.get("date", "?")),
        ("Commit", (commit or "?") + (" (with uncommitted changes)" if dirty else "")),
        ("Threads", context.get("threads", "?")),
        ("Mode", context.get("mode", "?")),
    ]


# --- profiles ----------------------------------------------------------------

def profile(binary, bench_filter, workdir, label):
    """Runs benchmarks at the ADOL-C sizes under callgrind. Returns (text,
    {function: instructions}): the text has the functions by instructions
    and the hottest source lines of the generated code (callgrind_annotate),
    or a note why there is no profile."""
    if not binary or not os.path.exists(binary):
        return "(no profile: the benchmark binary was not given)", {}
    os.makedirs(workdir, exist_ok=True)
    out = os.path.join(workdir, "callgrind.%s.out" % re.sub(r"[^A-Za-z0-9_.-]", "_", label))
    # Costs inside the generated functions (and their OpenMP bodies) and
    # ADOL-C's taping and reverse sweep only, not the benchmark's set-up.
    # The patterns match whole names and must not nest (a nested match
    # toggles collection off again): not the functions' OpenMP bodies
    # (<function>.omp_outlined), which run inside them at 1 thread.
    toggles = ["--toggle-collect=" + p for p in (
        "*_forward", "*_adjoint_serial", "*_adjoint_gather", "*_adjoint_plain", "*_adjoint_reduction",
        "*_adjoint_atomic", "*::tape()", "*::adolcReverse()")]
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + toggles + [
        os.path.abspath(binary), "--profile-sizes", "--benchmark_filter=" + bench_filter,
        "--benchmark_min_time=0.001"]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=workdir)
    except (OSError, subprocess.SubprocessError) as e:
        return "(no profile: %s)" % e, {}
    if r.returncode != 0 or not os.path.exists(out):
        return "(no profile: valgrind exited with %d)" % r.returncode, {}
    cost = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$")

    def function_costs(text):
        costs = {}
        for line in text.splitlines():
            if line.startswith("-- Auto-annotated source:"):
                break
            m = cost.match(line)
            if m and "PROGRAM TOTALS" not in m.group(2):
                name = m.group(2).split(" [")[0]
                costs[name.split(":", 1)[1] if ":" in name else name] = int(m.group(1).replace(",", ""))
        return costs

    # Inclusive costs (a function with its OpenMP body, the runtime and the
    # memset it calls) for the ratios; self costs and source lines to show.
    inclusive = function_costs(command_output(["callgrind_annotate", "--inclusive=yes", out]))
    ann = command_output(["callgrind_annotate", "--auto=yes", "--inclusive=no", out])
    functions = function_costs(ann)
    hot, section, lineno = [], None, 0
    for line in ann.splitlines():
        if line.startswith("-- Auto-annotated source:"):
            section, lineno = line.split(":", 1)[1].strip(), 1
            continue
        m = re.match(r"^-- line (\d+) -+", line)
        if m:
            lineno = int(m.group(1))
            continue
        if section is None or line.startswith("--"):
            continue
        m = cost.match(line)
        if m and (m.group(2).startswith("=>") or m.group(2).startswith("<") or m.group(2) == "events annotated"):
            continue  # a call's cost, or a summary: not a source line
        dot = re.match(r"^\s*\.\s", line)
        if m and "/generated/" in section:
            hot.append((int(m.group(1).replace(",", "")), "%s:%d" % (os.path.basename(section), lineno),
                        m.group(2).strip()))
        if m or dot:
            lineno += 1
    total = sum(functions.values())
    text = ["instructions  share  function (self cost)"]
    for name, ir in sorted(functions.items(), key=lambda x: -x[1])[:8]:
        text.append("%12s  %4.1f%%  %s" % ("{:,}".format(ir), 100.0 * ir / total if total else 0, name))
    if hot:
        text.append("")
        text.append("hottest lines of the generated code:")
        text.append("instructions  file:line  source")
        for ir, where, src in sorted(hot, key=lambda x: -x[0])[:8]:
            text.append("%12s  %s  %s" % ("{:,}".format(ir), where, src[:100]))
    return "\n".join(text), inclusive


def instructions(functions, pattern):
    """Inclusive instructions of the function whose name matches pattern."""
    return max([ir for name, ir in functions.items() if re.search(pattern, name)] or [0])


# --- the document --------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="Google Benchmark JSON of adjoint-bench")
    ap.add_argument("--analysis", help="directory with analysis.json and analysis.md (bench/analysis_cost.py)")
    ap.add_argument("--bench-binary", help="adjoint-bench, for the callgrind profiles of missed targets")
    ap.add_argument("--doc", default="docs/benchmarks.md")
    ap.add_argument("--svg-dir", default="docs/benchmarks")
    ap.add_argument("--readme", help="README.md whose benchmarks region is rewritten")
    ap.add_argument("--quick", action="store_true", help="smoke run: tolerate a missing analysis")
    ap.add_argument("--workdir", default=None, help="scratch directory for profiles")
    a = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    context, runs = load_runs(a.bench)
    R = Results(runs)
    threads = R.threads
    tmax = max(threads) if threads else 1
    t2 = 2 if 2 in threads else tmax
    os.makedirs(a.svg_dir, exist_ok=True)
    doc_dir = os.path.dirname(os.path.abspath(a.doc))
    svg_rel = os.path.relpath(os.path.abspath(a.svg_dir), doc_dir)
    workdir = a.workdir or os.path.join(os.path.dirname(os.path.abspath(a.bench)), "profiles")

    analysis = None
    analysis_md = None
    if a.analysis:
        try:
            with open(os.path.join(a.analysis, "analysis.json")) as f:
                analysis = json.load(f)
            with open(os.path.join(a.analysis, "analysis.md")) as f:
                analysis_md = f.read()
        except OSError as e:
            if not a.quick:
                sys.exit("report.py: the analysis cost results are missing (%s)" % e)
    elif not a.quick:
        sys.exit("report.py: --analysis is required outside --quick")

    missing = [k for k in KERNELS if R.main_size(k) is None]
    if missing:
        sys.exit("report.py: no results for %s in %s" % (", ".join(missing), a.bench))

    md = []
    w = md.append
    w("# Benchmarks")
    w("")
    w("<!-- Generated by scripts/benchmarks.sh (bench/report.py); do not edit. -->")
    w("")
    if context.get("mode") == "quick":
        w("> **Smoke run (`--quick`): tiny sizes that stay in the caches and a minimum time of a few")
        w("> milliseconds. These numbers test the pipeline only; they say nothing about performance.**")
        w("")
    w("Every number on this page comes from one run of `scripts/benchmarks.sh`: the adjoint")
    w("benchmarks `bench/adjoint-bench` (Google Benchmark) over the code `adjoint-lint generate`")
    w("writes for `bench/kernels/*.c` at build time (never edited by hand), and the analysis cost")
    w("(`bench/analysis_cost.py`). Times are wall-clock (`UseRealTime`), the median over the")
    w("repetitions of the run; `ns/pt` is the time per output point of one call.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    reps = sorted({r["repetitions"] for r in runs.values()})
    for k, v in machine(context, root) + [("Repetitions", "%s per benchmark (the median is shown)" % "/".join(map(str, reps)))]:
        w("| %s | %s |" % (k, esc(str(v))))
    w("")
    w("## What runs")
    w("")
    w("- `forward`: the generated forward kernel `<name>_forward` (the source loop, flattened).")
    w("- `serial`: the serial adjoint `<name>_adjoint_serial`; it has no parallel loop, so it runs at 1 thread only.")
    w("- `gather` (or `plain`): the parallel adjoint without reductions or atomics (`docs/codegen.md`).")
    w("- `reduction`: OpenMP array-section reduction; its extra memory (`extra`) is the rise of the peak")
    w("  resident memory (VmHWM) over one call of the gather adjoint, measured in a fresh process;")
    w("  the model (footprint x threads x element size) is beside it.")
    w("- `atomic`: `#pragma omp atomic` on every increment of the read arrays' adjoints.")
    w("- Each benchmark calls its function repeatedly on the same arrays; after the first call of an")
    w("  adjoint its seed (the output's adjoint) is zero, which does not change the work done.")
    w("- `adolc_tape_reverse`: ADOL-C taping the generated template `<name>_forward_t<adouble>`")
    w("  (`<name>_forward.hpp`) and one reverse sweep (`fos_reverse`); `adolc_reverse`: the reverse")
    w("  sweep alone on the recorded tape (its `zos_forward` with keep is not timed). ADOL-C is serial")
    w("  and runs at a smaller size (below) with buffers of 2^%d entries (`trace_on`), so that its tapes"
      % (20 if context.get("mode") == "quick" else 26))
    w("  stay in memory (each ADOL-C row says whether they did); the ratios against ADOL-C use the")
    w("  gather adjoint at the same size and 1 thread.")
    w("")
    w("| kernel | what | full size | ADOL-C size |")
    w("|---|---|---|---|")
    for k in KERNELS:
        w("| %s | %s | %s = %d | %s |" % (k, TITLES[k], SIZE_MEANING[k], R.main_size(k), R.adolc_size(k)))
    w("")

    # per-kernel tables
    w("## Times per kernel")
    w("")
    for k in KERNELS:
        n = R.main_size(k)
        par = R.parallel(k)
        w("### %s: %s" % (k, TITLES[k]))
        w("")
        w("Size %d (%s)." % (n, SIZE_MEANING[k]))
        w("")
        w("| variant | " + " | ".join("%d thread%s" % (t, "s" if t > 1 else "") for t in threads) + " | ns/pt (%d threads; serial, ADOL-C 1) |" % tmax)
        w("|---|" + "---|" * (len(threads) + 1))
        for v in ["forward", "serial", par, "reduction", "atomic"]:
            cells = []
            for t in threads:
                cells.append(fmt_time(R.time(k, v, t, n)) if (v != "serial" or t == 1) else "")
            r = R.run(k, v, tmax if v != "serial" else 1, n)
            per = r["time"] / r["counters"]["points"] * 1e9 if r and r["counters"].get("points") else None
            w("| %s | %s | %s |" % (v, " | ".join(cells), fmt(per)))
        an = R.adolc_size(k)
        for v in ADOLC:
            r = R.run(k, v, 1, an)
            per = r["time"] / r["counters"]["points"] * 1e9 if r and r["counters"].get("points") else None
            c = r["counters"] if r else {}
            tape = ""
            if "adolc_operations" in c:
                tape = ", %.3g operations, tape %s" % (c["adolc_operations"], "partly on disk" if c.get("adolc_tape_on_disk") else "in memory")
            w("| %s (size %d%s) | %s |%s %s |" % (v, an, tape, fmt_time(r["time"] if r else None), " |" * (len(threads) - 1), fmt(per)))
        w("")
        w("![%s: time against threads](%s/%s_threads.svg)" % (k, svg_rel, k))
        w("")
        series = []
        for v in ["forward", par, "reduction", "atomic"]:
            series.append((v, [(t, R.time(k, v, t, n)) for t in threads]))
        svg_plot(os.path.join(a.svg_dir, "%s_threads.svg" % k), "%s (size %d): time against threads" % (k, n),
                 "threads", "time per call (s)", series, xlog=True, ylog=True, xticks=threads)

    # ratios
    w("## Ratios (same run)")
    w("")
    w("Per kernel at its full size; `gather` is the gather (or plain) adjoint. ADOL-C ratios at the")
    w("ADOL-C size, 1 thread. Speedup: time at 1 thread over time at %d threads." % tmax)
    w("")
    hdr = ["kernel"]
    for t in threads:
        hdr.append("gather/forward at %d" % t)
    for t in threads:
        hdr.append("atomic/gather at %d" % t)
    for t in threads:
        hdr.append("reduction/gather at %d (extra, model)" % t)
    hdr += ["ADOL-C tape+reverse / gather", "ADOL-C reverse / gather", "speedup gather", "speedup forward"]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    ratios = {}
    for k in KERNELS:
        n, an, par = R.main_size(k), R.adolc_size(k), R.parallel(k)
        row = [k]
        rk = ratios[k] = {}
        for t in threads:
            rk["gf%d" % t] = ratio(R.time(k, par, t, n), R.time(k, "forward", t, n))
            row.append(fmt(rk["gf%d" % t]))
        for t in threads:
            rk["ag%d" % t] = ratio(R.time(k, "atomic", t, n), R.time(k, par, t, n))
            row.append(fmt(rk["ag%d" % t]))
        for t in threads:
            rr = R.run(k, "reduction", t, n)
            rk["rg%d" % t] = ratio(R.time(k, "reduction", t, n), R.time(k, par, t, n))
            c = rr["counters"] if rr else {}
            extra = c.get("bytes_extra")
            note = "" if c.get("bytes_extra_measured", 0) == 1 else " (model only)"
            row.append("%s (%s%s, %s)" % (fmt(rk["rg%d" % t]), mib(extra), note, mib(c.get("bytes_extra_model"))))
        rk["adolc"] = ratio(R.time(k, "adolc_tape_reverse", 1, an), R.time(k, par, 1, an))
        rk["adolc_rev"] = ratio(R.time(k, "adolc_reverse", 1, an), R.time(k, par, 1, an))
        row += [fmt(rk["adolc"], 1), fmt(rk["adolc_rev"], 1)]
        rk["sp_g"] = ratio(R.time(k, par, 1, n), R.time(k, par, tmax, n))
        rk["sp_f"] = ratio(R.time(k, "forward", 1, n), R.time(k, "forward", tmax, n))
        row += [fmt(rk["sp_g"]), fmt(rk["sp_f"])]
        w("| " + " | ".join(row) + " |")
    w("")

    an_ratio = analysis.get("ratio_total") if analysis else None
    w("### Headline")
    w("")
    w("Geometric means over the kernels of the table above (README.md quotes these rows):")
    w("")
    w("| ratio | value |")
    w("|---|---|")
    for label, v in headline_rows(ratios, t2, an_ratio):
        w("| %s | %s |" % (label, v))
    w("")

    # size sweeps
    sweep = [k for k in KERNELS if len(R.sizes(k)) > 2]
    if sweep:
        w("## Time against size")
        w("")
        for k in sweep:
            par = R.parallel(k)
            series = []
            for v in ["forward", par]:
                for t in threads:
                    pts = []
                    for s in R.sizes(k):
                        r = R.run(k, v, t, s)
                        if r and r["counters"].get("points"):
                            pts.append((r["counters"]["points"], r["time"] / r["counters"]["points"] * 1e9))
                    series.append(("%s, %d thr" % (v, t), pts))
            svg_plot(os.path.join(a.svg_dir, "%s_sizes.svg" % k), "%s: time per point against size" % k,
                     "points", "ns per point", series)
            w("![%s: time per point against size](%s/%s_sizes.svg)" % (k, svg_rel, k))
            w("")
            w("| size | points | " + " | ".join("%s at %d" % (v, t) for v in ["forward", par] for t in threads) + " |")
            w("|---|---|" + "---|" * (2 * len(threads)))
            for s in R.sizes(k):
                r = R.run(k, "forward", threads[0], s) or R.run(k, par, threads[0], s)
                if not r:
                    continue
                cells = [fmt_time(R.time(k, v, t, s)) for v in ["forward", par] for t in threads]
                w("| %d | %d | %s |" % (s, r["counters"].get("points", 0), " | ".join(cells)))
            w("")

    # targets
    w("## Targets")
    w("")
    targets = []  # (name, kernel, value, target, kind, met, profile filter)
    par_of = {k: R.parallel(k) for k in KERNELS}
    for k in STENCILS:
        v = ratios[k]["gf%d" % t2]
        targets.append(("gather adjoint within %.1fx of the forward at %d threads" % (TARGET_GATHER_FORWARD, t2), k, v,
                        TARGET_GATHER_FORWARD, "<=", "^%s/(forward|%s)/threads:1/" % (k, par_of[k])))
    for k in KERNELS:
        v = ratios[k]["ag%d" % t2]
        targets.append(("gather adjoint at least %.0fx faster than the atomic adjoint at %d threads" % (TARGET_ATOMIC, t2), k, v,
                        TARGET_ATOMIC, ">=", "^%s/(atomic|%s)/threads:1/" % (k, par_of[k])))
    for k in KERNELS:
        v = ratios[k]["adolc"]
        targets.append(("gather adjoint at least %.0fx faster than ADOL-C (tape + reverse, 1 thread)" % TARGET_ADOLC, k, v,
                        TARGET_ADOLC, ">=", "^%s/(adolc_tape_reverse|%s)/threads:1/" % (k, par_of[k])))
    targets.append(("analysis within %.1fx of clang-19 -fsyntax-only" % TARGET_ANALYSIS, "testsuite + examples", an_ratio,
                    TARGET_ANALYSIS, "<=", None))
    w("| target | kernel | measured | target | result |")
    w("|---|---|---|---|---|")
    missed = []
    for name, k, v, target, kind, filt in targets:
        if v is None:
            res = "not measured"
        else:
            met = v <= target if kind == "<=" else v >= target
            if met:
                res = "met"
            else:
                if kind == "<=":
                    res = "**missed**: %.0f%% above the target" % ((v / target - 1) * 100)
                else:
                    res = "**missed**: %sx short of the target" % fmt(target / v if v else None)
                missed.append((name, k, v, target, kind, filt))
        w("| %s | %s | %s | %s %s | %s |" % (name, k, fmt(v), kind, fmt(target, 1), res))
    w("")

    # One profile per kind of target, of the kernel that misses it by the
    # most (each callgrind run takes a while).
    profiled = []
    worst = {}
    for m in missed:
        name, k, v, target, kind, filt = m
        miss = v / target if kind == "<=" else (target / v if v else float("inf"))
        if name not in worst or miss > worst[name][0]:
            worst[name] = (miss, k)
    if missed:
        w("## Missed targets: why")
        w("")
        for name, k, v, target, kind, filt in missed:
            w("### %s: %s" % (k, name))
            w("")
            if k not in par_of:  # the analysis cost: its own section has the details and profile
                w("Measured %sx against %.1fx; the analysis cost section below has the details and a"
                  " profile." % (fmt(v), target))
                w("")
                continue
            par = par_of[k]
            n, an = R.main_size(k), R.adolc_size(k)
            prof_text, funcs = None, {}
            if filt and worst[name][1] == k:
                prof_text, funcs = profile(a.bench_binary, filt, workdir, "%s_%d" % (k, len(profiled)))
                profiled.append(filt)
            ir_par = instructions(funcs, r"_adjoint_%s$" % par)
            if name.startswith("gather adjoint within"):
                ir_fwd = instructions(funcs, r"_L\d+_forward$")
                w("Measured %sx against %.1fx. The %s adjoint reads the seed (the output's adjoint) and,"
                  " where the derivatives depend on them, the primal inputs, increments the input's"
                  " adjoint and resets the seed: more arrays streamed and more arithmetic per point than"
                  " the forward kernel's read of its inputs and write of its output."
                  % (fmt(v), target, par))
                facts = ["%s/forward is %sx at the full size on %d threads and %sx at size %d on 1 thread"
                         % (par, fmt(v), t2, fmt(ratio(R.time(k, par, 1, an), R.time(k, "forward", 1, an))), an),
                         "the speedup from 1 to %d threads is %sx for the forward kernel and %sx for the %s adjoint"
                         % (t2, fmt(ratio(R.time(k, "forward", 1, n), R.time(k, "forward", t2, n))),
                            fmt(ratio(R.time(k, par, 1, n), R.time(k, par, t2, n))), par)]
                if ir_par and ir_fwd:
                    facts.append("the %s adjoint executes %sx the forward's instructions (callgrind)"
                                 % (par, fmt(ir_par / ir_fwd)))
                w("")
                w("Measured: " + "; ".join(facts) + ".")
                small = ratio(R.time(k, par, 1, an), R.time(k, "forward", 1, an))
                if ir_par and ir_fwd and small:
                    w("")
                    share = (ir_par / ir_fwd) / small
                    if share >= 0.75:
                        w("At the profiled size the instruction ratio (%sx) accounts for most of the time ratio"
                          " (%sx): the gap is mostly the adjoint's extra work per point." % (fmt(ir_par / ir_fwd), fmt(small)))
                    elif share <= 0.5:
                        w("At the profiled size the instruction ratio (%sx) is well below the time ratio (%sx):"
                          " most of the extra time is memory traffic (the arrays the adjoint streams)."
                          % (fmt(ir_par / ir_fwd), fmt(small)))
                    else:
                        w("At the profiled size the instruction ratio (%sx) accounts for part of the time ratio"
                          " (%sx): both the extra work per point and the extra memory traffic contribute."
                          % (fmt(ir_par / ir_fwd), fmt(small)))
            elif "atomic" in name:
                ir_atomic = instructions(funcs, r"_adjoint_atomic$")
                w("Measured %sx against %.0fx at %d threads. The atomic adjoint makes every increment of"
                  " the input's adjoint an atomic update (a `lock`-prefixed instruction, or a"
                  " compare-and-swap loop for float); the %s adjoint needs none but does the work of"
                  " pulling each element's contributions." % (fmt(v), target, t2, par))
                if ir_par and ir_atomic:
                    w("")
                    w("Measured: the %s adjoint executes %sx the atomic adjoint's instructions (callgrind);"
                      " atomic/%s is %sx at 1 thread and %sx at %d threads at the full size."
                      % (par, fmt(ir_par / ir_atomic), par, fmt(ratio(R.time(k, "atomic", 1, n), R.time(k, par, 1, n))),
                         fmt(v), t2))
            elif "ADOL-C" in name:
                w("Measured %sx against %.0fx at the ADOL-C size (%d), 1 thread; the reverse sweep alone"
                  " is %sx the %s adjoint." % (fmt(v), target, an,
                                               fmt(ratio(R.time(k, "adolc_reverse", 1, an), R.time(k, par, 1, an))), par))
            else:
                w("Measured %sx against %.1fx; see the analysis cost section." % (fmt(v), target))
            w("")
            if filt and worst[name][1] != k:
                w("Profile: see %s, which misses this target by the most." % worst[name][1])
                w("")
            elif filt:
                w("Profile: `valgrind --tool=callgrind adjoint-bench --profile-sizes --benchmark_filter='%s'`"
                  " (the compared variants at the ADOL-C size, 1 thread: instructions do not depend on the"
                  " thread count; costs inside the generated functions and ADOL-C's calls only;"
                  " `callgrind_annotate`):" % filt)
                w("")
                w("```")
                w(prof_text)
                w("```")
                w("")

    if analysis_md:
        if not analysis_md.lstrip().startswith("#"):
            w("## Analysis cost")
            w("")
        w(analysis_md.strip())
        w("")
    elif a.quick:
        w("## Analysis cost")
        w("")
        w("Not measured in this smoke run.")
        w("")

    with open(a.doc, "w") as f:
        f.write("\n".join(md) + "\n")

    # README headline
    if a.readme:
        heads = headline(ratios, t2, tmax, an_ratio, context.get("mode") == "quick")
        with open(a.readme) as f:
            text = f.read()
        begin, end = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
        if begin not in text or end not in text:
            sys.exit("report.py: %s has no %s ... %s region" % (a.readme, begin, end))
        pre, rest = text.split(begin, 1)
        _, post = rest.split(end, 1)
        with open(a.readme, "w") as f:
            f.write(pre + begin + "\n" + heads + end + post)
    return 0


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def headline(ratios, t2, tmax, an_ratio, quick):
    """The README's headline: the "Headline" rows of docs/benchmarks.md
    (geometric means over the kernels of its ratio table)."""
    rows = headline_rows(ratios, t2, an_ratio)
    out = ["From [docs/benchmarks.md](docs/benchmarks.md) (geometric means over the kernels, same run):", ""]
    if quick:
        out = ["From a **smoke run** (`--quick`: tiny sizes, not performance numbers) written to",
               "[docs/benchmarks.md](docs/benchmarks.md); `scripts/benchmarks.sh` replaces both:", ""]
    out.append("| ratio | value |")
    out.append("|---|---|")
    for label, v in rows:
        out.append("| %s | %s |" % (label, v))
    return "\n".join(out) + "\n"


def headline_rows(ratios, t2, an_ratio):
    g = lambda key, ks=KERNELS: geomean([ratios[k][key] for k in ks])
    return [
        ("gather adjoint / forward, stencils, %d threads" % t2, fmt(g("gf%d" % t2, STENCILS)) + "x"),
        ("atomic / gather adjoint, %d threads" % t2, fmt(g("ag%d" % t2)) + "x"),
        ("reduction / gather adjoint, %d threads" % t2, fmt(g("rg%d" % t2)) + "x"),
        ("ADOL-C (tape + reverse) / gather adjoint, 1 thread", fmt(g("adolc"), 1) + "x"),
        ("analysis / clang-19 -fsyntax-only", (fmt(an_ratio) + "x") if an_ratio is not None else "n/a"),
    ]


if __name__ == "__main__":
    sys.exit(main())
