// A static local is shared by all threads: counting into it races.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
void f(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    static int calls;
    calls = calls + 1;
    // CHECK: :[[@LINE-1]]:5: warning: {{.*}}'calls'{{.*}} [adjoint-lint-forward-race]
    x[i] = 0.0;
  }
}
