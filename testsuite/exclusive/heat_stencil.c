// The 1-D heat stencil: race-free forward, but neighbouring iterations read
// the same x[i]: the naive adjoint pushes into xb[i] from three iterations.
// The stencil is reflexive (offsets {-1, 0, 1}), so a gather adjoint exists.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void heat(int n, double c, const double *x, double *y) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i] + c * (x[i - 1] - 2.0 * x[i] + x[i + 1]);
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}'x'{{.*}} [adjoint-lint-shared-adjoint]
  // CHECK: :[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}
  // JSON: y: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // JSON: x: active=yes forward_race=none exclusive_read=violated symmetric_update=violated reflexive=holds strategy=gather
  // JSON: exclusive_read witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{[0-9]+}}] accesses=[[@LINE-5]]:{{[0-9]+}},[[@LINE-5]]:{{[0-9]+}}
  // JSON: assumption: {{.*}}x{{.*}}y{{.*}}
}
