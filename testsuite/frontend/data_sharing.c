// Data sharing as OpenMP defines it: clauses, default(), variables declared
// in the loop (private), static locals and globals (shared).
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %inputs/model_lines.py | FileCheck %s
int counter;
void f(int n, double *x) {
  double a = 0, b = 1, c = 2, d = 3;
// CHECK: loop data_sharing.c:[[@LINE+9]]:1 parallel for in f
// CHECK: clauses: private=[a] firstprivate=[b] lastprivate=[c]
// CHECK-DAG: var a: {{.*}} sharing=private
// CHECK-DAG: var b: {{.*}} sharing=firstprivate
// CHECK-DAG: var c: {{.*}} sharing=lastprivate
// CHECK-DAG: var d: {{.*}} sharing=shared
// CHECK-DAG: var tmp: {{.*}} sharing=private
// CHECK-DAG: var calls: {{.*}} sharing=shared
// CHECK-DAG: var counter: {{.*}} sharing=shared
#pragma omp parallel for private(a) firstprivate(b) lastprivate(c)
  for (int i = 0; i < n; i++) {
    static int calls;
    double tmp = x[i];
    a = tmp;
    b = b + a;
    c = b;
    d = c;
    calls++;
    counter += 1;
    x[i] = tmp;
  }
// CHECK: loop data_sharing.c:[[@LINE+4]]:1 parallel for in f
// CHECK: clauses: default=firstprivate
// CHECK-DAG: var d: {{.*}} sharing=firstprivate
// CHECK-DAG: var x: {{.*}} sharing=shared pointer param
#pragma omp parallel for default(firstprivate)
  for (int i = 0; i < n; i++) {
    d = x[i];
    x[i] = d;
  }
// CHECK: loop data_sharing.c:[[@LINE+3]]:1 parallel for in f
// CHECK: clauses: default=none shared=[x, n, d]
// CHECK-DAG: var d: {{.*}} sharing=shared
#pragma omp parallel for default(none) shared(x, n, d)
  for (int i = 0; i < n; i++)
    x[i] = d;
}
