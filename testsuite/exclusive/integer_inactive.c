// Integer arrays carry no derivative: they are reported inactive.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const int *mask, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    y[i] = mask[i - 1] + mask[i] > 0 ? x[i] : 0.0;
  // CHECK: mask: active=no forward_race=none exclusive_read=violated {{.*}}strategy=plain
}
