// A loop counting down (i--, >=): each iteration touches only x[i].
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = n - 1; i >= 0; i--)
    x[i] = 2.0 * x[i];
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = n - 1; i > 0; i -= 1)
    x[i] = x[i - 1];
}
