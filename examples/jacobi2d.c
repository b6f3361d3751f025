/* 2-D Jacobi sweep, written twice: with a 2-D array (VLA parameter) and with
 * a linearised 1-D array whose row length is a parameter. */
void jacobi_2d(int n, double x[n][n], double y[n][n]) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i][j] = 0.25 * (x[i - 1][j] + x[i + 1][j] + x[i][j - 1] + x[i][j + 1]);
}

void jacobi_linear(int n, const double *x, double *y) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i * n + j] = 0.25 * (x[(i - 1) * n + j] + x[(i + 1) * n + j] +
                             x[i * n + j - 1] + x[i * n + j + 1]);
}
