// An inner-loop iterator declared outside the parallel region is shared in
// C: its writes and reads are accesses of a shared scalar (a race the
// deciders report). Declared in the for statement, or listed in private(),
// it is private and only an iterator of the inner loop scope.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, int m, double a[n][m]) {
  int i, j;
// CHECK: loop shared_inner_iterator.c:[[@LINE+9]]:1 parallel for in f
// CHECK: var j: rank=0 extents=[] type=int sharing=shared
// CHECK: scope 0: loop j = 0; j < m; j += 1 (parent -1)
// CHECK: access 0: write j [] scope=-1 sync=none at [[@LINE+8]]:10-[[@LINE+8]]:10
// CHECK: access 1: read j [] scope=0
// CHECK: read a[i][j] [i, j] scope=0
// CHECK: write a[i][j] [i, j] scope=0
// CHECK: read j [] scope=0 sync=none at [[@LINE+4]]:24-[[@LINE+4]]:24
// CHECK-NEXT: write j [] scope=0 sync=none at [[@LINE+3]]:24-[[@LINE+3]]:24
#pragma omp parallel for
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      a[i][j] += 1.0;
// CHECK: loop shared_inner_iterator.c:[[@LINE+4]]:1 parallel for in f
// CHECK-NOT: var j
// CHECK: scope 0: loop j = 0; j < m; j += 1 (parent -1)
// CHECK-NOT: j []
#pragma omp parallel for private(j)
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      a[i][j] = 0.0;
// CHECK: loop shared_inner_iterator.c:[[@LINE+4]]:1 parallel for in f
// CHECK-NOT: var j
// CHECK: scope 0: loop k = 0; k < m; k += 1 (parent -1)
// CHECK-NOT: k []
#pragma omp parallel for
  for (i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      a[i][k] = 0.0;
}
