// The same temporary made private(t): no race, the loop is clean.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, const double *x, double *y) {
  double t;
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for private(t)
  for (int i = 0; i < n; i++) {
    t = x[i] * x[i];
    y[i] = t + 1.0;
  }
  // CHECK-NOT: warning
}
