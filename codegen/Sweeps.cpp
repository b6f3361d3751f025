#include "codegen/Sweeps.h"

#include <utility>

namespace adjoint_lint::codegen {

using model::Scope;
using model::Statement;

namespace {

/// Adds every access of `e` to `values`.
void recordAll(const model::Expr &e, std::set<int> *values) {
  if (!values)
    return;
  if (e.kind == model::Expr::Kind::Access)
    values->insert(e.access);
  for (const model::Expr &o : e.operands)
    recordAll(o, values);
}

/// The source text of a statement's right side for a comment: one line,
/// at most 60 characters, never closing the comment.
std::string commentText(const std::string &text) {
  std::string out = text.size() > 60 ? text.substr(0, 57) + "..." : text;
  for (char &c : out)
    if (c == '\n')
      c = ' ';
  return out.find("*/") != std::string::npos ? "..." : out;
}

} // namespace

Sweeps::Sweeps(const LoopBody &body, SweepValues values) : body_(body), values_(std::move(values)) {}

// --- forward ----------------------------------------------------------------------

void Sweeps::writePrimal(CodeWriter &w, Mode mode) const {
  writePrimalNodes(body_.root().children, w, mode, nullptr, false);
}

bool Sweeps::hasForwardSweep() const {
  return !values_.needed.empty() && body_.containsStatement(body_.root(), &values_.needed);
}

void Sweeps::writeForwardSweep(CodeWriter &w) const {
  writePrimalNodes(body_.root().children, w, Mode::Forward, &values_.needed, true);
}

/// The statements of `nodes` (only those writing `only` variables when
/// given), each preceded by a tape push of the old value when `push`, and by
/// its tangent in Tangent mode.
void Sweeps::writePrimalNodes(const std::vector<BodyNode> &nodes, CodeWriter &w, Mode mode,
                              const std::set<int> *only, bool push) const {
  const model::LoopModel &loop = body_.loop();
  for (const BodyNode &node : nodes) {
    if (!body_.containsStatement(node, only))
      continue;
    if (node.statement < 0) {
      const Scope &sc = loop.scopes[node.scope];
      if (sc.kind == Scope::Kind::Loop)
        w.open(body_.loopHeader(sc.loop, false));
      else
        w.open("if (" + body_.condition(sc.guard, sc.range.line) + ")");
      writePrimalNodes(node.children, w, mode, only, push);
      w.close();
      continue;
    }
    const Statement &s = loop.statements[node.statement];
    ExprContext ctx = body_.exprContext(s.range.line);
    ctx.overloadedMath = mode == Mode::ForwardTemplate;
    std::string lhs = ctx.primal(s.lhs), rhs = primalExpr(s.rhs, ctx);
    int v = body_.lhsVariable(s);
    // An integer variable set from a floating expression: C converts the
    // value; the template takes R's value first (derivative 0).
    if (mode == Mode::ForwardTemplate && !body_.variable(v).active && isActive(s.rhs, ctx))
      rhs = std::string(kTemplateValue) + "(" + rhs + ")";
    if (push && values_.pushed.count(v))
      w.line("al_push(&" + body_.generated().tape + ", " + lhs + ");");
    if (mode == Mode::Tangent && body_.variable(v).active) {
      std::string d = tangentExpr(s.rhs, ctx), ld = ctx.tangent(s.lhs);
      if (s.op == Statement::Op::Assign) // l = e: l̇ = ė
        w.line(ld + " = " + (d.empty() ? "0" : d) + ";");
      else if ((s.op == Statement::Op::AddAssign || s.op == Statement::Op::SubAssign) && !d.empty()) // l ±= e: l̇ ±= ė
        w.line(ld + " " + model::toString(s.op) + " " + d + ";");
      else if (s.op == Statement::Op::MulAssign) // l *= e: l̇ = l̇ e + l ė
        w.line(ld + " = " + ld + " * (" + rhs + ")" + (d.empty() ? "" : " + " + lhs + " * (" + d + ")") + ";");
      else if (s.op == Statement::Op::DivAssign) // l /= e: l̇ = (l̇ - (l / e) ė) / e
        w.line(ld + " = (" + ld + (d.empty() ? "" : " - " + lhs + " / (" + rhs + ") * (" + d + ")") +
               ") / (" + rhs + ");");
    }
    w.line(lhs + " " + model::toString(s.op) + " " + rhs + ";");
  }
}

// --- reverse ----------------------------------------------------------------------

ExprContext Sweeps::reverseContext(unsigned line, const Increments &increments,
                                   std::set<int> *valuesRead, unsigned *temporaries) const {
  ExprContext ctx = body_.exprContext(line);
  ctx.valuesRead = valuesRead;
  ctx.temporaries = temporaries;
  const model::LoopModel &loop = body_.loop();
  auto is = [&loop, &increments](int a, Increment how) {
    auto it = increments.find(loop.accesses.at(a).variable);
    return it != increments.end() && it->second == how;
  };
  ctx.skip = [is](int a) { return is(a, Increment::Gather); };
  ctx.atomicIf = [is, edge = body_.generated().edge](int a) -> std::string {
    return is(a, Increment::ChunkBoundaryAtomic) ? edge : "";
  };
  ctx.atomic = [is](int a) { return is(a, Increment::Atomic); };
  return ctx;
}

void Sweeps::writeReverseStatement(int k, CodeWriter &w, const Increments &increments,
                                   unsigned *temps, std::set<int> *values,
                                   const ReverseFocus *focus) const {
  const model::LoopModel &loop = body_.loop();
  const Statement &s = loop.statements[k];
  ExprContext ctx = reverseContext(s.range.line, increments, values, temps);
  if (focus) { // the focused reads' increments and those of the locals only
    ctx.skip = [this, focus](int a) {
      return !focus->accesses.count(a) &&
             body_.variable(body_.loop().accesses.at(a).variable).role != VariableRole::Local;
    };
    if (!focus->sum.empty())
      ctx.adjoint = [focus, adjoint = ctx.adjoint](int a) {
        return focus->accesses.count(a) ? focus->sum : adjoint(a);
      };
  }
  int v = body_.lhsVariable(s);
  const VariableCode &lhsCode = body_.variable(v);
  ctx.real = lhsCode.active ? lhsCode.type : "double";
  std::string lhs = ctx.primal(s.lhs), rhs = primalExpr(s.rhs, ctx);
  if (values_.pushed.count(v))
    w.line(lhs + " = al_pop(&" + body_.generated().tape + ");");
  if (focus && !focus->statements.count(k))
    return;
  // In a focus, the adjoints of array elements are seeds: never reset.
  bool resets = !focus || lhsCode.role != VariableRole::Array;
  if (!lhsCode.active) {
    CodeWriter scratch;
    reverseExpr(s.rhs, "0", ctx, scratch); // checks only
    return;
  }
  std::string lb = ctx.adjoint(s.lhs);
  bool activeRhs = isActive(s.rhs, ctx);
  auto temporary = [temps, &ctx] { return ctx.temporary + std::to_string(temps ? ++*temps : 0); };
  if (s.op == Statement::Op::Assign) {
    // l = e: ē += l̄; l̄ = 0
    if (!activeRhs) {
      if (resets)
        w.line(lb + " = 0;");
      return;
    }
    std::string t = temporary();
    w.line("const " + ctx.real + " " + t + " = " + lb + ";");
    if (resets)
      w.line(lb + " = 0;");
    reverseExpr(s.rhs, t, ctx, w);
  } else if (s.op == Statement::Op::AddAssign || s.op == Statement::Op::SubAssign) {
    // l ±= e: l̄ unchanged; ē ±= l̄
    if (!activeRhs)
      return;
    std::string t = temporary();
    w.line("const " + ctx.real + " " + t + " = " + (s.op == Statement::Op::SubAssign ? "-" : "") + lb + ";");
    reverseExpr(s.rhs, t, ctx, w);
  } else if (s.op == Statement::Op::MulAssign || s.op == Statement::Op::DivAssign) {
    // l *= e: ē += l̄ l_old; l̄ = l̄ e
    // l /= e: l̄_old = l̄ / e; ē -= l̄ l_old / e²
    bool times = s.op == Statement::Op::MulAssign;
    recordAll(s.rhs, values);
    if (values)
      values->insert(s.lhs);
    std::string t = temporary();
    w.line("const " + ctx.real + " " + t + " = " + lb + ";");
    if (resets)
      w.line(lb + " = " + t + (times ? " * (" : " / (") + rhs + ");");
    if (activeRhs)
      reverseExpr(s.rhs, times ? t + " * " + lhs : "-" + t + " * " + lhs + " / ((" + rhs + ") * (" + rhs + "))",
                  ctx, w);
  }
}

void Sweeps::writeReverseSweep(CodeWriter &w, const Increments &increments, unsigned *temporaries,
                               const ReverseFocus *focus) const {
  writeReverseNodes(body_.root().children, w, increments, temporaries, focus);
}

/// The nodes in reverse order, inner loops reversed, guards kept; each
/// statement's rule after a comment quoting it. In a focus, scopes holding
/// nothing of it are left out.
void Sweeps::writeReverseNodes(const std::vector<BodyNode> &nodes, CodeWriter &w,
                               const Increments &increments, unsigned *temps,
                               const ReverseFocus *focus) const {
  const model::LoopModel &loop = body_.loop();
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    const BodyNode &node = *it;
    if (node.statement < 0) {
      const Scope &sc = loop.scopes[node.scope];
      CodeWriter inner;
      writeReverseNodes(node.children, inner, increments, temps, focus);
      if (focus && inner.empty())
        continue;
      if (sc.kind == Scope::Kind::Loop)
        w.open(body_.loopHeader(sc.loop, true));
      else
        w.open("if (" + body_.condition(sc.guard, sc.range.line) + ")");
      w.append(inner);
      w.close();
      continue;
    }
    const Statement &s = loop.statements[node.statement];
    CodeWriter rule;
    writeReverseStatement(node.statement, rule, increments, temps, nullptr, focus);
    if (rule.empty())
      continue;
    w.line("/* line " + std::to_string(s.range.line) + ": " + body_.lhsValue(s) + " " + model::toString(s.op) + " " +
           commentText(s.rhs.text) + " */");
    w.append(rule);
  }
}

