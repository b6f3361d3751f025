// MIN/MAX macros (a < b ? a : b) and std::min/std::max over integers are
// Min/Max index expressions: tiled loops and clamped stencils stay affine.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp -std=c++17 | %python %inputs/model_lines.py | FileCheck %s
#include <algorithm>
#define MIN(a, b) ((a) < (b) ? (a) : (b))
void f(int n, double *x, const double *y) {
// CHECK: loop min_max.cpp:[[@LINE+5]]:1 parallel for in f
// CHECK-NEXT: iterator ii = 0; ii < n; ii += 16
// CHECK: scope 0: loop i = ii; i < min(ii + 16, n); i += 1 (parent -1)
// CHECK: read y[std::max(i - 1, 0)] [max(i - 1, 0)] scope=0
// CHECK: read y[n - 1 > i + 1 ? i + 1 : n - 1] [min(i + 1, n - 1)] scope=0
#pragma omp parallel for
  for (int ii = 0; ii < n; ii += 16)
    for (int i = ii; i < MIN(ii + 16, n); i++)
      x[i] = y[std::max(i - 1, 0)] + y[n - 1 > i + 1 ? i + 1 : n - 1];
}
