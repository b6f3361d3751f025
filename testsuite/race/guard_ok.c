// Only even iterations write: they write even elements and read odd ones.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++) {
    if (i % 2 == 0 && i >= 0)
      x[i] = x[i + 1];
  }
}
