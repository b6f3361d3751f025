// A missing header: the compiler's message, exit status 2.
// RUN: %expect-exit 2 %adjoint-lint %s -- -fopenmp > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include "no_such_header_adjoint_lint.h"
// CHECK: missing_header.c:[[@LINE-1]]:10: error: {{.*}}no_such_header_adjoint_lint.h{{.*}}not found
void f(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}
