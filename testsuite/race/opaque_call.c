// A call to a function the analyzer cannot see may touch shared memory:
// nothing is claimed safe.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
double g(double);
void f(int n, const double *x, double *y) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = g(x[i]);
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}'g'{{.*}} [adjoint-lint-unknown]
  // JSON: reason: {{.*}}'g'
}
