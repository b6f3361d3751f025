// An inner loop's iterator may share its name with a parameter or with the
// parallel iterator that a variable of the body still refers to. The model
// once bound names, not declarations: x[t] with t = k (the parameter) was
// read as x[inner k] = x[i] and proved race-free, and x[t] with t = i (the
// parallel iterator) as x[inner i] = x[0] and reported racy.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void param(int n, int k, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    int t = k;
    for (int k = i; k < i + 1; k++)
      x[t] = 1.0;
  }
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{-?[0-9]+}}]
}

void iterator(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    int t = i;
    for (int i = 0; i < 1; i++)
      x[t] = 1.0;
  }
  // CHECK: x: active=yes forward_race=none
}
