// Z3 deciders for index arrays and products (IndexArrays.h).
//
// One query per pair of accesses (a, b) of a variable:
//
//   dom_a(p, j) ∧ dom_b(q, k) ∧ elem_a(p, j) = elem_b(q, k) ∧ p ≠ q ∧ facts
//
// where p and q are the parallel iterations, j and k the inner iterations,
// dom the loop headers, guards and branch conditions, elem the element in
// memory identity (the subscript; the linear offset for rows of known
// extent; the tuple for separate rows). An index array A of rank r is an
// uninterpreted function Int^r -> Int whose values lie in A's element type.
// A fact is instantiated at the terms A(t) of the query (injective: t1 ≠ t2
// -> A(t1) ≠ A(t2); nondecreasing: t1 <= t2 -> A(t1) <= A(t2)), which is
// sound (a weakening of the universal fact) and, on these fragments,
// complete. Each fact sits behind a literal passed to check(), so the unsat
// core names the facts a proof used.
#include "polyhedral/IndexArrays.h"

#include "polyhedral/Polynomial.h"
#include "polyhedral/Questions.h"
#include "polyhedral/Smt.h"
#include "polyhedral/Strategy.h"

#include <z3++.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace adjoint_lint::polyhedral {

using model::Access;
using model::AccessKind;
using model::Condition;
using model::ContradictedFact;
using model::DecidedBy;
using model::Fact;
using model::IndexExpr;
using model::LoopHeader;
using model::LoopModel;
using model::LoopVerdicts;
using model::PropertyResult;
using model::Sharing;
using model::Sync;
using model::Variable;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;
using model::accessText;

namespace {

/// The range of an integer element type named as the model names it, if known.
std::optional<std::pair<int64_t, int64_t>> typeRange(const std::string &type) {
  static const std::map<std::string, std::pair<int64_t, int64_t>> ranges = {
      {"char", {-128, 127}},
      {"signed char", {-128, 127}},
      {"unsigned char", {0, 255}},
      {"short", {-32768, 32767}},
      {"unsigned short", {0, 65535}},
      {"int", {-2147483648LL, 2147483647LL}},
      {"unsigned int", {0, 4294967295LL}},
      {"int32_t", {-2147483648LL, 2147483647LL}},
      {"uint32_t", {0, 4294967295LL}},
      {"long", {INT64_MIN, INT64_MAX}},
      {"long long", {INT64_MIN, INT64_MAX}},
      {"int64_t", {INT64_MIN, INT64_MAX}},
      {"ptrdiff_t", {INT64_MIN, INT64_MAX}},
  };
  // 64-bit unsigned types are left unbounded: their range does not fit.
  auto it = ranges.find(type);
  if (it == ranges.end())
    return std::nullopt;
  return it->second;
}

/// One element of an index array in a query: A(args) = value.
struct Term {
  std::string array;
  std::vector<z3::expr> args;
  z3::expr value;
};

std::string describe(const LoopModel &loop, int k) {
  return accessText(loop, k) + " (" + toString(loop.accesses.at(static_cast<size_t>(k)).kind) + ")";
}

std::optional<int64_t> valueOf(const z3::expr &e) {
  int64_t v = 0;
  if (e.is_numeral_i64(v))
    return v;
  return std::nullopt;
}

/// What one query found.
struct QueryResult {
  enum class Kind { Unsat, Sat, Unknown } kind = Kind::Unknown;
  std::string reason;                 ///< Unknown: why; Sat: the inexact parts, if any
  std::vector<int> factsUsed;         ///< Unsat: indices into the query's facts
  std::optional<Witness> witness;     ///< Sat
  bool dependsOnArrays = false;       ///< Sat: the query reads index arrays
};

/// A fact of the query: a declared model::Fact or a derived one.
struct QueryFact {
  std::string text;
  int declared = -1; ///< index into LoopModel::facts, -1 for a derived fact
};

/// Z3's unknown keeps the isl stage's cause when it names none of its own.
PropertyResult keepCause(const PropertyResult &isl, PropertyResult z3) {
  if (z3.verdict == Verdict::Unknown) {
    if (z3.causeAccess < 0)
      z3.causeAccess = isl.causeAccess;
    z3.proof.clear();
  }
  return z3;
}

std::string commaList(const std::vector<std::string> &items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? (i + 1 == items.size() ? " and " : ", ") : "") + items[i];
  return out;
}

