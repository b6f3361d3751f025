// A template instantiated for float and double: each instantiation is a loop.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp -std=c++17 | %verdicts | FileCheck %s
template <typename T> void axpy(int n, T a, const T *x, T *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] += a * x[i];
}
template void axpy<float>(int, float, const float *, float *);
template void axpy<double>(int, double, const double *, double *);
