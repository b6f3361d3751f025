// Differential fuzzing finding (fuzz/differential.py, seed 1008): adjoint-lint
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
  #pragma omp parallel for reduction(+:s)
  for (int i = 1; i < n / 2 + 1; i++) {
    if (i <= m) {
      if (i < n / 2) {
        #pragma omp atomic
        g[i - 1 + 512] += x[i + 8];
        x[3 * i + 0 + 8] += g[2 * i + n + 0 + 512] * 0.5;
      }
    }
    if (i % 2 == 0) {
      x[i + n + 1 + 8] -= x[3 * i + m + 8] - g[i + 512] - x[3 * i + 2 * n + 8];
    }
  }
  #pragma omp simd
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < i + 2; j++) {
      if (i > 1) {
        z[i + j + 8] = 1.0;
        z[2 * i + 3 * j + 3 + 8] += y[(unsigned char)(i - j) + 8];
      }
    }
    for (int j = 0; j < i + 2; j++) {
      for (int k = j; k < m; k++) {
        y[max(i - j + k + 0, i + j + m + 1) + 8] -= z[i + 2 * j + 3 * k + 2 + 8] + 1.0 + 1.0;
      }
      for (int k = 1; k < 4; k++) {
        if (j < n / 2) {
          if (i % 2 == 0) {
            y[3 * i - 1 + 8] = 1.0;
            A2[i - j + 3 * k + m + 3][(2 * i + j + 3 * k + 2) % 4 + 4] = (double)i + y[3 * i - k + 3 + 8] + y[3 * i + j + k - n - 2 + 8];
          }
          z[i + j + k + 2 + 8] += 1.0 + y[2 * i + j + 2 * k + m + 3 + 8] + 0.5;
        }
        A2[i + 3 * j + 3 * k + n + 1][((i + 3 * j) % 4) % 4 + 4] = 1.0 * z[i + 2 * k + 8] * y[2 * i + j + 2 * k - 1 + 8];
      }
      A2[2 * i - j + 3][(i - j - 2) % 4 + 4] += 1.0 - A2[i][((i + j + 2) % 2) % 4 + 4];
    }
  }
  return s + t;
}
