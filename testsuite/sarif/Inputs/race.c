/* A recurrence (a forward race) and a stencil (shared adjoint reads). */
void prefix(int n, double *x) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    x[i] = x[i] + x[i - 1];
}

void smooth(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i + 1];
}
