// Prints findings as Clang prints diagnostics:
//
//   file.c:13:14: warning: write to 'x' races with ... [adjoint-lint-forward-race]
//      13 |     x[i + 1] = x[i];
//         |     ^~~~~~~~
//   file.c:13:25: note: conflicting read of 'x' here
//
// The header is Clang-free; the implementation renders through Clang's own
// diagnostic machinery. Where a file cannot be read the finding is printed
// as the plain first line only.
#pragma once

#include "reports/Finding.h"

#include <vector>

namespace llvm {
class raw_ostream;
}

namespace adjoint_lint::analyzer {

/// Prints each finding (warning or error, then its notes) to `os`, with the
/// source line and a caret under the finding's range; `colors` turns on
/// Clang's terminal colours.
void printFindingsClangStyle(const std::vector<reports::Finding> &findings, llvm::raw_ostream &os,
                             bool colors);

} // namespace adjoint_lint::analyzer
