// An integer local never written after its initialisation from an affine
// expression of parameters equals that expression (docs/assumptions.md).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | FileCheck --check-prefix=FACTS %s

// Reads x[i + n], writes x[i]: disjoint, given m == n - 1.
void const_bound(int n, double *x) {
  const int m = n - 1;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = x[i + m + 1];
}
// FACTS: "fact": "m == n - 1"

// A non-const local that is never written counts too.
void unwritten(int n, double *x) {
  int k = n;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = x[i + k];
}

// One written after its initialisation does not.
void written(int n, double *x) {
  int k = n;
  k -= 1;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = x[i + k];
}

// Nor one whose initialiser's variable changes afterwards.
void source_written(int n, double *x) {
  const int k = n;
  n = 1;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < k; i++)
    x[i] = x[i + n];
}

// The generated adjoints' shape: a copy of a parameter and a guard on it.
void copy_and_guard(long n, double *x) {
  {
    const long p0 = n;
    if (p0 >= 2) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
      for (long g0 = 0; g0 < p0; ++g0)
        x[g0 * n] = x[g0 * n + 1];
    }
  }
}
