// The loop model's JSON form: the compact string syntax and a full round trip.
#include "model/ModelJson.h"

#include <gtest/gtest.h>

namespace adjoint_lint::model {
namespace {

TEST(ModelJson, IndexStringsRoundTrip) {
  for (const char *text : {"(i - 1) * n + j", "(i * n + j) * m + k", "i / 2", "i % 2", "-i + 1",
                           "min(i, n - 1)", "max(0, i - 1)", "n - (i - 1)"}) {
    IndexExpr e = indexFromJson(text);
    EXPECT_EQ(e.str(), text);
    EXPECT_EQ(toJson(e), nlohmann::json(text));
  }
  EXPECT_EQ(indexFromJson("i - j - k").str(), "i - j - k");
  EXPECT_EQ(indexFromJson("i - (j - k)").str(), "i - (j - k)");
}

TEST(ModelJson, MemberNamesInIndexStrings) {
  // Parameters named by a member access's spelling: g->n, s.dims.n, this->n.
  for (const char *text : {"g->n - 1", "i + s.dims.n", "i * this->n + j", "min(i, g->n)"}) {
    IndexExpr e = indexFromJson(text);
    EXPECT_EQ(e.str(), text);
  }
  IndexExpr e = indexFromJson("g->n-1");
  ASSERT_EQ(e.kind, IndexExpr::Kind::Sub);
  EXPECT_EQ(e.ops.at(0).name, "g->n");
  EXPECT_EQ(conditionFromJson("i < g->n && j >= s.lo").str(), "i < g->n && j >= s.lo");
}

TEST(ModelJson, ConditionStringsRoundTrip) {
  for (const char *text : {"i >= 1 && j < n", "i < 1 || i > n - 2", "!(i == j)", "i % 2 == 0"}) {
    Condition c = conditionFromJson(text);
    EXPECT_EQ(c.str(), text);
  }
  EXPECT_EQ(conditionFromJson("(i < 1 || i > 2) && j != 0").kind, Condition::Kind::And);
}

TEST(ModelJson, OpaquePartsAreTrees) {
  nlohmann::json j = {{"op", "+"}, {"args", {"i", {{"opaque", "data-dependent"}, {"text", "idx[i]"}}}}};
  IndexExpr e = indexFromJson(j);
  EXPECT_TRUE(e.isOpaque());
  EXPECT_EQ(toJson(e), j);
  nlohmann::json c = {{"and", {"i > 0", {{"opaque", "calls a function"}, {"text", "f(i)"}}}}};
  EXPECT_EQ(toJson(conditionFromJson(c)), c);
}

const char *kLoop = R"json({
  "id": "stencil.c:12:1",
  "range": {"file": "stencil.c", "line": 12, "column": 1},
  "function": "heat_step",
  "directive": "parallel for",
  "parameters": ["n", "m"],
  "iterators": [{"iterator": "i", "lower": "n - 1", "op": ">=", "bound": 0, "step": -1}],
  "scopes": [{"kind": "loop", "loop": {"iterator": "j", "lower": 0, "op": "<", "bound": "m", "step": 2}},
             {"kind": "guard", "parent": 0, "guard": "j % 4 == 0 || i < 3"}],
  "variables": [{"name": "x", "element_type": "double", "rank": 2, "extents": [null, "m"], "pointer": true},
                {"name": "s", "element_type": "double", "rank": 0, "sharing": "reduction", "reduction_op": "+"},
                {"name": "idx", "element_type": "int", "rank": 1, "parameter": true}],
  "accesses": [{"variable": 0, "kind": "write", "subscripts": ["i", "j"], "scope": 1, "text": "x[i][j]"},
               {"variable": 2, "kind": "read", "subscripts": ["i"], "text": "idx[i]"},
               {"variable": 0, "kind": "read", "scope": 1, "sync": "atomic",
                "subscripts": [{"opaque": "data-dependent", "text": "idx[i]"}, "j"]},
               {"variable": 1, "kind": "write", "subscripts": [], "sync": "critical", "sync_name": "lock"}],
  "statements": [{"lhs": 0, "op": "+=", "scope": 1,
                  "rhs": {"kind": "binary", "op": "*", "operands": [{"kind": "access", "access": 2},
                                                                     {"kind": "float", "value": 0.5}]}}],
  "clauses": {"reduction": [{"op": "+", "vars": ["s"]}], "collapse": 1, "schedule": "static", "chunk": 4},
  "assumptions": ["x and idx do not overlap"],
  "unsupported": [{"reason": "goto in the loop body", "variable": -1}],
  "source": "#pragma omp parallel for ..."
})json";

TEST(ModelJson, LoopRoundTrip) {
  LoopModel m = loopFromJson(nlohmann::json::parse(kLoop));
  EXPECT_EQ(m.iterators.at(0).step, -1);
  EXPECT_EQ(m.iterators.at(0).op, Condition::Op::GE);
  EXPECT_EQ(m.scopes.at(1).parent, 0);
  EXPECT_EQ(m.scopeChain(1), (std::vector<int>{0, 1}));
  EXPECT_FALSE(m.variables.at(0).extents.at(0).has_value());
  EXPECT_EQ(m.variables.at(0).extents.at(1)->str(), "m");
  EXPECT_EQ(m.variables.at(1).sharing, Sharing::Reduction);
  EXPECT_TRUE(m.accesses.at(2).subscripts.at(0).isOpaque());
  EXPECT_EQ(m.accesses.at(3).syncName, "lock");
  EXPECT_EQ(m.clauses.chunk, 4);

  nlohmann::json once = toJson(m);
  nlohmann::json twice = toJson(loopFromJson(once));
  EXPECT_EQ(once, twice);
}

TEST(ModelJson, RejectsMalformedModels) {
  EXPECT_THROW(indexFromJson("i +"), ModelJsonError);
  EXPECT_THROW(conditionFromJson("i"), ModelJsonError);
  auto j = nlohmann::json::parse(kLoop);
  j["accesses"][0]["subscripts"] = {"i"};
  EXPECT_THROW(loopFromJson(j), ModelJsonError); // wrong number of subscripts
  j = nlohmann::json::parse(kLoop);
  j["iterators"][0]["step"] = 0;
  EXPECT_THROW(loopFromJson(j), ModelJsonError);
}

} // namespace
} // namespace adjoint_lint::model