/// The strategy facts of an active array whose exclusive read Z3 decided.
StrategyFacts strategyFacts(const VariableVerdicts &vv) {
  StrategyFacts facts;
  facts.active = vv.active;
  facts.exclusiveReadByZ3 = true;
  facts.exclusiveRead = vv.exclusiveRead.verdict;
  facts.exclusiveReadReason = vv.exclusiveRead.reason;
  return facts;
}

class IndexArrayDecider {
public:
  IndexArrayDecider(const LoopModel &loop, LoopVerdicts &out, IndexArrayPass pass,
                    const IndexArrayOptions &options)
      : loop_(loop), out_(out), pass_(pass), options_(options) {}

  void run();

private:
  const LoopModel &loop_;
  LoopVerdicts &out_;
  IndexArrayPass pass_;
  const IndexArrayOptions &options_;
  /// Made on the first query: most loops need none (a Z3 context costs).
  std::unique_ptr<z3::context> ctx_;
  std::unique_ptr<smt::Session> session_;
  z3::context &ctx();
  smt::Session &session();
  std::map<std::string, bool> used_; ///< the facts proofs used, by text: derived (not declared)?

  bool refinable(const VariableVerdicts &vv) const;
  /// Index arrays as uninterpreted functions; every read lands in `terms`.
  smt::Encoder::TermHook arrayHook(std::vector<Term> &terms) const;
  bool readOnly(const std::string &array) const;
  std::vector<int> derivingWrites() const;
  QueryResult query(int a, int b, const std::string &question, std::vector<QueryFact> &facts);
  PropertyResult decidePairs(int v, const std::vector<std::pair<int, int>> &pairs, const std::string &what,
                             const std::string &question);
  void checkContradictions();
};

/// Index-array reads and products of two non-constants: what this stage
/// adds to isl's fragment. (Divisions by a non-constant stay unknown.)
bool beyondIsl(const IndexExpr &e) {
  if (e.kind == IndexExpr::Kind::ArrayRead)
    return true;
  if (e.kind == IndexExpr::Kind::Mul && !foldConstant(e.ops.at(0)) && !foldConstant(e.ops.at(1)))
    return true;
  return std::any_of(e.ops.begin(), e.ops.end(), beyondIsl);
}

bool beyondIsl(const Condition &c) {
  return std::any_of(c.operands.begin(), c.operands.end(), [](const IndexExpr &e) { return beyondIsl(e); }) ||
         std::any_of(c.children.begin(), c.children.end(), [](const Condition &k) { return beyondIsl(k); });
}

bool beyondIsl(const LoopHeader &h) { return beyondIsl(h.lower) || beyondIsl(h.bound); }

/// Z3 re-decides a variable's open verdicts only where an access of it (its
/// subscripts, loop headers or guards) goes beyond isl's fragment; other
/// unknowns (opaque parts, rows of unknown length) keep isl's reason.
bool IndexArrayDecider::refinable(const VariableVerdicts &vv) const {
  const Variable &var = loop_.variables.at(static_cast<size_t>(vv.variable));
  if (decidedByClauses(var))
    return false;
  for (const model::Unsupported &u : loop_.unsupported)
    if (u.variable == -1 || u.variable == vv.variable)
      return false;
  bool beyond = std::any_of(loop_.iterators.begin(), loop_.iterators.end(),
                            [](const LoopHeader &h) { return beyondIsl(h); });
  for (int k : accessesOf(loop_, vv.variable)) {
    const Access &a = loop_.accesses[static_cast<size_t>(k)];
    for (const IndexExpr &e : a.subscripts)
      beyond = beyond || beyondIsl(e);
    for (int s : loop_.scopeChain(a.scope)) {
      const model::Scope &sc = loop_.scopes[static_cast<size_t>(s)];
      beyond = beyond || (sc.kind == model::Scope::Kind::Loop ? beyondIsl(sc.loop) : beyondIsl(sc.guard));
    }
  }
  return beyond;
}

z3::context &IndexArrayDecider::ctx() {
  if (!ctx_)
    ctx_ = std::make_unique<z3::context>();
  return *ctx_;
}

