/* Gather loops over non-rectangular and parametric domains: a triangular
 * stencil (inner loop j < i, and the same domain collapsed), a
 * lower-triangular matrix-vector product (x read for j < i), strided reads
 * with parametric offsets and bounds in 1-D and 2-D. */
void tri_stencil(int n, double x[n][n], double y[n][n]) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < i; j++)
      y[i][j] = x[i][j - 1] * x[i][j + 1] + x[i - 1][j];
}

void tri_collapsed(int n, double x[n][n], double y[n][n]) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < i; j++)
      y[i][j] = x[i][j - 1] - x[i][j + 1] + 0.5 * x[i + 1][j];
}

void trmv(int n, double A[n][n], const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < i; j++)
      s += A[i][j] * x[j];
    y[i] = s;
  }
}

void strided_offset(int m, int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = m; i < n + m; i++)
    y[i] = x[2 * i] * x[2 * i + 2] + x[i + m];
}

void strided_2d(int m, int n, double x[2 * n + 3][m + 2], double y[n][m]) {
#pragma omp parallel for collapse(2)
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      y[i][j] = x[2 * i][j] * x[2 * i + 2][j + 1] + x[i + 1][j];
}

/* No element is read by all three reads (even rows twice, odd rows once):
 * no core to isolate, isl's default options. */
void interleaved(int m, int n, double x[2 * n + 2][m], double y[n][m]) {
#pragma omp parallel for collapse(2)
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      y[i][j] = x[2 * i][j] * x[2 * i + 2][j] + x[2 * i + 1][j];
}
