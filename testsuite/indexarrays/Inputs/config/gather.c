void gather(int n, const int *perm, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[perm[i]];
}
