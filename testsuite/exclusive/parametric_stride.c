// x[s*i]: for s = 0 every iteration writes x[0]. isl cannot represent the
// product of a parameter and an iterator; Z3 can (nonlinear integer
// arithmetic) and finds s = 0 (testsuite/indexarrays/parametric_stride.c
// has the case with `assume(s > 0)`).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, int s, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 1.0;
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: forward_race witness: {{.*}} element=[0]
}
