#!/usr/bin/env python3
"""adjoint-lint on code it did not write: the corpus report.

    python3 scripts/corpus.py DIR [--adjoint-lint BIN] [--clang clang-19]
                              [--out-md docs/corpus.md] [--out-json docs/corpus.json]
                              [--timeout SECONDS] [--codes NAME,...]

DIR holds one directory per code, each with a compile_commands.json (what
../shared/corpus/prepare.sh writes: LULESH, NPB-OMP, PolyBench-OMP and the
DataRaceBench micro-benchmarks at pinned commits). For every translation
unit of every code it runs, from the command's directory,

  - the compile command with -fsyntax-only (the cost of parsing alone), and
  - adjoint-lint -p CODE_DIR FILE --format=json --fail-on=none --time-loops
    (with --timeout per file and a wall-clock limit of twice that),

and it counts, per code: translation units and their exit statuses; the
OpenMP loop directives the preprocessor keeps in the code's own files
("seen", one per file and line), the loops the report lists ("analysed"),
how many have a decided forward race verdict and how many `unknown` (with a
histogram of the reasons, identifiers masked), how many of the seen loops
the report does not list ("missing"); race findings; exclusive-read
verdicts and chosen strategies of the active arrays; crashes and timeouts;
the time against -fsyntax-only. For DataRaceBench (a code named `drb`, or
any file named *-yes.* / *-no.*) it scores each file against the label in
its name: a race finding on a -yes file is right, none on a -no file is
right when no loop of the file is unknown (a file with an unknown loop and
no race finding counts as wrong), and lists the wrong files with the
reason.

Writes OUT_JSON (everything) and OUT_MD (the tables for people). Python 3
standard library only. The full corpus takes a while; the smoke test
(testsuite/workflow/corpus.test) runs it on two small files.
"""
import argparse
import collections
import datetime
import json
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The OpenMP directives that carry a loop (as the preprocessor keeps them).
LOOP_WORDS = {"for", "simd", "loop", "taskloop", "distribute"}
NAME_WORDS = {"parallel", "for", "simd", "target", "teams", "distribute", "taskloop", "loop", "do",
              "master", "masked", "sections", "single", "task", "declare", "end", "data", "enter",
              "exit", "update", "critical", "atomic", "barrier", "flush", "ordered", "section",
              "taskwait", "threadprivate", "cancel", "scope"}


def directive_words(text):
    words = []
    for w in re.split(r"[\s(,]+", text):
        if w in NAME_WORDS:
            words.append(w)
        else:
            break
    return words


def syntax_only(argv):
    out = [a for a in argv if a not in ("-c",)]
    # Drop the output (-o X) and keep the rest; -fsyntax-only wins over -c.
    cleaned, skip = [], False
    for a in out:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-o") and len(a) > 2:
            continue
        cleaned.append(a)
    return cleaned + ["-fsyntax-only"]


