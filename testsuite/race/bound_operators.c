// <= and != bounds: x[i + 1] for i <= n - 2 and i != n - 1 stays inside the
// iteration's own element pair only if nobody else writes it: here it races.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i <= n - 2; i++)
    y[i] = x[i + 1];
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i != n - 1; i++)
    x[i + 1] = x[i];
}
