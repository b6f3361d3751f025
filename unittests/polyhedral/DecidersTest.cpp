// The isl deciders on loop models written as JSON (no Clang involved).
// Subscripts, bounds and guards use the model's compact string form.
#include "polyhedral/Deciders.h"

#include "model/ModelJson.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace adjoint_lint::polyhedral {
namespace {

using model::LoopVerdicts;
using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;

bool hasAssumption(const LoopVerdicts &v, const std::string &text) {
  return std::any_of(v.assumptions.begin(), v.assumptions.end(),
                     [&](const model::Assumption &a) { return a.text == text; });
}
using model::Witness;

/// The model reader rejects variable names in "variable" (field<int> throws
/// before the name lookup), so the tests write names and resolve them here.
model::LoopModel fromJson(nlohmann::json j) {
  for (nlohmann::json &a : j["accesses"])
    if (a["variable"].is_string())
      for (size_t v = 0; v < j["variables"].size(); ++v)
        if (j["variables"][v]["name"] == a["variable"])
          a["variable"] = v;
  return model::loopFromJson(j);
}

model::LoopModel loop(const char *json) { return fromJson(nlohmann::json::parse(json)); }

/// A loop over i in [0, n) writing x at each subscript in `subs`.
model::LoopModel writes(std::vector<std::string> subs) {
  nlohmann::json j = nlohmann::json::parse(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}], "accesses": []})json");
  for (const std::string &s : subs)
    j["accesses"].push_back({{"variable", "x"}, {"kind", "write"}, {"subscripts", {s}}, {"text", "x[" + s + "]"}});
  return fromJson(j);
}

const VariableVerdicts &var(const LoopVerdicts &v, const std::string &name) {
  for (const VariableVerdicts &x : v.variables)
    if (x.name == name)
      return x;
  ADD_FAILURE() << "no verdicts for " << name;
  static VariableVerdicts none;
  return none;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const std::string &l : lines)
    out += l + "\n";
  return out;
}

#define EXPECT_HOLDS(p)                                                                            \
  do {                                                                                             \
    EXPECT_EQ((p).verdict, Verdict::Holds) << (p).reason;                                          \
    EXPECT_EQ((p).decidedBy, model::DecidedBy::Isl);                                                               \
    EXPECT_FALSE((p).proof.empty());                                                               \
  } while (0)

#define EXPECT_VIOLATED(p)                                                                         \
  do {                                                                                             \
    EXPECT_EQ((p).verdict, Verdict::Violated) << (p).reason << "\n" << joined((p).proof);          \
    EXPECT_EQ((p).decidedBy, model::DecidedBy::Isl);                                                               \
    EXPECT_TRUE((p).witness.has_value());                                                          \
  } while (0)

#define EXPECT_UNKNOWN(p)                                                                          \
  do {                                                                                             \
    EXPECT_EQ((p).verdict, Verdict::Unknown) << joined((p).proof);                                 \
    EXPECT_FALSE((p).reason.empty());                                                              \
  } while (0)

/// Two iterations of a witness differ, and both accesses' subscripts give its element.
void expectDistinctIterations(const Witness &w) {
  ASSERT_EQ(w.iterations.size(), 2u);
  EXPECT_NE(w.iterations[0], w.iterations[1]);
}

// y[i] = x[i-1] + x[i] + x[i+1], 1 <= i < n-1
const char *kHeat = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 1, "op": "<", "bound": "n - 1"}],
  "variables": [{"name": "x", "element_type": "double", "rank": 1, "pointer": true},
                {"name": "y", "element_type": "double", "rank": 1, "pointer": true}],
  "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i"], "text": "y[i]"},
               {"variable": "x", "kind": "read", "subscripts": ["i - 1"], "text": "x[i - 1]"},
               {"variable": "x", "kind": "read", "subscripts": ["i"], "text": "x[i]"},
               {"variable": "x", "kind": "read", "subscripts": ["i + 1"], "text": "x[i + 1]"}]
})json";

