// schedule(static[, c]): the conflicting iteration pairs of each array split
// into same-thread and cross-thread ones, and whether the cross-thread ones
// sit at chunk boundaries only (where an adjoint then needs its atomics).
// The 3-point stencil's exclusive-read conflicts (i with i+1 and i+2) join
// adjacent chunks within 2 iterations of their boundary for chunk 64, but
// chunks 2 apart for chunk 1; the upwind stencil's (i with i+1) are at the
// boundary for every block size of schedule(static).
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp > %t.json
// RUN: %python %S/Inputs/schedule.py %t.json | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json --threads=4 %s -- -fopenmp > %t.4.json
// RUN: %python %S/Inputs/schedule.py %t.4.json | FileCheck %s --check-prefix=T4

// CHECK: chunk64 x static chunk=64 threads=any exclusive_read: same=violated cross=violated boundary_only=holds width=2
// CHECK-NEXT: chunk64 x static chunk=64 threads=any forward_race: same=holds cross=holds boundary_only=not-applicable
// CHECK-NEXT: chunk64 y static chunk=64 threads=any exclusive_read: same=holds cross=holds boundary_only=not-applicable
// CHECK-NEXT: chunk64 y static chunk=64 threads=any forward_race: same=holds cross=holds boundary_only=not-applicable
// T4: chunk64 x static chunk=64 threads=4 exclusive_read: same=violated cross=violated boundary_only=holds width=2
void chunk64(int n, double *x, double *y) {
#pragma omp parallel for schedule(static, 64)
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + 2.0 * x[i] + x[i + 1];
}

// With 4 threads, i and i + 1 or i + 2 never share a thread; the witness
// joins chunks (iterations) two apart.
// CHECK: chunk1 x static chunk=1 threads=any exclusive_read: same=violated cross=violated boundary_only=violated witness={'i': [[I:[0-9]+]]},{'i': [[J:[0-9]+]]}
// T4: chunk1 x static chunk=1 threads=4 exclusive_read: same=holds cross=violated boundary_only=violated witness=
void chunk1(int n, double *x, double *y) {
#pragma omp parallel for schedule(static, 1)
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + 2.0 * x[i] + x[i + 1];
}

// CHECK: blocks x static chunk=none threads=any exclusive_read: same=violated cross=violated boundary_only=holds width=1
// T4: blocks x static chunk=none threads=4 exclusive_read: same=violated cross=violated boundary_only=holds width=1
void blocks(int n, double *x, double *y) {
#pragma omp parallel for schedule(static)
  for (int i = 1; i < n; i++)
    y[i] = x[i] - x[i - 1];
}

// A forward race on a shared accumulator element crosses threads far from
// any boundary.
// CHECK: racy s static chunk=64 threads=any exclusive_read: same=holds cross=holds boundary_only=not-applicable
// CHECK-NEXT: racy s static chunk=64 threads=any forward_race: same=violated cross=violated boundary_only=violated witness=
void racy(int n, double *x, double *s) {
#pragma omp parallel for schedule(static, 64)
  for (int i = 0; i < n; i++)
    s[0] += x[i];
}

// No schedule clause: no schedule analysis.
// CHECK-NOT: plain
void plain(int n, double *x, double *y) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    y[i] = x[i];
}
// adjoint-lint-oracle: no-tsan the loop at line 47 races (s[0] in every iteration) but its schedule(static, 64) puts all iterations of the oracle's small sizes on one thread, so ThreadSanitizer cannot see it; the instrumented run still checks the other loops
