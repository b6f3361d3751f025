// OpenMP pragmas without -fopenmp are ignored by the compiler: say so.
// RUN: %expect-exit 2 %adjoint-lint %s -- > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: error: {{.*}}-fopenmp
void f(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}