TEST(Deciders, HeatStencil) {
  LoopVerdicts v = decide(loop(kHeat));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &x = var(v, "x"), &y = var(v, "y");
  EXPECT_HOLDS(x.forwardRace);
  EXPECT_HOLDS(y.forwardRace);
  EXPECT_TRUE(x.active);
  EXPECT_VIOLATED(x.exclusiveRead);
  const Witness &w = *x.exclusiveRead.witness;
  expectDistinctIterations(w);
  int64_t p = w.iterations[0].at("i"), q = w.iterations[1].at("i");
  EXPECT_GE(std::min(p, q), 1);
  EXPECT_LE(std::max(p, q), 3); // small, readable values
  ASSERT_EQ(w.element.size(), 1u);
  EXPECT_LE(std::abs(w.element[0] - p), 1);
  EXPECT_LE(std::abs(w.element[0] - q), 1);
  EXPECT_GE(w.parameters.at("n"), 4);
  EXPECT_HOLDS(x.reflexive);
  EXPECT_EQ(x.reflexive.with, "y");
  EXPECT_VIOLATED(x.symmetricUpdate);
  expectDistinctIterations(*x.symmetricUpdate.witness);
  EXPECT_EQ(x.strategy, model::Strategy::Gather);
  EXPECT_EQ(y.strategy, model::Strategy::Plain);
  EXPECT_HOLDS(y.exclusiveRead); // vacuously: y is only written
  EXPECT_EQ(y.symmetricUpdate.verdict, Verdict::NotApplicable);
}

TEST(Deciders, UpwindIsNotReflexive) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 1, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
    "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i - 1"]}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_VIOLATED(x.reflexive);
  const Witness &w = *x.reflexive.witness;
  ASSERT_EQ(w.element.size(), 1u);
  ASSERT_EQ(w.secondElement.size(), 1u);
  EXPECT_EQ(w.secondElement[0] - w.element[0], 1); // y[o] reads x[o-1], y[o-1] does not read x[o]
  expectDistinctIterations(w);
  EXPECT_EQ(x.strategy, model::Strategy::Gather);
}

TEST(Deciders, PointwiseIsPlain) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
    "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i"]}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_HOLDS(x.exclusiveRead);
  EXPECT_HOLDS(x.symmetricUpdate);
  EXPECT_HOLDS(x.reflexive);
  EXPECT_EQ(x.strategy, model::Strategy::Plain);
}

const char *kTrueDependence = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "x", "rank": 1}],
  "accesses": [{"variable": "x", "kind": "write", "subscripts": ["i + 1"], "text": "x[i + 1]"},
               {"variable": "x", "kind": "read", "subscripts": ["i"], "text": "x[i]"}]
})json";

TEST(Deciders, TrueDependenceRaces) {
  LoopVerdicts v = decide(loop(kTrueDependence));
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *var(v, "x").forwardRace.witness;
  expectDistinctIterations(w);
  EXPECT_EQ(w.firstAccess, 0);
  EXPECT_EQ(w.secondAccess, 1);
  // iteration p writes x[p + 1], which iteration q = p + 1 reads.
  EXPECT_EQ(w.iterations[1].at("i"), w.iterations[0].at("i") + 1);
  ASSERT_EQ(w.element.size(), 1u);
  EXPECT_EQ(w.element[0], w.iterations[0].at("i") + 1);
  EXPECT_GE(w.parameters.at("n"), 2);
}

TEST(Deciders, AntiDependenceRaces) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}],
    "accesses": [{"variable": "x", "kind": "write", "subscripts": ["i"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i + 1"]}]
  })json"));
  EXPECT_VIOLATED(var(v, "x").forwardRace);
  expectDistinctIterations(*var(v, "x").forwardRace.witness);
}

const char *kScalars = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "x", "rank": 1},
                {"name": "s", "rank": 0},
                {"name": "sum", "rank": 0, "sharing": "reduction", "reduction_op": "+"},
                {"name": "t", "rank": 0, "sharing": "private"}],
  "accesses": [{"variable": "t", "kind": "write", "subscripts": []},
               {"variable": "t", "kind": "read", "subscripts": []},
               {"variable": "s", "kind": "write", "subscripts": [], "text": "s"},
               {"variable": "sum", "kind": "read", "subscripts": []},
               {"variable": "sum", "kind": "write", "subscripts": []},
               {"variable": "x", "kind": "read", "subscripts": ["i"]}]
})json";

TEST(Deciders, SharedScalarWriteRaces) {
  LoopVerdicts v = decide(loop(kScalars));
  EXPECT_VIOLATED(v.forwardRace);
  const VariableVerdicts &s = var(v, "s");
  EXPECT_FALSE(s.array);
  EXPECT_VIOLATED(s.forwardRace);
  expectDistinctIterations(*s.forwardRace.witness);
  EXPECT_TRUE(s.forwardRace.witness->element.empty());
}

TEST(Deciders, ReductionScalarDoesNotRace) {
  LoopVerdicts v = decide(loop(kScalars));
  const VariableVerdicts &sum = var(v, "sum");
  EXPECT_EQ(sum.forwardRace.verdict, Verdict::Holds);
  EXPECT_EQ(sum.forwardRace.decidedBy, model::DecidedBy::DataSharing); // a clause, not an isl proof
  EXPECT_FALSE(sum.forwardRace.proof.empty());
  EXPECT_TRUE(sum.active);
}

