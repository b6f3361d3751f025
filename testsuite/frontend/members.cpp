// Member accesses as variables, named by their spelling: `p->a`, `s.in.w`
// ((*p).u is p->u), members of `this` without `this->` unless a variable of
// the function has the member's name. Types give rank and extents: fixed
// arrays their constant extents, pointers rank 1 of unknown extent,
// std::vector and std::array as containers, vectors of vectors separate
// rows. Storage inside a private copy is private; pointers in it are not.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp -std=c++17 | %python %inputs/model_lines.py | FileCheck %s
#include <array>
#include <vector>
struct Inner {
  double w[4][3];
};
struct Box {
  int n;
  double *p;
  Inner in;
  std::array<float, 6> arr;
  struct {
    double z[2];
  };
};
struct Field {
  int n;
  double *u;
  std::vector<double> v;
  std::vector<std::vector<double>> rows;
  void step(int m);
};
void Field::step(int m) {
// CHECK: loop members.cpp:[[@LINE+8]]:1 parallel for in Field::step
// CHECK-NEXT: iterator i = 0; i < n; i += 1
// CHECK-NEXT: parameters: n, m
// CHECK-DAG: var v: rank=1 extents=[?] type=double floating sharing=shared
// CHECK-DAG: var u: rank=1 extents=[?] type=double floating sharing=shared pointer
// CHECK-DAG: var rows: rank=2 extents=[?, ?] type=double floating sharing=shared separate-rows
// CHECK-DAG: assumption: pointers and members u, v and rows do not overlap
// CHECK-DAG: assumption: rows of rows do not overlap
#pragma omp parallel for
  for (int i = 0; i < this->n; i++)
    v[i] = u[i] + rows[i][m] + this->v[i];
}
struct Clash {
  int n;
  double *x;
  void run(int n) {
// CHECK: loop members.cpp:[[@LINE+4]]:1 parallel for in Clash::run
// CHECK-NEXT: iterator i = 0; i < n; i += 1
// CHECK-NEXT: parameters: n, this->n
// CHECK-DAG: var x: rank=1 extents=[?] type=double floating sharing=shared pointer
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + this->n] = 0;
  }
};
void f(Box *p, Box s, int k) {
// CHECK: loop members.cpp:[[@LINE+9]]:1 parallel for in f
// CHECK-DAG: var p->in.w: rank=2 extents=[4, 3] type=double floating sharing=shared
// CHECK-DAG: var p->arr: rank=1 extents=[6] type=float floating sharing=shared
// CHECK-DAG: var p->z: rank=1 extents=[2] type=double floating sharing=shared
// CHECK-DAG: var s.in.w: rank=2 extents=[4, 3] type=double floating sharing=firstprivate
// CHECK-DAG: var s.p: rank=1 extents=[?] type=double floating sharing=shared pointer
// CHECK-DAG: write p->in.w[i][k] [i, k] scope=-1
// CHECK-DAG: read (*p).arr[i] [i] scope=-1
// CHECK-DAG: assumption: pointers and members p->in.w, p->arr, p->z and s.p do not overlap
#pragma omp parallel for firstprivate(s)
  for (int i = 0; i < 4; i++) {
    p->in.w[i][k] = (*p).arr[i] + p->z[i % 2] + s.in.w[i][0] + s.p[i];
  }
}
// adjoint-lint-oracle: values k=0,1,2 p->in.w and s.in.w have 3 columns: p->in.w[i][k] with k >= 3 leaves the row (undefined in C)
