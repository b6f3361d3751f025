// 2-D 5-point Jacobi on linearised arrays x[i*n + j]: delinearised with row
// length n and decided (not unknown).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void jacobi(int n, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i * n + j] = 0.25 * (x[(i - 1) * n + j] + x[(i + 1) * n + j] + x[i * n + j - 1] + x[i * n + j + 1]);
  // CHECK: y: active=yes forward_race=none
  // CHECK: x: active=yes forward_race=none exclusive_read=violated {{.*}}reflexive=holds strategy=gather
  // CHECK: exclusive_read witness: iterations=i={{[0-9]+}};j={{[0-9]+}} i={{[0-9]+}};j={{[0-9]+}} element=[{{[0-9]+}}, {{[0-9]+}}]
}
