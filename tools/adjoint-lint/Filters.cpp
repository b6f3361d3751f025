#include "tools/adjoint-lint/Filters.h"

#include "reports/Findings.h"
#include "tools/adjoint-lint/GlobList.h"

#include <llvm/Support/MemoryBuffer.h>

namespace adjoint_lint::driver {

const std::vector<std::string> &allRules() {
  static const std::vector<std::string> rules = {reports::kRuleForwardRace,
                                                 reports::kRuleSharedAdjoint,
                                                 reports::kRuleUnknown,
                                                 reports::kRuleGatherAvailable,
                                                 reports::kRuleAssumptionContradicted};
  return rules;
}

bool enablesAnyRule(const std::string &checks) {
  GlobList globs(checks);
  for (const std::string &rule : allRules())
    if (globs.contains(rule))
      return true;
  return false;
}

const NolintIndex &FindingFilter::index(const std::string &file) {
  auto it = indexes_.find(file);
  if (it != indexes_.end())
    return it->second;
  NolintIndex index;
  if (!file.empty()) {
    auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/true);
    if (buffer)
      index = NolintIndex((*buffer)->getBuffer().str());
  }
  return indexes_.emplace(file, std::move(index)).first->second;
}

void FindingFilter::apply(const Config &config, std::vector<reports::Finding> findings,
                          std::vector<ConfiguredFinding> &out) {
  GlobList checks(config.checks);
  GlobList warningsAsErrors(config.warningsAsErrors);
  for (reports::Finding &f : findings) {
    ConfiguredFinding c;
    c.failOn = config.failOn;
    if (reports::isAdjointLintRule(f.rule) && f.rule != kRuleNolint) {
      if (!checks.contains(f.rule))
        continue;
      if (index(f.loc.file).suppresses(f.rule, f.loc.line)) {
        ++suppressed_;
        continue;
      }
      if (f.level == reports::Level::Warning && warningsAsErrors.contains(f.rule)) {
        f.level = reports::Level::Error;
        c.warningAsError = true;
      }
    }
    c.finding = std::move(f);
    out.push_back(std::move(c));
  }
}

std::vector<reports::Finding> FindingFilter::nolintProblems() const {
  std::vector<reports::Finding> problems;
  for (const auto &[file, index] : indexes_)
    for (const NolintProblem &p : index.problems()) {
      reports::Finding f;
      f.rule = kRuleNolint;
      f.level = reports::Level::Error;
      f.loc.file = file;
      f.loc.line = p.line;
      f.loc.column = p.column;
      f.message = p.message;
      problems.push_back(std::move(f));
    }
  return problems;
}

} // namespace adjoint_lint::driver
