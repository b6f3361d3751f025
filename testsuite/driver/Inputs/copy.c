// Nothing to report: each iteration reads x[i] and writes y[i] only.
// copy.json is its loop model.
void copy(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 2 * x[i];
}
