// An index array that the loop writes is no function of its subscript:
// its reads stay opaque (unknown with the reason) whatever is assumed, and
// so does an array reached through a local pointer that may alias it.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void written(int n, int *perm, const double *x, double *y) {
#pragma adjoint_lint assume(injective(perm))
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    y[i] = x[perm[i]];
    perm[i] = 0;
  }
  // CHECK: x: {{.*}}exclusive_read=unknown
  // CHECK-NEXT: exclusive_read reason: {{.*}}perm is written in the loop
  // CHECK-NOT: assumed injective(perm)
}

void aliased(int n, int *perm, const double *x, double *y) {
  int *q = perm + 1;
#pragma adjoint_lint assume(injective(perm))
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    y[i] = x[perm[i]];
    q[i] = 0;
  }
  // CHECK: x: {{.*}}exclusive_read=unknown
  // CHECK-NOT: assumed injective(perm)
}
