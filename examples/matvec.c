/* Matrix-vector product y = A x, parallel over rows (A row-major, m x n).
 * Each row of A is read by one iteration; all of x by every iteration. */
void matvec(int m, int n, const double *A, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < m; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++)
      s += A[i * n + j] * x[j];
    y[i] = s;
  }
}
