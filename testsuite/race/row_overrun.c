// a[i][j + 1] with j up to N - 1 writes a[i][N], which is a[i + 1][0] in
// memory: iteration i writes into the row that iteration i + 1 reads.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
#define N 16
void f(double a[N][N]) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      a[i][j + 1] = 0.5 * a[i][j];
  // CHECK: :[[@LINE-1]]:{{7|25}}: warning: {{.*}}'a'{{.*}} [adjoint-lint-forward-race]
  // JSON: forward_race witness: iterations=i=[[I:[0-9]+]] i={{[0-9]+}} element={{\[}}[[I]], 16]
}
