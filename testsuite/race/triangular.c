// A non-rectangular (triangular) domain: row i touches only a[i][0..i].
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define N 32
void f(double a[N][N]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    for (int j = 0; j <= i; j++)
      a[i][j] = a[i][j] * 2.0;
}
