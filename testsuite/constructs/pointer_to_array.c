// double (*a)[N]: a pointer to rows of constant length. Writing a[i][N]
// (= a[i + 1][0]) races with iteration i + 1's read of a[i + 1][0].
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define N 8
void f(int n, double (*a)[N], const double (*b)[N]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < N; j++)
      a[i][j] = b[i][j] + b[i][(j + 1) % N];
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < N; j++)
      a[i][j + 1] = a[i][j] + 1.0;
}
