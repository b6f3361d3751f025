// A clean loop next to inputs that cannot be analysed.
void copy(double *y, const double *x, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i)
    y[i] = x[i];
}
