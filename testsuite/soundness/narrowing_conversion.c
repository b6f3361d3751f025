// A conversion to a narrower integer type keeps the low bits only: i and
// i + 256 (or i + 16384 after a short product) hit one element. The
// conversion was once dropped, and these loops were proved race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void through_local(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    unsigned char c = i;
    x[c] = 1.0;
  }
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: forward_race witness: iterations=i=[[A:[0-9]+]] i=[[B:[0-9]+]] element=[{{[0-9]+}}]
}

void explicit_cast(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[(unsigned char)i] = 1.0;
  // CHECK: x: active=yes forward_race=race
}

void short_product(short n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (short i = 0; i < n; i++)
    x[(short)(i * 300)] = 1.0;
  // CHECK: x: active=yes forward_race=race
  // CHECK-NEXT: witness: iterations=i={{[0-9]+}} i={{[0-9]+}} element=[{{-?[0-9]+}}]
}

// Widening conversions change nothing: still proved.
void widening(int n, double *x, const int *idx) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[(long)i] = (double)(short)3;
  // CHECK: x: active=yes forward_race=none
}

// The ranges of int and unsigned keep i and i + 2^32 apart: an int
// iterator never reaches 2^32, so (unsigned)i does not wrap.
void in_range(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[(unsigned)i] = 1.0;
  // CHECK: x: active=yes forward_race=none
}
