/* 1-D convolution whose stride (4) is larger than its window (3): the
 * windows of different outputs do not overlap, so the input has exclusive
 * reads; every output reads all three weights. */
#define K 3
#define S 4

void conv1d(int n, const double *x, const double w[K], double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double acc = 0.0;
    for (int k = 0; k < K; k++)
      acc += w[k] * x[i * S + k];
    y[i] = acc;
  }
}
