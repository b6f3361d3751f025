// Source names that are also isl's names for the gather loop's parameters
// (p0, p1, ...) and iterators (g0, g1, ...).
void heat(int p1, int p0, double c, const double *x, double *y) {
#pragma omp parallel for
  for (int g0 = p0; g0 < p1 - 1; g0++)
    y[g0] = x[g0] + c * (x[g0 - 1] - 2.0 * x[g0] + x[g0 + 1]);
}

void jacobi(int p0, double g1[p0][p0], double y[p0][p0]) {
#pragma omp parallel for collapse(2)
  for (int g0 = 1; g0 < p0 - 1; g0++)
    for (int j = 1; j < p0 - 1; j++)
      y[g0][j] = 0.25 * (g1[g0 - 1][j] + g1[g0 + 1][j] + g1[g0][j - 1] + g1[g0][j + 1]);
}
