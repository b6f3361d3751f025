// Upwind differencing: offsets {-1, 0} are not symmetric, so the stencil is
// not reflexive; the reads are affine, so a gather adjoint is still available.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void upwind(int n, double c, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    y[i] = x[i] - c * (x[i] - x[i - 1]);
  // CHECK: x: active=yes forward_race=none exclusive_read=violated symmetric_update=violated reflexive=violated strategy=gather
}
