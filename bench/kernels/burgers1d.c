/* Benchmark kernel: one explicit step of the viscous 1-D Burgers equation
 * (upwind advection, non-linear, plus diffusion), size n at run time. */
void burgers1d(int n, double c, double nu, const double *u, double *u_new) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    u_new[i] = u[i] - c * u[i] * (u[i] - u[i - 1]) + nu * (u[i + 1] - 2.0 * u[i] + u[i - 1]);
}
