// Pure math functions are understood: the loop is decided.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#include <math.h>
void f(int n, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = sin(x[i]) + exp(x[i]) * sqrt(fabs(x[i])) + fmax(x[i], 0.0) + pow(x[i], 2.0);
}
