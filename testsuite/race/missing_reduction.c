// A sum into a shared scalar without reduction(+:sum) races.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
double f(int n, const double *x) {
  double sum = 0.0;
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    sum += x[i];
  // CHECK: :[[@LINE-1]]:5: warning: {{.*}}'sum'{{.*}} [adjoint-lint-forward-race]
  // JSON: scalar sum: forward_race=race
  return sum;
}
