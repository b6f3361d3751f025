void c(int n, const double *x, double *y) {
#include "fragment.inc"
}
