// A construct that defeats the analysis of the whole loop (here the loop
// iterator modified in the body) gives one warning at the construct, not
// one per array and question.
// RUN: %expect-exit 1 %adjoint-lint %s -- -fopenmp | FileCheck %s
void f(int n, double *x, const double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    x[i] = y[i];
    i = i + 0;
    // CHECK: one_warning_per_construct.c:[[@LINE-1]]:{{[0-9]+}}: warning: cannot decide whether this loop has a data race or whether its adjoint needs synchronisation: loop iterator i is modified in the loop body [adjoint-lint-unknown]
    // CHECK-NOT: warning:
  }
}
