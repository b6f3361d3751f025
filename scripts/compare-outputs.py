#!/usr/bin/env python3
"""Proves a change left adjoint-lint's behaviour alone: runs two binaries (the
base and the new one) over every C and C++ source in testsuite/ and examples/
and compares everything they produce, byte for byte:

  - the text report on stdout, stderr and the exit status;
  - the JSON report (--format=json);
  - the SARIF log (--export-sarif) and the HTML report (--export-html);
  - the loop model (--dump-model);
  - `adjoint-lint generate` for examples/*.c and testsuite/codegen/Inputs/*.c
    (the generated sources, headers, drivers and certificates; with --verify
    also the numeric check, which compiles and runs every adjoint).

  # the base built from a commit (in build-compare/, reused between runs):
  python3 scripts/compare-outputs.py --base-rev HEAD~3
  # two binaries you already have:
  python3 scripts/compare-outputs.py --base-bin /tmp/old/adjoint-lint \\
      --new-bin build/tools/adjoint-lint/adjoint-lint
  # reuse the base's outputs between runs (a series of refactoring commits):
  python3 scripts/compare-outputs.py --base-rev main --base-cache build-compare/cache

Exit status: 0 when every output is identical, 1 when some differ (the first
differences are printed as unified diffs; all outputs stay under --out), 2 on
a usage or build error. An input whose outputs differ runs again with both
binaries; if the base binary itself answers differently in its two runs (a
solver budget met at its edge) and the new binary's outputs equal one of the
base's, the input is listed as `unstable` and does not count as a change. Both binaries run from the repository root with the
same relative paths, so the outputs may name files as they like.
"""

import argparse
import concurrent.futures
import difflib
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_DIR = os.path.join("build-compare", "run")  # written here, then moved to base/ or new/
TIMEOUT = 900            # seconds per command; a hang shows as a difference
# Budgets that do not depend on the machine's speed or load: Z3's wall-clock
# limit is off and its resource limit small, so a loop that times out in one
# run cannot be decided in the other (the default 10 s Z3 timeout made the
# generated jacobi2d/heat3d adjoints flip between "timeout" and "incomplete").
BUDGETS = ["--z3-timeout=0", "--z3-rlimit=1000000", "--isl-max-operations=2000000"]


def sources():
    """Every C/C++ source under testsuite/ and examples/, sorted."""
    found = []
    for top in ("testsuite", "examples"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in ("node_modules", "Output"))
            for name in filenames:
                if name.endswith((".c", ".cpp")):
                    found.append(os.path.relpath(os.path.join(dirpath, name), ROOT))
    return sorted(found)


def generate_inputs():
    names = []
    for d in ("examples", os.path.join("testsuite", "codegen", "Inputs")):
        full = os.path.join(ROOT, d)
        names += [os.path.join(d, n) for n in sorted(os.listdir(full)) if n.endswith(".c")]
    return names


def compiler_args(src):
    args = ["-fopenmp", "-I" + os.path.dirname(src)]
    if src.endswith(".cpp"):
        args.append("-std=c++17")
    return args


def run(cmd, out_prefix):
    """Runs cmd, storing stdout, stderr and the exit status beside out_prefix."""
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT)
        out, err, rc = p.stdout, p.stderr, str(p.returncode)
    except subprocess.TimeoutExpired as e:
        out, err, rc = e.stdout or b"", e.stderr or b"", "timeout"
    for suffix, data in ((".stdout", out), (".stderr", err), (".rc", rc.encode() + b"\n")):
        with open(os.path.join(ROOT, out_prefix + suffix), "wb") as f:
            f.write(data)


def analyse(binary, src, out):
    """The reports of one source: text (with SARIF and HTML), JSON, model."""
    args = ["--"] + compiler_args(src)
    run([binary, src, "--export-sarif=" + out + "/report.sarif", "--export-html=" + out + "/html"]
        + BUDGETS + args, out + "/text")
    run([binary, "--format=json", src] + BUDGETS + args, out + "/json")
    run([binary, "--dump-model", src] + args, out + "/model")


def generate(binary, src, out, verify):
    cmd = [binary, "generate", src, "-o", out + "/generated"] + (["--verify"] if verify else [])
    run(cmd + ["--"] + compiler_args(src), out + "/generate")


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:20]


