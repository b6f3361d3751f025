/* Two loops with forward races: a sum without a reduction clause, and a
 * recurrence (each iteration reads what the previous one wrote). */
double norm1(int n, const double *x) {
  double sum = 0.0;
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    sum += x[i];
  return sum;
}

void prefix(int n, double *x) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    x[i] = x[i] + x[i - 1];
}
