#include "reports/Finding.h"

#include <tuple>

namespace adjoint_lint::reports {

const char *levelName(Level l) {
  switch (l) {
  case Level::Note: return "note";
  case Level::Warning: return "warning";
  case Level::Error: return "error";
  }
  return "warning";
}

namespace {
auto identity(const Finding &f) {
  return std::tie(f.loc.file, f.loc.line, f.loc.column, f.rule, f.level, f.message);
}
} // namespace

bool FindingOrder::operator()(const Finding &a, const Finding &b) const {
  return identity(a) < identity(b);
}

bool sameFinding(const Finding &a, const Finding &b) { return identity(a) == identity(b); }

} // namespace adjoint_lint::reports
