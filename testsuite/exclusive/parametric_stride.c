// x[s*i]: for s = 0 every iteration writes x[0]. isl cannot represent the
// product of a parameter and an iterator: unknown, with the reason.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, int s, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 1.0;
}
