// Evaluating the model's integer expressions and conditions for given values
// of their names, with C's semantics: the one definition the deciders (a
// witness's elements, constant folding) and the reports (the HTML report's
// access pattern) share. No Clang, no isl.
#pragma once

#include "model/LoopModel.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace adjoint_lint::model {

/// The names' values: variables by name, an index array's elements as
/// "a[3]" (a witness's values of `a`).
using Values = std::map<std::string, int64_t>;

/// The value of `e` with C's integer semantics (truncating division and
/// remainder); nullopt when it is opaque, names a value missing from
/// `values`, divides by zero or overflows int64_t.
std::optional<int64_t> evaluate(const IndexExpr &e, const Values &values);

/// The truth of `c`; && and || short-circuit as in C (a decided operand
/// settles it even when a later one cannot be evaluated). nullopt when it
/// cannot be evaluated.
std::optional<bool> evaluate(const Condition &c, const Values &values);

/// `a op b` for any type with C++'s comparison operators: a bool for
/// integers, a formula for solver terms.
template <class T> auto compare(Condition::Op op, const T &a, const T &b) -> decltype(a == b) {
  switch (op) {
  case Condition::Op::LT: return a < b;
  case Condition::Op::LE: return a <= b;
  case Condition::Op::GT: return a > b;
  case Condition::Op::GE: return a >= b;
  case Condition::Op::EQ: return a == b;
  case Condition::Op::NE: return a != b;
  }
  return a == b;
}

} // namespace adjoint_lint::model
