// A malformed `#pragma adjoint_lint` is an input problem: an error naming
// the file and line, and exit status 2 (the facts the user meant would
// otherwise be silently missing).
// RUN: %expect-exit 2 %adjoint-lint %s -- -fopenmp 2>&1 | FileCheck %s
// RUN: %expect-exit 2 %adjoint-lint --format=json %s -- -fopenmp | FileCheck --check-prefix=JSON %s
void f(int n, const int *perm, const double *x, double *y) {
// CHECK: bad_pragma.c:[[@LINE+1]]:1: error: malformed '#pragma adjoint_lint': bad fact 'injectiv(perm)': unknown fact 'injectiv(...)': expected injective(A, ...), nondecreasing(A), increasing(A) or an integer condition such as s > 0 (see docs/assumptions.md) [adjoint-lint-bad-pragma]
#pragma adjoint_lint assume(injectiv(perm))
// CHECK: bad_pragma.c:[[@LINE+1]]:1: error: malformed '#pragma adjoint_lint': unknown '#pragma adjoint_lint asume': expected assume(FACT, ...)
#pragma adjoint_lint asume(injective(perm))
// CHECK: bad_pragma.c:[[@LINE+1]]:1: error: malformed '#pragma adjoint_lint': bad fact 's >': not a fact
#pragma adjoint_lint assume(injective(perm), s >)
// CHECK: bad_pragma.c:[[@LINE+1]]:1: error: malformed '#pragma adjoint_lint': 'assume' takes its facts in parentheses
#pragma adjoint_lint assume injective(perm)
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[perm[i]];
}
// JSON: "rule": "adjoint-lint-bad-pragma"
