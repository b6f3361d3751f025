#include "polyhedral/Smt.h"

#include "model/Evaluate.h"
#include "support/OutputFile.h"

#include <sstream>

namespace adjoint_lint::polyhedral::smt {

using model::Condition;
using model::IndexExpr;
using model::LoopHeader;
using model::Witness;

namespace {

std::optional<int64_t> numeral(const z3::expr &e) {
  int64_t v = 0;
  if (e.is_numeral_i64(v))
    return v;
  return std::nullopt;
}

} // namespace

Encoder::Encoder(z3::context &ctx, const model::LoopModel &loop)
    : ctx_(ctx), loop_(loop), valueConditions_(valueConditions(loop)) {}

void Encoder::addFact(const z3::expr &fact, const std::string &text) { facts_.emplace_back(fact, text); }

z3::expr Encoder::parameter(const std::string &name) {
  auto it = params_.find(name);
  if (it != params_.end())
    return it->second;
  z3::expr p = ctx_.int_const(name.c_str());
  params_.emplace(name, p);
  return p;
}

z3::expr Encoder::fresh(const std::string &hint) {
  return ctx_.int_const(("?" + hint + "!" + std::to_string(fresh_++)).c_str());
}

z3::expr Encoder::truncDiv(const z3::expr &a, const z3::expr &b) {
  z3::context &c = a.ctx();
  z3::expr zero = c.int_val(0);
  z3::expr absB = z3::ite(b >= zero, b, -b);
  z3::expr q = z3::ite(a >= zero, a / absB, -((-a) / absB));
  if (auto v = numeral(b))
    return *v < 0 ? -q : q;
  return z3::ite(b >= zero, q, -q);
}

z3::expr Encoder::truncRem(const z3::expr &a, const z3::expr &b) { return a - b * truncDiv(a, b); }

std::optional<z3::expr> Encoder::term(const IndexExpr &e, const Env &env, std::string &why) {
  using K = IndexExpr::Kind;
  switch (e.kind) {
  case K::Const:
    return ctx_.int_val(static_cast<int64_t>(e.value));
  case K::Var: {
    auto it = env.find(e.name);
    if (it != env.end())
      return it->second;
    if (hook_)
      if (auto t = hook_(e, env, *this))
        return t;
    note(why, "not encodable: '" + e.name + "' is neither an iterator nor a parameter");
    return std::nullopt;
  }
  case K::Neg: {
    auto a = term(e.ops.at(0), env, why);
    return a ? std::optional<z3::expr>(-*a) : std::nullopt;
  }
  case K::Add:
  case K::Sub:
  case K::Mul:
  case K::Div:
  case K::Mod:
  case K::Min:
  case K::Max: {
    auto a = term(e.ops.at(0), env, why);
    auto b = term(e.ops.at(1), env, why);
    if (!a || !b)
      return std::nullopt;
    switch (e.kind) {
    case K::Add: return *a + *b;
    case K::Sub: return *a - *b;
    case K::Mul: return *a * *b;
    case K::Div: return truncDiv(*a, *b);
    case K::Mod: return truncRem(*a, *b);
    case K::Min: return z3::ite(*a <= *b, *a, *b);
    case K::Max: return z3::ite(*a >= *b, *a, *b);
    default: break;
    }
    return std::nullopt;
  }
  case K::Opaque:
  default:
    break;
  }
  if (hook_)
    if (auto t = hook_(e, env, *this))
      return t;
  note(why, e.kind == K::Opaque ? opaquePhrase(e, DataDependence::Brief) : "not encodable (" + e.str() + ")");
  return std::nullopt;
}

std::optional<z3::expr> Encoder::condition(const Condition &c, const Env &env, std::string &why) {
  switch (c.kind) {
  case Condition::Kind::True:
    return ctx_.bool_val(true);
  case Condition::Kind::Opaque:
    note(why, "the condition " + (c.text.empty() ? std::string("?") : c.text) + " is " +
                  opaquePhrase(c, DataDependence::Brief));
    return std::nullopt;
  case Condition::Kind::Cmp: {
    std::string w;
    auto a = term(c.operands.at(0), env, w), b = term(c.operands.at(1), env, w);
    if (a && b)
      return model::compare(c.op, *a, *b);
    note(why, "the condition " + c.str() + " is " + w);
    return std::nullopt;
  }
  case Condition::Kind::Not: {
    auto a = condition(c.children.at(0), env, why);
    return a ? std::optional<z3::expr>(!*a) : std::nullopt;
  }
  case Condition::Kind::And:
  case Condition::Kind::Or: {
    z3::expr_vector parts(ctx_);
    for (const Condition &k : c.children) {
      auto a = condition(k, env, why);
      if (!a)
        return std::nullopt;
      parts.push_back(*a);
    }
    if (parts.empty())
      return ctx_.bool_val(c.kind == Condition::Kind::And);
    return c.kind == Condition::Kind::And ? z3::mk_and(parts) : z3::mk_or(parts);
  }
  }
  return ctx_.bool_val(true);
}

z3::expr Encoder::loopHeader(const LoopHeader &h, const z3::expr &it, const Env &env, std::string &why) {
  z3::expr s = ctx_.bool_val(true);
  std::string startWhy, boundWhy;
  std::optional<z3::expr> lower = term(h.lower, env, startWhy);
  if (lower) {
    s = s && (h.step > 0 ? it >= *lower : it <= *lower);
    int64_t stride = h.step > 0 ? h.step : -h.step;
    if (stride > 1)
      s = s && z3::mod(it - *lower, ctx_.int_val(stride)) == 0;
  }
  std::optional<z3::expr> bound = term(h.bound, env, boundWhy);
  if (bound)
    s = s && model::compare(h.op, it, *bound);
  noteLoopHeader(why, h, lower ? std::nullopt : std::optional(startWhy), bound ? std::nullopt : std::optional(boundWhy));
  return s;
}

Instance Encoder::instance(int k, const std::string &side) {
  const model::Access &acc = loop_.accesses.at(static_cast<size_t>(k));
  Instance in(ctx_);
  in.access = k;
  in.side = side;
  for (const std::string &p : loop_.parameters)
    in.env.insert_or_assign(p, parameter(p));
  std::string why;
  z3::expr dom = ctx_.bool_val(true);
  for (const LoopHeader &h : loop_.iterators) {
    z3::expr it = ctx_.int_const((h.iterator + "!" + side).c_str());
    in.env.insert_or_assign(h.iterator, it);
    in.parallel.push_back(h.iterator);
  }
  for (const LoopHeader &h : loop_.iterators)
    dom = dom && loopHeader(h, in.env.at(h.iterator), in.env, why);
  for (int s : loop_.scopeChain(acc.scope)) {
    const model::Scope &scope = loop_.scopes.at(static_cast<size_t>(s));
    if (scope.kind == model::Scope::Kind::Loop) {
      z3::expr it = ctx_.int_const((scope.loop.iterator + "!" + side + "!" + std::to_string(k)).c_str());
      in.env.insert_or_assign(scope.loop.iterator, it);
      in.inner.push_back(scope.loop.iterator);
      dom = dom && loopHeader(scope.loop, it, in.env, why);
    } else if (auto g = condition(scope.guard, in.env, why)) {
      dom = dom && *g;
    }
  }
  for (const auto &[c, taken] : valueConditions_[static_cast<size_t>(k)])
    if (auto g = condition(c, in.env, why))
      dom = dom && (taken ? *g : !*g);
  in.domain = dom;
  if (!why.empty()) {
    in.exactDomain = false;
    in.inexactReason = why;
  }
  return in;
}

std::vector<z3::expr> Encoder::subscripts(Instance &in) {
  const model::Access &acc = loop_.accesses.at(static_cast<size_t>(in.access));
  std::vector<z3::expr> out;
  for (const IndexExpr &e : acc.subscripts) {
    std::string why;
    if (auto t = term(e, in.env, why)) {
      out.push_back(*t);
    } else {
      out.push_back(fresh("subscript"));
      if (in.exactSubscripts) {
        in.exactSubscripts = false;
        if (in.inexactReason.empty())
          in.inexactReason = "its subscript " + e.str() + " is " + why;
      }
    }
  }
  return out;
}

std::optional<std::vector<z3::expr>> Encoder::element(Instance &in, std::string &why) {
  const model::Access &acc = loop_.accesses.at(static_cast<size_t>(in.access));
  const model::Variable &var = loop_.variables.at(static_cast<size_t>(acc.variable));
  if (var.rank == 0)
    return std::vector<z3::expr>{};
  if (acc.subscripts.size() != var.rank) {
    note(why, acc.text + " has " + std::to_string(acc.subscripts.size()) + " subscript(s) for a rank-" +
                  std::to_string(var.rank) + " variable");
    return std::nullopt;
  }
  std::vector<z3::expr> subs = subscripts(in);
  if (var.rank == 1 || var.separateRows)
    return subs;
  // Row-major memory offset: a[i][N] is a[i + 1][0].
  z3::expr offset = subs[0];
  for (size_t d = 1; d < var.rank; ++d) {
    const std::optional<IndexExpr> &extent = d < var.extents.size() ? var.extents[d] : std::nullopt;
    std::string w;
    std::optional<z3::expr> n = extent ? term(*extent, in.env, w) : std::nullopt;
    if (!n) {
      note(why, "the rows of " + var.name + " have no known length");
      return std::nullopt;
    }
    offset = offset * *n + subs[d];
  }
  return std::vector<z3::expr>{offset};
}

z3::expr Encoder::differentIterations(const Instance &a, const Instance &b) const {
  z3::expr_vector parts(ctx_);
  for (const std::string &it : a.parallel)
    parts.push_back(a.env.at(it) != b.env.at(it));
  return parts.empty() ? ctx_.bool_val(false) : z3::mk_or(parts);
}

z3::solver Encoder::newQuery(bool fast) {
  // The plain SMT core: Z3's default solver costs tens of milliseconds per
  // check in setup (it probes for incremental use); the `smt` tactic's
  // solver answers these small queries in well under one.
  z3::solver s = fast ? z3::tactic(ctx_, "smt").mk_solver() : z3::solver(ctx_);
  for (const auto &[fact, text] : facts_)
    s.add(fact);
  return s;
}

Witness Encoder::witness(const z3::model &m, Instance &a, Instance &b) {
  auto value = [&m](const z3::expr &e) -> int64_t {
    int64_t v = 0;
    z3::expr r = m.eval(e, true);
    return r.is_numeral_i64(v) ? v : 0;
  };
  Witness w;
  w.firstAccess = a.access;
  w.secondAccess = b.access;
  for (const std::string &p : loop_.parameters)
    w.parameters[p] = value(parameter(p));
  for (Instance *in : {&a, &b}) {
    std::map<std::string, int64_t> iter, inner;
    for (const std::string &it : in->parallel)
      iter[it] = value(in->env.at(it));
    for (const std::string &it : in->inner)
      inner[it] = value(in->env.at(it));
    w.iterations.push_back(iter);
    w.inner.push_back(inner);
  }
  for (const z3::expr &s : subscripts(a))
    w.element.push_back(value(s));
  return w;
}

// ---------------------------------------------------------------------------

z3::context &threadContext() {
  thread_local z3::context ctx;
  return ctx;
}

std::string smtLib2(z3::solver &solver, const std::string &header) {
  std::ostringstream os;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);)
    os << "; " << line << "\n";
  os << solver.to_smt2();
  return os.str();
}

