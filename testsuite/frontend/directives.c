// Directive spellings of the supported loops; unsupported directives are
// errors naming the directive and its line, and other loops are still lowered.
// RUN: %expect-exit 2 %adjoint-lint --dump-model %s -- -fopenmp 2> %t.err | %python %inputs/model_lines.py | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.err
void work(double *);
void f(int n, double *x) {
// CHECK: loop directives.c:[[@LINE+1]]:1 simd in f
#pragma omp simd
  for (int i = 0; i < n; i++)
    x[i] = 0.0;
// CHECK: loop directives.c:[[@LINE+1]]:1 parallel for simd in f
#pragma omp parallel for simd
  for (int i = 0; i < n; i++)
    x[i] = 0.0;
// CHECK: loop directives.c:[[@LINE+1]]:1 target teams distribute parallel for in f
#pragma omp target teams distribute parallel for map(tofrom : x[0:n])
  for (int i = 0; i < n; i++)
    x[i] = 0.0;
#pragma omp target teams
// CHECK: loop directives.c:[[@LINE+1]]:1 distribute parallel for in f
#pragma omp distribute parallel for
  for (int i = 0; i < n; i++)
    x[i] = 0.0;
#pragma omp parallel
#pragma omp single
  // ERR-DAG: directives.c:[[@LINE-1]]:1: error: unsupported OpenMP directive 'single'
  {
#pragma omp task
    // ERR-DAG: directives.c:[[@LINE-1]]:1: error: unsupported OpenMP directive 'task'
    work(x);
  }
#pragma omp teams distribute
  // ERR-DAG: directives.c:[[@LINE-1]]:1: error: unsupported OpenMP directive 'teams distribute'
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
#pragma omp target
  // ERR-DAG: directives.c:[[@LINE-1]]:1: error: unsupported OpenMP directive 'target'
  x[0] = 1.0;
#pragma omp parallel loop
  // ERR-DAG: directives.c:[[@LINE-1]]:1: error: unsupported OpenMP directive 'parallel loop'
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
// CHECK: loop directives.c:[[@LINE+3]]:1 parallel for in f
// CHECK: unsupported: OpenMP directive 'ordered' inside the loop is not modelled
// ERR-DAG: directives.c:[[@LINE+3]]:1: error: unsupported OpenMP directive 'ordered'
#pragma omp parallel for ordered
  for (int i = 0; i < n; i++) {
#pragma omp ordered
    x[i] = x[i] + 1.0;
  }
}
