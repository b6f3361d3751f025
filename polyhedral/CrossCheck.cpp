#include "polyhedral/CrossCheck.h"

#include "polyhedral/Smt.h"

namespace adjoint_lint::polyhedral {

using model::Access;
using model::AccessKind;
using model::LoopModel;
using model::Sharing;
using model::Sync;
using model::accessText;
using model::synchronisedPair;

namespace {

PropertyResult result(Verdict v, std::string reason) {
  PropertyResult r;
  r.verdict = v;
  r.decidedBy = "z3";
  r.reason = std::move(reason);
  return r;
}

class Z3Decider {
public:
  Z3Decider(const LoopModel &loop, const smt::Budget &budget, const std::string &dumpDir)
      : loop_(loop), ctx_(smt::threadContext()), enc_(ctx_, loop), session_(ctx_, budget, dumpDir, loop.id) {
    // The program context (facts of origin "context") that the isl deciders
    // intersect their domains with: known wherever the loop runs.
    smt::Env env;
    for (const std::string &p : loop_.parameters)
      env.insert_or_assign(p, enc_.parameter(p));
    for (const model::Fact &f : loop_.facts) {
      if (f.origin != "context" || f.kind != model::Fact::Kind::Condition)
        continue;
      std::string why;
      if (std::optional<z3::expr> c = enc_.condition(f.condition, env, why); c && why.empty())
        enc_.addFact(*c, "context: " + f.str());
    }
  }

  std::vector<SmtVariableVerdicts> run();

private:
  const LoopModel &loop_;
  z3::context &ctx_;
  smt::Encoder enc_;
  smt::Session session_;

