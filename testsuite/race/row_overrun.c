// a[i][j + 1] with j up to N - 1 writes a[i][N], which is a[i + 1][0] in
// memory: iteration i writes into the row of iteration i + 1.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
#define N 16
void f(double a[N][N], const double b[N][N]) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      a[i][j + 1] = b[i][j];
  // CHECK: :[[@LINE-1]]:7: warning: {{.*}}'a'{{.*}} [adjoint-lint-forward-race]
}
