// CSR sparse matrix-vector product: y[i] = sum_k val[k] * x[col[k]] over the
// row's entries k in [rowptr[i], rowptr[i + 1]). The index arrays are
// uninterpreted functions for Z3.
// - forward: race-free (each row writes its own y[i]), whatever the arrays;
// - val: each entry belongs to one row only if the rows' ranges do not
//   overlap, which nondecreasing(rowptr) promises (row p < q: k < rowptr[p+1]
//   <= rowptr[q] <= k'); unknown without it;
// - x: two rows may well read one x[col[k]] (a column shared by two rows):
//   unknown even with the assumption, with a possible witness whose col
//   values collide; its adjoint needs atomics.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void spmv(int n, const int *rowptr, const int *col, const double *val, const double *x, double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      s += val[k] * x[col[k]];
    y[i] = s;
  }
  // CHECK: val: active=yes forward_race=none exclusive_read=unknown {{.*}}strategy=atomic
  // CHECK: exclusive_read possible witness: {{.*}} values={{.*}}rowptr
  // CHECK: x: active=yes forward_race=none exclusive_read=unknown {{.*}}strategy=atomic
  // CHECK-NOT: assumption: assumed
}

void spmv_sorted(int n, const int *rowptr, const int *col, const double *val, const double *x, double *y) {
#pragma adjoint_lint assume(nondecreasing(rowptr))
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      s += val[k] * x[col[k]];
    y[i] = s;
  }
  // CHECK: val: active=yes forward_race=none exclusive_read=holds {{.*}}strategy=plain
  // CHECK: x: active=yes forward_race=none exclusive_read=unknown {{.*}}strategy=atomic
  // CHECK-NEXT: exclusive_read possible witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{-?[0-9]+}}] accesses=[[@LINE-5]]:21,[[@LINE-5]]:21 values=col{{\[}}{{[0-9]+}}]=[[V:-?[0-9]+]],col[{{[0-9]+}}]=[[V]]
  // CHECK-NEXT: exclusive_read reason: x is read by two iterations if the index arrays hold such values as col[{{.*}}; no fact excludes it
  // CHECK: assumption: assumed nondecreasing(rowptr) (declared by the pragma at line [[@LINE-13]])
}