Session::Session(z3::context &ctx, Budget budget, std::string dumpDir, std::string loopKey)
    : ctx_(ctx), budget_(budget), dumpDir_(std::move(dumpDir)), loopKey_(std::move(loopKey)),
      start_(std::chrono::steady_clock::now()) {}

void Session::dump(z3::solver &solver, const std::string &question, const std::string &status) {
  if (dumpDir_.empty())
    return;
  std::string base = fileSafe(loopKey_) + "." + fileSafe(question);
  unsigned n = names_[base]++;
  std::string path = dumpDir_ + "/" + base + (n ? "." + std::to_string(n) : "") + ".smt2";
  std::string text;
  try {
    text = smtLib2(solver, "adjoint-lint query: loop " + loopKey_ + ", " + question + "\nanswer: " + status);
  } catch (const z3::exception &e) {
    text = "; adjoint-lint query: loop " + loopKey_ + ", " + question + "\n; Z3 could not print it: " + e.msg() + "\n";
  }
  std::string error;
  if (!support::writeFileAtomically(path, text, error))
    dumpErrors_.push_back(error);
}

Session::Result Session::check(z3::solver &solver, const std::string &question, const z3::params *extra) {
  Result r;
  SolverOutcome outcome;
  auto elapsedMs = [this] {
    return static_cast<unsigned long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_).count());
  };
  bool spentR = budget_.rlimit && rlimitUsed_ >= budget_.rlimit;
  bool spentT = budget_.timeoutMs && elapsedMs() >= budget_.timeoutMs;
  if (spentR || spentT) {
    outcome = budgetSpent(spentR);
  } else {
    try {
      z3::params p(ctx_);
      if (budget_.rlimit)
        p.set("rlimit", static_cast<unsigned>(budget_.rlimit - rlimitUsed_));
      if (budget_.timeoutMs)
        p.set("timeout", static_cast<unsigned>(budget_.timeoutMs - elapsedMs()));
      solver.set(p);
      if (extra)
        solver.set(*extra);
      z3::check_result res = solver.check();
      outcome.status = res == z3::unsat ? SolverOutcome::Status::Unsat
                       : res == z3::sat ? SolverOutcome::Status::Sat
                                        : SolverOutcome::Status::Unknown;
      if (res == z3::unknown) {
        outcome.detail = solver.reason_unknown();
        // A tactic's solver says "canceled" for either budget: the clock
        // tells which one ran out.
        if (outcome.detail == "canceled" && budget_.rlimit &&
            (!budget_.timeoutMs || elapsedMs() < budget_.timeoutMs))
          outcome.detail = "max. resource limit exceeded (canceled)";
      }
      z3::stats st = solver.statistics();
      for (unsigned i = 0; i < st.size(); ++i)
        if (st.key(i) == "rlimit count" && st.is_uint(i))
          rlimitUsed_ += st.uint_value(i);
      if (res == z3::sat)
        r.model = solver.get_model();
    } catch (const z3::exception &e) {
      outcome.status = SolverOutcome::Status::Error;
      outcome.detail = e.msg();
      r.model.reset();
    }
  }
  r.interpretation = interpret(outcome, budget_);
  const char *status = r.interpretation.answer == Answer::Proved    ? "unsat"
                       : r.interpretation.answer == Answer::Refuted ? "sat"
                                                                    : "unknown";
  dump(solver, question,
       std::string(status) + (r.interpretation.reason.empty() ? "" : " (" + r.interpretation.reason + ")"));
  return r;
}

} // namespace adjoint_lint::polyhedral::smt
