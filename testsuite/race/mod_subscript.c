// x[i % 4]: iterations 0 and 4 write the same element.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, const double *y, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i % 4] = y[i];
  // CHECK: :[[@LINE-1]]:5: warning: {{.*}} [adjoint-lint-forward-race]
  // JSON: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-3]}}]
}
