/* SHIFT comes from the build's compile command (-DSHIFT=1). */
void run(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + SHIFT] = x[i];
}
