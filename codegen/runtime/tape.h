// Runtime of the generated C source (<loop>.c): the tape of one adjoint
// iteration. Its forward sweep pushes the old value of every variable it
// overwrites that the reverse sweep reads again; the reverse sweep pops
// them in reverse order. Printed into a generated source whose adjoint
// needs it. The lines down to the first blank line stay here
// (codegen/runtime/Embed.cmake).
#include <stdlib.h>

/* The values that one iteration overwrites and its reverse sweep reads again. */
typedef struct { double *data; long size, capacity; } al_tape;
static void al_push(al_tape *t, double v) {
  if (t->size == t->capacity) {
    t->capacity = t->capacity ? 2 * t->capacity : 64;
    t->data = (double *)realloc(t->data, (size_t)t->capacity * sizeof(double));
    if (!t->data) abort();
  }
  t->data[t->size++] = v;
}
static double al_pop(al_tape *t) { return t->data[--t->size]; }
