// A gather through an index array only reads x: no forward race, but the
// adjoint of x (increments at xb[idx[i]]) cannot be proven race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, const int *idx, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[idx[i]];
  // CHECK: x: active=yes forward_race=none exclusive_read=unknown {{.*}}strategy=atomic
  // CHECK: exclusive_read reason: {{.*}}idx
}
