// The read half of `y[e] += f` has derivative 1: the adjoint leaves yb[e]
// as it is, so it does not count as a read that the adjoint would push
// into. Atomic or critical accumulations therefore keep exclusive reads,
// while a genuine second read of y does not.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const double *x, double *y, const int *bin, double *z) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[i / 2] += x[i];
  }
  // CHECK: y: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp critical
    y[bin[i]] -= x[i];
  }
  // CHECK: y: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[i / 2] += x[i];
    z[i] = 0.0 * y[(i + 1) / 2 + n];
  }
  // CHECK: y: active=yes forward_race=none exclusive_read=violated
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] *= x[i / 2];
  // CHECK: y: active=yes forward_race=none exclusive_read=holds
  // CHECK: x: active=yes forward_race=none exclusive_read=violated
}
