// collapse(3) over a 3-D heat stencil on fixed-size arrays.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define N 16
void heat3d(const double u[N][N][N], double v[N][N][N]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for collapse(3)
  for (int i = 1; i < N - 1; i++)
    for (int j = 1; j < N - 1; j++)
      for (int k = 1; k < N - 1; k++)
        v[i][j][k] = u[i - 1][j][k] + u[i + 1][j][k] + u[i][j - 1][k] + u[i][j + 1][k] +
                     u[i][j][k - 1] + u[i][j][k + 1] - 6.0 * u[i][j][k];
  // CHECK: u: active=yes forward_race=none exclusive_read=violated {{.*}}reflexive=holds strategy=gather
}
