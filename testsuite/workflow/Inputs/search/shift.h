#pragma once
/* Not listed in the database: given as FILE, it gets shift.c's command. */
static inline void shift_back(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i] = x[i + SHIFT];
}
