/* The generated adjoints of types.c against central finite differences of
 * the functions as the user wrote them (compiled from types.c itself): each
 * y[i] depends on x[i] only, so one seed yb = 1 gives every derivative.
 * Prints the derivatives the issue names and "ok" when all agree. */
#include <math.h>
#include <stdio.h>
#include "narrow_L3.h"
#include "unsigned_param_L8.h"
#include "kinds_L14.h"
#include "truncated_L25.h"
#include "single_L30.h"

void narrow(int n, const double *x, double *y);
void unsigned_param(int n, unsigned m, const double *x, double *y);
void kinds(int n, short s, unsigned char uc, const double *x, double *y);
void truncated(int n, const double *x, double *y);
void single(int n, const double *x, double *y);

enum { N = 5 };
static double x[N], xp[N], xm[N], y[N], yp[N], ym[N], yb[N], xb[N];
static int failures = 0;
static double h = 1e-6;

static void start(void) {
  for (int k = 0; k < N; k++) {
    x[k] = 0.61 + 0.1 * k;
    xp[k] = x[k] + h;
    xm[k] = x[k] - h;
    yb[k] = 1;
    xb[k] = 0;
  }
}

static void compare(const char *name, double tolerance) {
  for (int k = 0; k < N; k++) {
    double fd = (yp[k] - ym[k]) / (2 * h);
    if (fabs(xb[k] - fd) > tolerance * fmax(1, fabs(fd))) {
      printf("%s: x[%d]: adjoint %.9g, finite differences of the source %.9g\n", name, k, xb[k], fd);
      failures++;
    }
  }
  printf("%s: dy/dx[0] = %.9g\n", name, xb[0]);
}

int main(void) {
  start();
  narrow(N, xp, yp);
  narrow(N, xm, ym);
  narrow_L3_adjoint(N, y, yb, x, xb);
  compare("narrow", 1e-6);

  start();
  unsigned_param(N, 1u, xp, yp);
  unsigned_param(N, 1u, xm, ym);
  unsigned_param_L8_adjoint(N, 1, y, yb, x, xb);
  compare("unsigned_param m=1", 1e-6);

  start();
  kinds(N, -2, 9, xp, yp);
  kinds(N, -2, 9, xm, ym);
  kinds_L14_adjoint(N, 9, -2, y, yb, x, xb);
  compare("kinds s=-2 uc=9", 1e-6);

  start();
  truncated(N, xp, yp);
  truncated(N, xm, ym);
  truncated_L25_adjoint(N, x, xb, y, yb);
  compare("truncated", 1e-6);

  h = 1e-3; /* float locals: y = 3x^2 + x is quadratic, a wide step sees little float rounding */
  start();
  single(N, xp, yp);
  single(N, xm, ym);
  single_L30_adjoint(N, x, xb, y, yb);
  compare("single", 1e-3);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