TEST(Deciders, PrivatisedArraysDoNotRace) {
  for (const char *sharing : {"firstprivate", "lastprivate"}) {
    auto m = writes({"0"});
    m.variables[0].sharing = std::string(sharing) == "firstprivate" ? model::Sharing::FirstPrivate
                                                                    : model::Sharing::LastPrivate;
    LoopVerdicts v = decide(m);
    EXPECT_EQ(v.forwardRace.verdict, Verdict::Holds) << sharing;
    EXPECT_EQ(var(v, "x").forwardRace.decidedBy, model::DecidedBy::DataSharing);
    EXPECT_NE(var(v, "x").forwardRace.reason.find(sharing), std::string::npos);
  }
  // Shared, the same write races.
  EXPECT_VIOLATED(decide(writes({"0"})).forwardRace);
}

TEST(Deciders, PrivateScalarDoesNotRace) {
  LoopVerdicts v = decide(loop(kScalars));
  const VariableVerdicts &t = var(v, "t");
  EXPECT_EQ(t.forwardRace.verdict, Verdict::Holds);
  EXPECT_EQ(t.forwardRace.decidedBy, model::DecidedBy::DataSharing);
  EXPECT_FALSE(t.forwardRace.reason.empty());
  EXPECT_FALSE(t.active);
  EXPECT_EQ(t.strategy, model::Strategy::Plain);
}

TEST(Deciders, HalfIndexWriteRaces) {
  LoopVerdicts v = decide(writes({"i / 2"}));
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *var(v, "x").forwardRace.witness;
  expectDistinctIterations(w);
  EXPECT_EQ(w.iterations[0].at("i") / 2, w.iterations[1].at("i") / 2);
}

TEST(Deciders, RemainderWriteRaces) {
  LoopVerdicts v = decide(writes({"i % 2"}));
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *var(v, "x").forwardRace.witness;
  EXPECT_EQ(w.iterations[0].at("i") % 2, w.iterations[1].at("i") % 2);
}

TEST(Deciders, EvenAndOddWritesDoNotRace) {
  LoopVerdicts v = decide(writes({"2 * i", "2 * i + 1"}));
  EXPECT_HOLDS(v.forwardRace);
  EXPECT_HOLDS(var(v, "x").forwardRace);
}

TEST(Deciders, NegativeSubscriptsUseCTruncation) {
  // i in [-n, n): i / 2 maps -1 and 1 both to 0 in C (not with floor).
  auto m = writes({"i / 2"});
  m.iterators[0].lower = model::indexFromJson("-n");
  m.iterators[0].bound = model::indexFromJson("n");
  LoopVerdicts v = decide(m);
  EXPECT_VIOLATED(v.forwardRace);
}

TEST(Deciders, GuardedWrite) {
  // if (i % 2 == 0) x[i / 2] = ...: the even iterations write distinct elements.
  const char *guarded = R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "scopes": [{"kind": "guard", "guard": "i % 2 == 0"}],
    "variables": [{"name": "x", "rank": 1}],
    "accesses": [{"variable": "x", "kind": "write", "subscripts": ["i / 2"], "scope": 0}]
  })json";
  LoopVerdicts v = decide(loop(guarded));
  EXPECT_HOLDS(v.forwardRace);
  // Without the guard the same write races.
  EXPECT_VIOLATED(decide(writes({"i / 2"})).forwardRace);
  // A negated, disjunctive guard: if (!(i < 1 || i > 1)) x[0] = ...: one iteration only.
  auto m = loop(guarded);
  m.scopes[0].guard = model::conditionFromJson("!(i < 1 || i > 1)");
  m.accesses[0].subscripts[0] = model::indexFromJson("0");
  EXPECT_HOLDS(decide(m).forwardRace);
}

const char *kJacobiTuples = R"json({
  "parameters": ["n", "m"],
  "clauses": {"collapse": 2},
  "iterators": [{"iterator": "i", "lower": 1, "op": "<", "bound": "n - 1"},
                {"iterator": "j", "lower": 1, "op": "<", "bound": "m - 1"}],
  "variables": [{"name": "x", "rank": 2, "extents": [null, "m"]},
                {"name": "y", "rank": 2, "extents": [null, "m"]}],
  "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i", "j"]},
               {"variable": "x", "kind": "read", "subscripts": ["i - 1", "j"]},
               {"variable": "x", "kind": "read", "subscripts": ["i + 1", "j"]},
               {"variable": "x", "kind": "read", "subscripts": ["i", "j - 1"]},
               {"variable": "x", "kind": "read", "subscripts": ["i", "j + 1"]},
               {"variable": "x", "kind": "read", "subscripts": ["i", "j"]}]
})json";

