/* Loops for testsuite/codegen/source-check.test: one the source check runs
 * on, and functions it cannot call (it says why and does not run). */

/* m is an integer parameter in the maths: (m - 5) is -2 at the small size. */
void scaled(int n, int m, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = (m - 5) * x[i] + x[i] * x[i];
}

/* A parameter the loop does not use: the driver cannot know its value. */
void extra(int n, int flag, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = 2.0 * x[i];
}

/* The loop's bound is a local computed before it. */
void local(int n, const double *x, double *y) {
  int m = n - 1;
#pragma omp parallel for
  for (int i = 0; i < m; i++)
    y[i] = 2.0 * x[i];
}

/* The function writes y[0] after the loop: it does more than the loop. */
void more(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    y[i] = x[i] * x[i - 1];
  y[0] = 0.0;
}
