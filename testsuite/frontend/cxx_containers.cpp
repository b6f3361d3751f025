// C++: std::vector (rank 1, extent unknown), std::array (extent N), vectors
// of vectors (separate rows) subscripted through operator[], also through
// references and const references; methods are named with their class.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp -std=c++17 | %python %inputs/model_lines.py | FileCheck %s
#include <array>
#include <vector>
struct Smoother {
  void apply(const std::vector<double> &in, std::vector<double> &out, int n) {
// CHECK: loop cxx_containers.cpp:[[@LINE+7]]:1 parallel for in Smoother::apply
// CHECK-DAG: var in: rank=1 extents=[?] type=double floating sharing=shared param
// CHECK-DAG: var out: rank=1 extents=[?] type=double floating sharing=shared param
// CHECK-DAG: write out[i] [i] scope=-1
// CHECK-DAG: read in[i - 1] [i - 1] scope=-1
// CHECK-DAG: read in[i + 1] [i + 1] scope=-1
// CHECK-DAG: assumption: parameters in and out do not overlap
#pragma omp parallel for
    for (int i = 1; i < n - 1; i++)
      out[i] = 0.5 * (in[i - 1] + in[i + 1]);
  }
};
void f(std::array<float, 16> &a, std::vector<std::vector<double>> &m, int rows) {
// CHECK: loop cxx_containers.cpp:[[@LINE+6]]:1 parallel for in f
// CHECK-DAG: var a: rank=1 extents=[16] type=float floating sharing=shared param
// CHECK-DAG: var m: rank=2 extents=[?, ?] type=double floating sharing=shared separate-rows param
// CHECK-DAG: write m[r][c] [r, c] scope=0
// CHECK-DAG: read a[c] [c] scope=0
// CHECK-DAG: assumption: rows of m do not overlap
#pragma omp parallel for
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < 16; c++)
      m[r][c] = a[c];
}
