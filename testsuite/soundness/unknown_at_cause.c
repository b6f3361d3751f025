// An unknown verdict is shown where the analysis gives up: at the access
// whose subscript is not affine, not at the first access of the array; and
// its JSON verdict names that access as the "cause".
// RUN: %expect-exit 1 %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | FileCheck --check-prefix=JSON %s
void f(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[i] + x[(i + 1) % n];
  // CHECK: unknown_at_cause.c:[[@LINE-1]]:19: warning: cannot decide whether the adjoint of 'x' needs synchronisation: subscript (i + 1) % n of x is not affine {{.*}}[adjoint-lint-unknown]
  // CHECK-NOT: warning:
  // JSON: "cause": {
  // JSON: "column": 19,
  // JSON: "text": "x[(i + 1) % n]"
}
