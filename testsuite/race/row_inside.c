// The same shift kept inside the row (j < N - 1): no race.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define N 16
void f(double a[N][N], const double b[N][N]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N - 1; j++)
      a[i][j + 1] = b[i][j];
}
