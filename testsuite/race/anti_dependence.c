// An anti dependence: iteration i reads x[i+1] before iteration i+1 writes it.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i] = x[i + 1] + 1.0;
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}} [adjoint-lint-forward-race]
  // JSON: forward_race witness: iterations=i=[[A:[0-9]+]] i=[[B:[0-9]+]]
}
