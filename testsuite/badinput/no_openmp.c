// A file without any OpenMP loop: nothing to analyse is an error (exit 2).
// RUN: %expect-exit 2 %adjoint-lint %s -- -fopenmp > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: no_openmp.c:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}no OpenMP
void f(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}
