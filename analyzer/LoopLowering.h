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

/// Lowers every supported OpenMP loop directive of the main file.
/// `displayFile` is the main file's path as the user gave it; every
/// SourceRange of the main file carries it.
LoweringResult lowerTranslationUnit(clang::ASTContext &ctx, const std::string &displayFile);

} // namespace adjoint_lint::analyzer
