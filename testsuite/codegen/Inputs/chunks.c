/* A static schedule with a chunk: the overlapping reads of x cross threads
 * only at chunk boundaries, so the adjoint needs atomics only there. */
void heat_chunked(int n, const double *x, double *y) {
#pragma omp parallel for schedule(static, 8)
  for (int i = 1; i < n - 1; i++)
    y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
}
