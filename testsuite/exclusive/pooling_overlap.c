// Max pooling, window 3 stride 2: windows overlap in one element.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#include <math.h>
void f(int n, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = fmax(x[2 * i], fmax(x[2 * i + 1], x[2 * i + 2]));
  // CHECK: x: active=yes forward_race=none exclusive_read=violated {{.*}}strategy=gather
  // CHECK: exclusive_read witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-9]*[02468]}}]
}
