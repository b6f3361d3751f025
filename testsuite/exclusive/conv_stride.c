// 1-D convolution with stride 4 > window 3: input windows are disjoint,
// the weights are read by every iteration.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define K 3
#define S 4
void conv(int n, const double *x, const double w[K], double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double acc = 0.0;
    for (int k = 0; k < K; k++)
      acc += w[k] * x[i * S + k];
    y[i] = acc;
  }
  // CHECK-DAG: x: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK-DAG: w: active=yes forward_race=none exclusive_read=violated {{.*}}strategy=reduction
}
