#include "codegen/GatherPlan.h"

#include <algorithm>
#include <functional>

namespace adjoint_lint::codegen {

using model::Access;
using model::Statement;
using model::Verdict;

namespace {

using Iterators = std::vector<std::pair<std::string, std::string>>;

/// Plans the gather loops of one loop. A read's contribution at one
/// statement instance is its statement's seed times a partial where the
/// seed is known without running the reverse sweep (gatherBody):
/// - a statement `Y[o] = e`, `Y[o] += e`, `Y[o] -= e` with no local in e (Y
///   written by it only, `=` in inner loops on distinct elements): ±Yb[o];
/// - `l += e`, `l -= e` on an accumulator local l (initialised once with a
///   passive value, read once by `Y[o] = l` or `Y[o] += l` after its updates,
///   outside inner loops): the seed is ±Yb[o] of that reader.
/// Other reads outside inner loops (through general locals) rerun their
/// iteration (gatherIteration); inside inner loops they keep the reduction.
class GatherPlanner {
public:
  GatherPlanner(const Sweeps &sweeps, const model::LoopVerdicts &verdicts)
      : sweeps_(sweeps), body_(sweeps.body()), loop_(body_.loop()), verdicts_(verdicts) {}

  GatherPlan plan();

private:
  void findStatementsOfReads();
  void findAccumulators();
  std::string findStatementSeeds();
  std::string whyNoSeed(int access) const;
  bool readsLocal(const model::Expr &e) const;
  bool within(int inner, int outer) const;
  const VariableCode &lhsCode(const Statement &s) const { return body_.variable(body_.lhsVariable(s)); }

  std::vector<std::string> gatherBody(const std::vector<int> &group, const Iterators &its) const;
  std::vector<std::string> gatherIteration(const std::vector<int> &group, const Iterators &its) const;
  std::set<int> focusStatements(int statement) const;

