#pragma once
static inline void shift(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i];
}
template <typename T> void scale(int n, T a, T *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = a * y[i];
}
