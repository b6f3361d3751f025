// Pointwise: every element of x is read by one iteration only. Clean.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void scale(int n, const double *x, double *y) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 2.0 * x[i] * x[i];
  // CHECK-NOT: warning
  // JSON: x: active=yes forward_race=none exclusive_read=holds symmetric_update=holds reflexive=holds strategy=plain
}
