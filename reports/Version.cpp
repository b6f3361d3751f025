#include "reports/Version.h"

namespace adjoint_lint::reports {

const char *toolName() { return ADJOINT_LINT_NAME; }
const char *toolVersion() { return ADJOINT_LINT_VERSION; }

} // namespace adjoint_lint::reports
