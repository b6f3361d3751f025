// Statements: `=`, compound assignments, ++/--, declarations with an
// initialiser; right-hand sides keep calls, casts and conditionals.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
#include <math.h>
void f(int n, double *x, double *y, int *cnt) {
// CHECK: loop statements.c:[[@LINE+16]]:1 parallel for in f
// CHECK: access 0: write t [] scope=-1 sync=none at [[@LINE+17]]:12-[[@LINE+17]]:12
// CHECK-NEXT: access 1: read x[i] [i] scope=-1 sync=none at [[@LINE+16]]:21-[[@LINE+16]]:24
// CHECK-NEXT: access 2: read y[i] [i] scope=-1 sync=none at [[@LINE+16]]:5-[[@LINE+16]]:8
// CHECK-NEXT: access 3: write y[i] [i] scope=-1 sync=none at [[@LINE+15]]:5-[[@LINE+15]]:8
// CHECK: read cnt[i] [i]
// CHECK-NEXT: write cnt[i] [i]
// CHECK: read cnt[i + 1] [i + 1]
// CHECK-NEXT: write cnt[i + 1] [i + 1]
// CHECK: statement: t = sqrt(x[i]) (scope -1)
// CHECK-NEXT: statement: y[i] += t * 2.0 (scope -1)
// CHECK-NEXT: statement: cnt[i] += 1 (scope -1)
// CHECK-NEXT: statement: cnt[i + 1] = cnt[i + 1] % 3 (scope -1)
// CHECK-NEXT: statement: y[i] -= (double)cnt[i] (scope -1)
// CHECK-NEXT: statement: x[i] = t > 0 ? t : -t (scope -1)
// CHECK-NEXT: statement: x[i] /= 2.0 (scope -1)
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double t = sqrt(x[i]);
    y[i] += t * 2.0;
    cnt[i]++;
    cnt[i + 1] %= 3;
    y[i] -= (double)cnt[i];
    x[i] = t > 0 ? t : -t;
    x[i] /= 2.0;
  }
}
