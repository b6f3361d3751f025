// Each instantiation of a template is analysed once per distinct model;
// the uninstantiated pattern is not analysed.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp -std=c++17 | %python %inputs/model_lines.py | FileCheck %s
template <typename T, int K> void scale(int n, T *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = x[i] * K;
}
void use(float *f, double *d) {
  scale<float, 2>(4, f);
  scale<double, 2>(4, d);
  scale<double, 2>(8, d); // the same instantiation: no second model
}
// CHECK: loop templates.cpp:5:1 parallel for in scale
// CHECK: var x: rank=1 extents=[?] type=float floating
// CHECK: loop templates.cpp:5:1 parallel for in scale
// CHECK: var x: rank=1 extents=[?] type=double floating
// CHECK-NOT: loop
