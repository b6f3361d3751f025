// Z3 on what isl cannot represent: index arrays (uninterpreted functions)
// and products of parameters and iterators, with declared and derived facts.
// Models are JSON (no Clang); subscripts use the text form ("x[perm[i]]").
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

model::LoopModel fromJson(nlohmann::json j) {
  for (nlohmann::json &a : j["accesses"])
    if (a["variable"].is_string())
      for (size_t v = 0; v < j["variables"].size(); ++v)
        if (j["variables"][v]["name"] == a["variable"])
          a["variable"] = v;
  return model::loopFromJson(j);
}

model::LoopModel loop(const char *json, std::vector<std::string> facts = {}) {
  nlohmann::json j = nlohmann::json::parse(json);
  for (const std::string &f : facts)
    j["facts"].push_back({{"fact", f}, {"origin", "pragma"}, {"range", {{"line", 3}}}});
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

bool listed(const LoopVerdicts &v, const std::string &part) {
  return std::any_of(v.assumptions.begin(), v.assumptions.end(),
                     [&](const model::Assumption &a) { return a.text.find(part) != std::string::npos; });
}

// y[i] = x[perm[i]]
const char *gather = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "y", "rank": 1}, {"name": "x", "rank": 1},
                {"name": "perm", "rank": 1, "element_type": "int", "floating": false}],
  "accesses": [{"variable": "perm", "kind": "read", "subscripts": ["i"], "text": "perm[i]"},
               {"variable": "x", "kind": "read", "subscripts": ["perm[i]"], "text": "x[perm[i]]"},
               {"variable": "y", "kind": "write", "subscripts": ["i"], "text": "y[i]"}]})json";

TEST(IndexArrays, PermutationGatherIsUnknownWithoutAFactAndShowsTheValues) {
  LoopVerdicts v = decide(loop(gather));
  const PropertyResult &x = var(v, "x").exclusiveRead;
  EXPECT_EQ(x.verdict, Verdict::Unknown);
  EXPECT_EQ(x.decidedBy, model::DecidedBy::Z3);
  ASSERT_TRUE(x.witness.has_value());
  ASSERT_EQ(x.witness->arrayValues.size(), 2u);
  // Two different elements of perm with one value.
  auto first = x.witness->arrayValues.begin(), second = std::next(first);
  EXPECT_NE(first->first, second->first);
  EXPECT_EQ(first->second, second->second);
  EXPECT_NE(x.reason.find(" = "), std::string::npos) << x.reason;
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Atomic);
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Holds);
  EXPECT_FALSE(listed(v, "injective"));
}

TEST(IndexArrays, PermutationGatherHoldsWithInjective) {
  LoopVerdicts v = decide(loop(gather, {"injective(perm)"}));
  const PropertyResult &x = var(v, "x").exclusiveRead;
  EXPECT_EQ(x.verdict, Verdict::Holds) << x.reason;
  EXPECT_EQ(x.decidedBy, model::DecidedBy::Z3);
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Plain);
  EXPECT_TRUE(listed(v, "assumed injective(perm)"));
}

TEST(IndexArrays, AnUnrelatedFactIsNotListed) {
  LoopVerdicts v = decide(loop(gather, {"nondecreasing(perm)", "injective(other)"}));
  EXPECT_EQ(var(v, "x").exclusiveRead.verdict, Verdict::Unknown);
  EXPECT_FALSE(listed(v, "nondecreasing(perm)")); // used by no proof
  EXPECT_FALSE(listed(v, "injective(other)"));
}

TEST(IndexArrays, AWrittenIndexArrayIsNotAFunction) {
  // perm[i] = ... in the loop: its values change, injectivity says nothing.
  nlohmann::json j = nlohmann::json::parse(gather);
  j["accesses"].push_back({{"variable", 2}, {"kind", "write"}, {"subscripts", {"i + 1"}}, {"text", "perm[i + 1]"}});
  j["facts"].push_back({{"fact", "injective(perm)"}});
  LoopVerdicts v = decide(fromJson(j));
  EXPECT_EQ(var(v, "x").exclusiveRead.verdict, Verdict::Unknown);
  EXPECT_NE(var(v, "x").exclusiveRead.reason.find("perm[i]"), std::string::npos) << var(v, "x").exclusiveRead.reason;
  EXPECT_FALSE(var(v, "x").exclusiveRead.witness.has_value());
}

