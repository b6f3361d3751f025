// The right operand of && and || in an if condition runs only where the
// left one does not decide. Its reads once counted in every iteration, and
// this loop was reported racy with a witness (iteration 0 reading x[1])
// that never happens.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    x[i] = 1.0;
    if (i < 0 && x[i + 1] > 0.0)
      y[i] = 0.0;
    if (i >= 0 || x[i + 1] > 0.0)
      y[i] = 2.0;
  }
  // CHECK: x: active=yes forward_race=none
}

// Where the left operand may let the right one run, its reads still count.
void g(int n, double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    x[i] = 1.0;
    if (i > 2 && x[i + 1] > 0.0)
      y[i] = 0.0;
  }
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: forward_race witness: iterations=i=4 i=3 element=[4]
}
