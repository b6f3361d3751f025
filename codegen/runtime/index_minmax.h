// Runtime of the generated C source (<loop>.c): the min and max of the
// regenerated affine index expressions (IndexExpr Min/Max), named al_min and
// al_max so that they cannot clash with the program's own names. Printed
// into every generated source after its includes. The lines down to the
// first blank line stay here (codegen/runtime/Embed.cmake).

static inline long al_min(long a, long b) { return a < b ? a : b; }
static inline long al_max(long a, long b) { return a > b ? a : b; }