def neutralise_root(top):
    """Writes the repository's absolute path as $ROOT in every output, so that
    outputs made in another checkout (the cache) compare equal."""
    root = os.fsencode(ROOT)
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                data = f.read()
            if root in data:
                with open(path, "wb") as f:
                    f.write(data.replace(root, b"$ROOT"))


def run_item(binary, kind, src, verify, cache):
    """Runs one work item into RUN_DIR/kind/src/, or copies it from the cache
    (keyed by the binary, the source's content and the options)."""
    out = os.path.join(RUN_DIR, kind, src)
    os.makedirs(os.path.join(ROOT, out), exist_ok=True)
    cached = None
    if cache:
        key = f"{src}.{digest(os.path.join(ROOT, src))}.{len(BUDGETS)}{'.verify' if verify else ''}"
        cached = os.path.join(cache, kind, key)
        if os.path.isdir(cached):
            shutil.copytree(cached, os.path.join(ROOT, out), dirs_exist_ok=True)
            return
    if kind == "analyse":
        analyse(binary, src, out)
    else:
        generate(binary, src, out, verify)
    neutralise_root(os.path.join(ROOT, out))
    if cached:
        tmp = cached + f".tmp{os.getpid()}.{threading.get_ident()}"
        shutil.copytree(os.path.join(ROOT, out), tmp)
        try:
            os.rename(tmp, cached)
        except OSError:  # another run filled it first
            shutil.rmtree(tmp, ignore_errors=True)


def work_items(with_generate):
    work = [("analyse", s) for s in sources()]
    if with_generate:
        work += [("generate", s) for s in generate_inputs()]
    return work


