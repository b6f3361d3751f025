// The inner iterator declared in its for statement is private: no race.
// private(j) does the same for one declared outside.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
// RUN: %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void f(int n, int m, double a[n][m]) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      a[i][j] = 0.0;
  int j;
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for private(j)
  for (int i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      a[i][j] = 1.0;
  // CHECK-NOT: warning
}