TEST(Deciders, Jacobi2DOnTuples) {
  LoopVerdicts v = decide(loop(kJacobiTuples));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_VIOLATED(x.exclusiveRead);
  const Witness &w = *x.exclusiveRead.witness;
  expectDistinctIterations(w);
  EXPECT_EQ(w.element.size(), 2u);
  EXPECT_EQ(w.iterations[0].size(), 2u);
  EXPECT_HOLDS(x.reflexive);
  EXPECT_EQ(x.strategy, model::Strategy::Gather);
}

TEST(Deciders, VlaRowsMustBeProvenInBounds) {
  auto m = loop(kJacobiTuples);
  m.iterators[1].bound = model::indexFromJson("m"); // j + 1 reaches m: the next row
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(var(v, "x").exclusiveRead);
  EXPECT_NE(var(v, "x").exclusiveRead.reason.find("may leave its row of extent m"), std::string::npos)
      << var(v, "x").exclusiveRead.reason;
  EXPECT_HOLDS(var(v, "y").forwardRace);
}

TEST(Deciders, UnknownRowLengthIsUnknown) {
  // double **x without separate rows: where one row ends is unknown.
  auto m = loop(kJacobiTuples);
  m.variables[0].extents[1].reset();
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(var(v, "x").exclusiveRead);
  EXPECT_EQ(var(v, "x").exclusiveRead.reason, "the row length of x is unknown");
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Atomic);
  // Declared as separate rows (std::vector<std::vector<double>>): decided, with the assumption listed.
  m.variables[0].separateRows = true;
  LoopVerdicts rows = decide(m);
  EXPECT_VIOLATED(var(rows, "x").exclusiveRead);
  EXPECT_TRUE(hasAssumption(rows, "rows of x do not overlap"));
}

TEST(Deciders, Jacobi2DLinearised) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n", "m"],
    "clauses": {"collapse": 2},
    "iterators": [{"iterator": "i", "lower": 1, "op": "<", "bound": "m - 1"},
                  {"iterator": "j", "lower": 1, "op": "<", "bound": "n - 1"}],
    "variables": [{"name": "x", "rank": 1, "pointer": true},
                  {"name": "y", "rank": 1, "pointer": true}],
    "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i * n + j"]},
                 {"variable": "x", "kind": "read", "subscripts": ["(i - 1) * n + j"]},
                 {"variable": "x", "kind": "read", "subscripts": ["(i + 1) * n + j"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i * n + j - 1"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i * n + j + 1"]}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &x = var(v, "x"), &y = var(v, "y");
  EXPECT_HOLDS(y.forwardRace);
  EXPECT_NE(joined(y.forwardRace.proof).find("delinearised"), std::string::npos) << joined(y.forwardRace.proof);
  EXPECT_VIOLATED(x.exclusiveRead);
  const Witness &w = *x.exclusiveRead.witness;
  expectDistinctIterations(w);
  ASSERT_EQ(w.element.size(), 2u); // delinearised: x[i][j]
  // Each iteration reads its neighbours only: the element is at most one row/column away.
  for (size_t side = 0; side < 2; ++side)
    EXPECT_LE(std::abs(w.element[0] - w.iterations[side].at("i")) + std::abs(w.element[1] - w.iterations[side].at("j")), 1);
  EXPECT_HOLDS(x.reflexive);
  EXPECT_EQ(x.strategy, model::Strategy::Gather);
}

TEST(Deciders, LinearisedUpwindWitnessInSourceSpace) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n", "m"],
    "clauses": {"collapse": 2},
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "m"},
                  {"iterator": "j", "lower": 1, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
    "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i * n + j"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i * n + j"]},
                 {"variable": "x", "kind": "read", "subscripts": ["i * n + j - 1"]}]
  })json"));
  const VariableVerdicts &x = var(v, "x");
  EXPECT_HOLDS(x.forwardRace);
  EXPECT_VIOLATED(x.reflexive);
  const Witness &w = *x.reflexive.witness;
  // Delinearised index space x[i][j]: y[i][j] reads x[i][j - 1].
  ASSERT_EQ(w.element.size(), 2u);
  ASSERT_EQ(w.secondElement.size(), 2u);
  EXPECT_EQ(w.secondElement[1] - w.element[1], 1);
  expectDistinctIterations(w);
  EXPECT_VIOLATED(x.symmetricUpdate);
  EXPECT_EQ(x.symmetricUpdate.witness->element.size(), 2u);
  expectDistinctIterations(*x.symmetricUpdate.witness);
}