void Sweeps::writeAdjointIteration(CodeWriter &w, const Increments &increments,
                                   int64_t boundaryIterations) const {
  body_.declareLocals(w, Mode::Adjoint);
  bool chunkBoundary = false;
  for (auto [k, how] : increments)
    chunkBoundary |= how == Increment::ChunkBoundaryAtomic;
  if (chunkBoundary) {
    // The iteration's position in its chunk: the first and last
    // boundaryIterations of each chunk may conflict with the neighbour chunk.
    const model::LoopModel &loop = body_.loop();
    const model::LoopHeader &h = loop.iterators[0];
    std::string c = std::to_string(*loop.clauses.chunk), b = std::to_string(boundaryIterations);
    const std::string &pos = body_.generated().position;
    w.line("const long " + pos + " = ((" + cIdentifier(h.iterator) + " - (" + body_.index(h.lower, h.range.line) +
           ")) / " + std::to_string(h.step) + ") % " + c + ";");
    w.line("const int " + body_.generated().edge + " = " + pos + " < " + b + " || " + pos + " >= " + c + " - " +
           b + ";");
  }
  if (usesTape())
    w.line("al_tape " + body_.generated().tape + " = {0, 0, 0};");
  if (hasForwardSweep()) {
    w.line("/* forward sweep: the values the reverse sweep reads */");
    writeForwardSweep(w);
  }
  w.line("/* reverse sweep */");
  unsigned temps = 0;
  writeReverseSweep(w, increments, &temps);
  if (usesTape())
    w.line("free(" + body_.generated().tape + ".data);");
}

