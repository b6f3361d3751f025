// Constructs inside a supported loop that the model cannot express are
// listed as unsupported with their reason (the deciders answer 'unknown').
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
#include <math.h>
double g(double);
void f(int n, double *x, double *y) {
// CHECK: loop unsupported.c:[[@LINE+3]]:1 parallel for in f
// CHECK-NOT: unsupported:
// CHECK: assumption: pointer parameters x and y do not overlap
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = sin(x[i]) + fabs(x[i]) + pow(x[i], 2.0) + fmaxf(1.0f, 2.0f) + tanh(x[i]);
// CHECK: loop unsupported.c:[[@LINE+3]]:1 parallel for in f
// CHECK: statement: y[i] = g(x[i]) (scope -1)
// CHECK: unsupported: call to 'g' may access shared memory at [[@LINE+3]]
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = g(x[i]);
// CHECK: loop unsupported.c:[[@LINE+2]]:1 parallel for in f
// CHECK: unsupported: pointer dereference *(x + i) is not modelled at [[@LINE+3]]
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    *(x + i) = 1.0;
  double *p = x + 1;
// CHECK: loop unsupported.c:[[@LINE+2]]:1 parallel for in f
// CHECK: unsupported: p may alias x at [[@LINE-2]]
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    p[i] = x[i];
// CHECK: loop unsupported.c:[[@LINE+2]]:1 parallel for in f
// CHECK: unsupported: address of shared data taken (&y[i]) at [[@LINE+3]]
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = g(*&y[i]);
}
