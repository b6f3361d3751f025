// Where `#pragma adjoint_lint assume(...)` holds: like C's standard
// pragmas, from where it stands to the end of the enclosing block (the
// whole file at file scope). Its tokens are macro-expanded, comments do not
// matter, and _Pragma works.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define PERM_IS_A_PERMUTATION assume(injective(perm))
#define LO 0

#pragma adjoint_lint assume(injective(gperm)) /* file scope: every later loop */

void scoped(int n, const int *perm, const int *gperm, const double *x, double *y) {
  {
#pragma adjoint_lint PERM_IS_A_PERMUTATION // macro-expanded
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      y[i] = x[perm[i]];
    // CHECK: x: {{.*}}exclusive_read=holds
    // CHECK: assumption: assumed injective(perm)
  }
  // The block ended: the fact does not hold here.
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[perm[i]];
  // CHECK: x: {{.*}}exclusive_read=unknown
  // CHECK-NOT: assumed injective(perm)
  // The file-scope fact holds everywhere after it.
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[gperm[i]];
  // CHECK: x: {{.*}}exclusive_read=holds
  // CHECK: assumption: assumed injective(gperm) (declared by the pragma at line 9)
}

void later(int n, const int *perm, const double *x, double *y) {
  _Pragma("adjoint_lint assume(nondecreasing(perm), increasing(perm))")
// CHECK: loop [[@LINE+1]] parallel for
#pragma omp parallel for
  for (int i = LO; i < n; i++)
    y[i] = x[perm[i]];
  // CHECK: x: {{.*}}exclusive_read=holds
  // CHECK-NOT: assumed nondecreasing(perm)
  // CHECK: assumption: assumed increasing(perm)
}
