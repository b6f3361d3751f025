// Loops that macros expand to (the pragma through _Pragma): analysed like
// written ones, reported at the expansion.
// RUN: %expect-exit 1 %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck %s
#define SCALE(n, x, a)                                                         \
  _Pragma("omp parallel for")                                                  \
  for (int i = 0; i < (n); i++)                                                \
    (x)[i] *= (a);
#define SHIFT(n, x)                                                            \
  _Pragma("omp parallel for")                                                  \
  for (int i = 0; i < (n) - 1; i++)                                            \
    (x)[i] = (x)[i + 1];

void f(int n, double *x, double *y) {
  // CHECK: loop [[@LINE+1]] parallel for: forward_race=none
  SCALE(n, x, 2.0)
  // CHECK: loop [[@LINE+1]] parallel for: forward_race=race
  SHIFT(n, y)
}
