// Internal to analyzer/: lowers the OpenMP loops of one parsed translation
// unit to loop models. Only Frontend.cpp calls it.
#pragma once

#include "model/LoopModel.h"
#include "reports/Finding.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace adjoint_lint::analyzer {

struct LoweringResult {
  std::vector<model::LoopModel> loops;
  /// Unsupported OpenMP directives and similar, already worded.
  std::vector<reports::Finding> problems;
};

/// Which included files' loops are analysed besides the main file's.
struct HeaderFilter {
  /// Loops of a non-system header are analysed when its name (as reported:
  /// relative to the current directory when inside it, else absolute)
  /// matches `include` (empty: every non-system header) and does not match
  /// `exclude` (empty: none), as clang-tidy's --header-filter and
  /// --exclude-header-filter. System headers never.
  std::string include;
  std::string exclude;
  bool headers = true; ///< false: the main file only
};

/// Lowers every supported OpenMP loop directive of the main file and of the
/// headers `headers` selects. `displayFile` is the main file's path as the
/// user gave it; every SourceRange of the main file carries it.
LoweringResult lowerTranslationUnit(clang::ASTContext &ctx, const std::string &displayFile,
                                    const HeaderFilter &headers = {});

} // namespace adjoint_lint::analyzer
