static inline void sys_shift(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i];
}
