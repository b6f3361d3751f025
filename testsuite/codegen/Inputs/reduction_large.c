// Calls the generated reduction adjoint of examples/heat1d.c on an array
// larger than a thread's stack (2^22 doubles, 32 MiB; the main thread's
// stack is 8 MiB): the private copies of the array section must come from
// the heap. Prints the adjoint of the middle element (3 times yb).
#include "heat_step_L3.h"
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const long n = 1L << 22;
  double *x = calloc(n, sizeof *x), *xb = calloc(n, sizeof *xb);
  double *y = calloc(n, sizeof *y), *yb = malloc(n * sizeof *yb);
  if (!x || !xb || !y || !yb)
    return 2;
  for (long i = 0; i < n; ++i)
    yb[i] = 1.0;
  heat_step_L3_adjoint_reduction(n, 0.25, y, yb, x, xb);
  printf("xb[n/2] = %g, xb[0] = %g\n", xb[n / 2], xb[0]);
  return 0;
}
