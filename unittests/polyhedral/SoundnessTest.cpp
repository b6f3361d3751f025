// Differential check of the race decider against brute force: small random
// loops over x[f(i)] with affine, divided and remaindered subscripts, strides,
// negative steps and guards. The decider must never say "none" where some
// small n has a conflict, and every witness it gives must replay concretely.
#include "polyhedral/Deciders.h"
#include "polyhedral/Polynomial.h"

#include "model/Evaluate.h"
#include "model/ModelJson.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace adjoint_lint::polyhedral {
namespace {

using model::IndexExpr;
using model::LoopVerdicts;
using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;

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
    if (truth) {
      EXPECT_EQ(v.forwardRace.verdict, Verdict::Violated) << text;
    }
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

namespace adjoint_lint::polyhedral {
namespace {

/// Reads x[(i + a) * n + j + b] inside `for (j = lo; j < n + c; j++)`.
struct LinearisedReads {
  model::LoopModel model;
  int lo = 0, c = 0;
  int a[2] = {0, 0}, b[2] = {0, 0};

  int64_t element(int k, int64_t n, int64_t i, int64_t j) const { return (i + a[k]) * n + j + b[k]; }
};

LinearisedReads randomLinearised(std::mt19937 &rng) {
  std::uniform_int_distribution<int> small(-1, 1), coin(0, 1);
  LinearisedReads l;
  l.lo = coin(rng);
  l.c = small(rng);
  nlohmann::json j = nlohmann::json::parse(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1, "pointer": true}], "accesses": []})json");
  j["scopes"] = nlohmann::json::array(
      {{{"kind", "loop"},
        {"loop", {{"iterator", "j"}, {"lower", l.lo}, {"op", "<"}, {"bound", "n + " + std::to_string(l.c)}}}}});
  for (int k = 0; k < 2; ++k) {
    l.a[k] = small(rng);
    l.b[k] = small(rng);
    j["accesses"].push_back({{"variable", 0},
                             {"kind", "read"},
                             {"scope", 0},
                             {"subscripts", {"(i + " + std::to_string(l.a[k]) + ") * n + j + " + std::to_string(l.b[k])}}});
  }
  l.model = model::loopFromJson(j);
  return l;
}

bool bruteForceSharedRead(const LinearisedReads &l) {
  for (int64_t n = 0; n <= 6; ++n)
    for (int64_t p = 0; p < n; ++p)
      for (int64_t q = 0; q < n; ++q)
        for (int64_t j1 = l.lo; p != q && j1 < n + l.c; ++j1)
          for (int64_t j2 = l.lo; j2 < n + l.c; ++j2)
            for (int x = 0; x < 2; ++x)
              for (int y = 0; y < 2; ++y)
                if (l.element(x, n, p, j1) == l.element(y, n, q, j2))
                  return true;
  return false;
}

const VariableVerdicts &var_(const LoopVerdicts &v) { return v.variables.at(0); }

TEST(Soundness, DelinearisedExclusiveReadAgreesWithBruteForce) {
  std::mt19937 rng(1127);
  int decided = 0;
  for (int round = 0; round < 120; ++round) {
    LinearisedReads l = randomLinearised(rng);
    LoopVerdicts verdicts = decide(l.model);
    const PropertyResult &ex = var_(verdicts).exclusiveRead;
    std::string text = model::toJson(l.model).dump();
    if (bruteForceSharedRead(l)) {
      EXPECT_NE(ex.verdict, Verdict::Holds) << text;
    }
    if (ex.verdict == Verdict::Unknown) {
      EXPECT_FALSE(ex.reason.empty());
      continue;
    }
    ++decided;
    if (ex.verdict != Verdict::Violated)
      continue;
    // Replay: the delinearised element x[r][c] is offset r * n + c.
    const Witness &w = *ex.witness;
    int64_t n = w.parameters.at("n");
    int64_t p = w.iterations[0].at("i"), q = w.iterations[1].at("i");
    int64_t j1 = w.inner[0].at("j"), j2 = w.inner[1].at("j");
    EXPECT_NE(p, q) << text;
    for (auto [i, j] : {std::pair{p, j1}, std::pair{q, j2}}) {
      EXPECT_TRUE(0 <= i && i < n && l.lo <= j && j < n + l.c) << text;
    }
    int64_t e1 = l.element(w.firstAccess, n, p, j1), e2 = l.element(w.secondAccess, n, q, j2);
    EXPECT_EQ(e1, e2) << text;
    if (ex.decidedBy == model::DecidedBy::Z3) {
      // Not delinearised (a row may be left): Z3 compares the offsets.
      ASSERT_EQ(w.element.size(), 1u) << text;
      EXPECT_EQ(w.element[0], e1) << text;
      continue;
    }
    ASSERT_EQ(w.element.size(), 2u) << text;
    EXPECT_EQ(w.element[0] * n + w.element[1], e1) << text;
  }
  EXPECT_GT(decided, 40); // in-row cases are decided, not unknown
}

} // namespace
} // namespace adjoint_lint::polyhedral
