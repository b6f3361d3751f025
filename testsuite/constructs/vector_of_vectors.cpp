// std::vector<std::vector<double>>: rows are separate objects.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp -std=c++17 | %verdicts | FileCheck %s
#include <vector>
void f(int n, int m, std::vector<std::vector<double>> &a) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      a[i][j] = 2.0 * a[i][j];
  // CHECK: assumption: {{.*}}a
}
