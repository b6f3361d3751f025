// A temporary declared outside the loop is shared: every iteration writes it.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
void f(int n, const double *x, double *y) {
  double t;
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    t = x[i] * x[i];
    // CHECK: :[[@LINE-1]]:5: warning: {{.*}}'t'{{.*}} [adjoint-lint-forward-race]
    y[i] = t + 1.0;
  }
}
