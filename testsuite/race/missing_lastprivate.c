// `last` is meant to hold the value of the final iteration; without
// lastprivate(last) every iteration writes the shared variable.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
double f(int n, const double *x, double *y) {
  double last = 0.0;
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    last = 2.0 * x[i];
    // CHECK: :[[@LINE-1]]:5: warning: {{.*}}'last'{{.*}} [adjoint-lint-forward-race]
    y[i] = last;
  }
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for lastprivate(last)
  for (int i = 0; i < n; i++) {
    last = 2.0 * x[i];
    y[i] = last;
  }
  // CHECK-NOT: warning: {{.*}}[adjoint-lint-forward-race]
  return last;
}