// x[s * i] = ...
const char *stride = R"json({
  "parameters": ["n", "s"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "x", "rank": 1}],
  "accesses": [{"variable": "x", "kind": "write", "subscripts": ["s * i"], "text": "x[s * i]"}]})json";

TEST(IndexArrays, ParametricStrideRacesForSZero) {
  LoopVerdicts v = decide(loop(stride));
  const PropertyResult &r = var(v, "x").forwardRace;
  ASSERT_EQ(r.verdict, Verdict::Violated) << r.reason;
  EXPECT_EQ(r.decidedBy, model::DecidedBy::Z3);
  ASSERT_TRUE(r.witness.has_value());
  EXPECT_EQ(r.witness->parameters.at("s"), 0);
  EXPECT_NE(r.witness->iterations[0].at("i"), r.witness->iterations[1].at("i"));
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Violated);
}

TEST(IndexArrays, ParametricStrideIsRaceFreeForPositiveS) {
  LoopVerdicts v = decide(loop(stride, {"s > 0"}));
  EXPECT_EQ(var(v, "x").forwardRace.verdict, Verdict::Holds) << var(v, "x").forwardRace.reason;
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Holds);
  EXPECT_TRUE(listed(v, "assumed s > 0"));
}

TEST(IndexArrays, AContradictedFactIsReported) {
  // The front end puts in constants: `s > 0` with `const int s = 0` is `0 > 0`.
  LoopVerdicts v = decide(loop(stride, {"0 > 0", "s > 0 && s < 0", "n >= 0"}));
  ASSERT_EQ(v.contradicted.size(), 2u);
  EXPECT_EQ(v.contradicted[0].fact, "0 > 0");
  EXPECT_EQ(v.contradicted[1].fact, "s > 0 && s < 0");
}

// for (k = rowptr[i]; k < rowptr[i + 1]; k++) y[i] += val[k] * x[col[k]];
const char *csr = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "scopes": [{"kind": "loop", "loop": {"iterator": "k", "lower": "rowptr[i]", "op": "<",
                                        "bound": "rowptr[i + 1]"}}],
  "variables": [{"name": "y", "rank": 1}, {"name": "val", "rank": 1}, {"name": "x", "rank": 1},
                {"name": "col", "rank": 1, "element_type": "int", "floating": false},
                {"name": "rowptr", "rank": 1, "element_type": "int", "floating": false}],
  "accesses": [{"variable": "rowptr", "kind": "read", "subscripts": ["i"], "text": "rowptr[i]"},
               {"variable": "rowptr", "kind": "read", "subscripts": ["i + 1"], "text": "rowptr[i + 1]"},
               {"variable": "y", "kind": "read", "subscripts": ["i"], "scope": 0, "text": "y[i]"},
               {"variable": "val", "kind": "read", "subscripts": ["k"], "scope": 0, "text": "val[k]"},
               {"variable": "col", "kind": "read", "subscripts": ["k"], "scope": 0, "text": "col[k]"},
               {"variable": "x", "kind": "read", "subscripts": ["col[k]"], "scope": 0, "text": "x[col[k]]"},
               {"variable": "y", "kind": "write", "subscripts": ["i"], "scope": 0, "text": "y[i]"}]})json";

TEST(IndexArrays, CsrRowsShareValOnlyWithoutNondecreasingRowptr) {
  LoopVerdicts plain = decide(loop(csr));
  EXPECT_EQ(plain.forwardRace.verdict, Verdict::Holds);
  EXPECT_EQ(var(plain, "val").exclusiveRead.verdict, Verdict::Unknown);
  EXPECT_EQ(var(plain, "x").exclusiveRead.verdict, Verdict::Unknown);

  LoopVerdicts v = decide(loop(csr, {"nondecreasing(rowptr)"}));
  EXPECT_EQ(var(v, "val").exclusiveRead.verdict, Verdict::Holds) << var(v, "val").exclusiveRead.reason;
  EXPECT_EQ(var(v, "val").strategy, model::Strategy::Plain);
  // Two rows may read one x[col[k]] whatever rowptr looks like.
  EXPECT_EQ(var(v, "x").exclusiveRead.verdict, Verdict::Unknown);
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Atomic);
  EXPECT_TRUE(listed(v, "assumed nondecreasing(rowptr)"));
}

