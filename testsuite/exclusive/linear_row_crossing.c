// x[i*n + j + 1] with j up to n - 1 reaches into the next row; the row
// length is a parameter, so the element cannot be delinearised: unknown,
// with the reason (never a claim of safety).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      x[i * n + j + 1] = 1.0;
}
