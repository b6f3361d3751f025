// Race-free twins of plain_for_race.c: replicated loops that write only the
// thread's own element, or only locals of each thread, have no forward race
// (every thread reads all of x, so the naive adjoint's increments of x's
// adjoint would race: the shared-adjoint warning says so).
// RUN: %adjoint-lint --fail-on=none %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
#include <omp.h>

void per_thread(int n, const double *x, double *partial) {
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    double s = 0.0;
    for (int i = 0; i < n; i++)
      s += x[i];
    // JSON: loop [[@LINE-2]] parallel (replicated): forward_race=none
    partial[t] = s;
  }
}

void own_slot(int n, double *y) {
#pragma omp parallel
  for (int k = 0; k < n; k++)
    y[omp_get_thread_num()] += 1.0;
  // JSON: loop [[@LINE-2]] parallel (replicated): forward_race=none
}
// CHECK-NOT: [adjoint-lint-forward-race]
