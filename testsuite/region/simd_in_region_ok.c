// Race-free twins of simd_in_region.c: a `simd` loop over the thread's own
// row, and `for simd` (the loop is shared out).
// RUN: %adjoint-lint --fail-on=none %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
#include <omp.h>

void rows(int n, const double *x, double *y) {
#pragma omp parallel
  {
    int t = omp_get_thread_num();
#pragma omp simd
    for (int i = 0; i < n; i++)
      y[t * n + i] = y[t * n + i] + x[i];
    // JSON: loop [[@LINE-2]] parallel (simd-in-region): forward_race=none
  }
}

void shared_out(int n, const double *x, double *y) {
#pragma omp parallel
  {
    // JSON: loop [[@LINE+1]] for simd: forward_race=none
#pragma omp for simd
    for (int i = 0; i < n; i++)
      y[i] = y[i] + x[i];
  }
}
// CHECK-NOT: [adjoint-lint-forward-race]
// JSON-NOT: replicated