smt::Session &IndexArrayDecider::session() {
  if (!session_)
    session_ = std::make_unique<smt::Session>(
        ctx(), smt::Budget{options_.rlimit, options_.timeoutMs}, options_.dumpSmt2Dir,
        (loop_.id.empty() ? std::string("loop") : loop_.id) +
            (pass_ == IndexArrayPass::ForwardRaces ? ".index-arrays-races" : ".index-arrays-reads"));
  return *session_;
}

bool IndexArrayDecider::readOnly(const std::string &array) const {
  int v = loop_.findVariable(array);
  if (v < 0)
    return true; // read only, in a hand-written model
  const Variable &var = loop_.variables[static_cast<size_t>(v)];
  if (var.sharing != Sharing::Shared && var.sharing != Sharing::FirstPrivate)
    return false;
  for (const Access &a : loop_.accesses)
    if (a.variable == v && a.kind == AccessKind::Write)
      return false;
  for (const model::Unsupported &u : loop_.unsupported)
    if (u.variable == v)
      return false;
  return true;
}

smt::Encoder::TermHook IndexArrayDecider::arrayHook(std::vector<Term> &terms) const {
  return [this, &terms](const IndexExpr &e, const smt::Env &env, smt::Encoder &enc) -> std::optional<z3::expr> {
    // A written array's elements change while the loop runs: no function.
    if (e.kind != IndexExpr::Kind::ArrayRead || !readOnly(e.name))
      return std::nullopt;
    z3::context &c = enc.ctx();
    z3::expr_vector args(c);
    std::vector<z3::expr> argList;
    z3::sort_vector domain(c);
    for (const IndexExpr &o : e.ops) {
      std::string why;
      std::optional<z3::expr> t = enc.term(o, env, why);
      if (!t)
        return std::nullopt;
      args.push_back(*t);
      argList.push_back(*t);
      domain.push_back(c.int_sort());
    }
    z3::func_decl f = c.function((e.name + "[]").c_str(), domain, c.int_sort());
    z3::expr value = f(args);
    terms.push_back(Term{e.name, argList, value});
    return value;
  };
}

/// Writes whose race freedom implies a fact about an index array: without
/// synchronisation, directly in the parallel body (guards allowed, no
/// inner loop), to a shared variable, with a subscript that reads one.
std::vector<int> IndexArrayDecider::derivingWrites() const {
  std::vector<int> out;
  for (size_t k = 0; k < loop_.accesses.size(); ++k) {
    const Access &w = loop_.accesses[k];
    if (w.kind != AccessKind::Write || w.sync != Sync::None)
      continue;
    const Variable &var = loop_.variables.at(static_cast<size_t>(w.variable));
    if (var.sharing != Sharing::Shared || var.rank == 0)
      continue;
    bool inner = false;
    for (int s : loop_.scopeChain(w.scope))
      inner = inner || loop_.scopes[static_cast<size_t>(s)].kind == model::Scope::Kind::Loop;
    bool reads = false;
    for (const IndexExpr &e : w.subscripts)
      reads = reads || e.readsArray();
    if (!inner && reads)
      out.push_back(static_cast<int>(k));
  }
  return out;
}

