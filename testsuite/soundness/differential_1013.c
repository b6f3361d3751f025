// Differential fuzzing finding (fuzz/differential.py, seed 1013): adjoint-lint
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
  for (int i = 0; i < 2 * n; i++) {
    #pragma omp atomic
    A2[3 * i + 0][(3 * i + 2 * n + 3) % 4 + 4] += A2[2 * i + n][((3 * i + 2 * n + 2) % 2) % 4 + 4];
    A2[max(2 * i + 0, 0)][((i + 2 * n + 0) / 3) % 4 + 4] += A2[min(3 * i + 2 * n - 2, i + 3)][(i) % 4 + 4];
    if (i < n / 2) {
      A2[i + 3][(i) % 4 + 4] -= 1.0 + A2[(i - 2) / 3][((unsigned char)(2 * i)) % 4 + 4] + A2[(i) / 3][(3 * i - n) % 4 + 4];
    }
  }
  #pragma omp parallel for simd reduction(+:s) schedule(static, 3)
  for (int i = 0; i < 2 * n; i += 3) {
    for (int j = 0; j < i + 2; j++) {
      z[i + 2 * j + 8] -= 0.5 * z[(unsigned char)(i + j + 2) + 8] * z[(3 * i - j + 2 * n) / 3 + 8];
    }
    #pragma omp atomic
    z[i + 8] += z[2 * i + 1 + 8] * z[i + n + 8];
    if (i <= m) {
      z[3 * i + 8] = 0.5 + z[i + 3 + 8] + (double)i;
    }
  }
  return s + t;
}
