// Local references and pointers into shared arrays are aliases the model
// cannot follow: unsupported, naming the array. A reference bound to a
// temporary is a private value. Reference parameters join the overlap
// assumption.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp -std=c++17 | %python %inputs/model_lines.py | FileCheck %s
void f(int n, double *x, double &s) {
// CHECK: loop aliases.cpp:[[@LINE+7]]:1 parallel for in f
// CHECK-DAG: unsupported: r may alias x at [[@LINE+8]]
// CHECK-DAG: unsupported: c may alias x at [[@LINE+8]]
// CHECK-DAG: unsupported: p may alias x at [[@LINE+9]]
// CHECK-DAG: var tmp: rank=0 extents=[] type=double floating sharing=private
// CHECK-DAG: assumption: parameters x and s do not overlap
// CHECK-NOT: tmp may alias
#pragma omp parallel for
  for (int i = 1; i < n; i++) {
    double &r = x[i];
    const double &c = x[i - 1];
    const double &tmp = 2.0 * c;
    double *p = &x[i];
    r = c + tmp + p[0];
    s = r;
  }
}