QueryResult IndexArrayDecider::query(int a, int b, const std::string &question, std::vector<QueryFact> &facts) {
  QueryResult r;
  try {
    z3::context &c = ctx();
    std::vector<Term> terms;
    smt::Encoder enc(c, loop_);
    enc.setTermHook(arrayHook(terms));
    smt::Instance ia = enc.instance(a, "p"), ib = enc.instance(b, "q");
    std::string why;
    auto ea = enc.element(ia, why), eb = enc.element(ib, why);
    if (!ea || !eb) {
      r.reason = why;
      return r;
    }
    // Z3's default solver, not Encoder::newQuery's `smt` tactic solver: the
    // tactic's solver reports no unsat core, and the core is how the facts
    // a proof used get listed.
    z3::solver s(c);
    for (const auto &[fact, text] : enc.facts())
      s.add(fact);
    s.add(ia.domain && ib.domain && enc.differentIterations(ia, ib));
    for (size_t d = 0; d < ea->size(); ++d)
      s.add((*ea)[d] == (*eb)[d]);

    // Each fact is a tracked assertion: the unsat core names those a proof used.
    std::vector<std::string> tracked;
    size_t firstFact = facts.size();
    std::vector<std::pair<z3::expr, std::string>> pending;
    auto track = [&](const std::string &text, int declared, const z3::expr &formula) {
      pending.emplace_back(formula, "fact!" + std::to_string(tracked.size()));
      tracked.push_back(pending.back().second);
      facts.push_back({text, declared});
    };
    // Derived facts first: they add terms that declared facts then cover.
    if (pass_ == IndexArrayPass::ExclusiveReads && out_.forwardRace.verdict != Verdict::Violated)
      for (int w : derivingWrites()) {
        // The write's instances at this query's two iterations (the
        // parallel iterators of a side are shared by its instances).
        smt::Instance wp = enc.instance(w, "p"), wq = enc.instance(w, "q");
        std::string ignored;
        auto ep = enc.element(wp, ignored), eq = enc.element(wq, ignored);
        if (!ep || !eq || !wp.must() || !wq.must())
          continue;
        z3::expr apart = c.bool_val(false);
        for (size_t d = 0; d < ep->size(); ++d)
          apart = apart || (*ep)[d] != (*eq)[d];
        const Access &acc = loop_.accesses[static_cast<size_t>(w)];
        std::vector<std::string> arrays;
        for (const IndexExpr &e : acc.subscripts)
          for (const std::string &n : e.arraysRead())
            if (std::find(arrays.begin(), arrays.end(), n) == arrays.end())
              arrays.push_back(n);
        std::string text = "derived: " + commaList(arrays) + " take" + (arrays.size() == 1 ? "s" : "") +
                           " values that make the forward write " + accessText(loop_, w) + " (line " +
                           std::to_string(acc.range.line) +
                           ") touch different elements in different iterations; the forward loop is "
                           "race-free only then, as OpenMP requires. Used for adjoint verdicts only, never "
                           "for the race verdict";
        track(text, -1, z3::implies(wp.domain && wq.domain && enc.differentIterations(wp, wq), apart));
      }
    // Index-array values lie in their element type's range.
    for (const Term &t : terms) {
      int v = loop_.findVariable(t.array);
      if (v >= 0)
        if (auto range = typeRange(loop_.variables[static_cast<size_t>(v)].elementType))
          s.add(t.value >= c.int_val(range->first) && t.value <= c.int_val(range->second));
    }
    // Declared facts, instantiated at the terms.
    for (size_t f = 0; f < loop_.facts.size(); ++f) {
      const Fact &fact = loop_.facts[f];
      // A contradicted fact proves anything: it takes part in no proof.
      if (std::any_of(out_.contradicted.begin(), out_.contradicted.end(),
                      [f](const ContradictedFact &c) { return c.index == static_cast<int>(f); }))
        continue;
      z3::expr_vector instances(c);
      if (fact.kind == Fact::Kind::Condition) {
        bool relevant = true;
        for (const std::string &n : fact.names())
          relevant = relevant && (std::find(loop_.parameters.begin(), loop_.parameters.end(), n) !=
                                      loop_.parameters.end() ||
                                  loop_.findVariable(n) >= 0);
        if (!relevant)
          continue;
        smt::Env env;
        for (const std::string &p : loop_.parameters)
          env.insert_or_assign(p, enc.parameter(p));
        std::string w;
        std::optional<z3::expr> formula = enc.condition(fact.condition, env, w);
        if (!formula)
          continue;
        instances.push_back(*formula);
      } else {
        std::vector<const Term *> ts;
        for (const Term &t : terms)
          if (std::find(fact.arrays.begin(), fact.arrays.end(), t.array) != fact.arrays.end())
            ts.push_back(&t);
        for (size_t x = 0; x < ts.size(); ++x)
          for (size_t y = 0; y < ts.size(); ++y) {
            if (x == y)
              continue;
            if (fact.kind == Fact::Kind::Injective) {
              // Elements of one array at different subscripts, or of two
              // different arrays, hold different values.
              if (y < x)
                continue;
              if (ts[x]->array != ts[y]->array) {
                instances.push_back(ts[x]->value != ts[y]->value);
                continue;
              }
              if (ts[x]->args.size() != ts[y]->args.size())
                continue;
              z3::expr differArgs = c.bool_val(false);
              for (size_t d = 0; d < ts[x]->args.size(); ++d)
                differArgs = differArgs || ts[x]->args[d] != ts[y]->args[d];
              instances.push_back(z3::implies(differArgs, ts[x]->value != ts[y]->value));
            } else if (ts[x]->args.size() == 1 && ts[y]->args.size() == 1) {
              const z3::expr &i = ts[x]->args[0], &j = ts[y]->args[0];
              instances.push_back(fact.kind == Fact::Kind::NonDecreasing
                                      ? z3::implies(i <= j, ts[x]->value <= ts[y]->value)
                                      : z3::implies(i < j, ts[x]->value < ts[y]->value));
            }
          }
        if (instances.empty())
          continue;
      }
      track(fact.str(), static_cast<int>(f), z3::mk_and(instances));
    }
    for (const auto &[formula, name] : pending)
      s.add(formula, name.c_str());

    smt::Session::Result res = session().check(s, question);
    switch (res.interpretation.answer) {
    case smt::Answer::Proved: {
      r.kind = QueryResult::Kind::Unsat;
      z3::expr_vector core = s.unsat_core();
      for (unsigned i = 0; i < core.size(); ++i) {
        auto it = std::find(tracked.begin(), tracked.end(), core[i].decl().name().str());
        if (it != tracked.end())
          r.factsUsed.push_back(static_cast<int>(firstFact + static_cast<size_t>(it - tracked.begin())));
      }
      return r;
    }
    case smt::Answer::Refuted: {
      r.kind = QueryResult::Kind::Sat;
      r.dependsOnArrays = !terms.empty();
      if (!ia.must())
        r.reason = accessText(loop_, a) + ", because " + ia.inexactReason;
      else if (!ib.must())
        r.reason = accessText(loop_, b) + ", because " + ib.inexactReason;
      z3::model m = *res.model;
      // Prefer a small witness: values boxed, parameters nonnegative.
      s.push();
      auto boxIn = [&](const z3::expr &e, int64_t lo, int64_t hi) {
        s.add(e >= c.int_val(lo) && e <= c.int_val(hi));
      };
      for (const std::string &p : loop_.parameters)
        boxIn(enc.parameter(p), 0, 16);
      for (const smt::Instance *in : {&ia, &ib})
        for (const std::string &it : in->parallel)
          boxIn(in->env.at(it), -16, 64);
      for (const smt::Instance *in : {&ia, &ib})
        for (const std::string &it : in->inner)
          boxIn(in->env.at(it), -16, 64);
      for (const Term &t : terms)
        boxIn(t.value, -16, 64);
      smt::Session::Result small = session().check(s, question + ".small-witness");
      if (small.interpretation.answer == smt::Answer::Refuted && small.model)
        m = *small.model;
      s.pop();
      r.witness = enc.witness(m, ia, ib);
      for (const Term &t : terms) {
        std::string key = t.array;
        for (const z3::expr &x : t.args)
          key += "[" + std::to_string(valueOf(m.eval(x, true)).value_or(0)) + "]";
        r.witness->arrayValues[key] = valueOf(m.eval(t.value, true)).value_or(0);
      }
      return r;
    }
    case smt::Answer::Unknown:
      r.reason = res.interpretation.reason;
      return r;
    }
  } catch (const z3::exception &e) {
    r.kind = QueryResult::Kind::Unknown;
    r.reason = std::string("Z3 failed: ") + e.msg();
  }
  return r;
}

