// Hygienic names (docs/codegen.md, names): every identifier the generator
// introduces into generated code is handed out by a FreshNames seeded with
// the names of the loop (variables, parameters, iterators) and the names the
// generated code relies on (C and C++ keywords, the runtime's helpers, the
// library functions it calls, the generated functions). A name is handed out
// at most once and never equals a seeded name. No Clang and no isl types.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

class FreshNames {
public:
  /// Seeded with reservedNames().
  FreshNames();

  /// Marks `name` as in use: it is never handed out.
  void reserve(const std::string &name);
  /// Whether `name` is in use: reserved, handed out, or a member of a
  /// numbered family (P followed by digits, for a family prefix P).
  bool taken(const std::string &name) const;
  /// `base` where it is free, else the first free of base_1, base_2, ...;
  /// recorded as in use. Always terminates: the names in use are finite,
  /// and no family covers base_<k> (family prefixes end in a letter).
  std::string fresh(const std::string &base);
  /// The first free name of `preferred` (not empty), else fresh() of its
  /// last: {"xb", "x_b"} gives xb, else x_b, else x_b_1, x_b_2, ...
  std::string freshAmong(const std::vector<std::string> &preferred);
  /// The prefix P of a numbered family P0, P1, P2, ... (temporaries): `base`
  /// where no name in use is `base` followed by digits, else al_<base>,
  /// al_al_<base>, ... Every P<digits> counts as in use from then on.
  /// A `base` not ending in a letter gets a `t` appended.
  std::string family(const std::string &base);

  /// The names generated code relies on: C and C++ keywords, the runtime's
  /// helpers (codegen/runtime/), the C, OpenMP and ADOL-C functions and
  /// types the generated files use.
  static const std::set<std::string> &reservedNames();

private:
  bool inFamily(const std::string &name) const;

  std::set<std::string> used_;
  std::vector<std::string> families_;
};

} // namespace adjoint_lint::codegen
