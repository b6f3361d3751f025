// The tool's name and version, from the CMake project() call.
#pragma once

namespace adjoint_lint::reports {

const char *toolName();    ///< "adjoint-lint"
const char *toolVersion(); ///< e.g. "0.3.0"

} // namespace adjoint_lint::reports
