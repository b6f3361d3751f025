// (unsigned long)-1 is 2^64 - 1, not -1. Folded to a signed 64-bit value it
// made 'i < (unsigned long)-1' false for every i, and this racy loop was
// proved race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(unsigned long n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (unsigned long i = 0; i < n; i++)
    if (i < (unsigned long)-1)
      x[0] = 1.0;
  // CHECK: reason: {{.*}}the condition i < (unsigned long)-1 is not analysable (64-bit unsigned arithmetic or conversion in (unsigned long)-1 may wrap around)
  // CHECK: x: active=yes forward_race=unknown
}

// Small unsigned constants stay exact.
void g(unsigned long n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (unsigned long i = 0; i < n; i++)
    if (i < 4ul)
      x[0] = 1.0;
  // CHECK: x: active=yes forward_race=race
}
