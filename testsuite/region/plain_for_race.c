// `#pragma omp parallel` over a plain `for` (no `for` directive): every
// thread runs the whole loop, so the sum and the stores race between threads.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
double sum_all(int n, const double *a) {
  double sum = 0.0;
#pragma omp parallel
  for (int i = 0; i < n; i++)
    sum += a[i];
  // CHECK: :[[@LINE-1]]:5: warning: {{.*}}'sum'{{.*}} [adjoint-lint-forward-race]
  // JSON: loop [[@LINE-3]] parallel (replicated): forward_race=race
  // JSON: scalar sum: forward_race=race
  return sum;
}

void scale(int n, const double *x, double *y) {
#pragma omp parallel
  {
    for (int i = 0; i < n; i++)
      y[i] = 2.0 * x[i];
    // CHECK: :[[@LINE-1]]:7: warning: {{.*}}'y'{{.*}} [adjoint-lint-forward-race]
    // JSON: loop [[@LINE-3]] parallel (replicated): forward_race=race
    // JSON: y: {{.*}}forward_race=race
    // JSON-NEXT: forward_race witness: iterations=omp_thread=0 omp_thread=1
  }
}
