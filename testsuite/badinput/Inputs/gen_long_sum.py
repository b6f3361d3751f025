# Writes a C file whose one parallel loop assigns a sum of N terms,
# y[i] = x[i] + x[i] + ... (a left-nested chain N - 1 operators deep).
import sys

n = int(sys.argv[1])
print("void long_sum(double *y, const double *x, int n) {")
print("#pragma omp parallel for")
print("  for (int i = 0; i < n; ++i)")
print("    y[i] = " + " + ".join(["x[i]"] * n) + ";")
print("}")
