// Unsupported directives (sections, taskloop): named with their line (exit
// status 2); the supported loop in the same file is still analysed.
// RUN: %expect-exit 2 %adjoint-lint %s -- -fopenmp > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %expect-exit 2 %adjoint-lint --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
void work(double *);
void f(int n, double *x, double *y) {
#pragma omp parallel sections
  // CHECK: unsupported_sections.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}'parallel sections'
  {
#pragma omp section
    work(x);
#pragma omp section
    work(y);
  }
// JSON: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}
