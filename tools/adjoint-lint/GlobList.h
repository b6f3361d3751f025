// clang-tidy's glob lists over rule names: `-*,adjoint-lint-forward-race`,
// `adjoint-lint-*,-adjoint-lint-gather-available`.
//
// Globs are separated by commas or newlines; surrounding whitespace is
// ignored; `*` matches any run of characters; a leading `-` makes a glob
// negative. The last glob that matches a name decides: positive includes,
// negative excludes; a name no glob matches is excluded.
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::driver {

class GlobList {
public:
  GlobList() = default;
  explicit GlobList(const std::string &globs);

  /// Whether the last glob matching `name` is positive.
  bool contains(const std::string &name) const;

  bool empty() const { return items_.empty(); }

private:
  struct Item {
    bool positive;
    std::string pattern;
  };
  std::vector<Item> items_;
};

/// Whether `name` matches the glob `pattern` (`*` only).
bool globMatches(const std::string &pattern, const std::string &name);

} // namespace adjoint_lint::driver
