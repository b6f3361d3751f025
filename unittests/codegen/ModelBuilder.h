// Hand-made loop models for the codegen tests (no Clang): a loop over i in
// [lower, bound) in function f of t.c, its variables, scopes, accesses and
// statements added one by one. Index expressions use the model's compact
// string form ("i - 1", "n"), as in --dump-model.
#pragma once

#include "model/LoopModel.h"
#include "model/ModelJson.h"

#include <string>
#include <vector>

namespace adjoint_lint::codegen::testing {

class ModelBuilder {
public:
  explicit ModelBuilder(const std::string &lower = "0", const std::string &bound = "n",
                        const std::vector<std::string> &parameters = {"n"}) {
    m.id = "t.c:1:1";
    m.range = {"t.c", 1, 1, 1, 1};
    m.function = "f";
    m.directive = "parallel for";
    m.parameters = parameters;
    m.iterators.push_back(header("i", lower, bound, 2));
  }

  /// A second parallel iterator (collapse(2)).
  ModelBuilder &collapsed(const std::string &iterator, const std::string &lower, const std::string &bound) {
    m.iterators.push_back(header(iterator, lower, bound, 2));
    return *this;
  }

  /// A shared array of `type`; `extents` outermost first ("" unknown).
  int array(const std::string &name, std::vector<std::string> extents = {""},
            const std::string &type = "double") {
    model::Variable v = variable(name, type);
    v.rank = static_cast<unsigned>(extents.size());
    for (const std::string &e : extents)
      v.extents.push_back(e.empty() ? std::nullopt : std::optional<model::IndexExpr>(index(e)));
    v.isPointer = true;
    m.variables.push_back(v);
    return static_cast<int>(m.variables.size()) - 1;
  }

  int scalar(const std::string &name, const std::string &type = "double",
             model::Sharing sharing = model::Sharing::Shared) {
    model::Variable v = variable(name, type);
    v.sharing = sharing;
    m.variables.push_back(v);
    return static_cast<int>(m.variables.size()) - 1;
  }

  int local(const std::string &name, const std::string &type = "double") {
    return scalar(name, type, model::Sharing::Private);
  }

  /// An inner loop `for (it = lower; it < bound; ++it)` in scope `parent`.
  int innerLoop(const std::string &iterator, const std::string &lower, const std::string &bound,
                int parent = -1) {
    model::Scope s;
    s.kind = model::Scope::Kind::Loop;
    s.parent = parent;
    s.loop = header(iterator, lower, bound, nextLine_);
    s.range = s.loop.range;
    m.scopes.push_back(s);
    return static_cast<int>(m.scopes.size()) - 1;
  }

  /// A guard `if (lhs < rhs)` in scope `parent`.
  int guard(const std::string &lhs, const std::string &rhs, int parent = -1) {
    model::Scope s;
    s.kind = model::Scope::Kind::Guard;
    s.parent = parent;
    s.guard.kind = model::Condition::Kind::Cmp;
    s.guard.op = model::Condition::Op::LT;
    s.guard.operands = {index(lhs), index(rhs)};
    s.range = {"t.c", nextLine_, 1, nextLine_, 1};
    m.scopes.push_back(s);
    return static_cast<int>(m.scopes.size()) - 1;
  }

  /// A read of `variable` (subscripts for an array), as an expression.
  model::Expr read(int variable, std::vector<std::string> subscripts = {}, int scope = -1) {
    model::Expr e;
    e.kind = model::Expr::Kind::Access;
    e.access = access(variable, model::AccessKind::Read, subscripts, scope);
    e.text = m.accesses[e.access].text;
    return e;
  }

  static model::Expr constant(double value) {
    model::Expr e;
    e.kind = model::Expr::Kind::FloatConst;
    e.floatValue = value;
    e.text = std::to_string(value);
    return e;
  }

  static model::Expr binary(const std::string &op, model::Expr a, model::Expr b) {
    model::Expr e;
    e.kind = model::Expr::Kind::Binary;
    e.op = model::exprOpFromString(op).value();
    e.text = a.text + " " + op + " " + b.text;
    e.operands = {std::move(a), std::move(b)};
    return e;
  }

  /// `lhs op rhs` on a line of its own, in `scope`; returns its index.
  int assign(int variable, std::vector<std::string> subscripts, const std::string &op, model::Expr rhs,
             int scope = -1) {
    model::Statement s;
    s.lhs = access(variable, model::AccessKind::Write, subscripts, scope);
    s.op = model::statementOpFromString(op).value();
    s.rhs = std::move(rhs);
    s.scope = scope;
    s.range = {"t.c", nextLine_, 5, nextLine_, 40};
    ++nextLine_;
    m.statements.push_back(s);
    return static_cast<int>(m.statements.size()) - 1;
  }

  ModelBuilder &schedule(const std::string &kind, std::optional<int64_t> chunk) {
    m.clauses.schedule = model::scheduleFromString(kind).value();
    m.clauses.chunk = chunk;
    return *this;
  }

  model::LoopModel m;

private:
  static model::IndexExpr index(const std::string &text) { return model::indexFromJson(text); }

  model::LoopHeader header(const std::string &iterator, const std::string &lower, const std::string &bound,
                           unsigned line) const {
    model::LoopHeader h;
    h.iterator = iterator;
    h.lower = index(lower);
    h.bound = index(bound);
    h.op = model::Condition::Op::LT;
    h.step = 1;
    h.range = {"t.c", line, 3, line, 3};
    return h;
  }

  model::Variable variable(const std::string &name, const std::string &type) const {
    model::Variable v;
    v.name = name;
    v.elementType = type;
    v.floating = type == "double" || type == "float";
    v.declRange = {"t.c", 1, 1, 1, 1};
    return v;
  }

  int access(int variable, model::AccessKind kind, const std::vector<std::string> &subscripts, int scope) {
    model::Access a;
    a.variable = variable;
    a.kind = kind;
    a.scope = scope;
    std::string text = m.variables[variable].name;
    for (const std::string &s : subscripts) {
      a.subscripts.push_back(index(s));
      text += "[" + s + "]";
    }
    a.text = text;
    a.range = {"t.c", nextLine_, 5, nextLine_, 5 + static_cast<unsigned>(m.accesses.size())};
    m.accesses.push_back(a);
    return static_cast<int>(m.accesses.size()) - 1;
  }

  unsigned nextLine_ = 3;
};

} // namespace adjoint_lint::codegen::testing
