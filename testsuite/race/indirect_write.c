// y[idx[i]]: whether two iterations write one element depends on the
// values in idx. The race verdict is unknown, with the reason.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, const int *idx, const double *x, double *y) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[idx[i]] = x[i];
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}idx{{.*}} [adjoint-lint-unknown]
  // JSON: reason: {{.*}}idx
  // JSON: idx: active=no forward_race=none
}