// y[idx[i]] = 2 * x[idx[i]]
const char *scatter = R"json({
  "parameters": ["n"],
  "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
  "variables": [{"name": "y", "rank": 1}, {"name": "x", "rank": 1},
                {"name": "idx", "rank": 1, "element_type": "int", "floating": false}],
  "accesses": [{"variable": "idx", "kind": "read", "subscripts": ["i"], "text": "idx[i]"},
               {"variable": "x", "kind": "read", "subscripts": ["idx[i]"], "text": "x[idx[i]]"},
               {"variable": "y", "kind": "write", "subscripts": ["idx[i]"], "text": "y[idx[i]]"}]})json";

TEST(IndexArrays, InjectivityDerivedFromTheForwardWriteServesTheAdjointOnly) {
  LoopVerdicts v = decide(loop(scatter));
  // The race verdict does not use what race freedom would imply.
  EXPECT_EQ(var(v, "y").forwardRace.verdict, Verdict::Unknown);
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Unknown);
  // The adjoint does: idx is injective on the iterations if the loop is race-free.
  EXPECT_EQ(var(v, "x").exclusiveRead.verdict, Verdict::Holds) << var(v, "x").exclusiveRead.reason;
  EXPECT_EQ(var(v, "x").strategy, model::Strategy::Plain);
  EXPECT_TRUE(listed(v, "derived: idx"));
}

TEST(IndexArrays, NoDerivedFactWhenTheWriteIsAtomic) {
  nlohmann::json j = nlohmann::json::parse(scatter);
  j["accesses"][2]["sync"] = "atomic";
  LoopVerdicts v = decide(fromJson(j));
  EXPECT_EQ(var(v, "x").exclusiveRead.verdict, Verdict::Unknown);
  EXPECT_FALSE(listed(v, "derived"));
}

TEST(IndexArrays, EvenAndOddEdgesOfAColouring) {
  // for (e = 0; e < ne; e += 2) { y[src[e]] += w[e]; y[dst[e]] += w[e]; }
  const char *edges = R"json({
    "parameters": ["ne"],
    "iterators": [{"iterator": "e", "lower": 0, "op": "<", "bound": "ne", "step": 2}],
    "variables": [{"name": "y", "rank": 1}, {"name": "w", "rank": 1},
                  {"name": "src", "rank": 1, "element_type": "int", "floating": false},
                  {"name": "dst", "rank": 1, "element_type": "int", "floating": false}],
    "accesses": [{"variable": "w", "kind": "read", "subscripts": ["e"], "text": "w[e]"},
                 {"variable": "y", "kind": "write", "subscripts": ["src[e]"], "text": "y[src[e]]"},
                 {"variable": "y", "kind": "write", "subscripts": ["dst[e]"], "text": "y[dst[e]]"}]})json";
  LoopVerdicts none = decide(loop(edges));
  EXPECT_EQ(none.forwardRace.verdict, Verdict::Unknown);
  ASSERT_TRUE(var(none, "y").forwardRace.witness.has_value());
  // Injective src and dst alone still let src[0] == dst[2].
  EXPECT_EQ(decide(loop(edges, {"injective(src)", "injective(dst)"})).forwardRace.verdict, Verdict::Unknown);
  // The colouring's promise: the edges of this colour touch distinct nodes.
  LoopVerdicts v = decide(loop(edges, {"injective(src, dst)"}));
  EXPECT_EQ(v.forwardRace.verdict, Verdict::Holds) << v.forwardRace.reason;
  EXPECT_TRUE(listed(v, "assumed injective(src, dst)"));
  // The adjoint of w needs nothing: w[e] is read by one iteration each.
  EXPECT_EQ(var(v, "w").exclusiveRead.verdict, Verdict::Holds);
}

} // namespace
} // namespace adjoint_lint::polyhedral
