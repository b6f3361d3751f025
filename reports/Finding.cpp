#include "reports/Finding.h"

namespace adjoint_lint::reports {

const char *levelName(Level l) {
  switch (l) {
  case Level::Note: return "note";
  case Level::Warning: return "warning";
  case Level::Error: return "error";
  }
  return "warning";
}

} // namespace adjoint_lint::reports
