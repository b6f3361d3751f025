/* One loop per group of AD rules; `adjoint-lint generate --verify` checks
 * each against ADOL-C, the dot-product test and the parallel variants. */
#include <math.h>

/* Elementary functions, quotient, unary minus, pow with both arguments. */
void elementary(int n, const double *x, const double *z, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = sin(x[i]) * cos(z[i]) + tan(0.3 * x[i]) - exp(-x[i]) / log(1.0 + z[i]) +
           sqrt(x[i]) * tanh(z[i]) + pow(x[i], z[i]) + pow(z[i], 3.0);
}

/* Non-smooth functions and a ternary on data (the subgradient rules). */
void nonsmooth(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = fabs(x[i] - 1.0) + fmin(x[i], x[i + 1]) + (x[i] > 1.0 ? x[i] * x[i] : 2.0 * x[i + 1]) +
           fmax(x[i + 1], 0.9);
}

/* Float data and the float variants of the math functions. */
void single(int n, const float *x, float *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = sinf(x[i]) + cosf(x[i]) * expf(x[i]) + sqrtf(x[i]) + logf(x[i]) + tanhf(x[i]) +
           fabsf(x[i]) + fmaxf(x[i], 1.0f) + powf(x[i], 2.0f) + tanf(0.5f * x[i]) + fminf(x[i], 1.0f);
}

/* Local scalars overwritten in an inner loop and read non-linearly (the
 * tape), *=, -=, /= on locals and on array elements, an affine if. */
void locals(int n, int m, const double *x, const double *w, double *y, double *z) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double p = 1.0;
    double s = 0.0;
    for (int k = 0; k < m; k++) {
      p *= x[i + k];
      s += p * w[k];
      s -= 0.5 * sin(s);
      p /= 1.0 + w[k] * w[k];
    }
    if (i > 1)
      s += x[i - 2];
    else
      s -= x[i];
    y[i] = s * s;
    z[i] *= p;
    z[i] /= 1.0 + x[i];
  }
}
