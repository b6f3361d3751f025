// firstprivate(scale) gives each thread its own copy: writing it is no race.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
void f(int n, double scale, const double *x, double *y) {
#pragma omp parallel for firstprivate(scale)
  for (int i = 0; i < n; i++) {
    scale = scale * 1.0;
    y[i] = scale * x[i];
  }
  // CHECK-NOT: warning
}