/// "col[38] = col[39] = 0, rowptr[1] = rowptr[2] = 39": grouped by array and value
std::string arrayValuesText(const Witness &w) {
  std::map<std::pair<std::string, int64_t>, std::vector<std::string>> groups;
  for (const auto &[element, value] : w.arrayValues)
    groups[{element.substr(0, element.find('[')), value}].push_back(element);
  std::vector<std::string> parts;
  for (const auto &[key, elements] : groups) {
    std::string p;
    for (const std::string &e : elements)
      p += e + " = ";
    parts.push_back(p + std::to_string(key.second));
  }
  return commaList(parts);
}

PropertyResult IndexArrayDecider::decidePairs(int v, const std::vector<std::pair<int, int>> &pairs,
                                              const std::string &what, const std::string &question) {
  const std::string &name = loop_.variables[static_cast<size_t>(v)].name;
  PropertyResult r;
  r.decidedBy = DecidedBy::Z3;
  std::vector<std::string> proof;
  std::map<std::string, bool> used; // by text: derived?
  std::optional<PropertyResult> open;
  for (const auto &[a, b] : pairs) {
    std::vector<QueryFact> facts;
    QueryResult q = query(a, b, name + "." + question + ".A" + std::to_string(a) + "-A" + std::to_string(b), facts);
    if (q.kind == QueryResult::Kind::Unsat) {
      std::vector<std::string> names;
      for (int f : q.factsUsed) {
        names.push_back(facts[static_cast<size_t>(f)].text);
        used.emplace(facts[static_cast<size_t>(f)].text, facts[static_cast<size_t>(f)].declared < 0);
      }
      std::vector<std::string> shortNames;
      for (int f : q.factsUsed)
        shortNames.push_back(facts[static_cast<size_t>(f)].declared >= 0 ? facts[static_cast<size_t>(f)].text
                                                                          : "the derived fact");
      proof.push_back(describe(loop_, a) + " / " + describe(loop_, b) +
                      ": Z3 finds no two iterations on one element (unsat" +
                      (shortNames.empty() ? std::string() : " using " + commaList(shortNames)) + ")");
      continue;
    }
    if (open)
      continue; // keep the first undecided pair's answer
    PropertyResult u;
    u.decidedBy = DecidedBy::Z3;
    u.causeAccess = -1;
    if (q.kind == QueryResult::Kind::Unknown) {
      u.verdict = Verdict::Unknown;
      u.reason = q.reason;
      open = u;
      continue;
    }
    std::string between = a == b ? accessText(loop_, a) + " in two iterations"
                                 : accessText(loop_, a) + " and " + accessText(loop_, b);
    if (!q.reason.empty()) {
      u.verdict = Verdict::Unknown;
      u.reason = "a conflict between " + between + " is possible only through parts Z3 cannot see: " + q.reason;
      for (int k : {a, b})
        for (const IndexExpr &e : loop_.accesses[static_cast<size_t>(k)].subscripts)
          if (e.isOpaque() && u.causeAccess < 0)
            u.causeAccess = k;
    } else if (q.dependsOnArrays) {
      // The values of index arrays are data the program does not show:
      // the conflict is possible, not certain.
      u.verdict = Verdict::Unknown;
      u.reason = name + " is " + what + " if the index arrays hold such values as " +
                 arrayValuesText(*q.witness) + "; no fact excludes it (declare one with #pragma adjoint_lint "
                 "assume(...), see docs/assumptions.md)";
      u.witness = q.witness;
      for (int k : {a, b})
        for (const IndexExpr &e : loop_.accesses[static_cast<size_t>(k)].subscripts)
          if (e.readsArray() && u.causeAccess < 0)
            u.causeAccess = k;
    } else {
      u.verdict = Verdict::Violated;
      u.reason = name + " is " + what;
      u.witness = q.witness;
    }
    open = u;
  }
  if (open)
    return *open;
  r.verdict = Verdict::Holds;
  r.proof = proof;
  used_.insert(used.begin(), used.end());
  return r;
}