TEST(Deciders, MatVec) {
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "scopes": [{"kind": "loop", "loop": {"iterator": "j", "lower": 0, "op": "<", "bound": "n"}}],
    "variables": [{"name": "A", "rank": 1, "pointer": true},
                  {"name": "x", "rank": 1, "pointer": true},
                  {"name": "y", "rank": 1, "pointer": true}],
    "accesses": [{"variable": "y", "kind": "read", "subscripts": ["i"], "scope": 0},
                 {"variable": "y", "kind": "write", "subscripts": ["i"], "scope": 0},
                 {"variable": "A", "kind": "read", "subscripts": ["i * n + j"], "scope": 0},
                 {"variable": "x", "kind": "read", "subscripts": ["j"], "scope": 0}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  EXPECT_HOLDS(var(v, "A").exclusiveRead);
  EXPECT_EQ(var(v, "A").strategy, model::Strategy::Plain);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_VIOLATED(x.exclusiveRead);
  EXPECT_EQ(x.exclusiveRead.witness->inner.size(), 2u);
  EXPECT_EQ(x.exclusiveRead.witness->inner[0].count("j"), 1u);
  EXPECT_EQ(x.strategy, model::Strategy::Gather); // the footprint x[0..n) grows with n
}

TEST(Deciders, SmallWeightsNeedReduction) {
  // y[i] += w[k] * x[i + k], k < 3
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "scopes": [{"kind": "loop", "loop": {"iterator": "k", "lower": 0, "op": "<", "bound": 3}}],
    "variables": [{"name": "w", "rank": 1}, {"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
    "accesses": [{"variable": "y", "kind": "read", "subscripts": ["i"], "scope": 0},
                 {"variable": "y", "kind": "write", "subscripts": ["i"], "scope": 0},
                 {"variable": "w", "kind": "read", "subscripts": ["k"], "scope": 0},
                 {"variable": "x", "kind": "read", "subscripts": ["i + k"], "scope": 0}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  EXPECT_EQ(var(v, "w").strategy, model::Strategy::Reduction);
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Gather);
}

TEST(Deciders, PaperTwoByTwo) {
  // y[i] = w[2i] * x[0] + w[2i+1] * x[1], i < 2 (Hueckelheim & Hovland, Section 3)
  LoopVerdicts v = decide(loop(R"json({
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": 2}],
    "variables": [{"name": "w", "rank": 1, "extents": [4]}, {"name": "x", "rank": 1, "extents": [2]},
                  {"name": "y", "rank": 1, "extents": [2]}],
    "accesses": [{"variable": "y", "kind": "write", "subscripts": ["i"]},
                 {"variable": "w", "kind": "read", "subscripts": ["2 * i"]},
                 {"variable": "x", "kind": "read", "subscripts": ["0"]},
                 {"variable": "w", "kind": "read", "subscripts": ["2 * i + 1"]},
                 {"variable": "x", "kind": "read", "subscripts": ["1"]}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  EXPECT_HOLDS(var(v, "w").exclusiveRead);
  EXPECT_EQ(var(v, "w").strategy, model::Strategy::Plain);
  EXPECT_VIOLATED(var(v, "x").exclusiveRead);
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Reduction); // two elements, read by every iteration
}

TEST(Deciders, LargeConstantFootprintGathers) {
  // A 3-D heat stencil on u[16][16][16], collapse(3): the footprint is
  // constant but large (16^3): gather, not a 4096-element reduction.
  LoopVerdicts v = decide(loop(R"json({
    "clauses": {"collapse": 3},
    "iterators": [{"iterator": "i", "lower": 1, "op": "<", "bound": 15},
                  {"iterator": "j", "lower": 1, "op": "<", "bound": 15},
                  {"iterator": "k", "lower": 1, "op": "<", "bound": 15}],
    "variables": [{"name": "u", "rank": 3, "extents": [16, 16, 16]},
                  {"name": "v", "rank": 3, "extents": [16, 16, 16]}],
    "accesses": [{"variable": "v", "kind": "write", "subscripts": ["i", "j", "k"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i - 1", "j", "k"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i + 1", "j", "k"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i", "j - 1", "k"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i", "j + 1", "k"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i", "j", "k - 1"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i", "j", "k + 1"]},
                 {"variable": "u", "kind": "read", "subscripts": ["i", "j", "k"]}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  const VariableVerdicts &u = var(v, "u");
  EXPECT_VIOLATED(u.exclusiveRead);
  EXPECT_EQ(u.exclusiveRead.witness->element.size(), 3u);
  EXPECT_HOLDS(u.reflexive);
  EXPECT_EQ(u.strategy, model::Strategy::Gather);
}

const char *kRowAliasing = R"json({
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": 8}],
  "scopes": [{"kind": "loop", "loop": {"iterator": "j", "lower": 0, "op": "<", "bound": 8}}],
  "variables": [{"name": "a", "rank": 2, "extents": [8, 8]}],
  "accesses": [{"variable": "a", "kind": "write", "subscripts": ["i", "j + 1"], "scope": 0,
                "text": "a[i][j + 1]"},
               {"variable": "a", "kind": "read", "subscripts": ["i", "j"], "scope": 0, "text": "a[i][j]"}]
})json";

TEST(Deciders, WritePastRowEndAliasesNextRow) {
  LoopVerdicts v = decide(loop(kRowAliasing));
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *var(v, "a").forwardRace.witness;
  expectDistinctIterations(w);
  // a[i][j + 1] = a[i][j]: a[i][8] is a[i + 1][0]; the element is reported as the first access wrote it.
  ASSERT_EQ(w.element.size(), 2u);
  EXPECT_EQ(w.element[1], 8);
  auto m = loop(kRowAliasing);
  m.scopes[0].loop.bound = model::indexFromJson("7");
  LoopVerdicts inRow = decide(m);
  EXPECT_HOLDS(inRow.forwardRace);
}

TEST(Deciders, UnprovenStrideRacesForSZero) {
  // isl cannot split x[s * i] into rows (nothing proves 0 < s); Z3 finds s = 0.
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n", "s"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}],
    "accesses": [{"variable": "x", "kind": "write", "subscripts": ["s * i"], "text": "x[s * i]"}]
  })json"));
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Violated);
  const PropertyResult &x = var(v, "x").forwardRace;
  ASSERT_EQ(x.verdict, Verdict::Violated) << x.reason;
  EXPECT_EQ(x.decidedBy, model::DecidedBy::Z3);
  ASSERT_TRUE(x.witness.has_value());
  EXPECT_EQ(x.witness->parameters.at("s"), 0);
}

const char *kOpaque = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "x", "rank": 1}, {"name": "idx", "rank": 1, "element_type": "int"}],
  "accesses": [{"variable": "idx", "kind": "read", "subscripts": ["i"]},
               {"variable": "x", "kind": "write", "text": "x[idx[i]]",
                "subscripts": [{"opaque": "data-dependent", "text": "idx[i]"}]}]
})json";

