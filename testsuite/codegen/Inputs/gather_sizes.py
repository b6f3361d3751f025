"""Runs a generated gather adjoint against the serial adjoint over a range of
sizes (the numeric check of `generate --verify` runs two sizes only; the
boundary pieces of a gather loop change with every size below a few stencil
widths).

usage: gather_sizes.py CLANG DIR NAME LOW HIGH

Reads the prototypes of NAME_forward, NAME_adjoint_serial,
NAME_adjoint_gather and NAME_footprint from DIR/NAME.h, writes a C driver
that sets every integer parameter to each value in [LOW, HIGH] (all pairs
for two parameters, one value for all otherwise), sizes the arrays with the
footprint, runs both adjoints on the same seeded data at 3 threads and
compares every array. Prints one line:
  sizes NAME: K sizes, ok            every array within 1e-12 (1e-5 float)
  sizes NAME: mismatch at {...} ...  the first size where one is not
"""
import itertools
import os
import re
import subprocess
import sys


def prototype(header, fn):
    m = re.search(r"\b\w+\s+" + re.escape(fn) + r"\(([^)]*)\);", header)
    if not m:
        sys.exit("no prototype of " + fn)
    params = []
    for p in m.group(1).split(","):
        p = p.strip()
        name = re.search(r"(\w+)$", p).group(1)
        params.append((p[: -len(name)].strip(), name))
    return params


def main():
    clang, out, name, low, high = sys.argv[1:6]
    low, high = int(low), int(high)
    header = open(os.path.join(out, name + ".h")).read()
    forward = prototype(header, name + "_forward")
    serial = prototype(header, name + "_adjoint_serial")
    gather = prototype(header, name + "_adjoint_gather")
    if serial != gather:
        sys.exit("serial and gather adjoints differ in their parameters")
    ints = [n for t, n in forward if t == "long"]
    scalars = [(t, n) for t, n in forward if "*" not in t and t != "long"]
    # the footprint's extent[k] belongs to the forward kernel's k-th array
    arrays = [n for t, n in forward if "*" in t]
    extent = {}
    pointers = []
    for t, n in serial:
        if "*" not in t:
            continue
        base = t.replace("const", "").replace("*", "").strip()
        if n in arrays:
            extent[n] = arrays.index(n)
        else:  # an adjoint: follows its primal array
            extent[n] = extent[pointers[-1][1]]
        pointers.append((base, n))
    if len(ints) == 2:
        sizes = list(itertools.product(range(low, high + 1), repeat=2))
    else:
        sizes = [tuple([v] * len(ints)) for v in range(low, high + 1)]
    tol = "1e-5" if any(b == "float" for b, _ in pointers) else "1e-12"

    c = ['#include "%s.h"' % name, "#include <math.h>", "#include <stdio.h>", "#include <stdlib.h>",
         "static unsigned long long s = 0x9E3779B97F4A7C15ull;",
         "static double rnd(void) { s = s * 6364136223846793005ull + 1442695040888963407ull;"
         " return (double)(s >> 11) / 9007199254740992.0; }",
         "int main(void) {",
         "  static const long sizes[][%d] = {%s};" % (max(len(ints), 1), ", ".join(
             "{" + ", ".join(map(str, z)) + "}" if z else "{0}" for z in sizes)),
         "  for (unsigned z = 0; z < sizeof sizes / sizeof sizes[0]; ++z) {"]
    for k, n in enumerate(ints):
        c.append("    const long %s = sizes[z][%d];" % (n, k))
    for k, (t, n) in enumerate(scalars):
        c.append("    const %s %s = (%s)%s;" % (t, n, t, 0.375 + 0.125 * k))
    call = ", ".join([n for _, n in forward if "*" not in _] + ["ext"])
    c.append("    long ext[%d] = {0};" % max(len(arrays), 1))
    c.append("    if (%s_footprint(%s) != 0) { printf(\"negative offset at size %%u\\n\", z); return 1; }"
             % (name, call))
    for base, n in pointers:
        c.append("    long len_%s = ext[%d] > 0 ? ext[%d] : 1;" % (n, extent[n], extent[n]))
        c.append("    %s *a_%s = malloc(len_%s * sizeof(%s)), *b_%s = malloc(len_%s * sizeof(%s));"
                 % (base, n, n, base, n, n, base))
        c.append("    for (long k = 0; k < len_%s; ++k) a_%s[k] = b_%s[k] = (%s)(0.5 + rnd());"
                 % (n, n, n, base))
    args_a = ", ".join("a_" + n if "*" in t else n for t, n in serial)
    args_b = ", ".join("b_" + n if "*" in t else n for t, n in serial)
    c.append("    %s_adjoint_serial(%s);" % (name, args_a))
    c.append("    %s_adjoint_gather(%s);" % (name, args_b))
    for base, n in pointers:
        c.append("    { double d = 0, m = 0;")
        c.append("      for (long k = 0; k < len_%s; ++k) { d = fmax(d, fabs((double)a_%s[k] - b_%s[k]));"
                 " m = fmax(m, fabs((double)a_%s[k])); }" % (n, n, n, n))
        c.append("      if (d > %s * (m > 0 ? m : 1)) { printf(\"sizes %s: mismatch at {\"); " % (tol, name)
                 + "".join("printf(\"%s%s=%%ld\", %s); " % (", " if k else "", v, v) for k, v in enumerate(ints))
                 + "printf(\"} in %s: %%g\\n\", d); return 1; } }" % n)
        c.append("    free(a_%s); free(b_%s);" % (n, n))
    c.append("  }")
    c.append("  printf(\"sizes %s: %d sizes, ok\\n\");" % (name, len(sizes)))
    c.append("  return 0;")
    c.append("}")
    driver = os.path.join(out, name + "_sizes.c")
    open(driver, "w").write("\n".join(c) + "\n")
    exe = os.path.join(out, name + "_sizes")
    subprocess.run([clang, "-fopenmp", "-O1", "-w", "-I", out, driver, os.path.join(out, name + ".c"),
                    "-lm", "-o", exe], check=True)
    env = dict(os.environ, OMP_NUM_THREADS="3")
    r = subprocess.run([exe], env=env, stdout=subprocess.PIPE, universal_newlines=True)
    sys.stdout.write(r.stdout)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
