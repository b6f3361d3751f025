// A struct reached through a pointer: g->u is a variable of its own (a
// pointer member, rank 1); the recurrence g->u[i] = g->u[i - 1] races.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
struct grid {
  int n;
  double *u;
};
void f(struct grid *g, int n) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    g->u[i] = g->u[i - 1];
  // CHECK: :[[@LINE-1]]:5: warning: write to 'g->u' races with a read in another iteration: iterations i={{[0-9]+}} and i={{[0-9]+}} both access g->u[{{[0-9]+}}] [adjoint-lint-forward-race]
  // CHECK: :[[@LINE-2]]:15: note: conflicting read of 'g->u' here
  // JSON: g->u: active=yes forward_race=race
  // JSON-NEXT: forward_race witness: iterations=i=[[A:[0-9]+]] i=[[B:[0-9]+]] element=[{{[0-9]+}}] accesses=[[@LINE-4]]:5,[[@LINE-4]]:15
}
