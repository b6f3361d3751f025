// Accesses under `omp atomic` (every form) are Atomic: only the atomic
// location x, not the captured v; under `critical(name)` they are Critical
// with the name; to reduction variables they are Reduction.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, const double *x, double *y, double *hist) {
  double v, sum = 0.0;
// CHECK: loop sync.c:[[@LINE+15]]:1 parallel for in f
// CHECK: clauses: private=[v] reduction(+)=[sum]
// CHECK: var sum: rank=0 extents=[] type=double floating sharing=reduction(+)
// CHECK: read y[i / 2] [i / 2] scope=-1 sync=atomic
// CHECK-NEXT: write y[i / 2] [i / 2] scope=-1 sync=atomic
// CHECK: write v [] scope=-1 sync=none
// CHECK-NEXT: read y[i % 3] [i % 3] scope=-1 sync=atomic
// CHECK: write y[0] [0] scope=-1 sync=atomic
// CHECK: write v [] scope=-1 sync=none
// CHECK-NEXT: read hist[0] [0] scope=-1 sync=atomic
// CHECK-NEXT: read hist[0] [0] scope=-1 sync=atomic
// CHECK-NEXT: write hist[0] [0] scope=-1 sync=atomic
// CHECK: write hist[1] [1] scope=-1 sync=critical(bins)
// CHECK: read sum [] scope=-1 sync=reduction
// CHECK-NEXT: write sum [] scope=-1 sync=reduction
#pragma omp parallel for private(v) reduction(+ : sum)
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[i / 2] += x[i];
#pragma omp atomic read
    v = y[i % 3];
#pragma omp atomic write
    y[0] = v;
#pragma omp atomic capture
    { v = hist[0]; hist[0] += 1.0; }
#pragma omp critical(bins)
    hist[1] = hist[1] + v;
    sum += x[i];
  }
}
void g(int n, const int *bin, double *h) {
// An array-section reduction: the array is a Reduction variable.
// CHECK: loop sync.c:[[@LINE+5]]:1 parallel for in g
// CHECK: clauses: reduction(+)=[h]
// CHECK: var h: rank=1 extents=[?] type=double floating sharing=reduction(+) pointer param
// CHECK: read h[bin[i]] [bin[i]] scope=-1 sync=reduction
// CHECK-NEXT: write h[bin[i]] [bin[i]] scope=-1 sync=reduction
#pragma omp parallel for reduction(+ : h[0:8])
  for (int i = 0; i < n; i++)
    h[bin[i]] += 1.0;
}
