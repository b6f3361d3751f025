// default(none) with every variable listed: clean.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
void f(int n, const double *x, double *y) {
#pragma omp parallel for default(none) shared(x, y, n)
  for (int i = 0; i < n; i++)
    y[i] = x[i];
  // CHECK-NOT: warning
}
