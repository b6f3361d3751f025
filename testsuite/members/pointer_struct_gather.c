// Two pointer members of one struct: writing g->v[i] from g->u[i - 1] and
// g->u[i + 1] is race-free, but two iterations read g->u[i] (exclusive read
// violated). The proof assumes the pointer members do not overlap, and the
// report says so by name.
// RUN: %adjoint-lint --fail-on=none %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
struct grid {
  double *u, *v;
};
void f(struct grid *g, int n) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    g->v[i] = g->u[i - 1] + g->u[i + 1];
  // CHECK-NOT: adjoint-lint-forward-race
  // CHECK: :[[@LINE-2]]:15: warning: adjoint of 'g->u' needs synchronisation: {{.*}} [adjoint-lint-shared-adjoint]
  // CHECK: note: assuming pointers g->u and g->v do not overlap
  // JSON: g->v: active=yes forward_race=none exclusive_read=holds
  // JSON: g->u: active=yes forward_race=none exclusive_read=violated {{.*}} strategy=gather
  // JSON-NEXT: exclusive_read witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-9]+}}] accesses=[[@LINE-6]]:15,[[@LINE-6]]:29
  // JSON: assumption: pointers g->u and g->v do not overlap
}
