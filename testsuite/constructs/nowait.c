// `omp for nowait` drops the barrier after the loop: the loop itself is
// decided, and the report says that later work is not checked against it.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, const double *y, double *z) {
#pragma omp parallel
  {
// CHECK: loop [[@LINE+1]] for: forward_race=none
#pragma omp for nowait
    for (int i = 0; i < n; i++)
      x[i] = y[i];
    // CHECK: assumption: nowait: work after this loop
// CHECK: loop [[@LINE+1]] for: forward_race=none
#pragma omp for
    for (int i = 0; i < n; i++)
      z[i] = y[i];
    // CHECK-NOT: assumption: nowait
  }
}
