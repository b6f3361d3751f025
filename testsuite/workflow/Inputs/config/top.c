void shift(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i];
}

void heat(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i] + x[i + 1];
}
