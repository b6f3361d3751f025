// A declared fact that the program makes false is an error
// (adjoint-lint-assumption-contradicted): from a false premise everything
// follows, so no verdict uses it. `s` is the constant 0 here.
// RUN: %expect-exit 1 %adjoint-lint %s -- -fopenmp 2>&1 | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=V %s
void f(int n, double *x) {
  const int s = 0;
// CHECK: contradicted.c:[[@LINE+1]]:1: error: assumption 's > 0' is contradicted by the program: with the constants it names put in, it reads '0 > 0': it is false; no verdict of this loop uses it [adjoint-lint-assumption-contradicted]
#pragma adjoint_lint assume(s > 0)
// V: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 1.0;
  // V-NOT: assumed s > 0
}

void g(int n, int t, double *x) {
// CHECK: contradicted.c:[[@LINE+1]]:1: error: assumption 't > 0 && t < 0' is contradicted by the program: no values of t satisfy it
#pragma adjoint_lint assume(t > 0 && t < 0)
// V: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[t * i] = 1.0;
  // V-NOT: assumed t > 0
}
// V: diag error adjoint-lint-assumption-contradicted
