// Affine guards: even iterations write x[i + 1], odd ones x[i]: iterations
// 0 and 1 both write x[1].
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0)
      x[i + 1] = 1.0;
    // CHECK: :[[@LINE-1]]:7: warning: {{.*}} [adjoint-lint-forward-race]
    else
      x[i] = 2.0;
  }
  // JSON: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-9]+}}]
}
