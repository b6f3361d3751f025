// What the driver's files share: the option category that --help lists.
//
// Options may be defined in any file of tools/adjoint-lint/ with
//   cl::opt<bool> myFlag("my-flag", cl::desc("..."), cl::cat(driver::category()));
// The category is a function-local static, so options in other files may use
// it during static initialisation whatever the order of the files.
#pragma once

#include <llvm/Support/CommandLine.h>

namespace adjoint_lint::driver {

/// "adjoint-lint options": the only category --help shows.
llvm::cl::OptionCategory &category();

} // namespace adjoint_lint::driver
