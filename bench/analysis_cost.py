#!/usr/bin/env python3
"""Analysis cost of adjoint-lint against `clang-19 -fsyntax-only`.

    python3 bench/analysis_cost.py --build BUILD_DIR --out OUT_DIR [--quick]
                                   [--svg-dir DIR] [--repeat N] [--no-profile]

Measures, with the same compiler flags for both tools and the environment of
a user (ADJOINT_LINT_CROSS_CHECK unset, unlike the lit suite):

- the corpus: every C/C++ file under testsuite/ and examples/ that
  `clang-19 -fsyntax-only` accepts with its flags (those of the file's lit RUN
  line, or -fopenmp), minus bad-input tests, fuzz artefacts and test tools;
  each file is run `--repeat` times with each tool, alternating, and the
  minimum wall time is kept (the least disturbed run: the cost of the work,
  not of the machine's other load). Per-loop times come from extra runs with
  `--format=json --time-loops` (the deciders' `analysis_seconds`, the
  front end's `frontend_seconds`);
- a generated family of loops, nest depth 1..4 and 1..256 reads of a stencil
  (and a `schedule(static, 4)` family, where Z3 works), each with the default
  budgets and with tight ones: the cost curve and the budgets' cap;
- a callgrind profile of adjoint-lint and of clang-19 over examples/ (the
  instruction counts are deterministic), split into Clang's front end,
  lowering to loop models, isl, Z3, findings and process start.

Writes OUT_DIR/analysis.json (ratio_total and all data), OUT_DIR/analysis.md
(a markdown fragment starting at `##`, for docs/benchmarks.md) and the SVG
plots analysis-*.svg into --svg-dir (default docs/benchmarks/). Python 3
standard library only. --quick: a small subset for smoke tests (< 30 s).
"""
import argparse
import datetime
import itertools
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 1.5  # issue 6: analysis within 1.5x of clang-19 -fsyntax-only
RUN_TIMEOUT = 300  # seconds; a run past it is recorded as timed out
# A command whose runs have taken this long is not repeated further: for
# long runs the machine's noise is small against the run.
REPEAT_BUDGET = 2.0
# callgrind runs some 50 times slower: only files faster than this are
# profiled with it (the slower ones are sampled by perf instead).
CALLGRIND_MAX_SECONDS = 2.0
# Tight budgets for the family: small enough that the larger kernels hit them.
TIGHT = ["--isl-max-operations=1000000", "--z3-rlimit=1000000", "--timeout=10"]


def user_env():
    """The environment of a user: no cross-check (the lit suite sets it)."""
    env = dict(os.environ)
    env.pop("ADJOINT_LINT_CROSS_CHECK", None)
    env["LC_ALL"] = "C"
    return env


ENV = user_env()


def timed(cmd, cwd=REPO, capture=False):
    """(seconds, exit status, stdout or None) of one run."""
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=ENV, timeout=RUN_TIMEOUT,
                           stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None, None
    return time.perf_counter() - start, p.returncode, (p.stdout if capture else None)


def output(cmd, cwd=REPO):
    try:
        return subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


# ---------------------------------------------------------------- machine


