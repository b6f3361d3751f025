// A true (flow) dependence: iteration i reads what iteration i-1 wrote.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    x[i] = x[i - 1] * 0.5;
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}'x'{{.*}} [adjoint-lint-forward-race]
  // CHECK: :[[@LINE-2]]:{{[0-9]+}}: note:
  // JSON: x: active=yes forward_race=race
  // JSON: forward_race witness: iterations={{i=[0-9]+ i=[0-9]+}}
}
