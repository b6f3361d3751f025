// With reduction(+:sum) the updates of sum are synchronised: no race.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
double f(int n, const double *x) {
  double sum = 0.0;
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < n; i++)
    sum += x[i] * x[i];
  // CHECK-NOT: adjoint-lint-forward-race
  return sum;
}