def command_argv(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def loop_directives(argv, cwd, root):
    """(file, line) of every loop directive the preprocessor keeps in files
    under root."""
    pp_argv = [a for a in syntax_only(argv) if a != "-fsyntax-only"] + ["-E", "-o", "-"]
    try:
        pp = subprocess.run(pp_argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, errors="replace", timeout=300).stdout
    except (subprocess.TimeoutExpired, OSError):
        return {}
    seen, cur, line = {}, None, 0
    for text in pp.split("\n"):
        m = re.match(r'# (\d+) "(.*)"', text)
        if m:
            line, cur = int(m.group(1)), m.group(2)
            continue
        s = text.strip()
        if s.startswith("#pragma omp") and cur:
            path = os.path.realpath(os.path.join(cwd, cur))
            words = directive_words(s[len("#pragma omp"):].strip())
            if path.startswith(root + os.sep) and LOOP_WORDS & set(words) and "declare" not in words:
                seen[(path, line)] = " ".join(words)
        line += 1
    return seen


def mask(reason):
    """An unknown reason with its program-specific names masked, so that
    reasons of one kind count together."""
    r = re.sub(r"'[^']*'", "'X'", reason)
    r = re.sub(r"\b\d+\b", "N", r)
    r = re.sub(r"^[A-Za-z_][\w.\[\]>-]*(: | may alias )", lambda m: "X" + m.group(1), r)
    r = re.sub(r"may alias [A-Za-z_][\w.]*", "may alias Y", r)
    r = re.sub(r"(pointers?|arrays?|variables?) [A-Za-z_]\w*( and [A-Za-z_]\w*)?", r"\1 X", r)
    return r[:140]


def drb_label(path):
    name = os.path.basename(path)
    if re.search(r"-yes\.[A-Za-z+]+$", name):
        return "race"
    if re.search(r"-no\.[A-Za-z+]+$", name):
        return "none"
    return None


def run_tu(args, code_dir, entry):
    argv = command_argv(entry)
    cwd = entry["directory"]
    f = entry["file"]
    path = os.path.realpath(os.path.join(cwd, f))
    t0 = time.perf_counter()
    s = subprocess.run(syntax_only(argv), cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    syntax_s = time.perf_counter() - t0
    cmd = [args.adjoint_lint, "-p", code_dir, path, "--format=json", "--fail-on=none",
           "--time-loops", "--timeout=%d" % args.timeout]
    t0 = time.perf_counter()
    report, rc, stderr = None, None, ""
    try:
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           errors="replace", timeout=2 * args.timeout + 30)
        rc, stderr = r.returncode, r.stderr
        try:
            report = json.loads(r.stdout)
        except ValueError:
            report = None
    except subprocess.TimeoutExpired:
        rc = "timeout"
    tool_s = time.perf_counter() - t0
    return {"file": path, "cwd": cwd, "syntax_ok": s.returncode == 0, "syntax_s": syntax_s, "rc": rc,
            "tool_s": tool_s, "report": report, "stderr_tail": stderr[-400:]}


def summarise(name, code_dir, tus, seen):
    c = collections.Counter()
    reasons = collections.Counter()
    exclusive = collections.Counter()
    strategies = collections.Counter()
    loops = {}
    findings = collections.Counter()
    problems = collections.Counter()
    files = {}
    worst = (0.0, "")
    for tu in tus:
        c["tus"] += 1
        c["syntax_s"] += tu["syntax_s"]
        c["tool_s"] += tu["tool_s"]
        if not tu["syntax_ok"]:
            c["tus_not_parsing"] += 1
        rc = tu["rc"]
        if rc == "timeout":
            c["timeouts"] += 1
        elif rc is not None and (rc < 0 or rc >= 128):
            c["crashes"] += 1
        elif rc == 2:
            c["exit_2"] += 1
        rep = tu["report"]
        if rep is None:
            continue
        fileinfo = files.setdefault(tu["file"], {"races": 0, "unknown": 0, "loops": 0})
        for d in rep.get("diagnostics", []):
            if d.get("rule") == "adjoint-lint-forward-race":
                findings["forward-race"] += 1
                fileinfo["races"] += 1
            elif d.get("rule", "").startswith("adjoint-lint-"):
                findings[d["rule"][len("adjoint-lint-"):]] += 1
            if d.get("level") == "error" and not d.get("rule", "").startswith("adjoint-lint"):
                problems[mask(d.get("message", ""))] += 1
        for loop in rep.get("loops", []):
            # The report names files as given (absolute here); a header's
            # loop seen from several TUs counts once.
            key = (os.path.realpath(os.path.join(tu["cwd"], loop["file"])), loop["line"])
            if key in loops:
                continue
            loops[key] = loop
            fileinfo["loops"] += 1
            v = loop["forward_race"]["verdict"]
            c["loops_" + v] += 1
            if v == "unknown":
                fileinfo["unknown"] += 1
                reasons[mask(loop["forward_race"].get("reason", ""))] += 1
            secs = loop.get("analysis_seconds", 0.0)
            if secs > worst[0]:
                worst = (secs, "%s:%d" % (os.path.relpath(key[0], code_dir), key[1]))
            for a in loop.get("arrays", []):
                if not a.get("active"):
                    continue
                exclusive[a["exclusive_read"]["verdict"]] += 1
                strategies[a.get("strategy", "")] += 1
    seen_keys = set(seen)
    listed = set(loops)
    missing = sorted(seen_keys - listed)
    out = {
        "name": name,
        "translation_units": c["tus"],
        "tus_not_parsing_with_clang": c["tus_not_parsing"],
        "exit_status_2": c["exit_2"],
        "crashes": c["crashes"],
        "timeouts": c["timeouts"],
        "loops": {
            "seen": len(seen_keys),
            "analysed": len(listed),
            "decided": c["loops_race"] + c["loops_none"],
            "race": c["loops_race"],
            "none": c["loops_none"],
            "unknown": c["loops_unknown"],
            "missing": len(missing),
        },
        "missing_loops": ["%s:%d" % (os.path.relpath(p, code_dir), l) for p, l in missing][:50],
        "unknown_reasons": dict(reasons.most_common()),
        "input_problems": dict(problems.most_common(20)),
        "findings": dict(findings),
        "exclusive_read": dict(exclusive),
        "strategies": dict(strategies),
        "seconds": {"adjoint_lint": round(c["tool_s"], 2), "syntax_only": round(c["syntax_s"], 2),
                    "ratio": round(c["tool_s"] / c["syntax_s"], 2) if c["syntax_s"] else None},
        "worst_loop": {"seconds": round(worst[0], 3), "loop": worst[1]},
    }
    labelled = {f: drb_label(f) for f in files if drb_label(f)}
    if labelled:
        tp = fp = tn = fn = 0
        wrong = []
        for f, label in sorted(labelled.items()):
            info = files[f]
            said_race = info["races"] > 0
            if label == "race":
                if said_race:
                    tp += 1
                else:
                    fn += 1
                    wrong.append((f, "race missed" + (" (%d unknown loops)" % info["unknown"]
                                                        if info["unknown"] else "")))
            else:
                if said_race:
                    fp += 1
                    wrong.append((f, "false race warning"))
                elif info["unknown"]:
                    # Undecided: not a right answer for a race-free file.
                    wrong.append((f, "%d unknown loops, no race finding" % info["unknown"]))
                else:
                    tn += 1
        n = len(labelled)
        right = tp + tn
        out["labels"] = {
            "files": n,
            "right": right,
            "accuracy": round(right / n, 3) if n else None,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "true_race": tp, "false_race": fp, "missed_race": fn, "true_none": tn,
            "wrong": [{"file": os.path.relpath(f, code_dir), "why": why} for f, why in wrong],
        }
    return out


def markdown(result, command):
    lines = ["# adjoint-lint on real OpenMP codes", "",
             "Measured by `%s` on %s (%s); regenerate with the same command after "
             "`../shared/corpus/prepare.sh` (the codes' sources are never committed)." %
             (command, result["date"], result["machine"]), "",
             "| code | TUs | exit 2 | crashes | timeouts | loops seen | analysed | decided | unknown | "
             "missing | race findings | time / -fsyntax-only | worst loop (s) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in result["codes"]:
        L = c["loops"]
        lines.append("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |" % (
            c["name"], c["translation_units"], c["exit_status_2"], c["crashes"], c["timeouts"],
            L["seen"], L["analysed"], L["decided"], L["unknown"], L["missing"],
            c["findings"].get("forward-race", 0),
            "%.2fx" % c["seconds"]["ratio"] if c["seconds"]["ratio"] is not None else "-",
            "%.2f" % c["worst_loop"]["seconds"]))
    for c in result["codes"]:
        lines += ["", "## %s" % c["name"], ""]
        lines.append("Active arrays: exclusive read %s; strategies %s." % (
            ", ".join("%s %d" % kv for kv in sorted(c["exclusive_read"].items())) or "none",
            ", ".join("%s %d" % kv for kv in sorted(c["strategies"].items())) or "none"))
        if c["unknown_reasons"]:
            lines += ["", "| unknown forward-race reason (names masked) | loops |", "|---|---|"]
            for r, n in list(c["unknown_reasons"].items())[:15]:
                lines.append("| %s | %d |" % (r.replace("|", "\\|"), n))
        if c["input_problems"]:
            lines += ["", "| input problem (exit 2) | count |", "|---|---|"]
            for r, n in c["input_problems"].items():
                lines.append("| %s | %d |" % (r.replace("|", "\\|"), n))
        if c["missing_loops"]:
            lines += ["", "Loops the preprocessor keeps that the report does not list: " +
                      ", ".join("`%s`" % m for m in c["missing_loops"][:20]) +
                      (" ..." if c["loops"]["missing"] > 20 else "")]
        if "labels" in c:
            lab = c["labels"]
            fmt = lambda x: "-" if x is None else "%.3f" % x
            lines += ["", "Against the labels in the file names (`-yes`: race, `-no`: none; a file "
                      "with an unknown loop and no race finding counts as wrong): %d files, %d right, "
                      "accuracy %s, precision %s, recall %s." % (
                          lab["files"], lab["right"], fmt(lab["accuracy"]), fmt(lab["precision"]),
                          fmt(lab["recall"]))]
            if lab["wrong"]:
                lines += ["", "| wrong file | why |", "|---|---|"]
                for w in lab["wrong"]:
                    lines.append("| %s | %s |" % (w["file"], w["why"]))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--adjoint-lint", default=os.path.join(ROOT, "build", "tools", "adjoint-lint",
                                                           "adjoint-lint"))
    ap.add_argument("--out-md", default=os.path.join(ROOT, "docs", "corpus.md"))
    ap.add_argument("--out-json", default=os.path.join(ROOT, "docs", "corpus.json"))
    ap.add_argument("--timeout", type=int, default=120, help="adjoint-lint --timeout per file")
    ap.add_argument("--codes", default="", help="comma-separated code names (default: all)")
    args = ap.parse_args()
    if not os.access(args.adjoint_lint, os.X_OK):
        sys.exit("corpus.py: %s is not an executable (build adjoint-lint first)" % args.adjoint_lint)
    base = os.path.realpath(args.dir)
    if not os.path.isdir(base):
        sys.exit("corpus.py: %s is not a directory" % args.dir)
    names = [n for n in sorted(os.listdir(base))
             if os.path.isfile(os.path.join(base, n, "compile_commands.json"))]
    if args.codes:
        wanted = args.codes.split(",")
        names = [n for n in names if n in wanted]
    if not names:
        sys.exit("corpus.py: no DIR/*/compile_commands.json under %s" % args.dir)
    codes = []
    for name in names:
        code_dir = os.path.join(base, name)
        with open(os.path.join(code_dir, "compile_commands.json")) as fh:
            db = json.load(fh)
        tus, seen = [], {}
        for k, entry in enumerate(db, 1):
            print("[%s %d/%d] %s" % (name, k, len(db), entry["file"]), file=sys.stderr, flush=True)
            seen.update(loop_directives(command_argv(entry), entry["directory"], code_dir))
            tus.append(run_tu(args, code_dir, entry))
        codes.append(summarise(name, code_dir, tus, seen))
    result = {
        "date": datetime.date.today().isoformat(),
        "machine": "%d cores" % os.cpu_count(),
        "adjoint_lint": subprocess.run([args.adjoint_lint, "--version"], stdout=subprocess.PIPE,
                                       text=True).stdout.strip(),
        "codes": codes,
    }
    command = "scripts/corpus.sh " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    tmp_json, tmp_md = args.out_json + ".tmp", args.out_md + ".tmp"
    with open(tmp_json, "w") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
        fh.write("\n")
    with open(tmp_md, "w") as fh:
        fh.write(markdown(result, command))
    os.replace(tmp_json, args.out_json)
    os.replace(tmp_md, args.out_md)
    print("corpus: wrote %s and %s" % (args.out_md, args.out_json), file=sys.stderr)


if __name__ == "__main__":
    main()
