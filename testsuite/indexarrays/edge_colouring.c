// An edge loop coloured into even and odd edges. Edge e joins nodes src[e]
// and dst[e]; y accumulates per node.
// - On a chain (edge e joins e and e + 1) the colours are affine: even
//   edges touch {e, e + 1}, disjoint from the next even edge's: isl proves
//   the even loop race-free, while the loop over all edges races.
// - Through index arrays, nothing says two edges of one colour touch
//   different nodes: unknown. The colouring's promise is the fact
//   `injective(src, dst)` (the src and dst values this loop reads are
//   pairwise distinct): then the loop is race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void chain(int ne, const double *w, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int e = 0; e < ne; e++) {
    y[e] += w[e];
    y[e + 1] += w[e];
  }
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int e = 0; e < ne; e += 2) {
    y[e] += w[e];
    y[e + 1] += w[e];
  }
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int e = 1; e < ne; e += 2) {
    y[e] += w[e];
    y[e + 1] += w[e];
  }
}

void mesh(int ne, const int *src, const int *dst, const double *w, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int e = 0; e < ne; e += 2) {
    y[src[e]] += w[e];
    y[dst[e]] -= w[e];
  }
  // CHECK: y: active=yes forward_race=unknown
  // CHECK-NEXT: forward_race possible witness: {{.*}} values=
#pragma adjoint_lint assume(injective(src, dst))
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int e = 0; e < ne; e += 2) {
    y[src[e]] += w[e];
    y[dst[e]] -= w[e];
  }
  // CHECK: y: active=yes forward_race=none exclusive_read=holds
  // CHECK: w: active=yes forward_race=none exclusive_read=holds
  // CHECK: assumption: assumed injective(src, dst) (declared by the pragma at line [[@LINE-9]])
}
