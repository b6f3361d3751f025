// With collapse(2) both loops are parallel: a[i][j - 1] belongs to another
// iteration (i, j - 1), so the recurrence along j races.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
#define N 64
void f(double a[N][N]) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for collapse(2)
  for (int i = 0; i < N; i++)
    for (int j = 1; j < N; j++)
      a[i][j] = a[i][j - 1] + 1.0;
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}} [adjoint-lint-forward-race]
  // JSON: forward_race witness: iterations=i=[[I:[0-9]+]];j={{[0-9]+}} i=[[I]];j={{[0-9]+}}
}
