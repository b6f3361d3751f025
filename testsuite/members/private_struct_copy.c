// firstprivate(s) gives each thread its own copy of the struct: its array
// member s.w is private (no race on s.w[k]), while the pointer member s.p
// of the copy still points to the shared array (s.p[i + 1] = s.p[i] races).
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %S/../frontend/Inputs/model_lines.py | FileCheck --check-prefix=MODEL %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
struct work {
  double w[4];
  double *p;
};
void f(struct work s, int n, double *x) {
// MODEL: loop private_struct_copy.c:[[@LINE+5]]:1 parallel for in f
// MODEL-DAG: var s.w: rank=1 extents=[4] type=double floating sharing=firstprivate
// MODEL-DAG: var x: rank=1 extents=[?] type=double floating sharing=shared pointer param
// CHECK: loop [[@LINE+2]] parallel for: forward_race=none
// CHECK: s.w: active=no forward_race=none
#pragma omp parallel for firstprivate(s)
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < 4; k++)
      s.w[k] = x[i] * k;
    x[i] = s.w[0] + s.w[3];
  }
// MODEL: loop private_struct_copy.c:[[@LINE+3]]:1 parallel for in f
// MODEL-DAG: var s.p: rank=1 extents=[?] type=double floating sharing=shared pointer
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for firstprivate(s)
  for (int i = 0; i < n - 1; i++)
    s.p[i + 1] = s.p[i];
}
