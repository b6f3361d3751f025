#include "polyhedral/CrossCheck.h"

#include "polyhedral/Questions.h"
#include "polyhedral/Results.h"
#include "polyhedral/Smt.h"

namespace adjoint_lint::polyhedral {

using model::DecidedBy;
using model::LoopModel;
using model::LoopVerdicts;
using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;
using model::accessText;

namespace {

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
      if (f.origin != model::Fact::Origin::Context || f.kind != model::Fact::Kind::Condition)
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
        PropertyResult out = z3Result(Verdict::Violated, name + " is " + what);
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
    return z3Result(Verdict::Unknown, unknownReason);
  PropertyResult out = z3Result(Verdict::Holds, "");
  out.proof = proof;
  return out;
}

std::vector<SmtVariableVerdicts> Z3Decider::run() {
  std::vector<SmtVariableVerdicts> out;
  for (size_t v = 0; v < loop_.variables.size(); ++v) {
    if (decidedByClauses(loop_.variables[v]) || accessesOf(loop_, static_cast<int>(v)).empty())
      continue;
    SmtVariableVerdicts vv;
    vv.variable = static_cast<int>(v);
    std::vector<std::pair<int, int>> pairs = conflictPairs(loop_, static_cast<int>(v), Question::ForwardRace);
    vv.forwardRace = pairs.empty() ? z3Result(Verdict::Holds, "no unsynchronised write")
                                   : conflicts(static_cast<int>(v), pairs, "forward-race",
                                               "written by one iteration and accessed by another");
    pairs = conflictPairs(loop_, static_cast<int>(v), Question::ExclusiveRead);
    vv.exclusiveRead = pairs.empty() ? z3Result(Verdict::Holds, "not read")
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
      vv.forwardRace = vv.exclusiveRead = z3Result(Verdict::Unknown, std::string("Z3 failed: ") + e.msg());
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
        if (results.first->decidedBy != DecidedBy::Isl)
          continue;
        if (auto d = disagreement(*results.first, *results.second))
          throw CrossCheckError("cross-check failed for loop " + loop.id + ": the " + property + " of " + vv.name +
                                ": " + *d);
      }
    }
}

} // namespace adjoint_lint::polyhedral