  std::vector<int> accessesOf(int v, std::optional<AccessKind> kind) const {
    std::vector<int> out;
    for (size_t k = 0; k < loop_.accesses.size(); ++k) {
      const Access &a = loop_.accesses[k];
      if (a.variable == v && a.sync != Sync::Reduction && (!kind || a.kind == *kind))
        out.push_back(static_cast<int>(k));
    }
    return out;
  }
  PropertyResult conflicts(int v, const std::vector<std::pair<int, int>> &pairs, const std::string &question,
                           const std::string &what);
};

/// Violated on a model through exact instances, Unknown when a query is
/// undecided or its model goes through a may-access, Holds when all are unsat.
PropertyResult Z3Decider::conflicts(int v, const std::vector<std::pair<int, int>> &pairs,
                                    const std::string &question, const std::string &what) {
  const std::string &name = loop_.variables.at(static_cast<size_t>(v)).name;
  std::string unknownReason;
  std::vector<std::string> proof;
  for (const auto &[a, b] : pairs) {
    smt::Instance ia = enc_.instance(a, "p"), ib = enc_.instance(b, "q");
    std::string why;
    auto ea = enc_.element(ia, why), eb = enc_.element(ib, why);
    if (!ea || !eb) {
      if (unknownReason.empty())
        unknownReason = why;
      continue;
    }
    z3::solver s = enc_.newQuery(/*fast=*/true);
    s.add(ia.domain);
    s.add(ib.domain);
    s.add(enc_.differentIterations(ia, ib));
    for (size_t d = 0; d < ea->size(); ++d)
      s.add((*ea)[d] == (*eb)[d]);
    smt::Session::Result r =
        session_.check(s, name + "." + question + ".A" + std::to_string(a) + "-A" + std::to_string(b));
    switch (r.interpretation.answer) {
    case smt::Answer::Proved:
      proof.push_back(accessText(loop_, a) + " / " + accessText(loop_, b) +
                      ": no two different iterations touch one element (unsat)");
      break;
    case smt::Answer::Refuted:
      if (ia.must() && ib.must()) {
        PropertyResult out = result(Verdict::Violated, name + " is " + what);
        out.witness = enc_.witness(*r.model, ia, ib);
        return out;
      }
      if (unknownReason.empty())
        unknownReason = "a conflict is possible only through " +
                        accessText(loop_, ia.must() ? b : a) + ", because " +
                        (ia.must() ? ib.inexactReason : ia.inexactReason);
      break;
    case smt::Answer::Unknown:
      if (unknownReason.empty())
        unknownReason = r.interpretation.reason;
      break;
    }
  }
  if (!unknownReason.empty())
    return result(Verdict::Unknown, unknownReason);
  PropertyResult out = result(Verdict::Holds, "");
  out.proof = proof;
  return out;
}

std::vector<SmtVariableVerdicts> Z3Decider::run() {
  std::vector<SmtVariableVerdicts> out;
  for (size_t v = 0; v < loop_.variables.size(); ++v) {
    const model::Variable &var = loop_.variables[v];
    if (var.sharing != Sharing::Shared)
      continue;
    std::vector<int> all = accessesOf(static_cast<int>(v), std::nullopt);
    if (all.empty())
      continue;
    SmtVariableVerdicts vv;
    vv.variable = static_cast<int>(v);
    std::vector<std::pair<int, int>> pairs;
    for (size_t x = 0; x < all.size(); ++x)
      for (size_t y = x; y < all.size(); ++y) {
        const Access &a = loop_.accesses[static_cast<size_t>(all[x])], &b = loop_.accesses[static_cast<size_t>(all[y])];
        if ((a.kind == AccessKind::Write || b.kind == AccessKind::Write) && !synchronisedPair(a, b))
          pairs.emplace_back(all[x], all[y]);
      }
    vv.forwardRace = pairs.empty() ? result(Verdict::Holds, "no unsynchronised write")
                                   : conflicts(static_cast<int>(v), pairs, "forward-race",
                                               "written by one iteration and accessed by another");
    std::vector<int> reads;
    for (int k : accessesOf(static_cast<int>(v), AccessKind::Read))
      if (!loop_.isUpdateReadHalf(k))
        reads.push_back(k);
    pairs.clear();
    for (size_t x = 0; x < reads.size(); ++x)
      for (size_t y = x; y < reads.size(); ++y)
        pairs.emplace_back(reads[x], reads[y]);
    vv.exclusiveRead = pairs.empty() ? result(Verdict::Holds, "not read")
                                     : conflicts(static_cast<int>(v), pairs, "exclusive-read", "read by two iterations");
    out.push_back(vv);
  }
  return out;
}

const char *word(Verdict v) {
  switch (v) {
  case Verdict::Holds: return "holds";
  case Verdict::Violated: return "violated";
  case Verdict::Unknown: return "unknown";
  case Verdict::NotApplicable: return "not applicable";
  }
  return "?";
}

std::string witnessText(const PropertyResult &r) {
  if (!r.witness || r.witness->iterations.size() != 2)
    return "";
  auto iteration = [](const std::map<std::string, int64_t> &m) {
    std::string s;
    for (const auto &[k, v] : m)
      s += (s.empty() ? "" : ", ") + k + " = " + std::to_string(v);
    return s;
  };
  std::string params;
  for (const auto &[k, v] : r.witness->parameters)
    params += (params.empty() ? "" : ", ") + k + " = " + std::to_string(v);
  return " (witness: iterations " + iteration(r.witness->iterations[0]) + " and " +
         iteration(r.witness->iterations[1]) + (params.empty() ? "" : " with " + params) + ")";
}

} // namespace

std::vector<std::pair<int, int>> conflictPairs(const LoopModel &loop, int v, bool forwardRace) {
  std::vector<int> all;
  for (size_t k = 0; k < loop.accesses.size(); ++k) {
    const Access &a = loop.accesses[k];
    if (a.variable == v && a.sync != Sync::Reduction &&
        (forwardRace || (a.kind == AccessKind::Read && !loop.isUpdateReadHalf(static_cast<int>(k)))))
      all.push_back(static_cast<int>(k));
  }
  std::vector<std::pair<int, int>> pairs;
  for (size_t x = 0; x < all.size(); ++x)
    for (size_t y = x; y < all.size(); ++y) {
      const Access &a = loop.accesses[static_cast<size_t>(all[x])], &b = loop.accesses[static_cast<size_t>(all[y])];
      if (!forwardRace || ((a.kind == AccessKind::Write || b.kind == AccessKind::Write) && !synchronisedPair(a, b)))
        pairs.emplace_back(all[x], all[y]);
    }
  return pairs;
}

std::vector<SmtVariableVerdicts> decideWithZ3(const LoopModel &loop, const smt::Budget &budget,
                                              const std::string &dumpDir) {
  try {
    return Z3Decider(loop, budget, dumpDir).run();
  } catch (const z3::exception &e) {
    // Z3 failed outside a check (building a term): nothing decided.
    std::vector<SmtVariableVerdicts> out;
    for (size_t v = 0; v < loop.variables.size(); ++v) {
      SmtVariableVerdicts vv;
      vv.variable = static_cast<int>(v);
      vv.forwardRace = vv.exclusiveRead = result(Verdict::Unknown, std::string("Z3 failed: ") + e.msg());
      out.push_back(vv);
    }
    return out;
  }
}

std::optional<std::string> disagreement(const PropertyResult &isl, const PropertyResult &z3) {
  bool conflict = (isl.verdict == Verdict::Holds && z3.verdict == Verdict::Violated) ||
                  (isl.verdict == Verdict::Violated && z3.verdict == Verdict::Holds);
  if (!conflict)
    return std::nullopt;
  return std::string("isl says ") + word(isl.verdict) + witnessText(isl) + ", Z3 says " + word(z3.verdict) +
         witnessText(z3);
}

void compareVerdicts(const LoopModel &loop, const LoopVerdicts &isl, const std::vector<SmtVariableVerdicts> &z3) {
  for (const VariableVerdicts &vv : isl.variables)
    for (const SmtVariableVerdicts &zv : z3) {
      if (zv.variable != vv.variable)
        continue;
      const std::pair<const char *, std::pair<const PropertyResult *, const PropertyResult *>> props[] = {
          {"forward race", {&vv.forwardRace, &zv.forwardRace}},
          {"exclusive read", {&vv.exclusiveRead, &zv.exclusiveRead}}};
      for (const auto &[property, results] : props) {
        if (results.first->decidedBy != "isl")
          continue;
        if (auto d = disagreement(*results.first, *results.second))
          throw CrossCheckError("cross-check failed for loop " + loop.id + ": the " + property + " of " + vv.name +
                                ": " + *d);
      }
    }
}

} // namespace adjoint_lint::polyhedral
