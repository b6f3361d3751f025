// Macro constants fold to numbers; function arguments are parameters.
// x[i + OFF] with OFF = 4 against reads x[i]: a race once n > 4.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define OFF 4
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i + OFF] = x[i];
  // CHECK: forward_race witness: iterations=i=[[A:[0-9]+]] i=[[B:[0-9]+]]
}
