// A file without any OpenMP loop is clean (exit 0, nothing printed), as a
// file that none of clang-tidy's checks applies to: whole-database runs
// (-p BUILD) and pre-commit hooks pass every C file. A file whose OpenMP
// cannot be analysed still gives 2 (openmp_not_enabled.c, unsupported_task.c).
// RUN: %expect-exit 0 %adjoint-lint %s -- -fopenmp > %t.out 2>&1
// RUN: count 0 < %t.out
// RUN: %expect-exit 0 %adjoint-lint --format=json %s -- -fopenmp | FileCheck %s --check-prefix=JSON
// JSON: "analysable": true
// JSON: "loops": []
void f(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}
