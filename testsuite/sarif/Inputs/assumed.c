/* Two loops whose "no race" rests on the assumption that pointer
 * parameters do not overlap, one with a finding and one without; a loop on
 * a local array that needs no assumption; an int-only loop. */
void scale(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 2.0 * x[i];
}

void stencil(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i + 1];
}

double local(void) {
  double a[100];
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    a[i] = i;
  return a[7];
}
