// What a file's configuration does to the findings of its translation unit:
// rules not enabled by Checks are dropped, NOLINT comments suppress, and
// warnings matching WarningsAsErrors become errors (clang-tidy's order).
#pragma once

#include "reports/Finding.h"
#include "tools/adjoint-lint/Config.h"
#include "tools/adjoint-lint/Nolint.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace adjoint_lint::driver {

/// A finding with what the exit status needs to know of its file's
/// configuration.
struct ConfiguredFinding {
  reports::Finding finding;
  FailOn failOn = FailOn::Warning;
  bool warningAsError = false; ///< promoted by WarningsAsErrors
};

/// Whether `checks` enables at least one of adjoint-lint's rules.
bool enablesAnyRule(const std::string &checks);

/// The rules of findings about loops (reports/Findings.h's kRule*; not the
/// input problems kRuleBadPragma and kRuleNolint, which --checks does not
/// filter).
const std::vector<std::string> &allRules();

class FindingFilter {
public:
  /// Filters `findings` (of one translation unit, whose configuration is
  /// `config`) into `out`. Findings without an adjoint-lint rule (input
  /// problems, compiler errors) pass unchanged.
  void apply(const Config &config, std::vector<reports::Finding> findings,
             std::vector<ConfiguredFinding> &out);

  /// Reads `file`'s NOLINT markers now, so that unmatched ones are reported
  /// even when nothing in the file was found.
  void visit(const std::string &file) { index(file); }

  /// One error per unmatched NOLINTBEGIN/NOLINTEND in the files visited or
  /// holding a finding (rule kRuleNolint).
  std::vector<reports::Finding> nolintProblems() const;

  /// How many findings NOLINT suppressed.
  unsigned suppressed() const { return suppressed_; }

private:
  const NolintIndex &index(const std::string &file);

  std::map<std::string, NolintIndex> indexes_;
  unsigned suppressed_ = 0;
};

} // namespace adjoint_lint::driver
