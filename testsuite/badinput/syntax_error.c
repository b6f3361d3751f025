// A syntax error: Clang's own message with file and line, exit status 2,
// and with --format=json still a valid document listing the error.
// RUN: %expect-exit 2 %adjoint-lint %s -- -fopenmp > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %expect-exit 2 %adjoint-lint --format=json %s -- -fopenmp > %t.json
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(x['level']=='error' and x['line']==13 for x in d['diagnostics']), d" %t.json
void f(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = 1.0;
}

void g(int n double *x) {
  // CHECK: syntax_error.c:[[@LINE-1]]:{{[0-9]+}}: error:
}
