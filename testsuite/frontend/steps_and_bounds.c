// Loop headers: steps other than 1, every comparison, the iterator on either
// side, and `!=` normalised to `<` / `>` for steps of 1 and -1.
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
void f(int n, double *x) {
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1 parallel for in f
// CHECK-NEXT: iterator i = 0; i < n; i += 2
#pragma omp parallel for
  for (int i = 0; i < n; i += 2)
    x[i] = 0.0;
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1 parallel for in f
// CHECK-NEXT: iterator i = n - 1; i >= 0; i += -1
#pragma omp parallel for
  for (int i = n - 1; i >= 0; i--)
    x[i] = 0.0;
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1
// CHECK-NEXT: iterator i = n; i > 0; i += -3
#pragma omp parallel for
  for (int i = n; i > 0; i -= 3)
    x[i] = 0.0;
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1
// CHECK-NEXT: iterator i = 1; i <= n; i += 4
#pragma omp parallel for
  for (int i = 1; i <= n; i = i + 4)
    x[i] = 0.0;
// The iterator on the right: n > i is i < n.
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1
// CHECK-NEXT: iterator i = 0; i < n; i += 1
#pragma omp parallel for
  for (int i = 0; n > i; ++i)
    x[i] = 0.0;
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1
// CHECK-NEXT: iterator i = 0; i < n - 1; i += 1
#pragma omp parallel for
  for (int i = 0; i != n - 1; i++)
    x[i] = 0.0;
// CHECK: loop steps_and_bounds.c:[[@LINE+2]]:1
// CHECK-NEXT: iterator i = n; i > 0; i += -1
#pragma omp parallel for
  for (int i = n; i != 0; i = i - 1)
    x[i] = 0.0;
}
