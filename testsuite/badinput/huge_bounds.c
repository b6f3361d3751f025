// Huge constant bounds (2^62, the largest long, 10^18 with a stride, an
// unsigned 64-bit bound): answers without overflow, crash or hang; whatever
// cannot be proved is unknown, never a wrong 'none'.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void big(double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (long i = 0; i < 4611686018427387904L; i++)
    x[i] = 1.0;
}

void largest(double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race={{none|unknown}}
#pragma omp parallel for
  for (long i = 0; i < 9223372036854775807L; i++)
    x[i] = 1.0;
}

void strided(double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (long i = 0; i < 1000000000000000000L; i += 1000000000L)
    x[i / 2000000000L] = 1.0;
}

void unsigned_bound(double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race={{none|unknown}}
#pragma omp parallel for
  for (unsigned long i = 0; i < 18446744073709551615UL; i++)
    x[i] = 1.0;
}
