/* Benchmark kernel: one explicit step of the 1-D heat equation (3-point
 * stencil), size n at run time. */
void heat1d(int n, double c, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i] + c * (x[i - 1] - 2.0 * x[i] + x[i + 1]);
}
