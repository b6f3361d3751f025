// Without collapse the inner loop runs inside one iteration: the recurrence
// along j is sequential and rows are private to their iteration. No race.
// RUN: %adjoint-lint %s -- -fopenmp | FileCheck %s --allow-empty
#define N 64
void f(double a[N][N]) {
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    for (int j = 1; j < N; j++)
      a[i][j] = a[i][j - 1] + 1.0;
  // CHECK-NOT: adjoint-lint-forward-race
}
