"""Prints a C file with N parallel loops (N functions of one loop each)."""
import sys

n = int(sys.argv[1])
for k in range(n):
    print(f"void f{k}(int n, double *x, const double *y) {{\n"
          f"#pragma omp parallel for\n"
          f"  for (int i = 0; i < n; i++)\n"
          f"    x[i] = y[i] + {k}.0;\n"
          f"}}")
