// A permutation gather y[i] = x[perm[i]]. perm is an index array (an
// uninterpreted function for Z3): without a fact, two iterations may read
// one x element (a possible witness shows the perm values Z3 chose); with
// `injective(perm)` every iteration reads its own element, so the naive
// adjoint xb[perm[i]] += yb[i] is race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
// RUN: %adjoint-lint --fail-on=none %s -- -fopenmp 2>&1 | FileCheck --check-prefix=TEXT %s
void gather(int n, const int *perm, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[perm[i]];
  // CHECK: x: active=yes forward_race=none exclusive_read=unknown {{.*}}strategy=atomic
  // CHECK-NEXT: exclusive_read possible witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element={{\[}}[[E:-?[0-9]+]]] accesses=[[@LINE-2]]:12,[[@LINE-2]]:12 values=perm[{{[0-9]+}}]=[[E]],perm[{{[0-9]+}}]=[[E]]
  // CHECK-NEXT: exclusive_read reason: x is read by two iterations if the index arrays hold such values as perm[{{[0-9]+}}] = perm[{{[0-9]+}}] = [[E]]; no fact excludes it
  // CHECK-NOT: assumed injective
  // TEXT: permutation_gather.c:[[@LINE-5]]:12: warning: cannot decide whether the adjoint of 'x' needs synchronisation: x is read by two iterations if the index arrays hold such values as perm[{{[0-9]+}}] = perm[{{[0-9]+}}] = {{-?[0-9]+}}; no fact excludes it
}

void gather_permutation(int n, const int *perm, const double *x, double *y) {
#pragma adjoint_lint assume(injective(perm))
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[perm[i]];
  // CHECK: x: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: assumption: assumed injective(perm) (declared by the pragma at line [[@LINE-6]])
  // TEXT-NOT: permutation_gather.c:[[@LINE-3]]:{{.*}}warning
}
