// A condition over a variable that may change between the `if` and the loop
// is not used: the verdicts stay those of the bare loop (docs/assumptions.md).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | FileCheck --check-prefix=FACTS %s
// FACTS-NOT: "fact": "m >= n"

static void g(int *p) { *p -= 1; }

// Assigned in the if, before the loop.
void assigned(int n, int m, double *x) {
  if (m >= n) {
    m = n - 1;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// Incremented.
void incremented(int n, int m, double *x) {
  if (m >= n) {
    --m;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// Its address taken: a call may change it.
void address_taken(int n, int m, double *x) {
  if (m >= n) {
    g(&m);
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// Shadowed: the loop's m is another variable.
void shadowed(int n, int m, double *x) {
  if (m >= n) {
    int m = n / 2;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// A goto may enter the branch without the test.
void jumped(int n, int m, double *x) {
  if (n > 3)
    goto inside;
  if (m >= n) {
  inside:;
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      x[i + m] = x[i];
  }
}

// So may a switch whose case label lies in the branch.
void switched(int n, int m, int k, double *x) {
  switch (k) {
  case 0:
    if (m >= n) {
    case 3:
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
      for (int i = 0; i < n; i++)
        x[i + m] = x[i];
    }
  }
}
