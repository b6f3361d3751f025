// x[i*n + j + 1] with j up to n - 1 reaches into the next row; the row
// length is a parameter, so isl cannot delinearise the element. Z3 compares
// the offsets themselves (nonlinear in n): i*n + j = i'*n + j' with
// 0 <= j, j' < n forces i = i', so the loop is race-free (never a claim
// without that proof: see the next loop).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      x[i * n + j + 1] = 1.0;
  // CHECK: x: active=yes forward_race=none
}

void g(int n, double *x) {
// j up to n: iteration i's last element is iteration i + 1's first.
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= n; j++)
      x[i * n + j] = 1.0;
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-9]+}}]
}
