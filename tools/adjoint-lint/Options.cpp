#include "tools/adjoint-lint/Options.h"

namespace adjoint_lint::driver {

llvm::cl::OptionCategory &category() {
  static llvm::cl::OptionCategory theCategory("adjoint-lint options");
  return theCategory;
}

} // namespace adjoint_lint::driver
