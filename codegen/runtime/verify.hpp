// Runtime of the generated numeric check (<loop>_verify.cpp): the random
// test data (xorshift, seeded per size), the record of every check as JSON
// (`checks`, `passed`) and the relative error of two adjoint vectors.
// Printed into every generated driver after its includes. The lines down to
// the first blank line stay here (codegen/runtime/Embed.cmake).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

struct Rng {
  uint64_t s;
  double next() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return (double)(s >> 11) / 9007199254740992.0; }
};
static std::string checks;
static bool passed = true;
static double num(double v) { return std::isfinite(v) ? v : 1e308; }
static void check(int size, const char *what, int threads, double error, double tolerance) {
  bool ok = std::isfinite(error) && error <= tolerance;
  passed &= ok;
  char buf[512];
  snprintf(buf, sizeof buf, "%s{\"size\": %d, \"check\": \"%s\", \"threads\": %d, \"error\": %.3e, \"tolerance\": %.1e, \"passed\": %s}",
           checks.empty() ? "" : ", ", size, what, threads, num(error), tolerance, ok ? "true" : "false");
  checks += buf;
}
static double relError(const std::vector<double> &a, const std::vector<double> &b) {
  double diff = 0, scale = 0;
  for (size_t k = 0; k < a.size(); ++k) {
    diff = std::max(diff, std::fabs(a[k] - b[k]));
    if (std::isnan(a[k]) || std::isnan(b[k])) return INFINITY;
    scale = std::max(scale, std::fabs(b[k]));
  }
  return scale > 0 ? diff / scale : diff;
}
