void f(double *x) {
#pragma omp parallel for
  for (int i = 0; i < 4; i++)
    x[i] = undeclared;
}
