// Every iteration reads the same three weights: their adjoints are sums over
// all iterations, best done as an array reduction.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const double w[3], const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = w[0] * x[i - 1] + w[1] * x[i] + w[2] * x[i + 1];
  // CHECK: w: active=yes forward_race=none exclusive_read=violated {{.*}}strategy=reduction
  // CHECK: x: active=yes forward_race=none exclusive_read=violated {{.*}}strategy=gather
}
