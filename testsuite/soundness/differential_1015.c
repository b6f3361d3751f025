// Differential fuzzing finding (fuzz/differential.py, seed 1015): adjoint-lint
// ran past the fuzzer's 300 s limit on this generated loop nest, in Polly's
// copy of isl (libLLVM came before the system isl among the binary's
// libraries; testsuite/driver/isl-link-order.test). It must now answer, or
// give up at its --timeout with exit status 2, and never hang.
// RUN: timeout 300 %adjoint-lint --timeout=30 --fail-on=none --format=json %s -- -fopenmp > %t.json; echo "exit=$?" > %t.exit
// RUN: grep -E '^exit=(0|2)$' %t.exit
// RUN: %python -c "import json,sys; json.load(open(sys.argv[1]))" %t.json
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
double g[1024];
double f(int n, int m, double *x, double *y, double *z, double (*A2)[8]) {
  double s = 0.0, t = 0.0;
  #pragma omp parallel for
  for (int i = -1; i < n / 2 + 1; i++) {
    g[3 * i - 1 + 512] -= (double)i;
    for (int j = i; j < i + 2; j++) {
      A2[2 * i + j + m][((unsigned char)(i + 2 * j - 1)) % 4 + 4] += 0.5 - y[2 * i - j + 2 + 8];
      A2[j - 1][((-i) / 2) % 4 + 4] -= g[(i - j) % 2 + 512];
      for (int k = 0; k < m; k++) {
        y[max(2 * i + j + k + 0, i - j + k) + 8] += (double)k + g[-i + j + k + 2 + 512];
        g[2 * i + 3 * j + k + n + 512] = y[(-j + 3 * k + m) / 2 + 8];
        g[j + 3 * k - 2 + 512] += g[i + j + k + 1 + 512] - A2[3 * i + 2 * j + 3 * k][(i + 3 * j + 3 * k + 3) % 4 + 4] - z[(-i + 3 * j + k + 0) % 4 + 8];
      }
    }
  }
  return s + t;
}
