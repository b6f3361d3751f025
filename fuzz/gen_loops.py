#!/usr/bin/env python3
"""Random OpenMP loop nests in C for differential testing (fuzz/differential.py).

  gen_loops.py SEED          prints one C file

Each file holds one function `f` with integer parameters n, m and a few
arrays (pointers, a 2-D pointer-to-row, a global), and one or two OpenMP
loops: affine and quasi-affine subscripts (/, %, narrowing casts to
unsigned char, unsigned short and signed char, unsigned `%`), several
statements, guards, inner serial loops (some triangular), clauses (private,
reduction, collapse, schedule, nowait in a parallel region), atomics.
Subscripts stay small for the oracle's sizes (n, m <= 7).
"""
import random
import sys


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []

    def coef(self):
        return self.r.choice([1, 1, 1, 2, -1, 3, 0])

    def affine(self, its, allow_params=True):
        r = self.r
        terms = []
        for it in its:
            c = self.coef()
            if c:
                terms.append(it if c == 1 else f"-{it}" if c == -1 else f"{c} * {it}")
        if allow_params and r.random() < 0.3:
            terms.append(r.choice(["n", "m", "2 * n", "-n"]))
        if r.random() < 0.6:
            terms.append(str(r.randint(-2, 3)))
        if not terms:
            terms = [r.choice(its) if its else "0"]
        e = " + ".join(terms).replace("+ -", "- ")
        return e

    def subscript(self, its):
        r = self.r
        e = self.affine(its)
        k = r.random()
        if k < 0.12:
            e = f"({e}) / {r.choice([2, 3])}"
        elif k < 0.22:
            e = f"({e}) % {r.choice([2, 3, 4])}"
        elif k < 0.27:
            e = f"(unsigned char)({e})"
        elif k < 0.30:
            e = f"{r.choice(['min', 'max'])}({e}, {self.affine(its)})"
        elif k < 0.34:
            # Unsigned arithmetic: a negative e wraps modulo 2^32 first.
            e = f"({e}) % {r.choice([2, 3, 4])}u"
        elif k < 0.37:
            e = f"(unsigned short)({e}) % {r.choice([3, 5, 8])}"
        elif k < 0.40:
            e = f"(signed char)(({e}) * 64) / 32 + 4"
        return e

    def access(self, its, arrays):
        r = self.r
        a = r.choice(arrays)
        if a == "A2":
            # The column stays inside the row (C: A2[i][8] is not A2[i + 1][0]).
            return f"A2[{self.subscript(its)}][({self.subscript(its)}) % 4 + 4]"
        if a == "g":
            return f"g[{self.subscript(its)} + 512]"
        return f"{a}[{self.subscript(its)} + 8]"

    def expr(self, its, arrays, scalars):
        r = self.r
        parts = []
        for _ in range(r.randint(1, 3)):
            k = r.random()
            if k < 0.6:
                parts.append(self.access(its, arrays))
            elif k < 0.75 and scalars:
                parts.append(r.choice(scalars))
            else:
                parts.append(r.choice(["1.0", "0.5", "(double)" + (r.choice(its) if its else "1")]))
        return (" " + r.choice(["+", "*", "-"]) + " ").join(parts)

    def guard(self, its):
        r = self.r
        it = r.choice(its)
        return r.choice([f"{it} % 2 == 0", f"{it} < n / 2", f"{it} > 1",
                         f"{its[0]} != {its[-1]}", f"{it} <= m"])

    def body(self, its, depth, indent, arrays, scalars, allow_inner=True):
        r = self.r
        pad = "  " * indent
        for _ in range(r.randint(1, 3)):
            k = r.random()
            if k < 0.15 and allow_inner and depth < 3:
                v = "jkl"[depth - 1] if depth - 1 < 3 else "q"
                lo = r.choice(["0", "1", its[-1]]) if r.random() < 0.8 else "0"
                hi = r.choice(["n", "m", "4", its[-1] + " + 2"])
                self.lines.append(f"{pad}for (int {v} = {lo}; {v} < {hi}; {v}++) {{")
                self.body(its + [v], depth + 1, indent + 1, arrays, scalars, allow_inner)
                self.lines.append(f"{pad}}}")
                continue
            if k < 0.28:
                self.lines.append(f"{pad}if ({self.guard(its)}) {{")
                self.body(its, depth, indent + 1, arrays, scalars, False)
                self.lines.append(f"{pad}}}")
                continue
            if k < 0.35:
                self.lines.append(f"{pad}#pragma omp atomic")
                self.lines.append(f"{pad}{self.access(its, arrays)} += {self.expr(its, arrays, [])};")
                continue
            if k < 0.42 and "t" in scalars:
                self.lines.append(f"{pad}t = {self.expr(its, arrays, [])};")
                continue
            if k < 0.47:
                self.lines.append(f"{pad}s += {self.expr(its, arrays, [])};")
                continue
            op = r.choice(["=", "=", "+=", "-="])
            self.lines.append(f"{pad}{self.access(its, arrays)} {op} {self.expr(its, arrays, scalars)};")

    def loop(self, indent):
        r = self.r
        pad = "  " * indent
        clauses = []
        collapse = r.random() < 0.2
        if collapse:
            clauses.append("collapse(2)")
        scalars = []
        if r.random() < 0.4:
            clauses.append(r.choice(["private(t)", "lastprivate(t)", "firstprivate(t)"]))
            scalars.append("t")
        elif r.random() < 0.15:
            scalars.append("t")  # shared t: races when written
        if r.random() < 0.5:
            clauses.append("reduction(+:s)")
        if r.random() < 0.2:
            clauses.append(f"schedule({r.choice(['static', 'dynamic'])}, {r.randint(1, 3)})")
        arrays = r.sample(["x", "y", "z", "A2", "g"], r.randint(1, 4))
        lo = r.choice(["0", "0", "1", "-1"])
        hi, op = r.choice([("n", "<"), ("n - 1", "<"), ("n", "<="), ("2 * n", "<"), ("m", "<"),
                           ("n / 2 + 1", "<")])
        step = r.choice(["i++", "i++", "i += 2", "i += 3"])
        if r.random() < 0.1:
            lo, op, hi, step = "n", ">", "0", "i--"
        directive = r.choice(["parallel for", "parallel for", "parallel for", "simd", "parallel for simd"])
        self.lines.append(f"{pad}#pragma omp {directive} {' '.join(clauses)}".rstrip())
        self.lines.append(f"{pad}for (int i = {lo}; i {op} {hi}; {step}) {{")
        its = ["i"]
        if collapse:
            self.lines.append(f"{pad}  for (int j = 0; j < {r.choice(['m', 'n', '3'])}; j++) {{")
            its.append("j")
            self.body(its, 2, indent + 2, arrays, scalars)
            self.lines.append(f"{pad}  }}")
        else:
            self.body(its, 1, indent + 1, arrays, scalars)
        self.lines.append(f"{pad}}}")

    def file(self):
        r = self.r
        out = ["// Generated by fuzz/gen_loops.py.",
               "#define min(a, b) ((a) < (b) ? (a) : (b))",
               "#define max(a, b) ((a) > (b) ? (a) : (b))",
               "double g[1024];",
               "double f(int n, int m, double *x, double *y, double *z, double (*A2)[8]) {",
               "  double s = 0.0, t = 0.0;"]
        self.lines = []
        for _ in range(r.randint(1, 2)):
            self.loop(1)
        out += self.lines
        out += ["  return s + t;", "}", ""]
        return "\n".join(out)


if __name__ == "__main__":
    print(Gen(int(sys.argv[1])).file())
