// A 12-deep loop nest under one parallel loop: decided, not hung. The
// innermost write depends on the outer iterator only through i, so the
// loop is race-free; y is read by every iteration.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x, const double *y) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++)
        for (int c = 0; c < 2; c++)
          for (int d = 0; d < 2; d++)
            for (int e = 0; e < 2; e++)
              for (int f = 0; f < 2; f++)
                for (int g = 0; g < 2; g++)
                  for (int h = 0; h < 2; h++)
                    for (int j = 0; j < 2; j++)
                      for (int k = 0; k < 2; k++)
                        for (int l = 0; l < 2; l++)
                          x[i] += y[a + b + c + d + e + f + g + h + j + k + l];
}
