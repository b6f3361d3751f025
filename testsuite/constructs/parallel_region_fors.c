// Several `omp for` loops inside one `parallel` region are analysed one by
// one; t, declared inside the region, is private to each thread.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, double *y) {
#pragma omp parallel
  {
    double t;
// CHECK: loop [[@LINE+1]] for: forward_race=none
#pragma omp for
    for (int i = 0; i < n; i++) {
      t = x[i];
      y[i] = t * t;
    }
// CHECK: loop [[@LINE+1]] for: forward_race=race
#pragma omp for
    for (int i = 1; i < n; i++)
      x[i] = y[i - 1] + x[i - 1];
  }
}
