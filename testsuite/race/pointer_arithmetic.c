// Pointer arithmetic is outside the analysed fragment: unknown, with the reason.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    *(x + i) = 1.0;
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}pointer{{.*}} [adjoint-lint-unknown]
}
