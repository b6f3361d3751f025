// `if`/`else` branches are Guard scopes (else: the negated condition),
// `if (c) continue;` guards the rest of the body with !c, a ternary guards
// the reads of each branch, inner loops are Loop scopes.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, double *x, const double *y) {
// CHECK: loop guards.c:[[@LINE+16]]:1 parallel for in f
// CHECK: scope 0: if i % 2 == 0 && i > 0 (parent -1)
// CHECK-NEXT: scope 1: if !(i % 2 == 0 && i > 0) (parent -1)
// CHECK-NEXT: scope 2: if i == 3 (parent -1)
// CHECK-NEXT: scope 3: if !(i == 3) (parent -1)
// CHECK-NEXT: scope 4: loop j = 0; j < i; j += 1 (parent 3)
// CHECK-NEXT: scope 5: if <opaque: floating-point comparison y[j] > 0> (parent 4)
// CHECK-NEXT: scope 6: if i > 2 (parent 3)
// CHECK-NEXT: scope 7: if !(i > 2) (parent 3)
// CHECK: write x[i] [i] scope=0
// CHECK: write x[i] [i] scope=1
// CHECK: read y[j] [j] scope=4
// CHECK: write x[i] [i] scope=5
// CHECK-NEXT: read y[j] [j] scope=5
// CHECK: write x[i] [i] scope=3
// CHECK-NEXT: read y[i] [i] scope=6
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0 && i > 0)
      x[i] = 1.0;
    else
      x[i] = 2.0;
    if (i == 3)
      continue;
    for (int j = 0; j < i; j++)
      if (y[j] > 0)
        x[i] += y[j];
    x[i] += i > 2 ? y[i] : 0.0;
  }
}