  const Sweeps &sweeps_;
  const LoopBody &body_;
  const model::LoopModel &loop_;
  const model::LoopVerdicts &verdicts_;
  std::map<int, int> statementOf_;  ///< read access -> the statement whose right side holds it
  std::map<int, std::string> seedOf_; ///< statement -> its seed in a gather body
  /// Locals: an accumulator's seed is its reader's (localSeed_); the others
  /// (notAccumulator_, with the reason) are recomputed by gatherIteration.
  std::map<int, std::string> localSeed_, notAccumulator_;
};

void GatherPlanner::findStatementsOfReads() {
  std::function<void(const model::Expr &, int)> walk = [&](const model::Expr &e, int s) {
    if (e.kind == model::Expr::Kind::Access && e.access >= 0)
      statementOf_[e.access] = s;
    for (const model::Expr &o : e.operands)
      walk(o, s);
  };
  for (size_t k = 0; k < loop_.statements.size(); ++k)
    walk(loop_.statements[k].rhs, static_cast<int>(k));
}

bool GatherPlanner::readsLocal(const model::Expr &e) const {
  if (e.kind == model::Expr::Kind::Access && e.access >= 0 &&
      body_.variable(loop_.accesses[e.access].variable).role == VariableRole::Local)
    return true;
  return std::any_of(e.operands.begin(), e.operands.end(),
                     [this](const model::Expr &o) { return readsLocal(o); });
}

/// Whether scope `inner` lies in scope `outer` (-1: the loop body).
bool GatherPlanner::within(int inner, int outer) const {
  if (outer < 0)
    return true;
  if (inner < 0)
    return false;
  std::vector<int> chain = loop_.scopeChain(inner);
  return std::find(chain.begin(), chain.end(), outer) != chain.end();
}

void GatherPlanner::findAccumulators() {
  for (size_t v = 0; v < body_.variableCount(); ++v) {
    if (body_.variable(static_cast<int>(v)).role != VariableRole::Local)
      continue;
    const std::string &n = loop_.variables[v].name;
    std::string why;
    int reader = -1, init = -1;
    std::vector<int> updates;
    for (size_t k = 0; k < loop_.statements.size() && why.empty(); ++k) {
      const Statement &st = loop_.statements[k];
      bool readsV = false;
      std::function<void(const model::Expr &)> rec = [&](const model::Expr &e) {
        if (e.kind == model::Expr::Kind::Access && loop_.accesses[e.access].variable == static_cast<int>(v))
          readsV = true;
        for (const model::Expr &o : e.operands)
          rec(o);
      };
      rec(st.rhs);
      if (readsV) {
        bool plainRead = st.rhs.kind == model::Expr::Kind::Access &&
                         lhsCode(st).role == VariableRole::Array && st.op != Statement::Op::MulAssign && st.op != Statement::Op::DivAssign;
        if (!plainRead || reader >= 0)
          why = "local " + n + " is read other than once, by `Y[o] = " + n + "`";
        reader = static_cast<int>(k);
      }
      if (body_.lhsVariable(st) == static_cast<int>(v)) {
        ExprContext c = body_.exprContext(st.range.line);
        if (st.op == Statement::Op::Assign && !isActive(st.rhs, c) && init < 0 && reader < 0)
          init = static_cast<int>(k);
        else if ((st.op == Statement::Op::AddAssign || st.op == Statement::Op::SubAssign) && !readsLocal(st.rhs) && init >= 0 && reader < 0)
          updates.push_back(static_cast<int>(k));
        else
          why = "local " + n + " is not an accumulator (line " + std::to_string(st.range.line) + ")";
      }
    }
    if (why.empty() &&
        (reader < 0 || init < 0 || loop_.statements[reader].scope != loop_.statements[init].scope))
      why = "local " + n + " is not initialised and read once in one scope";
    if (!why.empty()) {
      notAccumulator_[static_cast<int>(v)] = why;
      continue;
    }
    for (int u : updates)
      if (!within(loop_.statements[u].scope, loop_.statements[reader].scope))
        why = "local " + n + " is updated outside the scope it is read in";
    const Statement &r = loop_.statements[reader];
    std::string distinct;
    if (body_.inInnerLoop(r.scope) && !writesDistinctElements(loop_, r.lhs, distinct))
      why = distinct;
    if (!why.empty()) {
      notAccumulator_[static_cast<int>(v)] = why;
      continue;
    }
    ExprContext c = body_.exprContext(r.range.line);
    localSeed_[static_cast<int>(v)] = (r.op == Statement::Op::SubAssign ? "-" : "") + c.adjoint(r.lhs);
  }
}

/// The seeds of the statements (seedOf_); the reason why no read has a
/// gather loop where one statement rules them all out, else "".
std::string GatherPlanner::findStatementSeeds() {
  std::map<int, int> writers;
  for (const Statement &st : loop_.statements)
    ++writers[body_.lhsVariable(st)];
  std::string why;
  for (size_t k = 0; k < loop_.statements.size() && why.empty(); ++k) {
    const Statement &st = loop_.statements[k];
    int v = body_.lhsVariable(st);
    ExprContext c = body_.exprContext(st.range.line);
    if (body_.variable(v).role == VariableRole::Local) {
      if ((st.op == Statement::Op::AddAssign || st.op == Statement::Op::SubAssign) && localSeed_.count(v))
        seedOf_[static_cast<int>(k)] = (st.op == Statement::Op::SubAssign ? "-(" : "(") + localSeed_.at(v) + ")";
      continue;
    }
    if (!body_.variable(v).active)
      continue;
    std::string distinct;
    if (st.op != Statement::Op::Assign && st.op != Statement::Op::AddAssign && st.op != Statement::Op::SubAssign)
      why = "its statement at line " + std::to_string(st.range.line) + " uses " + model::toString(st.op);
    else if (writers[v] > 1)
      why = loop_.variables[v].name + " is assigned by more than one statement";
    else if (st.op == Statement::Op::Assign && body_.inInnerLoop(st.scope) && !writesDistinctElements(loop_, st.lhs, distinct))
      why = distinct;
    else if (!readsLocal(st.rhs)) // reading locals: gatherIteration
      seedOf_[static_cast<int>(k)] = (st.op == Statement::Op::SubAssign ? "-" : "") + c.adjoint(st.lhs);
  }
  return why;
}

/// Why the read `access`, which has no seed, gets no gather statement; ""
/// when it can rerun its iteration's sweeps (gatherIteration): not inside
/// an inner loop (the sweeps are the whole iteration's, the read one
/// instance), and the forward sweep writes no array (no side effects).
std::string GatherPlanner::whyNoSeed(int a) const {
  const Access &acc = loop_.accesses[a];
  auto it = statementOf_.find(a);
  if (it == statementOf_.end())
    return "the contribution of '" + acc.text + "' has no seed known before the reverse sweep";
  const Statement &st = loop_.statements[it->second];
  if (body_.inInnerLoop(st.scope)) {
    auto na = notAccumulator_.find(body_.lhsVariable(st));
    return (na != notAccumulator_.end() ? na->second
                                        : "its statement at line " + std::to_string(st.range.line) +
                                              " reads locals") +
           ", and '" + acc.text + "' is read inside an inner loop (the gather statement of a "
           "read there cannot rerun its iteration's reverse sweep for one instance)";
  }
  for (const Statement &s : loop_.statements)
    if (lhsCode(s).role == VariableRole::Array && sweeps_.values().needed.count(body_.lhsVariable(s)))
      return "the forward sweep of an iteration writes " + loop_.variables[body_.lhsVariable(s)].name +
             " (line " + std::to_string(s.range.line) + ")";
  return "";
}

GatherPlan GatherPlanner::plan() {
  findStatementsOfReads();
  findAccumulators();
  std::string why = findStatementSeeds();
  GatherPlan out;
  for (int k : body_.arrays()) {
    if (!body_.variable(k).active || body_.variable(k).written)
      continue;
    const model::VariableVerdicts *vv = nullptr;
    for (const model::VariableVerdicts &c : verdicts_.variables)
      if (c.variable == k)
        vv = &c;
    if (vv && vv->exclusiveRead.verdict == Verdict::Holds)
      continue; // plain is better
    const std::string &n = loop_.variables[k].name;
    std::string reason;
    for (size_t a = 0; a < loop_.accesses.size() && reason.empty(); ++a)
      if (loop_.accesses[a].variable == k &&
          (!statementOf_.count(static_cast<int>(a)) || !seedOf_.count(statementOf_.at(static_cast<int>(a)))))
        reason = whyNoSeed(static_cast<int>(a));
    if (reason.empty())
      reason = why;
    if (!reason.empty()) {
      out.gaps.push_back("no gather loop for " + n + ": " + reason + "; reduction instead");
      continue;
    }
    GatherLoop g;
    GatherBody body = [this](const std::vector<int> &group, const Iterators &its) {
      return gatherBody(group, its);
    };
    if (buildGatherLoop(loop_, k, body, g, reason))
      out.loops[k] = std::move(g);
    else
      out.gaps.push_back("no gather loop for " + n + ": " + reason + "; reduction instead");
  }
  return out;
}

/// The contributions of one group of reads (Gather.h: one element map over
/// the same instances) at one statement instance. Where every read's
/// statement has a seed (seedOf_): the reverse rules of those statements with
/// every increment but the group's left out and no reset (the loop after the
/// gather loops resets the adjoints it reads); otherwise the iteration's
/// sweeps focused on the group (gatherIteration). A group of several reads
/// sums its partials in a temporary and increments the element once (the
/// reads of one instance read the same element; the serial adjoint adds the
/// same partials one by one, a reassociation within --verify's tolerance, and
/// the order is fixed, so the result does not depend on the thread count).
std::vector<std::string> GatherPlanner::gatherBody(const std::vector<int> &group,
                                                   const Iterators &its) const {
  std::vector<std::string> head;
  if (group.size() > 1) {
    std::string list;
    for (size_t k = 0; k < group.size();) {
      size_t e = k;
      while (e < group.size() && loop_.accesses[group[e]].text == loop_.accesses[group[k]].text)
        ++e;
      std::string text = loop_.accesses[group[k]].text;
      if (text.find("*/") != std::string::npos)
        text = "...";
      list += (list.empty() ? "" : ", ") + text + (e - k > 1 ? " x" + std::to_string(e - k) : "");
      k = e;
    }
    head.push_back("/* one statement for the reads " + list + " */");
  }
  bool seeds = std::all_of(group.begin(), group.end(), [&](int a) {
    return statementOf_.count(a) && seedOf_.count(statementOf_.at(a));
  });
  if (!seeds) {
    std::vector<std::string> body = gatherIteration(group, its);
    head.insert(head.end(), body.begin(), body.end());
    return head;
  }
  CodeWriter w;
  for (const std::string &l : head)
    w.line(l);
  for (const auto &[name, value] : its)
    w.line("const long " + cIdentifier(name) + " = " + value + ";");
  std::set<int> inGroup(group.begin(), group.end());
  std::vector<int> statements; // the group's statements, in order of its reads
  for (int a : group)
    if (std::find(statements.begin(), statements.end(), statementOf_.at(a)) == statements.end())
      statements.push_back(statementOf_.at(a));
  const std::string sum = group.size() > 1 ? body_.generated().sum : "";
  ExprContext first = body_.exprContext(loop_.statements[statements.front()].range.line);
  if (!sum.empty())
    w.line(body_.variable(loop_.accesses[group.front()].variable).type + " " + sum + " = 0;");
  unsigned temps = 0;
  for (int s : statements) {
    const Statement &st = loop_.statements[s];
    ExprContext ctx = body_.exprContext(st.range.line);
    ctx.temporaries = &temps;
    ctx.skip = [&inGroup](int a) { return !inGroup.count(a); };
    if (!sum.empty())
      ctx.adjoint = [&inGroup, sum, adjoint = ctx.adjoint](int a) {
        return inGroup.count(a) ? sum : adjoint(a);
      };
    ctx.real = lhsCode(st).type;
    std::string t = ctx.temporary + std::to_string(s == statements.front() ? 0 : ++temps);
    w.line("const " + ctx.real + " " + t + " = " + seedOf_.at(s) + ";");
    reverseExpr(st.rhs, t, ctx, w);
  }
  if (!sum.empty())
    w.line(first.adjoint(group.front()) + " += " + sum + ";");
  return w.lines();
}

/// The statements whose reverse rules a gather statement of a read in
/// statement `statement` runs: that statement, then (fixpoint) those that
/// read or write a local whose adjoint a chosen statement reads (the locals
/// they assign included).
std::set<int> GatherPlanner::focusStatements(int statement) const {
  std::set<int> chosen = {statement}, locals;
  for (bool changed = true; changed;) {
    changed = false;
    for (int k : chosen)
      if (lhsCode(loop_.statements[k]).role == VariableRole::Local)
        changed |= locals.insert(body_.lhsVariable(loop_.statements[k])).second;
    for (size_t k = 0; k < loop_.statements.size(); ++k) {
      std::set<int> r;
      body_.readVariables(loop_.statements[k].rhs, r);
      r.insert(body_.lhsVariable(loop_.statements[k]));
      if (std::any_of(r.begin(), r.end(), [&](int v) { return locals.count(v) > 0; }))
        changed |= chosen.insert(static_cast<int>(k)).second;
    }
  }
  return chosen;
}

/// The contribution of a read whose seed is the adjoint of a general local
/// (or of an expression mixing locals) at one iteration: that iteration's
/// locals, recomputed by the forward sweep (only the values its reverse sweep
/// reads, the tape where they are overwritten), then its reverse sweep
/// focused on the read (ReverseFocus), all in statement-local temporaries.
std::vector<std::string> GatherPlanner::gatherIteration(const std::vector<int> &group,
                                                        const Iterators &its) const {
  CodeWriter w;
  for (const auto &[name, value] : its)
    w.line("const long " + cIdentifier(name) + " = " + value + ";");
  body_.declareLocals(w, Mode::Adjoint);
  if (sweeps_.usesTape())
    w.line("al_tape " + body_.generated().tape + " = {0, 0, 0};");
  if (sweeps_.hasForwardSweep())
    sweeps_.writeForwardSweep(w);
  ReverseFocus focus;
  focus.accesses.insert(group.begin(), group.end());
  for (int a : group) {
    std::set<int> more = focusStatements(statementOf_.at(a));
    focus.statements.insert(more.begin(), more.end());
  }
  if (group.size() > 1) { // the group's partials summed, one increment
    focus.sum = body_.generated().sum;
    w.line(body_.variable(loop_.accesses[group.front()].variable).type + " " + focus.sum + " = 0;");
  }
  unsigned temps = 0;
  sweeps_.writeReverseSweep(w, {}, &temps, &focus);
  if (!focus.sum.empty()) {
    ExprContext c = body_.exprContext(loop_.statements[statementOf_.at(group.front())].range.line);
    w.line(c.adjoint(group.front()) + " += " + focus.sum + ";");
  }
  if (sweeps_.usesTape())
    w.line("free(" + body_.generated().tape + ".data);");
  return w.lines();
}

} // namespace

GatherPlan planGathers(const Sweeps &sweeps, const model::LoopVerdicts &verdicts) {
  return GatherPlanner(sweeps, verdicts).plan();
}

} // namespace adjoint_lint::codegen