TEST(Deciders, OpaqueSubscriptIsUnknown) {
  LoopVerdicts v = decide(loop(kOpaque));
  EXPECT_UNKNOWN(v.forwardRace);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_UNKNOWN(x.forwardRace);
  EXPECT_NE(x.forwardRace.reason.find("x[idx[i]]"), std::string::npos) << x.forwardRace.reason;
  EXPECT_NE(x.forwardRace.reason.find("data-dependent"), std::string::npos) << x.forwardRace.reason;
  EXPECT_FALSE(var(v, "idx").active);
  EXPECT_EQ(var(v, "idx").strategy, model::Strategy::Plain);
  EXPECT_HOLDS(var(v, "idx").forwardRace);
}

TEST(Deciders, AtomicUpdatesDoNotRace) {
  auto m = loop(kOpaque);
  m.accesses[1].sync = model::Sync::Atomic;
  model::Access read = m.accesses[1];
  read.kind = model::AccessKind::Read;
  m.accesses.push_back(read); // x[idx[i]] += ... under omp atomic
  EXPECT_HOLDS(var(decide(m), "x").forwardRace);
  // The same atomic write and a plain read of the element race.
  auto r = writes({"i / 2"});
  r.accesses[0].sync = model::Sync::Atomic;
  model::Access plain = r.accesses[0];
  plain.kind = model::AccessKind::Read;
  plain.sync = model::Sync::None;
  r.accesses.push_back(plain);
  EXPECT_VIOLATED(decide(r).forwardRace);
  // Two updates in one named critical section do not race.
  r.accesses[0].sync = r.accesses[1].sync = model::Sync::Critical;
  r.accesses[0].syncName = r.accesses[1].syncName = "lock";
  EXPECT_HOLDS(decide(r).forwardRace);
}

TEST(Deciders, BudgetExhaustionIsUnknown) {
  DeciderOptions options;
  options.islMaxOperations = 1;
  LoopVerdicts v = decide(loop(kHeat), options);
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_NE(v.forwardRace.reason.find("budget of 1"), std::string::npos) << v.forwardRace.reason;
  EXPECT_UNKNOWN(var(v, "x").exclusiveRead);
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Atomic);
}

