// Subscripts and bounds the front end cannot express exactly are Opaque with
// a reason; a private integer defined once in the loop is substituted.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, int s, const int *idx, const int *rowptr, double *x, double *y) {
// CHECK: loop opaque_reasons.c:[[@LINE+13]]:1 parallel for in f
// CHECK: parameters: n, s
// Reads of integer arrays the loop does not write are index-array reads
// (decided by Z3, docs/assumptions.md), not opaque.
// CHECK: scope 0: loop k = rowptr[i]; k < rowptr[i + 1]; k += 1 (parent -1)
// CHECK: read x[idx[i]] [idx[i]]
// CHECK: write y[j] [2 * i + 1]
// CHECK: write y[s * i] [s * i]
// CHECK: write y[c] [<opaque: c is modified inside the loop>]
// CHECK: write y[(int)x[i]] [<opaque: floating-point value (int)x[i]>]
// CHECK: write y[t] [idx[i + 1]]
// CHECK: write y[i << 2] [i * 4]
// CHECK: write y[i >> 1] [<opaque: unsupported integer operator in i >> 1>]
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      y[k] = x[idx[i]];
    int j = 2 * i + 1;
    y[j] = 0.0;
    y[s * i] = 1.0;
    int c = i;
    c = c + 1;
    y[c] = 2.0;
    y[(int)x[i]] = 3.0;
    int t = idx[i + 1];
    y[t] = 4.0;
    y[i << 2] = 5.0;
    y[i >> 1] = 6.0;
  }
}
