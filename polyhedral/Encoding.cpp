#include "polyhedral/Encoding.h"

namespace adjoint_lint::polyhedral {

using model::Condition;

namespace {

Condition opaqueCondition(const std::string &reason, const std::string &text) {
  Condition c;
  c.kind = Condition::Kind::Opaque;
  c.reason = reason;
  c.text = text;
  return c;
}

void collectConditions(const model::Expr &e, ValueConditions &stack, std::vector<ValueConditions> &out) {
  using Kind = model::Expr::Kind;
  if (e.kind == Kind::Access && e.access >= 0 && static_cast<size_t>(e.access) < out.size()) {
    out[static_cast<size_t>(e.access)] = stack;
    return;
  }
  for (size_t k = 0; k < e.operands.size(); ++k) {
    bool branch = (e.kind == Kind::Conditional && k > 0) ||
                  (e.kind == Kind::Binary && k == 1 && (e.op == model::Expr::Op::LAnd || e.op == model::Expr::Op::LOr));
    if (branch) {
      Condition c = e.kind == Kind::Binary
                        ? opaqueCondition(std::string("decided by the left operand of ") + model::toString(e.op), e.operands[0].text)
                    : e.condition.kind == Condition::Kind::True
                        ? opaqueCondition("not an integer condition", e.operands[0].text)
                        : e.condition;
      stack.emplace_back(c, e.kind == Kind::Binary || k == 1);
    }
    collectConditions(e.operands[k], stack, out);
    if (branch)
      stack.pop_back();
  }
}

} // namespace

std::vector<ValueConditions> valueConditions(const model::LoopModel &loop) {
  std::vector<ValueConditions> out(loop.accesses.size());
  for (const model::Statement &s : loop.statements) {
    ValueConditions stack;
    collectConditions(s.rhs, stack, out);
  }
  return out;
}

void note(std::string &why, const std::string &reason) {
  if (why.empty())
    why = reason;
}

void noteLoopHeader(std::string &why, const model::LoopHeader &h, const std::optional<std::string> &startWhy,
                    const std::optional<std::string> &boundWhy) {
  if (startWhy)
    note(why, "the start " + h.lower.str() + " of loop " + h.iterator + " is " + *startWhy);
  if (boundWhy)
    note(why, "the bound " + h.bound.str() + " of loop " + h.iterator + " is " + *boundWhy);
  using Op = model::Condition::Op;
  bool countsUp = h.op == Op::LT || h.op == Op::LE;
  bool countsDown = h.op == Op::GT || h.op == Op::GE;
  if ((h.step > 0 && !countsUp) || (h.step < 0 && !countsDown))
    note(why, "loop " + h.iterator + " steps away from its bound");
}

namespace {
std::string opaquePhrase(model::OpaqueKind kind, const std::string &dataDependence, const std::string &reason,
                         DataDependence detail) {
  if (reason.empty())
    return "not analysable";
  if (kind == model::OpaqueKind::DataDependent) {
    // "perm is written in the loop, in perm[i]" (model::opaqueArrayReads)
    if (detail == DataDependence::Detailed && !dataDependence.empty())
      return "data-dependent (" + dataDependence + ")";
    return "data-dependent";
  }
  return "not analysable (" + reason + ")";
}
} // namespace

std::string opaquePhrase(const model::IndexExpr &e, DataDependence detail) {
  return opaquePhrase(e.opaqueKind, e.dataDependence, e.reason, detail);
}

std::string opaquePhrase(const model::Condition &c, DataDependence detail) {
  return opaquePhrase(c.opaqueKind, c.dataDependence, c.reason, detail);
}

} // namespace adjoint_lint::polyhedral
