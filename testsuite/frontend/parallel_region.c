// `omp for` loops inside one `parallel` region are loops of their own;
// variables declared in the region before them are private to each thread;
// the region's clauses count for the loop.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, double *x, double *y, double scale) {
  double shared_tmp;
#pragma omp parallel firstprivate(scale)
  {
    double t;
    int off = 1;
// CHECK: loop parallel_region.c:[[@LINE+6]]:1 for in f
// CHECK: clauses: nowait=true firstprivate=[scale]
// CHECK-DAG: var t: rank=0 extents=[] type=double floating sharing=private
// CHECK-DAG: var scale: rank=0 extents=[] type=double floating sharing=firstprivate param
// CHECK-DAG: var shared_tmp: rank=0 extents=[] type=double floating sharing=shared
// CHECK-DAG: write y[i + off] [(i + <opaque: off is private to each thread>)]
#pragma omp for nowait
    for (int i = 0; i < n; i++) {
      t = scale * x[i];
      shared_tmp = t;
      y[i + off] = t;
    }
// CHECK: loop parallel_region.c:[[@LINE+3]]:1 for in f
// CHECK: write x[i] [i] scope=-1
// CHECK-NOT: loop
#pragma omp for schedule(dynamic)
    for (int i = 0; i < n; i++)
      x[i] = y[i];
  }
}
