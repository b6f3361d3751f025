/* Gather loops through general straight-line locals: each gather statement
 * recomputes its iteration's locals and runs its reverse sweep for one read. */
#include <math.h>

void flux(int n, double c, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++) {
    double dl = x[i] - x[i - 1], dr = x[i + 1] - x[i];
    double flux = dl * dr;
    y[i] = x[i] + c * flux;
  }
}

void burgers(int n, double nu, const double *u, double *un) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++) {
    double fl = 0.5 * u[i - 1] * u[i - 1];
    double fc = 0.5 * u[i] * u[i];
    double fr = 0.5 * u[i + 1] * u[i + 1];
    double fp = 0.5 * (fc + fr) - 0.5 * (u[i + 1] - u[i]);
    double fm = 0.5 * (fl + fc) - 0.5 * (u[i] - u[i - 1]);
    un[i] = u[i] - nu * (fp - fm);
  }
}

void stencil2d(int n, int m, const double *x, double *y) {
#pragma omp parallel for collapse(2)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < m - 1; j++) {
      double c = x[i * m + j];
      double lap = x[(i - 1) * m + j] + x[(i + 1) * m + j] + x[i * m + j - 1] + x[i * m + j + 1] - 4.0 * c;
      y[i * m + j] = c * lap;
    }
}

void twice(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++) {
    double t = x[i - 1] * x[i];
    t = t * x[i + 1] + sin(t);
    t *= x[i];
    y[i] = t * t;
  }
}

void guarded(int n, const double *x, double *y, double *z) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double g = x[i];
    if (i > 0)
      g = g * x[i - 1];
    if (i < n - 1)
      g += x[i + 1] * x[i + 1];
    y[i] = sin(g);
    z[i] += g * x[i];
  }
}

/* Still a reduction: a local overwritten inside an inner loop reads x there. */
void window(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double s = 0.0, p = 1.0;
    for (int k = 0; k < 3; k++) {
      p = p * x[i + k];
      s += p;
    }
    y[i] = s;
  }
}
