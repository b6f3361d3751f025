#include "model/Evaluate.h"

#include <algorithm>

namespace adjoint_lint::model {

std::optional<int64_t> evaluate(const IndexExpr &e, const Values &values) {
  using K = IndexExpr::Kind;
  auto operand = [&](size_t k) -> std::optional<int64_t> {
    if (k >= e.ops.size())
      return std::nullopt;
    return evaluate(e.ops[k], values);
  };
  auto lookUp = [&](const std::string &name) -> std::optional<int64_t> {
    auto it = values.find(name);
    if (it == values.end())
      return std::nullopt;
    return it->second;
  };
  switch (e.kind) {
  case K::Const:
    return e.value;
  case K::Var:
    return lookUp(e.name);
  case K::ArrayRead: {
    std::string key = e.name;
    for (size_t k = 0; k < e.ops.size(); ++k) {
      std::optional<int64_t> v = operand(k);
      if (!v)
        return std::nullopt;
      key += "[" + std::to_string(*v) + "]";
    }
    return lookUp(key);
  }
  case K::Neg: {
    std::optional<int64_t> a = operand(0);
    if (!a || *a == INT64_MIN)
      return std::nullopt;
    return -*a;
  }
  case K::Opaque:
    return std::nullopt;
  default:
    break;
  }
  std::optional<int64_t> a = operand(0), b = operand(1);
  if (!a || !b)
    return std::nullopt;
  int64_t r = 0;
  switch (e.kind) {
  case K::Add:
    if (__builtin_add_overflow(*a, *b, &r))
      return std::nullopt;
    return r;
  case K::Sub:
    if (__builtin_sub_overflow(*a, *b, &r))
      return std::nullopt;
    return r;
  case K::Mul:
    if (__builtin_mul_overflow(*a, *b, &r))
      return std::nullopt;
    return r;
  case K::Div:
    if (*b == 0 || (*a == INT64_MIN && *b == -1))
      return std::nullopt;
    return *a / *b; // C: truncating
  case K::Mod:
    if (*b == 0 || (*a == INT64_MIN && *b == -1))
      return std::nullopt;
    return *a % *b;
  case K::Min:
    return std::min(*a, *b);
  case K::Max:
    return std::max(*a, *b);
  default:
    return std::nullopt;
  }
}

std::optional<bool> evaluate(const Condition &c, const Values &values) {
  switch (c.kind) {
  case Condition::Kind::True:
    return true;
  case Condition::Kind::Opaque:
    return std::nullopt;
  case Condition::Kind::Cmp: {
    if (c.operands.size() != 2)
      return std::nullopt;
    std::optional<int64_t> a = evaluate(c.operands[0], values), b = evaluate(c.operands[1], values);
    if (!a || !b)
      return std::nullopt;
    return compare(c.op, *a, *b);
  }
  case Condition::Kind::Not: {
    if (c.children.size() != 1)
      return std::nullopt;
    std::optional<bool> v = evaluate(c.children[0], values);
    if (!v)
      return std::nullopt;
    return !*v;
  }
  case Condition::Kind::And:
  case Condition::Kind::Or: {
    const bool isAnd = c.kind == Condition::Kind::And;
    for (const Condition &child : c.children) {
      std::optional<bool> v = evaluate(child, values);
      if (!v)
        return std::nullopt;
      if (*v != isAnd)
        return !isAnd;
    }
    return isAnd;
  }
  }
  return std::nullopt;
}

} // namespace adjoint_lint::model