// --- the values the reverse sweep reads ------------------------------------------

SweepValues analyseValues(const LoopBody &body) {
  const model::LoopModel &loop = body.loop();
  SweepValues out;
  Sweeps probe(body, {});
  for (size_t k = 0; k < loop.statements.size(); ++k) {
    std::set<int> values;
    unsigned temps = 0;
    CodeWriter scratch;
    probe.writeReverseStatement(static_cast<int>(k), scratch, {}, &temps, &values);
    for (int a : values)
      if (loop.accesses[a].variable >= 0)
        out.needed.insert(loop.accesses[a].variable);
  }
  // Closure: the statements writing a needed variable run in the forward
  // sweep, so what they read is needed too.
  for (bool changed = true; changed;) {
    changed = false;
    for (const Statement &s : loop.statements) {
      if (!out.needed.count(body.lhsVariable(s)))
        continue;
      std::set<int> read;
      body.readVariables(s.rhs, read);
      for (int v : read)
        changed |= out.needed.insert(v).second;
    }
  }
  std::map<int, int> writes;
  for (const Statement &s : loop.statements)
    ++writes[body.lhsVariable(s)];
  for (const Statement &s : loop.statements) {
    int v = body.lhsVariable(s);
    if (!out.needed.count(v))
      continue;
    if (body.variable(v).role != VariableRole::Local || writes[v] > 1 || body.inInnerLoop(s.scope) ||
        s.op != Statement::Op::Assign)
      out.pushed.insert(v);
  }
  return out;
}

} // namespace adjoint_lint::codegen
