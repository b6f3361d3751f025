// An orphaned `omp for` (no enclosing parallel region in this function): the
// function's automatic variables belong to the calling thread (private);
// pointees and globals stay shared. A `simd` loop nested in a parallel loop
// is a loop of its own; the outer iterator is a parameter there, and the
// outer loop sees the simd loop as an inner loop scope.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
double total;
void orphan(int n, double *x) {
  double t = 0.0;
// CHECK: loop orphaned_and_nested.c:[[@LINE+5]]:1 for in orphan
// CHECK-DAG: var t: {{.*}} sharing=private
// CHECK-DAG: var x: {{.*}} sharing=shared pointer param
// CHECK-DAG: var total: {{.*}} sharing=shared
// CHECK-DAG: var n: {{.*}} sharing=private param
#pragma omp for
  for (int i = 0; i < n; i++) {
    t = x[i] + n;
    total += t;
  }
}
void nested(int n, double *x) {
// CHECK: loop orphaned_and_nested.c:[[@LINE+4]]:1 parallel for in nested
// CHECK: scope 0: loop j = 0; j < 8; j += 1 (parent -1)
// CHECK: write x[i * 8 + j] [i * 8 + j] scope=0
// CHECK: loop orphaned_and_nested.c:[[@LINE+5]]:1 simd in nested
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
// CHECK-NEXT: iterator j = 0; j < 8; j += 1
// CHECK-NEXT: parameters: i
#pragma omp simd
    for (int j = 0; j < 8; j++)
      x[i * 8 + j] = 0.0;
  }
}
