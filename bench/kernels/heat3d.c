/* Benchmark kernel: one explicit step of the 3-D heat equation (7-point
 * stencil) on an n x n x n grid. */
void heat3d(int n, double c, double x[n][n][n], double y[n][n][n]) {
#pragma omp parallel for collapse(3)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      for (int k = 1; k < n - 1; k++)
        y[i][j][k] = x[i][j][k] + c * (x[i - 1][j][k] + x[i + 1][j][k] + x[i][j - 1][k] +
                                       x[i][j + 1][k] + x[i][j][k - 1] + x[i][j][k + 1] -
                                       6.0 * x[i][j][k]);
}
