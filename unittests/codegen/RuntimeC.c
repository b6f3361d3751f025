/* The C runtime of the generated sources (the .h files of codegen/runtime/)
 * compiled on its own, as C, behind functions that RuntimeTest.cpp calls. */
#include "codegen/runtime/index_minmax.h"
#include "codegen/runtime/isl_bounds.h"
#include "codegen/runtime/tape.h"

long runtime_al_min(long a, long b) { return al_min(a, b); }
long runtime_al_max(long a, long b) { return al_max(a, b); }
long runtime_min(long a, long b) { return min(a, b); }
long runtime_max(long a, long b) { return max(a, b); }
long runtime_floord(long n, long d) { return floord(n, d); }

/* Pushes 0, 1, ..., count - 1 and pops them all; returns the number popped
 * in reverse order (count when the tape works). */
long runtime_tape_round_trip(long count) {
  al_tape tape = {0, 0, 0};
  for (long k = 0; k < count; ++k)
    al_push(&tape, (double)k);
  long ok = 0;
  for (long k = count - 1; k >= 0; --k)
    ok += al_pop(&tape) == (double)k;
  ok -= tape.size != 0;
  free(tape.data);
  return ok;
}
