// `simd` and `parallel for simd` loops are analysed like parallel loops.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, const double *y) {
// CHECK: loop [[@LINE+1]] simd: forward_race=none
#pragma omp simd
  for (int i = 0; i < n; i++)
    x[i] = 2.0 * y[i];
// CHECK: loop [[@LINE+1]] parallel for simd: forward_race=race
#pragma omp parallel for simd
  for (int i = 1; i < n; i++)
    x[i] = x[i - 1];
}