def produce(binary, dest, jobs, verify, work, cache):
    run_dir = os.path.join(ROOT, RUN_DIR)
    shutil.rmtree(run_dir, ignore_errors=True)
    print(f"compare-outputs: {binary}: {len(work)} inputs", file=sys.stderr, flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for f in [pool.submit(run_item, binary, kind, s, verify, cache) for kind, s in work]:
            f.result()
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.move(run_dir, dest)


def all_files(top):
    result = set()
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            result.add(os.path.relpath(os.path.join(dirpath, name), top))
    return result


def differences(base, new, item=None):
    """The files that differ or exist on one side only (of one item's directory)."""
    if item:
        base, new = os.path.join(base, *item), os.path.join(new, *item)
    a, b = all_files(base), all_files(new)
    differing = sorted(p for p in a & b if not filecmp.cmp(os.path.join(base, p),
                                                             os.path.join(new, p), shallow=False))
    return differing, sorted((a - b) | (b - a)), len(a | b)


def item_of(path, work):
    for kind, src in work:
        if path.startswith(f"{kind}/{src}/"):
            return (kind, src)
    return None


def show_diff(base, new, p):
    with open(os.path.join(base, p), "rb") as f:
        old = f.read().decode("utf-8", "replace").splitlines(keepends=True)
    with open(os.path.join(new, p), "rb") as f:
        cur = f.read().decode("utf-8", "replace").splitlines(keepends=True)
    sys.stdout.writelines(list(difflib.unified_diff(old, cur, "base/" + p, "new/" + p))[:60])


def compare(out, binaries, jobs, verify, work, show):
    """Compares new/ with base/. The inputs that differ run again, both
    binaries, without the cache: where the base itself answers differently in
    two runs (a solver budget met near its edge) and the new binary's outputs
    equal one of the base's, the input is listed as unstable, not as changed."""
    base, new = os.path.join(out, "base"), os.path.join(out, "new")
    differing, only, total = differences(base, new)
    suspects = sorted({item_of(p, work) for p in differing + only} - {None})
    unstable, changed = [], []
    if suspects:
        for binary, name in zip(binaries, ("base", "new")):
            produce(binary, os.path.join(out, "again", name), jobs, verify, suspects, None)
        again_base, again_new = os.path.join(out, "again", "base"), os.path.join(out, "again", "new")
        for item in suspects:
            base_stable = not any(differences(base, again_base, item)[:2])
            agree = [not any(differences(b, n, item)[:2])
                     for b in (base, again_base) for n in (new, again_new)]
            (unstable if any(agree) and (agree[3] or not base_stable) else changed).append(item)
    shown = 0
    for item in changed:
        for p in [p for p in differing + only if item_of(p, work) == item]:
            if p in only:
                print(f"only in {'base' if os.path.exists(os.path.join(base, p)) else 'new'}: {p}")
            elif shown < show:
                show_diff(base, new, p)
                shown += 1
            else:
                print(f"differs: {p}")
    for kind, src in unstable:
        print(f"unstable: {kind} {src} (the base answers differently in two runs; the new "
              f"binary's outputs equal one of them)")
    print(f"compare-outputs: {total} files, {len(work)} inputs: {len(changed)} changed, "
          f"{len(unstable)} unstable")
    return not changed


def build_base(rev, jobs):
    """Builds the adjoint-lint binary of commit `rev` in build-compare/."""
    top = os.path.join(ROOT, "build-compare")
    src, build = os.path.join(top, "src"), os.path.join(top, "build")
    sha = subprocess.run(["git", "rev-parse", "--verify", rev + "^{commit}"], cwd=ROOT,
                         capture_output=True, text=True)
    if sha.returncode != 0:
        sys.exit(f"compare-outputs: error: '{rev}' is not a commit")
    sha = sha.stdout.strip()
    if os.path.isdir(src):
        subprocess.run(["git", "-C", src, "checkout", "-q", "--detach", sha], check=True)
    else:
        subprocess.run(["git", "worktree", "add", "-q", "--detach", src, sha], cwd=ROOT, check=True)
    if not os.path.exists(os.path.join(build, "build.ninja")):
        subprocess.run(["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DBUILD_TESTING=OFF",
                        "-DADJOINT_LINT_BENCH=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["ninja", "-C", build, "-j", str(jobs), "adjoint-lint"], check=True)
    return os.path.join(build, "tools", "adjoint-lint", "adjoint-lint")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    base = ap.add_mutually_exclusive_group(required=True)
    base.add_argument("--base-bin", help="the base adjoint-lint binary")
    base.add_argument("--base-rev", help="a commit to build the base binary from (build-compare/)")
    ap.add_argument("--new-bin", default="build/tools/adjoint-lint/adjoint-lint",
                    help="the new binary (default: build/tools/adjoint-lint/adjoint-lint)")
    ap.add_argument("--out", default="build-compare/outputs",
                    help="where both sets of outputs are kept (default: build-compare/outputs)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--verify", action="store_true", help="run `generate --verify` (slow)")
    ap.add_argument("--no-generate", action="store_true", help="compare the analysis only")
    ap.add_argument("--base-cache", metavar="DIR",
                    help="keep the base's outputs in DIR/<binary digest>/ and reuse them "
                         "(per source, keyed by its content): later runs only run the new binary")
    ap.add_argument("--filter", metavar="SUBSTRING", default="",
                    help="only the inputs whose path contains SUBSTRING")
    ap.add_argument("--show", type=int, default=10, help="how many diffs to print (default 10)")
    opts = ap.parse_args()

    base_bin = opts.base_bin or build_base(opts.base_rev, opts.jobs)
    binaries = []
    for b in (base_bin, opts.new_bin):
        path = os.path.abspath(b)
        if not os.access(path, os.X_OK):
            sys.exit(f"compare-outputs: error: {b}: not an executable")
        binaries.append(path)
    out = os.path.abspath(opts.out)
    cache = None
    if opts.base_cache:
        cache = os.path.join(os.path.abspath(opts.base_cache), digest(binaries[0]))
        for kind in ("analyse", "generate"):
            os.makedirs(os.path.join(cache, kind), exist_ok=True)
    work = [w for w in work_items(not opts.no_generate) if opts.filter in w[1]]
    shutil.rmtree(os.path.join(out, "again"), ignore_errors=True)
    for binary, name, c in zip(binaries, ("base", "new"), (cache, None)):
        produce(binary, os.path.join(out, name), opts.jobs, opts.verify, work, c)
    sys.exit(0 if compare(out, binaries, opts.jobs, opts.verify, work, opts.show) else 1)


if __name__ == "__main__":
    main()
