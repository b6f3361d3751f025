// Arrays and their extents: fixed C arrays (constants, macros folded), VLA
// parameters (first dimension unknown, the others name the parameters),
// pointers to rows, plain pointers and pointers to pointers (separate rows).
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
#define M 8
double g[4][M];
void f(int n, int m, double a[n][m], double (*p)[M], float *q, double **r, int k) {
  double local[3][M + 1];
// CHECK: loop extents.c:[[@LINE+12]]:1 parallel for in f
// CHECK-NEXT: iterator i = 0; i < 3; i += 1
// CHECK-NEXT: parameters: m, k{{$}}
// CHECK-DAG: var g: rank=2 extents=[4, 8] type=double floating sharing=shared{{$}}
// CHECK-DAG: var a: rank=2 extents=[?, m] type=double floating sharing=shared pointer param
// CHECK-DAG: var p: rank=2 extents=[?, 8] type=double floating sharing=shared pointer param
// CHECK-DAG: var q: rank=1 extents=[?] type=float floating sharing=shared pointer param
// CHECK-DAG: var r: rank=2 extents=[?, ?] type=double floating sharing=shared pointer separate-rows param
// CHECK-DAG: var local: rank=2 extents=[3, 9] type=double floating sharing=shared{{$}}
// CHECK-DAG: assumption: rows of r do not overlap
// CHECK-DAG: assumption: a, p, q and r do not point into the global array g
// CHECK-DAG: assumption: pointer parameters {{.*}} do not overlap
#pragma omp parallel for
  for (int i = 0; i < 3; i++)
    a[i][k] = g[i][k] + p[i][k] + q[i] + r[i][k] + local[i][k];
}
void h(int n, int *idx) {
// Integer arrays are not floating.
// CHECK: loop extents.c:[[@LINE+2]]:1 parallel for in h
// CHECK: var idx: rank=1 extents=[?] type=int sharing=shared pointer param
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    idx[i] = i;
}
