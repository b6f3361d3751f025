// Unsigned arithmetic and comparisons wrap modulo 2^32: a negative i is a
// huge unsigned value. They were once evaluated as mathematical integers,
// and these loops were proved race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void guard(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = -4; i < n; i++)
    if (i > 0u && i < 1) // true for i = -4..-1
      x[0] = 1.0;
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: witness: iterations=i=-{{[1-4]}} i=-{{[1-4]}} element=[0]
}

void remainder(double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = -3; i < 0; i++)
    x[(i * 1u) % 3] = x[i + 3]; // i = -3 writes x[1], i = -2 reads it
  // CHECK: x: active=yes forward_race=race
}

// An unsigned iterator compared with a negative int: the bound converts to
// a huge unsigned value and the loop runs.
void iterator(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (unsigned i = 0; i < n; i++)
    if (n < 0)
      x[0] = 1.0;
  // CHECK: x: active=yes forward_race=race
}

// 64-bit wrap-around is not modelled: a comparison of such a value is
// unknown, an element address is exact.
void size_type(unsigned long n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (unsigned long i = 0; i < n; i++)
    if (i - 1 < 4)
      x[0] = 1.0;
  // CHECK: x: active=yes forward_race=unknown
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (unsigned long i = 0; i < n; i++)
    x[i - 1] = 2.0 * x[i - 1];
  // CHECK: x: active=yes forward_race=none
}
// adjoint-lint-oracle: no-tsan two of its races need about 2^32 iterations (an unsigned iterator below a negative bound)
