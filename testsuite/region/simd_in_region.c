// A `simd` loop inside a parallel region (not `for simd`): the loop is not
// shared out, every thread runs every iteration, and the updates race.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void axpy(int n, const double *x, double *y) {
#pragma omp parallel
  {
    // JSON: loop [[@LINE+1]] simd: forward_race=none
#pragma omp simd
    for (int i = 0; i < n; i++)
      y[i] = y[i] + x[i];
    // CHECK: :[[@LINE-1]]:7: warning: {{.*}}'y'{{.*}} [adjoint-lint-forward-race]
    // JSON: loop [[@LINE-3]] parallel (simd-in-region): forward_race=race
    // JSON: y: {{.*}}forward_race=race
  }
}
