// C's integer types in the generated code (issue 19, docs/codegen.md "Types").
void narrow(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) { char c = 300; y[i] = c * x[i]; }
}

void unsigned_param(int n, unsigned m, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = (m - 2) * 1e-9 * x[i] + (1u - 2u) * 1e-9 * x[i];
}

void kinds(int n, short s, unsigned char uc, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    _Bool b = 7;
    unsigned short us = 70000;
    unsigned char w = uc + 250;
    long long q = 3000000000LL * 2;
    y[i] = (b + us + w + (s - 3u) + q * 1e-9 + (unsigned char)(s + 300)) * x[i];
  }
}

void truncated(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) { int t = x[i] * 3.0; y[i] = t * x[i] + (int)(x[i] * 5.0) * x[i]; }
}

void single(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) { float t = x[i] * 3.0; y[i] = t * x[i] + (float)x[i]; }
}
