#include "kernels.hpp"
#include <syskernel.h>
void a(int n, double *x) { shift(n, x); scale(n, 2.0, x); sys_shift(n, x); }