TEST(Deciders, NegativeStep) {
  // for (i = n - 1; i >= 0; i--)
  auto m = loop(kTrueDependence);
  m.iterators[0].lower = model::indexFromJson("n - 1");
  m.iterators[0].op = model::Condition::Op::GE;
  m.iterators[0].bound = model::indexFromJson("0");
  m.iterators[0].step = -1;
  LoopVerdicts v = decide(m);
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *var(v, "x").forwardRace.witness;
  EXPECT_EQ(w.iterations[1].at("i"), w.iterations[0].at("i") + 1);
  EXPECT_GE(w.iterations[0].at("i"), 0);
  EXPECT_LT(w.iterations[1].at("i"), w.parameters.at("n"));
  // Pointwise with a negative step: no race.
  m.accesses[0].subscripts[0] = model::indexFromJson("i");
  EXPECT_HOLDS(decide(m).forwardRace);
}

TEST(Deciders, StridedLoop) {
  // for (i = 0; i < n; i += 2) { x[i] = ...; x[i + 1] = ...; }
  auto m = writes({"i", "i + 1"});
  m.iterators[0].step = 2;
  EXPECT_HOLDS(decide(m).forwardRace);
  // With step 1 the same writes race.
  EXPECT_VIOLATED(decide(writes({"i", "i + 1"})).forwardRace);
}

TEST(Deciders, TriangularDomains) {
  // y[i] += L[i*n + j] * x[j], j < i: L is delinearised using j < i < n.
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "scopes": [{"kind": "loop", "loop": {"iterator": "j", "lower": 0, "op": "<", "bound": "i"}}],
    "variables": [{"name": "L", "rank": 1}, {"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
    "accesses": [{"variable": "y", "kind": "read", "subscripts": ["i"], "scope": 0},
                 {"variable": "y", "kind": "write", "subscripts": ["i"], "scope": 0},
                 {"variable": "L", "kind": "read", "subscripts": ["i * n + j"], "scope": 0},
                 {"variable": "x", "kind": "read", "subscripts": ["j"], "scope": 0}]
  })json"));
  EXPECT_HOLDS(v.forwardRace);
  EXPECT_HOLDS(var(v, "L").exclusiveRead);
  EXPECT_VIOLATED(var(v, "x").exclusiveRead);
  // collapse(2) over the upper triangle, writing a[i][j] of separate rows.
  LoopVerdicts t = decide(loop(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"},
                  {"iterator": "j", "lower": "i", "op": "<", "bound": "n"}],
    "variables": [{"name": "a", "rank": 2, "separate_rows": true}],
    "accesses": [{"variable": "a", "kind": "write", "subscripts": ["i", "j"]},
                 {"variable": "a", "kind": "read", "subscripts": ["j", "i"]}]
  })json"));
  // a[j][i] with i < j is written by iteration (j, i)? Not in the upper triangle except i == j.
  EXPECT_HOLDS(t.forwardRace);
  EXPECT_TRUE(hasAssumption(t, "rows of a do not overlap"));
}

TEST(Deciders, IslKeywordNames) {
  // Parameters and iterators named like isl keywords.
  LoopVerdicts v = decide(loop(R"json({
    "parameters": ["mod", "floor"],
    "iterators": [{"iterator": "min", "lower": "floor", "op": "<", "bound": "mod"}],
    "variables": [{"name": "and", "rank": 1}],
    "accesses": [{"variable": "and", "kind": "write", "subscripts": ["min + 1"]},
                 {"variable": "and", "kind": "read", "subscripts": ["min"]}]
  })json"));
  EXPECT_VIOLATED(v.forwardRace);
  const Witness &w = *v.forwardRace.witness;
  EXPECT_EQ(w.iterations[0].count("min"), 1u);
  EXPECT_EQ(w.parameters.count("mod"), 1u);
}

TEST(Deciders, OpaqueGuardOverApproximates) {
  const char *json = R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "scopes": [{"kind": "guard", "guard": {"opaque": "calls a function", "text": "f(i)"}}],
    "variables": [{"name": "x", "rank": 1}],
    "accesses": [{"variable": "x", "kind": "write", "subscripts": ["i"], "scope": 0}]
  })json";
  // Over-approximation finds no conflict: a proof.
  EXPECT_HOLDS(decide(loop(json)).forwardRace);
  // A conflict that exists only if f(i) holds twice: unknown.
  auto m = loop(json);
  m.accesses[0].subscripts[0] = model::indexFromJson("0");
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_NE(v.forwardRace.reason.find("f(i)"), std::string::npos) << v.forwardRace.reason;
}

