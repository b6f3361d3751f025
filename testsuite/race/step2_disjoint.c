// With step 2, iteration i writes even x[i] and reads odd x[i + 1]: no race.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n - 1; i += 2)
    x[i] = x[i + 1];
}
