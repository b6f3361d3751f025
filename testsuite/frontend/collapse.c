// collapse(n): the n associated loops are the parallel iterators, outermost
// first; the inner bound may use the outer iterator. Schedule and chunk are
// clauses; a macro constant folds to a number.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
#define N 32
void jacobi(int n, const double *x, double *y) {
// CHECK: loop collapse.c:[[@LINE+8]]:1 parallel for in jacobi
// CHECK-NEXT: iterator i = 1; i < n - 1; i += 1
// CHECK-NEXT: iterator j = i; j < n - 1; j += 1
// CHECK-NEXT: parameters: n
// CHECK-NEXT: clauses: collapse=2 schedule=static chunk=4
// CHECK-NOT: scope 0
// CHECK: access {{[0-9]+}}: write y[i * n + j] [i * n + j] scope=-1 sync=none at [[@LINE+5]]:7-[[@LINE+5]]:18
// CHECK: access {{[0-9]+}}: read x[(i - 1) * n + j] [(i - 1) * n + j] scope=-1
#pragma omp parallel for collapse(2) schedule(static, 4)
  for (int i = 1; i < n - 1; i++)
    for (int j = i; j < n - 1; j++)
      y[i * n + j] = x[(i - 1) * n + j] + x[(i + 1) * n + j];
}
void three(double a[N][N][N]) {
// CHECK: loop collapse.c:[[@LINE+5]]:1 parallel for in three
// CHECK-NEXT: iterator i = 0; i < 32; i += 1
// CHECK-NEXT: iterator j = 0; j < 32; j += 1
// CHECK-NEXT: iterator k = 0; k < 31; k += 1
// CHECK-NEXT: parameters:{{$}}
#pragma omp parallel for collapse(3)
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      for (int k = 0; k < N - 1; k++)
        a[i][j][k] = a[i][j][k + 1];
}