const char *kTernary = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "x", "rank": 1}, {"name": "y", "rank": 1}],
  "accesses": [{"variable": "x", "kind": "write", "subscripts": ["i"], "text": "x[i]"},
               {"variable": "x", "kind": "read", "subscripts": ["i + 1"], "text": "x[i + 1]"},
               {"variable": "y", "kind": "read", "subscripts": ["i"], "text": "y[i]"}],
  "statements": [{"lhs": 0, "rhs": {"kind": "conditional", "condition": "i < 0",
     "operands": [{"kind": "opaque", "text": "i < 0"},
                  {"kind": "access", "access": 1},
                  {"kind": "access", "access": 2}]}}]
})json";

TEST(Deciders, TernaryBranchesRestrictTheirAccesses) {
  // x[i] = i < 0 ? x[i + 1] : y[i]: the read of x[i + 1] never happens.
  EXPECT_HOLDS(decide(loop(kTernary)).forwardRace);
  // x[i] = y[i] > 0 ? x[i + 1] : y[i]: a floating-point condition: may race.
  auto m = loop(kTernary);
  m.statements[0].rhs.condition = model::Condition{};
  m.statements[0].rhs.operands[0].text = "y[i] > 0";
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_NE(v.forwardRace.reason.find("y[i] > 0"), std::string::npos) << v.forwardRace.reason;
}

TEST(Deciders, OpaqueParallelBound) {
  auto m = loop(kTrueDependence);
  m.iterators[0].bound = model::IndexExpr::opaque("the value of a call", "len(v)");
  LoopVerdicts v = decide(m);
  // Whether two iterations exist at all depends on len(v).
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_NE(v.forwardRace.reason.find("because the bound len(v) of loop i is not analysable (the value of a call)"),
            std::string::npos)
      << v.forwardRace.reason;
  // Pointwise: no conflict even on the over-approximated domain.
  m.accesses[0].subscripts[0] = model::indexFromJson("i");
  EXPECT_HOLDS(decide(m).forwardRace);
}

TEST(Deciders, UnsupportedMakesUnknown) {
  auto m = loop(kHeat);
  m.unsupported.push_back({model::Unsupported::Kind::Alias, "x may alias y", {}, -1});
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_UNKNOWN(var(v, "y").forwardRace);
  EXPECT_EQ(var(v, "y").forwardRace.reason, "x may alias y");
  auto one = loop(kHeat);
  one.unsupported.push_back({model::Unsupported::Kind::Other, "x is reallocated", {}, 0});
  LoopVerdicts w = decide(one);
  EXPECT_UNKNOWN(var(w, "x").forwardRace);
  EXPECT_HOLDS(var(w, "y").forwardRace);
}

TEST(Deciders, UnsupportedWithoutVariablesIsUnknown) {
  // A loop whose only effect the front end could not model (a call).
  auto m = writes({});
  m.unsupported.push_back({model::Unsupported::Kind::Call, "call to 'g' may access shared memory", {}, -1});
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(v.forwardRace);
  EXPECT_EQ(v.forwardRace.reason, "call to 'g' may access shared memory");
}

TEST(Deciders, ReadsOfUnidentifiedElementsDoNotRace) {
  // x[i][j + 1] may leave its row of extent m, but x is only read.
  auto m = loop(kJacobiTuples);
  m.iterators[1].bound = model::indexFromJson("m");
  LoopVerdicts v = decide(m);
  const VariableVerdicts &x = var(v, "x");
  EXPECT_HOLDS(x.forwardRace);
  EXPECT_UNKNOWN(x.exclusiveRead);
}

TEST(Deciders, MalformedModelsAreUnknownNotCrashes) {
  auto m = loop(kHeat);
  m.accesses[1].subscripts.clear(); // x read without its subscript
  LoopVerdicts v = decide(m);
  EXPECT_UNKNOWN(var(v, "x").exclusiveRead);
  m.accesses[1].scope = 7; // no such scope
  EXPECT_UNKNOWN(decide(m).forwardRace);
}

TEST(Deciders, AssumptionsAreCopied) {
  auto m = loop(kHeat);
  m.assumptions.push_back("pointer parameters x and y do not overlap");
  LoopVerdicts v = decide(m);
  ASSERT_EQ(v.assumptions.size(), 1u);
  EXPECT_EQ(v.assumptions[0].text, "pointer parameters x and y do not overlap");
}

} // namespace
} // namespace adjoint_lint::polyhedral
