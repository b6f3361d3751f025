#!/usr/bin/env python3
"""The dynamic oracle: runs the loops and checks adjoint-lint's verdicts.

  oracle.py --adjoint-lint BIN --instrument BIN [--clang clang-19]
            [--no-tsan] [--jobs N] [--keep DIR] PATH...

PATH is a source file or a directory (searched for *.c and *.cpp, skipping
Inputs/ and badinput/). For each file:

1. `adjoint-lint --format=json` gives the verdicts (the compiler arguments
   are those of the file's first RUN line after `--`, else -fopenmp).
2. Instrumented run: oracle-instrument marks loops and iterations and
   writes a harness; the file is compiled with clang -fsanitize=thread but
   linked with ao_runtime.cpp, which records every access of every
   iteration (one thread, small sizes). Every `forward_race: none` (of the
   loop or of an array) and every `exclusive_read: holds` is refuted if two
   iterations of one execution of the loop conflict on that memory.
3. ThreadSanitizer with Archer (clang -fsanitize=thread -fopenmp, 4
   threads, the instrumented source with schedule(static, 1) added where
   a loop names no schedule, so neighbouring iterations run on different
   threads): a loop whose verdict is `none` must not be reported, and a
   `race` verdict must be (also run at the sizes of the verdict's witness).

Integer parameters take a few small values (and the witness's values);
pointers get 1 MiB zeroed buffers filled with random data; see
docs/robustness.md. A file opts out with a comment line
  // adjoint-lint-oracle: skip REASON
and the reason is listed; `adjoint-lint-oracle: no-tsan REASON` skips only
the ThreadSanitizer check. Exit status 1 on any disagreement.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_DIR = os.path.join(HERE, "oracle")
OPT_OUT = re.compile(r"adjoint-lint-oracle:\s*skip\s+(.*)")
NO_TSAN = re.compile(r"adjoint-lint-oracle:\s*no-tsan\s+(.*)")
VALUES = re.compile(r"adjoint-lint-oracle:\s*values\s+(\S+)=([-0-9,]+)\s+(.*)")
ARCHER = "/usr/lib/llvm-19/lib/libarcher.so"
BASE_VALUES = [1, 2, 3, 4, 7]
# Witness sizes up to this are run too (buffers hold 65536 doubles on each
# side of their middle).
WITNESS_LIMIT = 1 << 15


def run(cmd, timeout=120, env=None, cwd=None):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           env=env, cwd=cwd, errors="replace")
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return 124, (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout"


def compiler_args(path, text):
    """The compiler arguments of the file's first %adjoint-lint RUN line."""
    d = os.path.dirname(os.path.abspath(path))
    for line in text.splitlines():
        m = re.search(r"RUN:.*%adjoint-lint\b(.*)", line)
        if not m or " -- " not in m.group(1) + " ":
            continue
        rest = m.group(1).split(" -- ", 1)[1] if " -- " in m.group(1) else ""
        rest = re.split(r"\s[|>]|\s2>", rest)[0]
        rest = rest.replace("%inputs", os.path.join(d, "Inputs")).replace("%S", d)
        args = shlex.split(rest)
        if "%" in rest:
            continue
        return args
    return ["-fopenmp"] + (["-std=c++17"] if path.endswith(".cpp") else [])


def value_sets(slots, witnesses, fixed=None):
    """Integer vectors for the slots; `fixed` maps a slot to the values it
    may take (a `values` directive), cycled through."""
    sets = []
    k = max(len(slots), 1)
    for v in BASE_VALUES:
        sets.append([v] * k)
    if k > 1:
        sets.append([3 + (i % 3) for i in range(k)])
        sets.append([5 - (i % 3) for i in range(k)])
    if fixed:
        for n, s in enumerate(sets):
            for i, name in enumerate(slots):
                if name in fixed:
                    s[i] = fixed[name][n % len(fixed[name])]
        witnesses = [w for w in witnesses
                     if all(w.get(name, fixed[name][0]) in fixed[name] for name in fixed)]
    for w in witnesses:
        vals = []
        ok = True
        for s in slots:
            x = w.get(s, 4)
            if not isinstance(x, int) or abs(x) > WITNESS_LIMIT:
                ok = False
            vals.append(x)
        if ok and vals not in sets:
            sets.append(vals or [4])
        # A witness size one past what a narrow parameter type holds
        # (n = 32768 for a short n) still races one below.
        below = [x - 1 if isinstance(x, int) and x > 1 else x for x in vals]
        if ok and below != vals and below not in sets:
            sets.append(below)
    return sets


