// Global arrays are shared.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
double g[100];
void f(void) {
#pragma omp parallel for
  for (int i = 0; i < 99; i++)
    g[i + 1] = g[i];
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}}'g'{{.*}} [adjoint-lint-forward-race]
}
