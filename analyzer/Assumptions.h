// Internal to analyzer/: `#pragma adjoint_lint assume(FACT, ...)`, the
// facts users declare about index arrays and parameters
// (docs/assumptions.md).
//
// Scope, as C's standard pragmas (C11 6.10.6): a pragma inside a block
// holds from where it stands to the end of that block, so one before a
// loop covers that loop and the later loops of the block; one outside every
// function holds to the end of the file. Only pragmas of the main file
// count. The pragma's tokens are macro-expanded, comments do not matter,
// and `_Pragma("adjoint_lint assume(...)")` works too.
#pragma once

#include "model/LoopModel.h"
#include "reports/Finding.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CompilerInstance;
} // namespace clang

namespace adjoint_lint::analyzer {

/// Registers the `adjoint_lint` pragma handler with the preprocessor of
/// `ci`; call before parsing (ASTFrontendAction::CreateASTConsumer).
void registerAssumptionPragmas(clang::CompilerInstance &ci);

/// Attaches to each loop the facts of the pragmas in scope at its
/// directive (model::LoopModel::facts), names that are compile-time
/// constants replaced by their values. A malformed pragma becomes an error
/// in `problems` (rule adjoint-lint-bad-pragma) naming its file and line.
void attachAssumptions(clang::ASTContext &ctx, const std::string &displayFile,
                       std::vector<model::LoopModel> &loops, std::vector<reports::Finding> &problems);

} // namespace adjoint_lint::analyzer
