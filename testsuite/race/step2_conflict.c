// With step 2, x[i + 2] is written by the next iteration: a race.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n - 2; i = i + 2)
    x[i] = x[i + 2];
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}} [adjoint-lint-forward-race]
  // JSON: forward_race witness: iterations=i={{[02468]+}} i={{[02468]+}}
}