def machine_facts(tool, clang, build):
    facts = {"date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
             "platform": platform.platform(), "python": platform.python_version(),
             "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as fh:
            names = re.findall(r"^model name\s*:\s*(.*)$", fh.read(), re.M)
        facts["cpu"] = names[0] if names else platform.processor()
    except OSError:
        facts["cpu"] = platform.processor()
    try:
        facts["load_average_start"] = round(os.getloadavg()[0], 2)
    except OSError:
        pass
    facts["adjoint_lint"] = output([tool, "--version"]).strip()
    facts["clang"] = output([clang, "--version"]).splitlines()[0:1]
    facts["clang"] = facts["clang"][0] if facts["clang"] else ""
    build_type = ""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as fh:
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", fh.read(), re.M)
            build_type = m.group(1) if m else ""
    except OSError:
        pass
    facts["build_type"] = build_type
    facts["commit"] = output(["git", "rev-parse", "--short", "HEAD"]).strip()
    return facts


# ---------------------------------------------------------------- corpus

RUN_FLAGS = re.compile(r"%adjoint-lint\b[^|>;]*?%s\s+--((?:\s+[^\s|>;&]+)*)")


def corpus_flags(path, text):
    """(flags, None) or (None, reason to skip) from the file's RUN lines."""
    rel = os.path.relpath(path, REPO)
    if rel.startswith("testsuite/badinput/"):
        return None, "bad-input test (malformed or extreme on purpose)"
    if rel.startswith("testsuite/tools/"):
        return None, "test tool, not an input"
    if re.search(r"Differential fuzzing finding|fuzz/differential\.py", text):
        return None, "fuzz artefact (a differential-fuzzing finding kept as a regression test)"
    default = ["-fopenmp"] + (["-std=c++17"] if path.endswith(".cpp") else [])
    runs = [line for line in text.splitlines() if "RUN:" in line and "%adjoint-lint" in line]
    if not runs:
        return default, None
    flags = None
    for line in runs:
        m = RUN_FLAGS.search(line)
        if m:
            flags = m.group(1).split()
            break
    if flags is None:
        return default, None
    flags = [f.replace("%S", os.path.dirname(path)).replace("%inputs",
                                                             os.path.join(os.path.dirname(path), "Inputs"))
             for f in flags]
    if any("%" in f for f in flags):
        return None, "its RUN line's flags need lit substitutions"
    if "-fopenmp" not in flags:
        return None, "its RUN line parses it without -fopenmp (tests the not-analysable path)"
    return flags, None


QUICK_FILES = {"examples/heat1d.c", "examples/racy.c", "examples/jacobi2d.c"}


def collect_corpus(clang, quick):
    files, skipped = [], []
    for top in ("testsuite", "examples"):
        for dirpath, dirnames, names in os.walk(os.path.join(REPO, top)):
            dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
            for name in sorted(names):
                if not name.endswith((".c", ".cpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, REPO)
                if quick and rel not in QUICK_FILES:
                    continue
                with open(path, errors="replace") as fh:
                    text = fh.read()
                flags, why = corpus_flags(path, text)
                if why is None:
                    rc = subprocess.run([clang, "-fsyntax-only"] + flags + [rel], cwd=REPO, env=ENV,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        timeout=RUN_TIMEOUT).returncode
                    if rc != 0:
                        why = "clang-19 -fsyntax-only rejects it with these flags"
                if why:
                    skipped.append({"file": rel, "reason": why})
                else:
                    files.append({"file": rel, "flags": flags})
    return files, skipped


def loop_summary(loop):
    """'race' / 'none' and the strategies, for the slowest-loops table."""
    strategies = sorted({a.get("strategy") for a in loop.get("arrays", []) if a.get("strategy")})
    return f"forward race {loop['forward_race']['verdict']}; strategies {', '.join(strategies) or '-'}"


def count_verdicts(node):
    """(unknown, all) verdicts anywhere in a loop's JSON."""
    unknown = total = 0
    if isinstance(node, dict):
        if isinstance(node.get("verdict"), str):
            total += 1
            unknown += node["verdict"] == "unknown"
        for v in node.values():
            u, t = count_verdicts(v)
            unknown, total = unknown + u, total + t
    elif isinstance(node, list):
        for v in node:
            u, t = count_verdicts(v)
            unknown, total = unknown + u, total + t
    return unknown, total


def reasons(node, out):
    if isinstance(node, dict):
        if node.get("verdict") == "unknown" and node.get("reason"):
            out.add(node["reason"])
        for v in node.values():
            reasons(v, out)
    elif isinstance(node, list):
        for v in node:
            reasons(v, out)
    return out


PERF_FREQUENCY = 499  # samples per second: a few per cent of overhead at most


def perf_works(out_dir):
    """Whether `perf record -e cpu-clock` may sample here (not in every
    container; hardware counters are not needed)."""
    if not shutil.which("perf"):
        return False
    probe = os.path.join(out_dir, "perf.probe.data")
    try:
        ok = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-o", probe, "--", "true"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if os.path.exists(probe):
        os.remove(probe)
    return ok


def perf_by_object(data_file):
    """[{object, share}] of the samples, from perf report --sort dso."""
    text = output(["perf", "report", "-i", data_file, "--stdio", "-q", "--no-children", "--sort", "dso"])
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\s*([\d.]+)%\s+(\S.*?)\s*$", line)
        if m:
            rows.append({"object": m.group(2), "share": float(m.group(1)) / 100})
    return rows[:8]


def measure_corpus(tool, clang, files, repeat, loop_runs, log, perf_dir=None):
    """Times each file with both tools. Files whose first run takes over
    REPEAT_BUDGET have their --time-loops run sampled by perf (perf_dir)."""
    for n, f in enumerate(files, 1):
        rel, flags = f["file"], f["flags"]
        al, cl, statuses = [], [], set()
        for _ in range(repeat):
            t, rc, _ = timed([tool, rel, "--"] + flags)
            al.append(t)
            statuses.add(rc)
            t, _, _ = timed([clang, "-fsyntax-only"] + flags + [rel])
            cl.append(t)
            if sum(al) + sum(cl) > REPEAT_BUDGET:
                break
        f["runs"] = len(al)
        f["adjoint_lint_seconds"] = min(al)
        f["clang_seconds"] = min(cl)
        f["ratio"] = f["adjoint_lint_seconds"] / f["clang_seconds"]
        f["exit_status"] = sorted(s if s is not None else -1 for s in statuses)
        # Per-loop times: the same run as JSON with --time-loops, repeated,
        # each loop's minimum.
        loops, frontend = {}, []
        for run in range(loop_runs):
            cmd = [tool, "--format=json", "--time-loops", rel, "--"] + flags
            perf_data = None
            if perf_dir and run == 0 and al[0] > REPEAT_BUDGET:
                perf_data = os.path.join(perf_dir, re.sub(r"[^\w.-]", "_", rel) + ".perf.data")
                cmd = ["perf", "record", "-q", "-F", str(PERF_FREQUENCY), "-e", "cpu-clock", "-o", perf_data,
                       "--"] + cmd
            _, rc, out = timed(cmd, capture=True)
            if perf_data and os.path.exists(perf_data):
                f["perf_by_object"] = perf_by_object(perf_data)
                os.remove(perf_data)
            try:
                report = json.loads(out)
            except (TypeError, ValueError):
                continue
            for i in report.get("inputs", []):
                if "frontend_seconds" in i:
                    frontend.append(i["frontend_seconds"])
            for lp in report.get("loops", []):
                key = lp["id"]
                if key not in loops:
                    loops[key] = {"id": key, "file": lp.get("file", rel), "line": lp.get("line"),
                                  "summary": loop_summary(lp), "seconds": lp["analysis_seconds"],
                                  "unknown_verdicts": count_verdicts(lp)[0]}
                else:
                    loops[key]["seconds"] = min(loops[key]["seconds"], lp["analysis_seconds"])
        f["frontend_seconds"] = min(frontend) if frontend else None
        f["loops"] = list(loops.values())
        f["deciders_seconds"] = sum(lp["seconds"] for lp in f["loops"])
        log(f"[{n}/{len(files)}] {rel}: {f['adjoint_lint_seconds']:.3f} s vs {f['clang_seconds']:.3f} s")
    return files


# ---------------------------------------------------------------- family


def stencil_offsets(depth, reads):
    """The first `reads` points of the box [-r, r]^depth, nearest first."""
    r = 1
    while (2 * r + 1) ** depth < reads:
        r += 1
    points = sorted(itertools.product(range(-r, r + 1), repeat=depth),
                    key=lambda p: (sum(map(abs, p)), p))
    return points[:reads], r


def family_kernel(depth, reads, schedule=None):
    """A `depth`-deep nest whose parallel loop is the outermost, writing y
    and reading x at `reads` offsets; arrays of N = 2r + 64 per dimension."""
    offsets, r = stencil_offsets(depth, reads)
    its = [f"i{a}" for a in range(depth)]
    dims = "".join("[N]" for _ in its)
    pragma = "#pragma omp parallel for" + (f" schedule({schedule})" if schedule else "")
    lines = [f"// generated by bench/analysis_cost.py: depth {depth}, {reads} reads",
             f"#define N {2 * r + 64}", f"double x{dims}, y{dims};", "void kernel(void) {", pragma]
    for a, v in enumerate(its):
        lines.append("  " * (a + 1) + f"for (int {v} = {r}; {v} < N - {r}; {v}++)")

    def sub(v, o):
        return f"[{v}]" if o == 0 else f"[{v} {'+' if o > 0 else '-'} {abs(o)}]"

    terms = [f"{c + 1}.0 * x" + "".join(sub(v, o) for v, o in zip(its, off))
             for c, off in enumerate(offsets)]
    pad = "  " * (depth + 1)
    lines.append(pad + "y" + "".join(f"[{v}]" for v in its) + " =")
    lines.append(pad + "    " + ("\n" + pad + "  + ").join(terms) + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


def measure_family(tool, out_dir, quick, repeat, log):
    fam_dir = os.path.join(out_dir, "family")
    os.makedirs(fam_dir, exist_ok=True)
    if quick:
        cases = [("for", d, k) for d in (1, 2) for k in (1, 8)]
    else:
        cases = [("for", d, k) for d in (1, 2, 3, 4) for k in (1, 2, 4, 8, 16, 32, 64, 128, 256)]
        cases += [("static4", d, k) for d in (1, 2) for k in (1, 4, 16, 64)]
    rows = []
    for n, (kind, depth, reads) in enumerate(cases, 1):
        name = f"{kind}_d{depth}_k{reads}.c"
        path = os.path.join(fam_dir, name)
        with open(path, "w") as fh:
            fh.write(family_kernel(depth, reads, "static, 4" if kind == "static4" else None))
        row = {"family": kind, "depth": depth, "reads": reads, "file": name}
        for label, extra in (("default", []), ("tight", TIGHT)):
            best, spent = None, 0.0
            for _ in range(repeat):
                if spent > REPEAT_BUDGET:
                    break
                t, rc, out = timed([tool, "--format=json", "--time-loops"] + extra + [path, "--", "-fopenmp"],
                                   cwd=fam_dir, capture=True)
                try:
                    report = json.loads(out)
                    loop = report["loops"][0]
                except (TypeError, ValueError, KeyError, IndexError):
                    report, loop = None, None
                spent += t
                sample = {"wall_seconds": t, "exit_status": rc}
                if loop is not None:
                    unknown, total = count_verdicts(loop)
                    sample.update({"analysis_seconds": loop["analysis_seconds"],
                                   "frontend_seconds": report["inputs"][0].get("frontend_seconds"),
                                   "unknown_verdicts": unknown, "verdicts": total,
                                   "forward_race": loop["forward_race"]["verdict"],
                                   "reasons": sorted(reasons(loop, set()))})
                if best is None or t < best["wall_seconds"]:
                    best = sample
            row[label] = best
        rows.append(row)
        d, t = row["default"], row["tight"]
        log(f"[family {n}/{len(cases)}] {name}: {d['wall_seconds']:.3f} s / tight {t['wall_seconds']:.3f} s, "
            f"unknown {d.get('unknown_verdicts')} / {t.get('unknown_verdicts')}")
    return rows


# ---------------------------------------------------------------- profile

ANNOTATE_LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$")


def annotate(cg_file, inclusive):
    """({(function, object): instructions}, total) from callgrind_annotate,
    over the source files a function's code came from (inlined code is
    listed once per header, without its object: it gets the function's)."""
    args = ["callgrind_annotate", "--auto=no", "--threshold=100",
            "--inclusive=" + ("yes" if inclusive else "no"), cg_file]
    text = output(args)
    entries, objects, total = [], {}, None
    for line in text.splitlines():
        m = ANNOTATE_LINE.match(line)
        if not m:
            continue
        value, rest = int(m.group(1).replace(",", "")), m.group(2)
        if rest.startswith("PROGRAM TOTALS"):
            total = value
            continue
        obj = ""
        om = re.search(r"\s\[([^\]]*)\]$", rest)
        if om:
            obj, rest = os.path.basename(om.group(1)), rest[:om.start()]
        fn = rest.split(":", 1)[1] if ":" in rest else rest
        if re.search(r"'\d+$", fn):  # a recursion level: its cost is counted in level 1
            continue
        entries.append((fn, obj, value))
        if obj:
            objects.setdefault(fn, obj)
    costs = {}
    for fn, obj, value in entries:
        key = (fn, obj or objects.get(fn, "(inlined)"))
        # Own costs split over a function's source files add up; inclusive
        # ones do not (a function seen under two paths of one file, from
        # two compile directories, has its whole inclusive cost under each):
        # the largest is the function's.
        costs[key] = max(costs.get(key, 0), value) if inclusive else costs.get(key, 0) + value
    return costs, total


def add_costs(into, costs):
    for k, v in costs.items():
        into[k] = into.get(k, 0) + v


def short(fn):
    """A function name without its parameter list and long namespaces."""
    depth, out = 0, ""
    for ch in fn:
        if ch == "(":
            depth += 1
            if depth == 1:
                out += "(...)"
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out += ch
    out = out.replace("adjoint_lint::", "").replace("(anonymous namespace)::", "")
    out = re.sub(r"<[^<>]*(<[^<>]*>[^<>]*)*>", "<...>", out)
    return out if len(out) <= 90 else out[:87] + "..."


def component_costs(inclusive, exclusive, total):
    def incl(name):
        # The function itself, not the lambdas and local classes inside it.
        return sum(v for (fn, _), v in inclusive.items()
                   if re.fullmatch(re.escape(name) + r"\([^()]*\)( const)?", fn))

    def objects(pattern):
        return sum(v for (_, obj), v in exclusive.items() if re.match(pattern, obj))

    parse_ast = incl("clang::ParseAST")
    lowering = incl("adjoint_lint::analyzer::(anonymous namespace)::LoweringConsumer::HandleTranslationUnit")
    deciders = incl("adjoint_lint::polyhedral::decide")
    parts = [
        ("dynamic linker (ld.so: relocating libLLVM, libclang-cpp, isl, Z3 at start; binding symbols)",
         objects(r"ld-linux")),
        ("Clang: parsing and Sema (clang::ParseAST without the lowering)", parse_ast - lowering),
        ("lowering to loop models (analyzer/, in Clang's AST consumer)", lowering),
        ("deciders (polyhedral::decide): all", deciders),
        ("  of which in isl (libisl, libgmp)", objects(r"libisl|libgmp")),
        ("  of which in Z3 (libz3)", objects(r"libz3")),
        ("findings and output (reports/, Clang's diagnostic printer)",
         incl("adjoint_lint::reports::buildFindings") +
         incl("adjoint_lint::analyzer::printFindingsClangStyle")),
    ]
    return [{"part": p, "instructions": v, "share": v / total if total else 0} for p, v in parts]


def callgrind(name, cmd, cg_dir, log, components=False):
    """Runs `cmd` under callgrind; its instruction count, top inclusive
    functions, own instructions by object and (for adjoint-lint) parts."""
    cg = os.path.join(cg_dir, f"{name}.out")
    log(f"callgrind: {' '.join(os.path.basename(c) for c in cmd)}")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}"] + cmd, cwd=REPO,
                   env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    inclusive, total = annotate(cg, True)
    exclusive, _ = annotate(cg, False)
    entry = {"instructions": total, "callgrind_file": os.path.relpath(cg, os.path.dirname(cg_dir))}
    top = sorted(inclusive.items(), key=lambda kv: -kv[1])
    skip = re.compile(r"^(\(below main\)|main|_start|start_thread|__libc_start|0x[0-9a-f]+|\?\?\?)")
    entry["top_inclusive"] = [{"function": short(fn), "object": obj, "instructions": v,
                               "share": v / total if total else 0}
                              for (fn, obj), v in top if not skip.match(fn)][:20]
    by_object = {}
    for (_, obj), v in exclusive.items():
        by_object[obj] = by_object.get(obj, 0) + v
    entry["self_by_object"] = [{"object": o, "instructions": v, "share": v / total if total else 0}
                               for o, v in sorted(by_object.items(), key=lambda kv: -kv[1])[:8]]
    if components:
        entry["components"] = component_costs(inclusive, exclusive, total)
    return entry


def profile(tool, clang, files, ratio_total, out_dir, log):
    """callgrind of the examples/ file whose time ratio is nearest the
    corpus's (with clang-19 on it too), and of the file with the worst ratio
    (the hot spot) among those under CALLGRIND_MAX_SECONDS."""
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        return {"skipped": "valgrind (callgrind) is not installed"}
    cg_dir = os.path.join(out_dir, "callgrind")
    os.makedirs(cg_dir, exist_ok=True)
    result = {"how": "valgrind --tool=callgrind, one process, as timed; callgrind_annotate --inclusive=yes"}
    examples = [f for f in files if re.fullmatch(r"examples/[^/]+\.c", f["file"])]
    if examples:
        rep = min(examples, key=lambda f: abs(f["ratio"] - ratio_total))
        rel, flags = rep["file"], rep["flags"]
        entry = {"file": rel, "flags": flags, "ratio": rep["ratio"]}
        entry["adjoint_lint"] = callgrind("adjoint_lint.representative", [tool, rel, "--"] + flags, cg_dir, log,
                                          components=True)
        entry["clang"] = callgrind("clang.representative", [clang, "-fsyntax-only"] + flags + [rel], cg_dir, log)
        a, c = entry["adjoint_lint"]["instructions"], entry["clang"]["instructions"]
        entry["instruction_ratio"] = a / c if a and c else None
        result["representative"] = entry
    affordable = [f for f in files if f["adjoint_lint_seconds"] < CALLGRIND_MAX_SECONDS]
    if affordable:
        worst = max(affordable, key=lambda f: f["ratio"])
        rel, flags = worst["file"], worst["flags"]
        entry = {"file": rel, "flags": flags, "ratio": worst["ratio"]}
        entry["adjoint_lint"] = callgrind("adjoint_lint.worst", [tool, rel, "--"] + flags, cg_dir, log,
                                          components=True)
        result["worst"] = entry
    return result


# ---------------------------------------------------------------- SVG


def svg_text(x, y, s, anchor="start", size=11, extra=""):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" {extra}>{s}</text>'


def svg_document(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif">\n'
            f'<rect width="{width}" height="{height}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


def ratio_svg(files):
    """Per-file ratio, sorted, on a log scale, with the 1x and 1.5x lines."""
    ratios = sorted(f["ratio"] for f in files)
    W, H, L, R, T, B = 640, 300, 50, 20, 30, 40
    lo = math.floor(math.log10(min(min(ratios, default=1.0), 1.0) * 0.9))
    hi = math.ceil(math.log10(max(max(ratios, default=1.0), TARGET) * 1.1))
    n = max(len(ratios), 1)

    def y(v):
        return T + (H - T - B) * (1 - (math.log10(v) - lo) / (hi - lo))

    body = [svg_text(W / 2, 18, "adjoint-lint time / clang-19 -fsyntax-only time, per file (sorted, log scale)",
                     "middle", 13)]
    body.append(f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>')
    body.append(f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>')
    for e in range(lo, hi + 1):
        body.append(f'<line x1="{L - 4}" y1="{y(10 ** e):.1f}" x2="{W - R}" y2="{y(10 ** e):.1f}" stroke="#ddd"/>')
        body.append(svg_text(L - 6, y(10 ** e) + 4, f"{10 ** e:g}x", "end", 10))
    bw = (W - L - R) / n
    base = y(10 ** lo)
    for i, r in enumerate(ratios):
        colour = "#4a7" if r <= TARGET else "#d63"
        body.append(f'<rect x="{L + i * bw + 0.5:.1f}" y="{y(r):.1f}" width="{max(bw - 1, 0.5):.1f}" '
                    f'height="{base - y(r):.1f}" fill="{colour}"/>')
    for v, label, dash, x_, anchor in ((1.0, "1x", "2,2", W - R - 4, "end"),
                                      (TARGET, f"target {TARGET}x", "6,3", L + 4, "start")):
        body.append(f'<line x1="{L}" y1="{y(v):.1f}" x2="{W - R}" y2="{y(v):.1f}" stroke="black" '
                    f'stroke-dasharray="{dash}"/>')
        body.append(svg_text(x_, y(v) - 3, label, anchor, 10))
    body.append(svg_text(W / 2, H - 12, f"{len(ratios)} files of testsuite/ and examples/", "middle", 11))
    return svg_document(W, H, body)


def curve_svg(rows):
    """Deciders' seconds over the number of reads, one line per depth;
    solid: default budgets, dashed: tight budgets; hollow: some verdict unknown."""
    rows = [r for r in rows if r["family"] == "for"]
    W, H, L, R, T, B = 640, 360, 60, 150, 30, 45
    pts = [(r[c].get("analysis_seconds") or 1e-4) for r in rows for c in ("default", "tight")]
    lo = math.floor(math.log10(max(min(pts, default=1e-3), 1e-4)))
    hi = math.ceil(math.log10(max(pts, default=1.0) * 1.01))
    if hi <= lo:
        hi = lo + 1
    reads = sorted({r["reads"] for r in rows}) or [1]
    kmax = max(1, math.log2(max(reads)))

    def x(k):
        return L + (W - L - R) * (math.log2(k) / kmax)

    def y(s):
        return T + (H - T - B) * (1 - (math.log10(max(s, 10 ** lo)) - lo) / (hi - lo))

    body = [svg_text((W - R + L) / 2, 18, "deciders' time per loop (s, log) over reads per iteration",
                     "middle", 13)]
    body.append(f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>')
    body.append(f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>')
    for e in range(lo, hi + 1):
        body.append(f'<line x1="{L - 4}" y1="{y(10 ** e):.1f}" x2="{W - R}" y2="{y(10 ** e):.1f}" '
                    f'stroke="#ddd"/>')
        body.append(svg_text(L - 6, y(10 ** e) + 4, f"{10 ** e:g}", "end", 10))
    for k in reads:
        body.append(svg_text(x(k), H - B + 15, str(k), "middle", 10))
    body.append(svg_text((W - R + L) / 2, H - 8, "reads of x per iteration (log2)", "middle", 11))
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"]
    depths = sorted({r["depth"] for r in rows})
    for i, d in enumerate(depths):
        colour = colours[i % len(colours)]
        for config, dash in (("default", ""), ("tight", ' stroke-dasharray="5,3"')):
            series = sorted((r["reads"], r[config]) for r in rows if r["depth"] == d)
            series = [(k, s) for k, s in series if s.get("analysis_seconds") is not None]
            if not series:
                continue
            path = " ".join(f"{'M' if j == 0 else 'L'}{x(k):.1f},{y(s['analysis_seconds']):.1f}"
                            for j, (k, s) in enumerate(series))
            body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>')
            for k, s in series:
                fill = "white" if s.get("unknown_verdicts") else colour
                body.append(f'<circle cx="{x(k):.1f}" cy="{y(s["analysis_seconds"]):.1f}" r="3" '
                            f'fill="{fill}" stroke="{colour}"/>')
        ly = T + 15 + 16 * i
        body.append(f'<line x1="{W - R + 10}" y1="{ly}" x2="{W - R + 30}" y2="{ly}" stroke="{colour}" '
                    f'stroke-width="1.5"/>')
        body.append(svg_text(W - R + 35, ly + 4, f"depth {d}", size=10))
    ly = T + 15 + 16 * len(depths) + 6
    body.append(svg_text(W - R + 10, ly, "solid: default budgets", size=10))
    body.append(svg_text(W - R + 10, ly + 14, "dashed: tight budgets", size=10))
    body.append(svg_text(W - R + 10, ly + 28, "hollow: a verdict unknown", size=10))
    return svg_document(W, H, body)


# ---------------------------------------------------------------- markdown


def fmt_s(s):
    if s is None:
        return "-"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def fmt_n(n):
    return f"{n:,}" if n is not None else "-"


def markdown(data, svg_refs):
    m = data["machine"]
    c = data["corpus"]
    lines = ["## Analysis cost", ""]
    lines.append(f"`python3 bench/analysis_cost.py` ({'--quick, ' if data['quick'] else ''}"
                 f"{data['repeat']} run{'s' if data['repeat'] != 1 else ''} of each command, fewer where "
                 f"they took over {REPEAT_BUDGET:g} s together, the minimum kept) on {m['cpu']} "
                 f"({m['cpus']} CPUs, load average {m.get('load_average_start', '?')} at the start), "
                 f"{m['adjoint_lint']} ({m['build_type'] or 'unknown'} build, commit {m['commit']}) against "
                 f"{m['clang']}, {m['date_utc']} UTC. Both tools parse each file with the same flags "
                 "(those of its lit RUN line, else `-fopenmp`), adjoint-lint as a user runs it: text "
                 "output, default budgets, `ADJOINT_LINT_CROSS_CHECK` unset.")
    lines.append("")
    lines.append("### Against clang-19 -fsyntax-only")
    lines.append("")
    verdict = "met" if data["ratio_total"] <= TARGET else "missed"
    lines.append("| measure | value |")
    lines.append("|---|---|")
    lines.append(f"| files | {len(c['files'])} ({len(c['skipped'])} skipped, below) |")
    lines.append(f"| adjoint-lint, all files | {fmt_s(c['adjoint_lint_total'])} |")
    lines.append(f"| clang-19 -fsyntax-only, all files | {fmt_s(c['clang_total'])} |")
    lines.append(f"| **ratio of the totals** | **{data['ratio_total']:.2f}x** (target {TARGET}x: {verdict}) |")
    lines.append(f"| median per-file ratio | {c['ratio_median']:.2f}x |")
    lines.append(f"| worst per-file ratio | {c['ratio_worst']:.2f}x (`{c['ratio_worst_file']}`) |")
    lines.append(f"| files within {TARGET}x | {c['within_target']} of {len(c['files'])} |")
    g = c.get("without_generated")
    if g and g["files"] < len(c["files"]):
        lines.append(f"| ratio of the totals, examples/generated/ left out | {g['ratio']:.2f}x over {g['files']} "
                     f"files ({fmt_s(g['adjoint_lint_total'])} against {fmt_s(g['clang_total'])}) |")
    lines.append("")
    split = c["split"]
    lines.append(f"Where adjoint-lint's time goes over the corpus (`frontend_seconds` and `analysis_seconds` "
                 f"summed from {data['loop_runs']} `--format=json --time-loops` run"
                 f"{'s' if data['loop_runs'] != 1 else ''} per file; the rest of the timed runs' total is "
                 "process start, Clang's driver and the output):")
    lines.append("")
    lines.append("| part | time | share |")
    lines.append("|---|---|---|")
    for part, s in (("front end (`frontend_seconds`: parsing, Sema, loop models)", split["frontend"]),
                    ("deciders (`analysis_seconds`: isl, Z3)", split["deciders"]),
                    ("rest of the process", split["rest"])):
        share = s / c["adjoint_lint_total"] if c["adjoint_lint_total"] else 0
        lines.append(f"| {part} | {fmt_s(s)} | {share:.0%} |")
    lines.append("")
    if svg_refs.get("ratio"):
        lines.append(f"![per-file ratio]({svg_refs['ratio']})")
        lines.append("")
    lines.append("Slowest files (adjoint-lint time):")
    lines.append("")
    lines.append("| file | adjoint-lint | clang-19 | ratio | front end | deciders | loops |")
    lines.append("|---|---|---|---|---|---|---|")
    for f in sorted(c["files"], key=lambda f: -f["adjoint_lint_seconds"])[:10]:
        lines.append(f"| `{f['file']}` | {fmt_s(f['adjoint_lint_seconds'])} | {fmt_s(f['clang_seconds'])} | "
                     f"{f['ratio']:.2f}x | {fmt_s(f['frontend_seconds'])} | {fmt_s(f['deciders_seconds'])} | "
                     f"{len(f['loops'])} |")
    lines.append("")
    lines.append("Slowest loops (the deciders' `analysis_seconds` from `--time-loops`; files over "
                 f"{REPEAT_BUDGET:g} s ran that under perf's sampling, a few per cent slower):"
                 if data.get("perf") else "Slowest loops (the deciders' `analysis_seconds` from `--time-loops`):")
    lines.append("")
    lines.append("| loop | file | deciders | unknown verdicts | verdicts |")
    lines.append("|---|---|---|---|---|")
    for lp in c["slowest_loops"]:
        lines.append(f"| `{lp['id']}` | `{lp['file']}` | {fmt_s(lp['seconds'])} | {lp['unknown_verdicts']} | "
                     f"{lp['summary']} |")
    lines.append("")
    if c["skipped"]:
        lines.append("Skipped files:")
        lines.append("")
        lines.append("| reason | files |")
        lines.append("|---|---|")
        by_reason = {}
        for s in c["skipped"]:
            by_reason.setdefault(s["reason"], []).append(s["file"])
        for reason, names in sorted(by_reason.items()):
            shown = ", ".join(f"`{n}`" for n in names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            lines.append(f"| {reason} | {shown} |")
        lines.append("")

    lines.append("### Why the target is " + verdict)
    lines.append("")
    p = data["profile"]
    over = (data["ratio_total"] / TARGET - 1) * 100
    excess = c["adjoint_lint_total"] - c["clang_total"]
    if verdict == "missed":
        lines.append(f"adjoint-lint takes {data['ratio_total']:.2f}x the time of clang-19 -fsyntax-only over "
                     f"the corpus, {over:.0f}% over the {TARGET}x target.")
    else:
        lines.append(f"adjoint-lint takes {data['ratio_total']:.2f}x the time of clang-19 -fsyntax-only over "
                     f"the corpus, within the {TARGET}x target; {len(c['files']) - c['within_target']} files "
                     f"are over {TARGET}x on their own.")
    lines.append(" Both tools run the same Clang front end on each file, and for small files both are "
                 "mostly process start (loading and relocating libLLVM and libclang-cpp); adjoint-lint then "
                 "lowers each OpenMP loop to a model and decides it with isl (Z3 where isl cannot), which "
                 "clang does not do.")
    if excess > 0:
        slow = c["slowest_loops"]
        with_unknown = sum(1 for lp in slow if lp["unknown_verdicts"])
        top_files = sorted(c["files"], key=lambda f: -f["deciders_seconds"])[:3]
        top_share = sum(f["deciders_seconds"] for f in top_files) / split["deciders"] if split["deciders"] else 0
        lines.append(f" Its extra time over clang-19, {fmt_s(excess)} in all, compares with "
                     f"{fmt_s(split['deciders'])} in the deciders ({split['deciders'] / excess:.0%} of the "
                     f"extra); the three files whose deciders take longest ("
                     + ", ".join(f"`{f['file']}`" for f in top_files) +
                     f") account for {top_share:.0%} of the deciders' time, and {with_unknown} of the "
                     f"{len(slow)} slowest loops have `unknown` verdicts (where isl cannot decide, Z3 "
                     "tries after it).")
    lines.append("")
    sampled = [f for f in sorted(c["files"], key=lambda f: -f["adjoint_lint_seconds"]) if f.get("perf_by_object")]
    if sampled:
        lines.append(f"Files over {REPEAT_BUDGET:g} s, sampled by `perf record -e cpu-clock -F {PERF_FREQUENCY}` "
                     "during their `--time-loops` run (share of samples by object):")
        lines.append("")
        lines.append("| file | adjoint-lint | samples by object |")
        lines.append("|---|---|---|")
        for f in sampled[:6]:
            objs = ", ".join(f"{o['object']} {o['share']:.0%}" for o in f["perf_by_object"][:5])
            lines.append(f"| `{f['file']}` | {fmt_s(f['adjoint_lint_seconds'])} | {objs} |")
        lines.append("")
    if "skipped" in p:
        lines.append(f"Profile: not taken ({p['skipped']}).")
        lines.append("")
    for key, title in (("representative", "the examples/ file whose ratio is nearest the corpus's"),
                       ("worst", f"the file with the worst ratio among those adjoint-lint analyses in under "
                                 f"{CALLGRIND_MAX_SECONDS:g} s (a hot spot callgrind can afford)")):
        e = p.get(key)
        if not e:
            continue
        a = e["adjoint_lint"]
        lines.append(f"Profile of {title}: `valgrind --tool=callgrind adjoint-lint {e['file']} -- "
                     f"{' '.join(e['flags'])}` (time ratio {e['ratio']:.2f}x). Instructions executed: "
                     f"{fmt_n(a['instructions'])}" +
                     (f"; clang-19 -fsyntax-only on the same file: {fmt_n(e['clang']['instructions'])}, "
                      f"ratio {e['instruction_ratio']:.2f}x (deterministic, unlike times)" if "clang" in e else "")
                     + ".")
        lines.append("")
        lines.append("| part of adjoint-lint (inclusive; ld.so's symbol binding counts where it happens) "
                     "| instructions | share |")
        lines.append("|---|---|---|")
        for part in a["components"]:
            lines.append(f"| {part['part']} | {fmt_n(part['instructions'])} | {part['share']:.1%} |")
        lines.append("")
        lines.append("Top inclusive functions (callgrind_annotate --inclusive=yes):")
        lines.append("")
        lines.append("| function | object | instructions | share |")
        lines.append("|---|---|---|---|")
        for t in a["top_inclusive"][:12]:
            fn = t["function"].replace("|", "\\|")
            lines.append(f"| `{fn}` | {t['object']} | {fmt_n(t['instructions'])} | {t['share']:.1%} |")
        lines.append("")
        if "clang" in e:
            cl = e["clang"]
            lines.append("Own instructions by library:")
            lines.append("")
            lines.append("| adjoint-lint: object | share | clang-19: object | share |")
            lines.append("|---|---|---|---|")
            for x_, y_ in itertools.zip_longest(a["self_by_object"][:6], cl["self_by_object"][:6]):
                left = f"{x_['object']} | {x_['share']:.1%}" if x_ else " | "
                right = f"{y_['object']} | {y_['share']:.1%}" if y_ else " | "
                lines.append(f"| {left} | {right} |")
            lines.append("")

    fam = data["family"]
    lines.append("### Cost curve: nest depth and accesses")
    lines.append("")
    lines.append("Generated loops (`bench/analysis_cost.py`, `family_kernel`): a nest of depth d whose outer "
                 "loop is `parallel for`, writing `y[i0]...[id-1]` and reading x at k offsets of a stencil "
                 "(nearest first); the `static4` rows add `schedule(static, 4)`, which Z3 analyses "
                 "(docs/z3.md). Each kernel runs with the default budgets and with tight ones (`"
                 + " ".join(TIGHT) + "`): the deciders' time and how many verdicts are unknown. "
                 "Wall time is the whole process.")
    lines.append("")
    lines.append("| family | depth | reads | deciders (default) | wall (default) | unknown (default) | "
                 "deciders (tight) | wall (tight) | unknown (tight) |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for r in fam:
        d, t = r["default"], r["tight"]

        def unk(s):
            if s.get("verdicts") is None:
                return f"no report (exit {s.get('exit_status')})"
            return f"{s['unknown_verdicts']} of {s['verdicts']}"

        lines.append(f"| {r['family']} | {r['depth']} | {r['reads']} | {fmt_s(d.get('analysis_seconds'))} | "
                     f"{fmt_s(d['wall_seconds'])} | {unk(d)} | {fmt_s(t.get('analysis_seconds'))} | "
                     f"{fmt_s(t['wall_seconds'])} | {unk(t)} |")
    lines.append("")
    capped = [r for r in fam if (r["tight"].get("unknown_verdicts") or 0) > (r["default"].get("unknown_verdicts") or 0)]
    if capped:
        why = sorted({reason for r in capped for reason in r["tight"].get("reasons", [])})
        lines.append(f"The tight budgets cap {len(capped)} of {len(fam)} kernels: their verdicts become "
                     "`unknown`, with the reasons " + "; ".join(f"\"{w}\"" for w in why) + ".")
    else:
        lines.append("No kernel of this run reached the tight budgets.")
    lines.append("")
    if svg_refs.get("curve"):
        lines.append(f"![cost curve]({svg_refs['curve']})")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", help="build directory holding tools/adjoint-lint/adjoint-lint (required "
                                    "unless --adjoint-lint names the binary)")
    ap.add_argument("--out", required=True, help="directory for analysis.json and analysis.md")
    ap.add_argument("--quick", action="store_true", help="a small subset (smoke test)")
    ap.add_argument("--svg-dir", default=os.path.join(REPO, "docs", "benchmarks"))
    ap.add_argument("--repeat", type=int, default=None, help="runs per command (default 3; 1 with --quick)")
    ap.add_argument("--adjoint-lint", dest="tool", default=None, help="the binary (default: in --build)")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--no-profile", action="store_true", help="skip the callgrind profile")
    ap.add_argument("--render-only", action="store_true",
                    help="measure nothing: rewrite analysis.md and the plots from OUT_DIR/analysis.json")
    args = ap.parse_args()
    if args.render_only:
        out_dir = os.path.abspath(args.out)
        with open(os.path.join(out_dir, "analysis.json")) as fh:
            write_outputs(json.load(fh), out_dir, args.svg_dir)
        return
    if not args.build and not args.tool:
        ap.error("--build BUILD_DIR (or --adjoint-lint BINARY) is required")
    if not args.build:  # the build directory of the binary, for its CMakeCache.txt
        args.build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(args.tool))))
    tool = os.path.abspath(args.tool or os.path.join(args.build, "tools", "adjoint-lint", "adjoint-lint"))
    if not os.access(tool, os.X_OK):
        sys.exit(f"analysis_cost.py: no adjoint-lint binary at {tool}")
    if not shutil.which(args.clang):
        sys.exit(f"analysis_cost.py: {args.clang} not found")
    repeat = args.repeat or (1 if args.quick else 3)
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    started = time.perf_counter()

    def log(msg):
        print(f"analysis_cost: {msg}", file=sys.stderr, flush=True)

    data = {"quick": args.quick, "repeat": repeat, "statistic": "minimum over the runs",
            "target_ratio": TARGET, "machine": machine_facts(tool, args.clang, args.build)}
    files, skipped = collect_corpus(args.clang, args.quick)
    log(f"corpus: {len(files)} files, {len(skipped)} skipped")
    data["loop_runs"] = 1
    perf_dir = out_dir if not args.quick and perf_works(out_dir) else None
    data["perf"] = bool(perf_dir)
    measure_corpus(tool, args.clang, files, repeat, data["loop_runs"], log, perf_dir)
    al_total = sum(f["adjoint_lint_seconds"] for f in files)
    cl_total = sum(f["clang_seconds"] for f in files)
    ratios = [f["ratio"] for f in files]
    worst = max(files, key=lambda f: f["ratio"]) if files else None
    frontend = sum(f["frontend_seconds"] or 0 for f in files)
    deciders = sum(f["deciders_seconds"] for f in files)
    all_loops = [lp for f in files for lp in f["loops"]]
    data["ratio_total"] = al_total / cl_total if cl_total else None
    hand = [f for f in files if not f["file"].startswith("examples/generated/")]
    hand_al = sum(f["adjoint_lint_seconds"] for f in hand)
    hand_cl = sum(f["clang_seconds"] for f in hand)
    data["corpus"] = {
        "files": files, "skipped": skipped,
        "adjoint_lint_total": al_total, "clang_total": cl_total,
        "ratio_median": statistics.median(ratios) if ratios else None,
        "ratio_worst": worst["ratio"] if worst else None,
        "ratio_worst_file": worst["file"] if worst else None,
        "within_target": sum(r <= TARGET for r in ratios),
        "without_generated": {"files": len(hand), "adjoint_lint_total": hand_al, "clang_total": hand_cl,
                              "ratio": hand_al / hand_cl if hand_cl else None},
        "split": {"frontend": frontend, "deciders": deciders, "rest": max(al_total - frontend - deciders, 0.0)},
        "slowest_loops": sorted(all_loops, key=lambda lp: -lp["seconds"])[:10],
    }
    data["family"] = measure_family(tool, out_dir, args.quick, repeat, log)
    if args.no_profile or args.quick:
        data["profile"] = {"skipped": "--quick" if args.quick else "--no-profile"}
    else:
        data["profile"] = profile(tool, args.clang, files, data["ratio_total"] or 1.0, out_dir, log)
    try:
        data["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    except OSError:
        pass
    data["elapsed_seconds"] = time.perf_counter() - started

    write_outputs(data, out_dir, args.svg_dir)
    log(f"ratio {data['ratio_total']:.2f}x over {len(files)} files; {data['elapsed_seconds']:.0f} s; "
        f"wrote {out_dir}/analysis.json and analysis.md")


def write_outputs(data, out_dir, svg_dir):
    """analysis.json, analysis.md and the SVG plots from the measurements."""
    os.makedirs(svg_dir, exist_ok=True)
    docs = os.path.join(REPO, "docs")
    refs = {}
    for key, name, text in (("ratio", "analysis-ratio.svg", ratio_svg(data["corpus"]["files"])),
                            ("curve", "analysis-curve.svg", curve_svg(data["family"]))):
        path = os.path.join(svg_dir, name)
        with open(path, "w") as fh:
            fh.write(text)
        refs[key] = os.path.relpath(path, docs)
    data["svg"] = refs
    with open(os.path.join(out_dir, "analysis.json"), "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(out_dir, "analysis.md"), "w") as fh:
        fh.write(markdown(data, refs) + "\n")


if __name__ == "__main__":
    main()
