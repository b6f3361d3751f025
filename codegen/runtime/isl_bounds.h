// Runtime of the generated C source (<loop>.c): the operators that isl's AST
// generator prints in the bounds of gather loops (codegen/Gather.cpp):
// min, max and floord (division rounding towards minus infinity). Printed
// into a generated source that has a gather loop. The lines down to the
// first blank line stay here (codegen/runtime/Embed.cmake).

/* The operators of isl's generated loop bounds. */
static inline long min(long a, long b) { return a < b ? a : b; }
static inline long max(long a, long b) { return a > b ? a : b; }
static inline long floord(long n, long d) { return n >= 0 ? n / d : -((-n + d - 1) / d); }
