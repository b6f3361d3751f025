// In C an inner loop iterator declared outside the parallel loop is shared
// (only the parallel loop's own iterator is made private): a race on j.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, int m, double a[n][m]) {
  int i, j;
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
    // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}'j'{{.*}} [adjoint-lint-forward-race]
      a[i][j] = 0.0;
  // JSON: a: active=yes forward_race=unknown exclusive_read=unknown
  // JSON-NEXT: forward_race reason: the inner loop iterator j is shared and races
  // JSON: scalar j: forward_race=race
}