/// A declared condition that no values satisfy (after the front end put
/// in the constants it names) contradicts the program.
void IndexArrayDecider::checkContradictions() {
  for (size_t f = 0; f < loop_.facts.size(); ++f) {
    const Fact &fact = loop_.facts[f];
    // A context fact no values satisfy marks a loop that never runs: no error.
    if (fact.kind != Fact::Kind::Condition || fact.origin == Fact::Origin::Context)
      continue;
    smt::Answer consistency = smt::Answer::Unknown;
    try {
      smt::Encoder enc(ctx(), loop_);
      smt::Env env;
      for (const std::string &p : loop_.parameters)
        env.insert_or_assign(p, enc.parameter(p));
      std::string why;
      std::optional<z3::expr> formula = enc.condition(fact.condition, env, why);
      if (!formula)
        continue; // names the loop does not know: about another loop
      z3::solver s = enc.newQuery();
      s.add(*formula);
      consistency = session().check(s, "fact" + std::to_string(f) + ".consistent").interpretation.answer;
    } catch (const z3::exception &) {
      // Z3 failed building the query (a failure inside the check is already
      // its Unknown): the fact is as undecided as after a check that ran out
      // of budget.
      consistency = smt::Answer::Unknown;
    }
    // Only a proof that no values satisfy it makes a fact an error; an
    // undecided one is used as declared.
    if (consistency != smt::Answer::Proved)
      continue;
    std::string why = fact.names().empty() ? "it is false" : "no values of " + commaList(fact.names()) + " satisfy it";
    if (!fact.written.empty())
      why = "with the constants it names put in, it reads '" + fact.str() + "': " + why;
    out_.contradicted.push_back(
        {fact.written.empty() ? fact.str() : fact.written, fact.origin, why, static_cast<int>(f)});
  }
}