def tsan_sets(sets):
    """(sizes, threads) for ThreadSanitizer, which only sees races across
    threads: 2 and 4 on 4 threads, 7 on 3, the rest (witnesses) on both."""
    out = []
    for i, s in enumerate(sets):
        if i < len(BASE_VALUES):
            if BASE_VALUES[i] in (2, 4):
                out.append((s, 4))
            elif BASE_VALUES[i] == 7:
                out.append((s, 3))
        else:
            out += [(s, 4), (s, 3)]
    return out


class FileResult:
    def __init__(self, path):
        self.path = path
        self.lines = []        # report lines
        self.disagreements = 0
        self.checked = 0       # claims confirmed by a run
        self.unexercised = []  # claims no run reached
        self.skipped = None
        self.tsan_skipped = None
        self.notes = []        # directives that narrow the runs, listed


def claims_of(report, path):
    """(loop line, directive, loop verdict, {array: (race, xread)}, witnesses)."""
    out = {}
    base = os.path.basename(path)
    for loop in report.get("loops", []):
        if os.path.basename(loop.get("file", "")) != base:
            continue
        arrays = {}
        for a in loop.get("arrays", []):
            arrays[a["name"]] = (a.get("forward_race", {}).get("verdict"),
                                 a.get("exclusive_read", {}).get("verdict"))
        fr = loop.get("forward_race", {})
        witnesses = []
        for res in [fr] + [a.get("forward_race", {}) for a in loop.get("arrays", [])]:
            w = res.get("witness") or {}
            if w.get("parameters"):
                witnesses.append(w["parameters"])
        out[loop["line"]] = dict(directive=loop.get("directive", ""), verdict=fr.get("verdict"),
                                 arrays=arrays, witnesses=witnesses,
                                 function=loop.get("function", ""),
                                 construct=loop.get("construct", ""))
    return out


def parse_results(text):
    """{loop line: {"iterations": max, "regions": {name: {race, xread, detail}}}}"""
    res = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "instance":
            lid = int(parts[1])
            r = res.setdefault(lid, {"iterations": 0, "regions": {}, "overflow": False})
            it = int(parts[2].split("=")[1])
            r["iterations"] = max(r["iterations"], it)
            if len(parts) > 3 and parts[3] == "overflow":
                r["overflow"] = True
        elif parts[0] == "region":
            lid = int(parts[1])
            name = parts[2]
            kv = dict(p.split("=", 1) for p in parts[3:] if "=" in p)
            reg = res.setdefault(lid, {"iterations": 0, "regions": {}, "overflow": False})["regions"]
            g = reg.setdefault(name, {"race": False, "xread": False, "detail": ""})
            if kv.get("race") == "1" and not g["race"]:
                g["race"] = True
                g["detail"] += f" race at byte {kv.get('race_at')} by iterations {kv.get('race_iterations')}"
            if kv.get("xread") == "1" and not g["xread"]:
                g["xread"] = True
                g["detail"] += f" shared read at byte {kv.get('xread_at')} by iterations {kv.get('xread_iterations')}"
    return res


# "    #0 f.omp_outlined_debug__ /path/file.c:5:10 (exe+0x...)"; C++ function
# names hold spaces.
TSAN_FRAME = re.compile(r"^\s+#0 .* (\S+?):(\d+)(?::\d+)? \(")


def parse_tsan(text, src):
    """Source lines of the accesses of each ThreadSanitizer race report."""
    reports = []
    cur = None
    for line in text.splitlines():
        if "WARNING: ThreadSanitizer: data race" in line:
            cur = []
            reports.append(cur)
        elif cur is not None:
            m = TSAN_FRAME.match(line)
            if m and os.path.basename(m.group(1)) == os.path.basename(src):
                cur.append(int(m.group(2)))
            if line.startswith("SUMMARY:"):
                cur = None
    return reports


def loop_of(line, loop_lines):
    """The loop whose directive is the last one at or before `line`."""
    best = None
    for l in sorted(loop_lines):
        if l <= line:
            best = l
    return best


