/* Gather statements per group of reads: the reads of an array with the same
 * element map over the same instances (one innermost loop) share one gather
 * statement. */
void burgers(int n, double c, double nu, const double *u, double *u_new) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    u_new[i] = u[i] - c * u[i] * (u[i] - u[i - 1]) + nu * (u[i + 1] - 2.0 * u[i] + u[i - 1]);
}

/* x[i + j] is read in two sibling inner loops with the same bounds: the
 * same element map over equal instance sets, but not the same instances
 * (two innermost loops), so two statements; x[i + j + 1] twice in one
 * statement of the second loop is one group. */
void siblings(int n, const double *x, double *y, double *z) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < 4; j++)
      y[4 * i + j] = 3.0 * x[i + j];
    for (int j = 0; j < 4; j++)
      z[4 * i + j] = x[i + j] * x[i + j + 1] * x[i + j + 1];
  }
}

/* Through locals: x[i] is read by three statements of the same instances,
 * one group; its gather statement reruns the iteration once, focused on the
 * three reads. */
void flux(int n, double c, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++) {
    double dl = x[i] - x[i - 1];
    double dr = x[i + 1] - x[i];
    y[i] = x[i] + c * dl * dr;
  }
}