void IndexArrayDecider::run() {
  if (pass_ == IndexArrayPass::ForwardRaces)
    checkContradictions();
  // A shared inner iterator that races undoes every proof of the loop
  // (Deciders.cpp): nothing to re-decide then.
  for (const model::Scope &sc : loop_.scopes)
    for (const VariableVerdicts &vv : out_.variables)
      if (sc.kind == model::Scope::Kind::Loop && !vv.array && vv.name == sc.loop.iterator &&
          vv.forwardRace.verdict == Verdict::Violated)
        return;
  for (VariableVerdicts &vv : out_.variables) {
    if (!refinable(vv))
      continue;
    int v = vv.variable;
    if (pass_ == IndexArrayPass::ForwardRaces && vv.forwardRace.verdict == Verdict::Unknown) {
      std::vector<std::pair<int, int>> pairs = conflictPairs(loop_, v, Question::ForwardRace);
      if (pairs.empty())
        continue;
      PropertyResult r = decidePairs(v, pairs, "written by one iteration and accessed by another", "forward-race");
      if (r.verdict != Verdict::Unknown || !r.reason.empty())
        vv.forwardRace = keepCause(vv.forwardRace, r);
    }
    if (pass_ == IndexArrayPass::ExclusiveReads && vv.exclusiveRead.verdict == Verdict::Unknown) {
      std::vector<std::pair<int, int>> pairs = conflictPairs(loop_, v, Question::ExclusiveRead);
      if (pairs.empty()) {
        vv.exclusiveRead.verdict = Verdict::Holds;
        vv.exclusiveRead.decidedBy = DecidedBy::Z3;
        vv.exclusiveRead.reason.clear();
        vv.exclusiveRead.causeAccess = -1;
        vv.exclusiveRead.proof = {vv.name + " is not read in the loop (other than as the left side of += or -=, "
                                            "whose adjoint increments nothing): no element is read by two iterations"};
        if (vv.active)
          chooseStrategy(strategyFacts(vv), vv);
        continue;
      }
      PropertyResult r = decidePairs(v, pairs, "read by two iterations", "exclusive-read");
      vv.exclusiveRead = keepCause(vv.exclusiveRead, r);
      if (vv.active)
        chooseStrategy(strategyFacts(vv), vv);
    }
  }
  for (const auto &[f, derived] : used_) {
    std::string text = derived ? f : "assumed " + f;
    for (size_t k = 0; k < loop_.facts.size(); ++k)
      if (loop_.facts[k].str() == f) {
        const Fact &fact = loop_.facts[k];
        if (fact.origin == Fact::Origin::Context) {
          text = "assumed " + f + " (holds wherever the loop runs: program context at line " +
                 std::to_string(fact.range.line) + ")";
          break;
        }
        text = "assumed " + f + " (declared" +
               (fact.origin == Fact::Origin::Config ? std::string(" in the config file")
                : fact.range.line ? " by the pragma at line " + std::to_string(fact.range.line)
                                  : std::string()) +
               ")";
        break;
      }
    if (std::none_of(out_.assumptions.begin(), out_.assumptions.end(),
                     [&](const model::Assumption &a) { return a.text == text; }))
      out_.assumptions.push_back(
          {derived ? model::Assumption::Kind::DerivedFact : model::Assumption::Kind::DeclaredFact, text});
  }
}

} // namespace

void decideIndexArrays(const LoopModel &loop, LoopVerdicts &out, IndexArrayPass pass,
                       const IndexArrayOptions &options) {
  // Z3's failures are caught where they happen (a query, a consistency
  // check) and become `unknown` with Z3's message; anything else thrown here
  // is a bug, and the driver reports it as an internal error.
  IndexArrayDecider(loop, out, pass, options).run();
}

} // namespace adjoint_lint::polyhedral