def check_file(path, args, work):
    r = FileResult(path)
    text = open(path, encoding="utf-8", errors="replace").read()
    m = OPT_OUT.search(text)
    if m:
        r.skipped = "opted out: " + m.group(1).strip()
        return r
    cargs = compiler_args(path, text)
    fixed = {}
    for m in VALUES.finditer(text):
        fixed[m.group(1)] = [int(x) for x in m.group(2).split(",") if x]
        r.notes.append(f"{os.path.relpath(path)}: values {m.group(1)}={m.group(2)}: {m.group(3).strip()}")
    # Loops that the time budget leaves undecided are unknown: not checked.
    rc, out, err = run([args.adjoint_lint, "--format=json", "--fail-on=none", "--timeout=60", path,
                        "--"] + cargs, timeout=300)
    try:
        report = json.loads(out)
    except ValueError:
        r.skipped = f"adjoint-lint gave no JSON report (exit {rc})"
        return r
    claims = claims_of(report, path)
    interesting = {l: c for l, c in claims.items()
                   if c["verdict"] in ("none", "race") or
                   any(v[0] == "none" or v[1] == "holds" for v in c["arrays"].values())}
    if not interesting:
        r.skipped = "no none/holds/race verdict"
        return r
    d = tempfile.mkdtemp(dir=work)
    inst = os.path.join(d, "inst" + os.path.splitext(path)[1])
    harness = os.path.join(d, "harness" + os.path.splitext(path)[1])
    meta_path = os.path.join(d, "meta.json")
    rc, out, err = run([args.instrument, path, inst, harness, meta_path, "--"] + cargs)
    if rc != 0:
        r.skipped = "cannot instrument: " + err.strip()[-300:]
        return r
    meta = json.load(open(meta_path))
    cxx = meta["language"] == "c++"
    cc = args.clangxx if cxx else args.clang
    defs = ["-Dmain=__ao_user_main"] if meta.get("defines_main") else []
    common = [cc, "-fopenmp", "-g", "-O0", "-fno-omit-frame-pointer", "-w", "-I", RUNTIME_DIR,
              "-I", os.path.dirname(os.path.abspath(path))] + \
             [a for a in cargs if a.startswith(("-I", "-D", "-std"))] + defs
    # Instrumented build.
    exe = os.path.join(d, "rec")
    rc, out, err = run(common + ["-fsanitize=thread", "-c", harness, f'-DAO_SOURCE="{inst}"',
                                 "-o", exe + ".o"])
    if rc == 0:
        rc, out, err = run([args.clangxx, "-fopenmp", exe + ".o", args.runtime_obj, "-o", exe,
                            "-lm", "-ldl"])
    if rc != 0:
        r.skipped = "the harness does not build: " + err.strip()[-400:]
        return r
    functions = [f for f in meta["functions"]]
    # Verdicts proved from declared facts about index arrays (injective,
    # increasing, ...) hold only for data that satisfies them: such files run
    # with distinct, increasing integers in every integer array.
    facts = sorted({a for loop in report.get("loops", []) for a in loop.get("assumptions", [])
                    if a.startswith("assumed ")})
    if not facts and "adjoint_lint assume" in text:
        facts = ["#pragma adjoint_lint assume in the file"]
    fill = {"AO_INT_FILL": "distinct"} if facts else {}
    if facts:
        r.notes.append(f"{os.path.relpath(path)}: integer arrays distinct and increasing "
                       f"(declared facts: {'; '.join(facts)})")
    results = {}
    ran_sets = {}
    for f in functions:
        if not f["callable"]:
            continue
        wit = [w for l in f["loops"] if l in claims for w in claims[l]["witnesses"]]
        sets = value_sets(f["slots"], wit, fixed)
        ran_sets[f["index"]] = sets
        env = dict(os.environ, OMP_NUM_THREADS="1", AO_TIME_LIMIT="20", **fill)
        for s in sets:
            rc, out, err = run([exe, str(f["index"]), ",".join(map(str, s))], timeout=40, env=env)
            if rc != 0:
                r.lines.append(f"  note: {f['name']}({','.join(map(str, s))}): the run stopped "
                               f"(exit {rc}): {err.strip()[-200:]}")
            for lid, v in parse_results(out).items():
                g = results.setdefault(lid, {"iterations": 0, "regions": {}, "overflow": False})
                g["iterations"] = max(g["iterations"], v["iterations"])
                g["overflow"] |= v["overflow"]
                for name, reg in v["regions"].items():
                    t = g["regions"].setdefault(name, {"race": False, "xread": False, "detail": ""})
                    if reg["race"] and not t["race"]:
                        t["race"] = True
                        t["detail"] += reg["detail"] + f" [{f['name']}({','.join(map(str, s))})]"
                    if reg["xread"] and not t["xread"]:
                        t["xread"] = True
                        t["detail"] += reg["detail"] + f" [{f['name']}({','.join(map(str, s))})]"
    uncallable = {l: f["reason"] for f in functions if not f["callable"] for l in f["loops"]}
    skipped_loops = {s["line"]: s["reason"] for s in meta.get("skipped", [])}

    rel = os.path.relpath(path)
    for line, c in sorted(interesting.items()):
        res = results.get(line)
        where = f"{rel}:{line}"
        if c["construct"]:
            # Replicated code of a parallel region: every thread runs it, so
            # the one-thread recording run cannot conflict; ThreadSanitizer
            # checks it below.
            continue
        if res is None or res["iterations"] < 2 or res["overflow"]:
            why = uncallable.get(line) or skipped_loops.get(line) or \
                (f"ran only {res['iterations']} iteration(s) at the sizes tried" if res and not res["overflow"]
                 else "too many accesses" if res else "not reached by the harness")
            r.unexercised.append(f"{where}: {why}")
            continue
        regions = res["regions"]
        any_race = [n for n, g in regions.items() if g["race"]]
        if c["verdict"] == "none":
            if any_race:
                r.disagreements += 1
                r.lines.append(f"DISAGREE {where}: forward_race none, but the run conflicts on " +
                               "; ".join(n + regions[n]["detail"] for n in any_race))
            else:
                r.checked += 1
        for name, (race, xread) in c["arrays"].items():
            g = regions.get(name)
            if g is None:
                continue
            if race == "none":
                if g["race"]:
                    r.disagreements += 1
                    r.lines.append(f"DISAGREE {where}: {name}: forward_race none, but{g['detail']}")
                else:
                    r.checked += 1
            if xread == "holds":
                if g["xread"]:
                    r.disagreements += 1
                    r.lines.append(f"DISAGREE {where}: {name}: exclusive_read holds, but{g['detail']}")
                else:
                    r.checked += 1
        if c["verdict"] == "race" and not any_race:
            r.lines.append(f"  note {where}: race verdict; the serial run at the sizes tried found "
                           "no conflict")

    m = NO_TSAN.search(text)
    if m:
        r.tsan_skipped = m.group(1).strip()
    if args.no_tsan or r.tsan_skipped:
        return r
    # ThreadSanitizer + Archer on the original source.
    texe = os.path.join(d, "tsan")
    rc, out, err = run(common + ["-fsanitize=thread", "-c", harness,
                                 f'-DAO_SOURCE="{inst}"', "-o", texe + ".o"])
    if rc == 0:
        rc, out, err = run([args.clangxx, "-fopenmp", "-fsanitize=thread", texe + ".o",
                            args.plain_runtime_src, "-o", texe, "-lm", "-ldl"])
    if rc != 0:
        r.lines.append("  note: the ThreadSanitizer harness does not build: " + err.strip()[-300:])
        return r
    env = dict(os.environ, OMP_NUM_THREADS="4", OMP_TOOL_LIBRARIES=ARCHER, AO_TIME_LIMIT="60", **fill,
               TSAN_OPTIONS="ignore_noninstrumented_modules=1 exitcode=0 report_bugs=1 "
                            "halt_on_error=0 history_size=4")
    loop_lines = list(claims.keys())
    tsan_hit = {}
    for f in functions:
        if not f["callable"]:
            continue
        for s, threads in tsan_sets(ran_sets[f["index"]]):
            env["OMP_NUM_THREADS"] = str(threads)
            rc, out, err = run([texe, str(f["index"]), ",".join(map(str, s))], timeout=120, env=env)
            if "FATAL: ThreadSanitizer" in err or "ThreadSanitizer: unexpected memory mapping" in err:
                r.tsan_skipped = "ThreadSanitizer cannot run on this machine: " + err.strip()[-200:]
                return r
            for rep in parse_tsan(err, inst):
                # A race between two loops (after a nowait) is not a race
                # between iterations of one: both accesses must be in it.
                lids = {loop_of(ln, loop_lines) for ln in rep}
                if len(lids) == 1 and None not in lids and len(rep) >= 2:
                    tsan_hit.setdefault(lids.pop(), f"{f['name']}({','.join(map(str, s))}) lines "
                                        f"{rep[0]} and {rep[1]}")
    callable_names = {f["name"] for f in functions if f["callable"]}
    for line, c in sorted(interesting.items()):
        where = f"{rel}:{line}"
        if line in uncallable or line in skipped_loops:
            continue
        threaded = line in meta.get("threaded_loops", []) and c["directive"] != "simd" and line in results
        if c["construct"]:
            # A region's replicated code runs on a team whenever its
            # function is called.
            threaded = c["function"] in callable_names
            if not threaded:
                r.unexercised.append(f"{where}: {c['construct']} code of a region whose function "
                                     "the harness cannot call")
                continue
        if c["verdict"] == "none" and line in tsan_hit:
            r.disagreements += 1
            r.lines.append(f"DISAGREE {where}: forward_race none, but ThreadSanitizer reports a race "
                           f"({tsan_hit[line]})")
        elif c["verdict"] == "none" and threaded:
            r.checked += 1
        if c["verdict"] == "race" and not threaded and line in results:
            r.unexercised.append(f"{where}: race verdict not checked by ThreadSanitizer: the loop "
                                 "runs on one thread when its function is called (orphaned or simd)")
        if c["verdict"] == "race" and threaded:
            if line in tsan_hit:
                r.checked += 1
            else:
                r.disagreements += 1
                r.lines.append(f"DISAGREE {where}: forward_race race, but ThreadSanitizer reports "
                               "none at the sizes tried")
    return r


