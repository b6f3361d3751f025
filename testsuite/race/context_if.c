// Conditions of the `if` statements around a parallel loop constrain its
// parameters (docs/assumptions.md, "Program context").
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | FileCheck --check-prefix=FACTS %s

// Race-free only if m >= n: the writes x[i + m] then lie above the reads.
void shift(int n, int m, double *x) {
  if (m >= n && n > 0) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}
// FACTS: "context": [
// FACTS: "fact": "m >= n"

// The same loop without the if races.
void shift_bare(int n, int m, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i + m] = x[i];
}

// Race-free only if n >= 2 (n == 1: iteration i + 1 writes what i reads);
// a product of a parameter and the iterator: Z3 decides, with the fact.
void stride(int n, double *x) {
  if (n >= 2) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
    for (int i = 0; i < 4; i++)
      x[i * n] = x[i * n + 1];
  }
}

// The else branch: the negation of the single comparison.
void shift_else(int n, int m, double *x) {
  if (m < n) {
    x[0] = 0.0;
  } else {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// An else branch of a disjunction: its negation is not used.
void shift_else_or(int n, int m, int k, double *x) {
  if (m < n || k > 0) {
    x[0] = 0.0;
  } else {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// A loop in a nested if gets the conditions of both.
void nested(int n, int m, double *x) {
  if (n > 0) {
    if (m >= n) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
      for (int i = 0; i < n; i++)
        x[i + m] = x[i];
    }
  }
}
