// Offloaded loops: `target teams distribute parallel for`.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, const double *y) {
// CHECK: loop [[@LINE+1]] target teams distribute parallel for: forward_race=none
#pragma omp target teams distribute parallel for map(to : y[0:n]) map(from : x[0:n])
  for (int i = 1; i < n - 1; i++)
    x[i] = y[i - 1] + y[i + 1];
  // CHECK: y: active=yes forward_race=none exclusive_read=violated
}
