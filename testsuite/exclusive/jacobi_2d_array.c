// The same Jacobi sweep on a VLA parameter x[n][n].
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void jacobi(int n, double x[n][n], double y[n][n]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i][j] = 0.25 * (x[i - 1][j] + x[i + 1][j] + x[i][j - 1] + x[i][j + 1]);
  // CHECK: x: active=yes forward_race=none exclusive_read=violated {{.*}}reflexive=holds strategy=gather
}
