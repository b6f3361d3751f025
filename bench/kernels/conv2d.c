/* Benchmark kernel: a CNN convolution layer (valid padding, unit stride,
 * 3 x 3 filters), CI input and CO output channels of h x w pixels (h, w at
 * run time), parallel over output channels. */
#define CI 4
#define CO 4
#define KH 3
#define KW 3

void conv2d(int h, int w, const float in[CI][h][w], const float wt[CO][CI][KH][KW],
            float out[CO][h - KH + 1][w - KW + 1]) {
#pragma omp parallel for
  for (int co = 0; co < CO; co++)
    for (int y = 0; y < h - KH + 1; y++)
      for (int x = 0; x < w - KW + 1; x++) {
        float acc = 0.0f;
        for (int ci = 0; ci < CI; ci++)
          for (int ky = 0; ky < KH; ky++)
            for (int kx = 0; kx < KW; kx++)
              acc += wt[co][ci][ky][kx] * in[ci][y + ky][x + kx];
        out[co][y][x] = acc;
      }
}
