// With a parametric row length m, a[i][j + 1] for j < m may leave its row:
// whether it aliases the next row cannot be decided: unknown, not "none".
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, int m, double a[n][m]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      a[i][j + 1] = 0.0;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m - 1; j++)
      a[i][j + 1] = 0.0;
}
