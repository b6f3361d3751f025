/* Gather loops built by isl: a non-reflexive (upwind) stencil, strided
 * reads, a broadcast read, a parametric 2-D domain and two statements. */
void upwind(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    y[i] = x[i] - 0.5 * x[i - 1] * x[i - 1];
}

void strided(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[2 * i] * x[2 * i + 2] + x[0];
}

void rect(int n, int m, const double *x, double *y, double *z) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n; i++)
    for (int j = 0; j < m - 1; j++) {
      y[i * m + j] = x[i * m + j] + x[(i - 1) * m + j + 1];
      z[i * m + j] = x[i * m + j + 1] * x[i * m + j + 1];
    }
}
