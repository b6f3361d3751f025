/* Benchmark kernel: a 2-D Jacobi sweep (5-point stencil) on an n x n grid. */
void jacobi2d(int n, double x[n][n], double y[n][n]) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      y[i][j] = 0.25 * (x[i - 1][j] + x[i + 1][j] + x[i][j - 1] + x[i][j + 1]);
}
