// Quasi-affine subscripts that do not conflict: writes to x[2*i] and
// x[2*i+1] are disjoint, y[i / 2] is only read, z[i % 2 + 2 * (i / 2)] is z[i].
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const double *y, double *x, double *z) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    x[2 * i] = y[i / 2];
    x[2 * i + 1] = -y[i / 2];
    z[i % 2 + 2 * (i / 2)] = 1.0;
  }
  // CHECK-DAG: y: active=yes forward_race=none exclusive_read=violated
  // CHECK-DAG: z: active=yes forward_race=none
}
