// A loop whose iterations race: iteration i writes x[i + 1], which
// iteration i + 1 reads. shift.json is its loop model.
void shift(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i + 1] = 2 * x[i];
}
