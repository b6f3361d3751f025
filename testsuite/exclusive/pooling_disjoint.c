// Average pooling, window 2 stride 2: windows are disjoint.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 0.5 * (x[2 * i] + x[2 * i + 1]);
  // CHECK: x: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
}
