// A local pointer into another array: writes through p may hit x, so no
// verdict about x (or p) is claimed; one warning names the alias, and no
// "do not overlap" assumption is made about p.
// RUN: %expect-exit 1 %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, double *x) {
  double *p = x;
  // CHECK: local_alias.c:[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}p may alias x [adjoint-lint-unknown]
  // CHECK-NOT: warning:
// JSON: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    p[i] = x[i + 1];
  // JSON: p: active=yes forward_race=unknown exclusive_read=unknown
  // JSON: x: active=yes forward_race=unknown exclusive_read=unknown
  // JSON-NOT: assumption: {{.*}}p
}
