// An atomic update still races with a plain read of the same element in
// another iteration (iterations 2k and 2k+1 share y[k]).
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, const double *x, double *y, double *z) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[i / 2] += x[i];
    z[i] = y[i / 2];
  }
  // CHECK: warning: {{.*}}'y'{{.*}} [adjoint-lint-forward-race]
  // JSON: y: active=yes forward_race=race
}
// adjoint-lint-oracle: no-tsan ThreadSanitizer does not instrument the atomic double update (atomicrmw fadd), so it cannot see this race
