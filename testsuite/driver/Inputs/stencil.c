// A three-point stencil: no forward race, but neighbouring iterations read
// the same element of x, so the naive adjoint races. stencil.json is its
// loop model.
void smooth(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i] + x[i + 1];
}
