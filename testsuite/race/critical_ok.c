// A named critical section serialises the update of the shared sum.
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
double f(int n, const double *x) {
  double sum = 0.0;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp critical(acc)
    sum += x[i];
  }
  return sum;
}
