/* A CNN convolution layer (valid padding, unit stride), parallel over
 * output channels. Each output channel reads its own weights but all of
 * the input. */
#define CI 3
#define CO 8
#define H 32
#define W 32
#define KH 3
#define KW 3

void conv2d(const float in[CI][H][W], const float w[CO][CI][KH][KW],
            float out[CO][H - KH + 1][W - KW + 1]) {
#pragma omp parallel for
  for (int co = 0; co < CO; co++)
    for (int y = 0; y < H - KH + 1; y++)
      for (int x = 0; x < W - KW + 1; x++) {
        float acc = 0.0f;
        for (int ci = 0; ci < CI; ci++)
          for (int ky = 0; ky < KH; ky++)
            for (int kx = 0; kx < KW; kx++)
              acc += w[co][ci][ky][kx] * in[ci][y + ky][x + kx];
        out[co][y][x] = acc;
      }
}