def check_file_safely(path, args, work):
    """check_file, with a failure of the oracle itself counted as a
    disagreement (it must not pass silently)."""
    try:
        return check_file(path, args, work)
    except Exception as e:  # noqa: BLE001
        r = FileResult(path)
        r.disagreements = 1
        r.lines.append(f"DISAGREE {os.path.relpath(path)}: the oracle failed: {type(e).__name__}: {e}")
        return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--adjoint-lint", required=True)
    ap.add_argument("--instrument", required=True)
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--no-tsan", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="keep the work files in this directory")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(x for x in dirs if x not in ("Inputs", "badinput", "Output", "tools"))
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".c", ".cpp"))]
        else:
            files.append(p)

    work = args.keep or tempfile.mkdtemp(prefix="adjoint-lint-oracle-")
    os.makedirs(work, exist_ok=True)
    args.runtime_obj = os.path.join(work, "ao_runtime.o")
    rc, out, err = run([args.clangxx, "-O1", "-g", "-c", os.path.join(RUNTIME_DIR, "ao_runtime.cpp"),
                        "-I", RUNTIME_DIR, "-o", args.runtime_obj])
    if rc != 0:
        print("oracle: cannot build ao_runtime.cpp:\n" + err)
        return 2
    args.plain_runtime_src = os.path.join(work, "ao_runtime_plain.o")
    rc, out, err = run([args.clangxx, "-O1", "-g", "-DAO_PLAIN", "-c",
                        os.path.join(RUNTIME_DIR, "ao_runtime.cpp"), "-I", RUNTIME_DIR,
                        "-o", args.plain_runtime_src])
    if rc != 0:
        print("oracle: cannot build ao_runtime.cpp -DAO_PLAIN:\n" + err)
        return 2

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda f: check_file_safely(f, args, work), files))

    disagreements = checked = 0
    skipped, unexercised = [], []
    for r in results:
        rel = os.path.relpath(r.path)
        if r.skipped:
            skipped.append(f"{rel}: {r.skipped}")
            continue
        if r.tsan_skipped:
            skipped.append(f"{rel}: ThreadSanitizer check opted out: {r.tsan_skipped}")
        disagreements += r.disagreements
        checked += r.checked
        unexercised += r.unexercised
        shown = [l for l in r.lines if args.verbose or l.startswith("DISAGREE")]
        if shown:
            print(rel)
            for l in shown:
                print("  " + l)
    notes = [n for r in results for n in r.notes]
    if notes:
        print("\nRuns narrowed by the files (listed, with the reason):")
        for n in notes:
            print("  " + n)
    print("\nNot checked (listed, with the reason):")
    for s in skipped + unexercised:
        print("  " + s)
    print(f"\noracle: {len(files)} files, {checked} verdicts confirmed by runs, "
          f"{len(unexercised)} loops not exercised, {len(skipped)} files skipped, "
          f"{disagreements} disagreements")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
