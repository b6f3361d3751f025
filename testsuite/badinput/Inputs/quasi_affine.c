/* Quasi-affine subscripts, each with a modulo and a division: every isl
 * operation on them is slow; deciding the loop takes minutes within the
 * default operation budget. */
void f(int n, double *x, const double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[(2*i)%5 + i/3] = y[(3*i)%7 + i/2] + y[(5*i)%3 + i/4] + x[(2*i)%7 + i/5] + y[(i)%11 + i/6] + x[(4*i)%9 + i/7] + y[(6*i)%13 + i/8];
}
