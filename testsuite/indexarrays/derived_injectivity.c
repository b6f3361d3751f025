// A scatter y[idx[i]] = 2 * x[idx[i]]. Its forward race verdict cannot be
// proven: it holds only if idx takes different values in different
// iterations, and the race verdict never assumes what race freedom implies
// (no circularity): unknown, with a possible witness.
// The adjoint verdicts may assume the forward loop race-free (OpenMP
// requires it; a racing loop has no meaningful adjoint): then idx is
// injective on the loop's iterations, so x[idx[i]] is read by one iteration
// each. The derived fact is listed among the assumptions.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void scatter(int n, const int *idx, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[idx[i]] = 2.0 * x[idx[i]];
  // CHECK: y: active=yes forward_race=unknown
  // CHECK-NEXT: forward_race possible witness: {{.*}} values=idx[{{[0-9]+}}]=[[V:-?[0-9]+]],idx[{{[0-9]+}}]=[[V]]
  // CHECK: x: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: assumption: derived: idx takes values that make the forward write y[idx[i]] (line [[@LINE-4]]) touch different elements in different iterations; the forward loop is race-free only then, as OpenMP requires. Used for adjoint verdicts only, never for the race verdict
}

void scatter_atomic(int n, const int *idx, const double *x, double *y) {
// An atomic write races with nothing, so it implies nothing about idx.
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
#pragma omp atomic
    y[idx[i]] += 2.0 * x[idx[i]];
  }
  // CHECK: x: active=yes forward_race=none exclusive_read=unknown
  // CHECK-NOT: derived
}

void scatter_declared(int n, const int *idx, const double *x, double *y) {
#pragma adjoint_lint assume(injective(idx))
// With the fact declared, the race verdict is proven too.
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[idx[i]] = 2.0 * x[idx[i]];
  // CHECK: y: active=yes forward_race=none
  // CHECK: x: active=yes forward_race=none exclusive_read=holds
  // CHECK: assumption: assumed injective(idx)
}
