// Regression (found by differential testing): wrapped subscripts made the
// witness search (isl lexmin, which isl's operation budget does not bound)
// run for minutes. Witnesses of sets with quasi-affine parts are now any
// point of the smallest box; the run must end quickly with real witnesses.
// RUN: timeout 60 %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
double g[40];
double sc;
void f(int n, int m, double *x, double *y, double a[6][5], double b[n][m]) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=race
  #pragma omp parallel for reduction(+:sc)
  for (int i = 1; i <= -m - m; i++) {
    for (int k = i - 2; k > 2; k--) {
      if (k - 2 > -m) {
        g[3 * k - k] += ((-2 * k - 2 >= n + 1) ? a[-2 * k + 1][(unsigned char)(m + i - 2) * 100] : x[2 * ((k + 3) / 2)]);
      }
    }
    #pragma omp atomic
    a[(-n + 3) / -2][(n + i + 0u) % 5] += b[m + i][(signed char)(i - 2 * i - 1)];
  }
}
// CHECK: g: active=yes forward_race=race
// CHECK-NEXT: forward_race witness: iterations=i={{[0-9]+}} i={{[0-9]+}}
// adjoint-lint-oracle: skip the race needs negative VLA extents (b[n][m] with n, m < 0), which no run can allocate
