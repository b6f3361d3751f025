/* The example of Section 3 of Hueckelheim & Hovland (NIPS 2017):
 *   y1 = w1*x1 + w2*x2
 *   y2 = w3*x1 + w4*x2
 * computed by a parallel loop whose iterations each pull from all of x.
 * The forward loop is race-free, but both iterations read x[0] and x[1]:
 * the conventional reverse loop would push into xb[0] and xb[1] from both
 * iterations at once. */
void paper_2x2(const double w[4], const double x[2], double y[2]) {
#pragma omp parallel for
  for (int i = 0; i < 2; i++)
    y[i] = w[2 * i] * x[0] + w[2 * i + 1] * x[1];
}
