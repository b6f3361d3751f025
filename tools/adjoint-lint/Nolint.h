// NOLINT comments, with clang-tidy's semantics, read from the source text:
//
//   x[i + 1] = x[i];  // NOLINT                       every rule, this line
//   x[i + 1] = x[i];  // NOLINT(adjoint-lint-forward-race)
//   // NOLINTNEXTLINE(adjoint-lint-*)                 the next line
//   // NOLINTBEGIN(adjoint-lint-shared-adjoint)       every line up to the
//   ...                                               matching NOLINTEND
//   // NOLINTEND(adjoint-lint-shared-adjoint)
//
// The parentheses hold a glob list (GlobList.h); without them every rule is
// suppressed. A NOLINTEND matches the latest open NOLINTBEGIN with the same
// text in its parentheses; a NOLINTBEGIN without its NOLINTEND (or the
// reverse) suppresses nothing and is itself reported as an error, as
// clang-tidy does. Like clang-tidy, the markers are found anywhere in the
// line's text (normally in a comment).
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::driver {

/// The rule name of the errors about NOLINTBEGIN/NOLINTEND misuse.
inline constexpr const char kRuleNolint[] = "adjoint-lint-nolint";

/// An unmatched NOLINTBEGIN or NOLINTEND.
struct NolintProblem {
  unsigned line = 0, column = 0; ///< 1-based, of the marker
  std::string message;
};

/// The NOLINT markers of one file.
class NolintIndex {
public:
  NolintIndex() = default;
  /// Indexes the text of a file.
  explicit NolintIndex(const std::string &text);

  /// Whether a finding of `rule` on line `line` (1-based) is suppressed.
  bool suppresses(const std::string &rule, unsigned line) const;

  /// The unmatched NOLINTBEGIN/NOLINTEND markers, in line order.
  const std::vector<NolintProblem> &problems() const { return problems_; }

private:
  /// A marker's scope: lines [first, last] and the rules it covers.
  struct Scope {
    unsigned first, last;
    bool allRules;
    std::string globs;
  };
  std::vector<Scope> scopes_;
  std::vector<NolintProblem> problems_;
};

} // namespace adjoint_lint::driver
