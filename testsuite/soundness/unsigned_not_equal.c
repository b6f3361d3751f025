// `c != 4` on an unsigned char passes through 255 -> 0: the loop runs
// c = 250..255, 0..3. It was once read as 250 <= c < 4 (empty), and the
// loop was proved race-free.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
void f(int n, double *x) {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=unknown
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (unsigned char c = 250; c != 4; c++)
      x[c] = 1.0;
  // CHECK: reason: {{.*}}loop condition '!=' on c of type 'unsigned char' may wrap around
  // CHECK: x: active=yes forward_race=unknown
}
