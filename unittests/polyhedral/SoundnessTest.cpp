// Differential check of the race decider against brute force: small random
// loops over x[f(i)] with affine, divided and remaindered subscripts, strides,
// negative steps and guards. The decider must never say "none" where some
// small n has a conflict, and every witness it gives must replay concretely.
#include "polyhedral/Deciders.h"
#include "polyhedral/Polynomial.h"

#include "model/ModelJson.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace adjoint_lint::polyhedral {
namespace {

using model::IndexExpr;

struct RandomLoop {
  model::LoopModel model;
  std::optional<model::Condition> guard;
};

std::string randomSubscript(std::mt19937 &rng) {
  std::uniform_int_distribution<int> coef(-2, 2), off(-2, 2), div(2, 3), shape(0, 3);
  std::string a = std::to_string(coef(rng)), b = std::to_string(off(rng)), d = std::to_string(div(rng));
  switch (shape(rng)) {
  case 0: return a + " * i + " + b;
  case 1: return "i / " + d + " + " + b;
  case 2: return "i % " + d;
  default: return "(i + " + b + ") / " + d;
  }
}

RandomLoop randomLoop(std::mt19937 &rng) {
  std::uniform_int_distribution<int> coin(0, 1), step(0, 2), kind(0, 2);
  nlohmann::json j = nlohmann::json::parse(R"json({
    "parameters": ["n"], "iterators": [],
    "variables": [{"name": "x", "rank": 1}], "accesses": []})json");
  switch (step(rng)) {
  case 0: j["iterators"].push_back({{"iterator", "i"}, {"lower", coin(rng)}, {"op", "<"}, {"bound", "n"}, {"step", 1}}); break;
  case 1: j["iterators"].push_back({{"iterator", "i"}, {"lower", 0}, {"op", "<="}, {"bound", "n"}, {"step", 2}}); break;
  default: j["iterators"].push_back({{"iterator", "i"}, {"lower", "n - 1"}, {"op", ">="}, {"bound", -2}, {"step", -1}}); break;
  }
  RandomLoop out;
  int scope = -1;
  if (coin(rng)) {
    const char *guards[] = {"i % 2 == 0", "i < n / 2 || i > n - 2", "!(i == 1)"};
    std::string g = guards[kind(rng)];
    j["scopes"] = nlohmann::json::array({{{"kind", "guard"}, {"guard", g}}});
    out.guard = model::conditionFromJson(g);
    scope = 0;
  }
  j["accesses"].push_back({{"variable", 0}, {"kind", "write"}, {"subscripts", {randomSubscript(rng)}}, {"scope", scope}});
  j["accesses"].push_back({{"variable", 0}, {"kind", coin(rng) ? "write" : "read"},
                           {"subscripts", {randomSubscript(rng)}}, {"scope", coin(rng) ? scope : -1}});
  out.model = model::loopFromJson(j);
  return out;
}

bool holdsAt(const model::Condition &c, const std::map<std::string, int64_t> &env) {
  using K = model::Condition::Kind;
  switch (c.kind) {
  case K::True: return true;
  case K::Not: return !holdsAt(c.children[0], env);
  case K::And:
    for (const auto &k : c.children)
      if (!holdsAt(k, env))
        return false;
    return true;
  case K::Or:
    for (const auto &k : c.children)
      if (holdsAt(k, env))
        return true;
    return false;
  case K::Cmp: {
    int64_t a = *evaluate(c.operands[0], env), b = *evaluate(c.operands[1], env);
    switch (c.op) {
    case model::Condition::Op::LT: return a < b;
    case model::Condition::Op::LE: return a <= b;
    case model::Condition::Op::GT: return a > b;
    case model::Condition::Op::GE: return a >= b;
    case model::Condition::Op::EQ: return a == b;
    case model::Condition::Op::NE: return a != b;
    }
    return false;
  }
  default: return false;
  }
}

/// The iterations the C loop runs for parameter n.
std::vector<int64_t> iterations(const model::LoopHeader &h, int64_t n) {
  std::map<std::string, int64_t> env{{"n", n}};
  std::vector<int64_t> out;
  model::Condition cmp;
  cmp.kind = model::Condition::Kind::Cmp;
  cmp.op = h.op;
  cmp.operands = {IndexExpr::var("i"), h.bound};
  for (int64_t i = *evaluate(h.lower, env); out.size() < 100; i += h.step) {
    env["i"] = i;
    if (!holdsAt(cmp, env))
      break;
    out.push_back(i);
  }
  return out;
}

/// Whether access k runs in iteration i (for n), and the element it touches.
std::optional<int64_t> touches(const RandomLoop &l, int k, int64_t n, int64_t i) {
  const model::Access &a = l.model.accesses[static_cast<size_t>(k)];
  std::map<std::string, int64_t> env{{"n", n}, {"i", i}};
  if (a.scope >= 0 && !holdsAt(*l.guard, env))
    return std::nullopt;
  return evaluate(a.subscripts[0], env);
}

bool bruteForceRace(const RandomLoop &l) {
  for (int64_t n = 0; n <= 12; ++n) {
    std::vector<int64_t> its = iterations(l.model.iterators[0], n);
    for (int64_t p : its)
      for (int64_t q : its)
        for (int a = 0; a < 2; ++a)
          for (int b = 0; b < 2; ++b) {
            bool write = l.model.accesses[static_cast<size_t>(a)].kind == model::AccessKind::Write ||
                         l.model.accesses[static_cast<size_t>(b)].kind == model::AccessKind::Write;
            auto ea = touches(l, a, n, p), eb = touches(l, b, n, q);
            if (p != q && write && ea && eb && *ea == *eb)
              return true;
          }
  }
  return false;
}

void expectWitnessReplays(const RandomLoop &l, const Witness &w) {
  int64_t n = w.parameters.at("n");
  int64_t p = w.iterations.at(0).at("i"), q = w.iterations.at(1).at("i");
  ASSERT_NE(p, q);
  std::vector<int64_t> its = iterations(l.model.iterators[0], n);
  EXPECT_NE(std::find(its.begin(), its.end(), p), its.end()) << "p=" << p << " n=" << n;
  EXPECT_NE(std::find(its.begin(), its.end(), q), its.end()) << "q=" << q << " n=" << n;
  auto ea = touches(l, w.firstAccess, n, p), eb = touches(l, w.secondAccess, n, q);
  ASSERT_TRUE(ea && eb);
  EXPECT_EQ(*ea, *eb);
  EXPECT_EQ(w.element, std::vector<int64_t>{*ea});
}

TEST(Soundness, RaceDeciderAgreesWithBruteForce) {
  std::mt19937 rng(20261127);
  int races = 0, none = 0;
  for (int round = 0; round < 300; ++round) {
    RandomLoop l = randomLoop(rng);
    LoopVerdicts v = decide(l.model);
    std::string text = model::toJson(l.model).dump();
    bool truth = bruteForceRace(l);
    EXPECT_NE(v.forwardRace.verdict, Verdict::Unknown) << text << "\n" << v.forwardRace.reason;
    if (truth)
      EXPECT_EQ(v.forwardRace.verdict, Verdict::Violated) << text;
    if (v.forwardRace.verdict == Verdict::Violated) {
      ++races;
      ASSERT_TRUE(v.forwardRace.witness) << text;
      SCOPED_TRACE(text);
      expectWitnessReplays(l, *v.forwardRace.witness);
    } else {
      ++none;
    }
  }
  // The family exercises both outcomes.
  EXPECT_GT(races, 30);
  EXPECT_GT(none, 10);
}

} // namespace
} // namespace adjoint_lint::polyhedral
