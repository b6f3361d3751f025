// Updates under `omp atomic` do not race with each other.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[i / 2] += x[i];
  }
}
