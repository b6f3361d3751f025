// Integer members read in a bound or a subscript and not written in the
// loop are parameters named by their spelling (g->n, g->off); witnesses
// give them values like any parameter.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %S/../frontend/Inputs/model_lines.py | FileCheck --check-prefix=MODEL %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
// RUN: %adjoint-lint --dump-model %s -- -fopenmp > %t.json
// RUN: %adjoint-lint --fail-on=none --format=json --model=%t.json | %verdicts | FileCheck %s
// RUN: %adjoint-lint --fail-on=none %s -- -fopenmp | FileCheck --check-prefix=TEXT %s
struct grid {
  int n, off;
  double *x;
};
void f(struct grid *g, double *y) {
// MODEL: loop member_bound.c:[[@LINE+4]]:1 parallel for in f
// MODEL-NEXT: iterator i = 0; i < g->n; i += 1
// MODEL-NEXT: parameters: g->n, g->off
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < g->n; i++)
    y[i] = g->x[i + g->off];
// MODEL: loop member_bound.c:[[@LINE+3]]:1 parallel for in f
// MODEL-NEXT: iterator i = 0; i < g->n; i += 1
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < g->n; i++)
    g->x[i] = g->x[g->n - i - 1];
  // CHECK: g->x: active=yes forward_race=race
  // TEXT: :[[@LINE-4]]:1: note: in iteration i={{[0-9]+}} 'g->x[i]' writes g->x[{{[0-9]+}}]; {{.*}} (with g->n={{[0-9]+}})
}
