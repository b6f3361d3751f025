// C++: std::vector and std::array subscripts are array accesses.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp -std=c++17 | %verdicts | FileCheck %s
#include <array>
#include <vector>
void smooth(const std::vector<double> &x, std::vector<double> &y) {
  const int n = static_cast<int>(x.size());
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = (x[i - 1] + x[i] + x[i + 1]) / 3.0;
  // CHECK: x: active=yes forward_race=none exclusive_read=violated
}
void shift(std::array<double, 16> &a) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < 15; i++)
    a[i] = a[i + 1];
}
