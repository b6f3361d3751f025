// Dense matrix-vector product on a linearised matrix with parametric row
// length: each row of A belongs to one iteration, every iteration reads all
// of x.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void matvec(int n, const double *A, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++)
      s += A[i * n + j] * x[j];
    y[i] = s;
  }
  // CHECK: A: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: x: active=yes forward_race=none exclusive_read=violated {{.*}}strategy=gather
}
