// A scalar member written in the loop is a shared scalar (rank 0): every
// iteration updates g->count, a race unless the update is atomic.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
struct stats {
  int count;
  double *x;
};
void f(struct stats *g, int n) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    g->x[i] = 0.0;
    g->count += 1;
  }
  // CHECK: :[[@LINE-2]]:5: warning: write to 'g->count' races with {{.*}} [adjoint-lint-forward-race]
  // OpenMP clauses cannot name g->count: the advice is a local reduction variable.
  // CHECK: note: accumulate into a local variable with reduction(+: ...) and add it to 'g->count' after the loop
  // JSON: scalar g->count: forward_race=race
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    g->count += 1;
  }
}
