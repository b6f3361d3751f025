/* One leapfrog step of the 1-D wave equation: the new time level from the
 * two previous ones. */
void wave_step(int n, double c2, const double *u_prev, const double *u, double *u_next) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    u_next[i] = 2.0 * u[i] - u_prev[i] + c2 * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
}
