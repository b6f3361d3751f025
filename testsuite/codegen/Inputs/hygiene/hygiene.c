// Source names that are also names the generator introduces (issue 19):
// temporaries, the gather sum, the tape, the footprint's and the driver's
// locals, the forward template's number type, adjoint names.
void locals(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++) {
    double al_sum = x[i] * x[i];
    double t0 = al_sum * x[i - 1];
    double t1 = t0 + x[i + 1];
    double tape = t1;
    tape = tape * t0;
    y[i] = tape + t1;
  }
}

void footprint(int n, int extent, int ok, int o, const double *x, double *y0, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    y[i] = x[i] + x[i + o] * x[i + ok] + x[i + extent];
    y0[i] = 2.0 * x[i];
  }
}

void adjoints(int n, const double *x, const double *xb, const double *x_b, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[i] + xb[i] + x_b[i];
}

void driver(int n, int size, int k, double R, const double *in, const double *reference, double *out) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    out[i] = R * in[i + size] * reference[i + k] + in[i];
}
