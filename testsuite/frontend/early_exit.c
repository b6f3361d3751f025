// break and continue: `if (c) continue;` guards the rest of the body with
// !c (exact); other jumps put what may be skipped under an opaque guard, and
// a loop with a break has its body under "may end early": its accesses are
// may-accesses, never a basis for an exact equality proof.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, int m, double *x, const double *y) {
// CHECK: loop early_exit.c:[[@LINE+9]]:1 parallel for in f
// CHECK: scope 0: loop j = 0; j < m; j += 1 (parent -1)
// CHECK-NEXT: scope 1: if <opaque: the loop over j may end early (break)> (parent 0)
// CHECK: scope 4: if i == 2 (parent -1)
// CHECK-NEXT: scope 5: if !(i == 2) (parent -1)
// CHECK-NEXT: scope 6: if i == 3 (parent 5)
// CHECK: scope 9: if <opaque: may be skipped by a break or continue> (parent 5)
// CHECK: write x[i * m + j] [i * m + j] scope=3
// CHECK: write x[i] [i] scope=9
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++) {
    for (int j = 0; j < m; j++) {
      if (y[j] < 0)
        break;
      x[i * m + j] = y[j];
    }
    if (i == 2)
      continue;
    if (i == 3) {
      if (y[i] > 1)
        continue;
    }
    x[i] = 0;
  }
}
