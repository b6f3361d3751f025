// x[s * i]: a product of a parameter and an iterator, outside isl's
// fragment; Z3 decides it with nonlinear integer arithmetic. For s = 0
// every iteration writes x[0]: a race, with s = 0 in the witness. With
// `assume(s > 0)` the writes are distinct and the assumption is listed.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void stride(int n, int s, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 1.0;
  // CHECK: x: active=yes forward_race=race {{.*}}strategy=serial
  // CHECK-NEXT: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[0] accesses=[[@LINE-2]]:5,[[@LINE-2]]:5
}

void positive_stride(int n, int s, double *x, const double *y) {
#pragma adjoint_lint assume(s > 0)
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 2.0 * y[s * i];
  // CHECK: x: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: y: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: assumption: assumed s > 0 (declared by the pragma at line [[@LINE-7]])
}

void negative_stride(int n, int s, double *x) {
// A fact about another name does not help.
#pragma adjoint_lint assume(n > 0)
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[s * i] = 1.0;
  // CHECK-NOT: assumption: assumed n > 0
}
