/* Labelled race-free (-no); the second loop is a plain loop, not OpenMP. */
void scale(int n, double a, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = a * x[i];
  for (int i = 0; i < n; i++)
    y[i] += 1.0;
}
