// Symmetric updates and reflexive stencils of each read array relative to
// the written array, with witnesses when violated, and whether a gather
// (transposed) adjoint is available (the reads are exact and affine, so
// which iterations read an element is computable).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp > %t.json
// RUN: %python %S/Inputs/pairing.py %t.json | FileCheck %s

// The symmetric 3-point stencil: output o depends on inputs o-1, o, o+1 and
// each of those on o back: reflexive. Not a symmetric update (iteration i
// reads x[i-1] but writes only y[i]).
// CHECK: three x symmetric_update=violated(with y)[iterations {'i': [[P:[0-9]+]]},{'i': [[Q:[0-9]+]]} element {{\[[0-9]+\]}}] reflexive=holds(with y) gather_available=holds
void three(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + 2.0 * x[i] + x[i + 1];
}

// Upwind: y[i] depends on x[i-1], but y[i-1] does not depend on x[i]:
// not reflexive; the witness names the output and the unmatched input.
// CHECK: upwind x symmetric_update=violated(with y){{.*}} reflexive=violated(with y)[iterations {{.*}} element [[E:\[[0-9]+\]]] second {{\[[0-9]+\]}}] gather_available=holds
void upwind(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    y[i] = x[i] - x[i - 1];
}

// Pointwise: a symmetric update (R_x = W_y), hence reflexive.
// CHECK: pointwise x symmetric_update=holds(with y) reflexive=holds(with y) gather_available=holds
void pointwise(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 3.0 * x[i];
}

// The 2-D 5-point stencil on a linearised x[i*n + j]: delinearised, the
// neighbourhood is symmetric, so the stencil is reflexive; the reads are
// affine in the delinearised indices, so a gather adjoint exists.
// CHECK: five x symmetric_update=violated(with y){{.*}} reflexive=holds(with y) gather_available=holds
void five(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i * n + j] = x[i * n + j] + x[(i - 1) * n + j] + x[(i + 1) * n + j] + x[i * n + j - 1] + x[i * n + j + 1];
}

// Output y[2i] depends on input x[2i+1], which only iteration i writes (as
// y[2i+1]) and which does not depend on x[2i]: one iteration is the
// counterexample of reflexivity.
// CHECK: pairs x symmetric_update=violated(with y){{.*}} reflexive=violated(with y)[iteration {'i': 0} element [1] second [0]] gather_available=holds
void pairs(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    y[2 * i] = x[2 * i + 1];
    y[2 * i + 1] = x[2 * i + 1];
  }
}

// A data-dependent read: the iterations reading an element are not known,
// no gather adjoint can be derived.
// CHECK: gathered x symmetric_update=unknown(with y) reflexive=unknown(with y) gather_available=unknown
void gathered(int n, const int *idx, double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[idx[i]];
}
