// Index-array reads (IndexExpr::Kind::ArrayRead) and declared facts in the
// loop model and its JSON form.
#include "model/ModelJson.h"

#include <gtest/gtest.h>

namespace adjoint_lint::model {
namespace {

TEST(IndexArrayModel, ArrayReadsRoundTripAsText) {
  for (const char *text : {"perm[i]", "rowptr[i + 1]", "x[col[k]]", "a[i][j] + 1", "2 * perm[i - 1]"}) {
    IndexExpr e = indexFromJson(text);
    EXPECT_EQ(e.str(), text);
    EXPECT_EQ(toJson(e), nlohmann::json(text));
    EXPECT_TRUE(e.readsArray());
    EXPECT_FALSE(e.isOpaque());
  }
  IndexExpr e = indexFromJson("rowptr[i + 1] - 1");
  ASSERT_EQ(e.ops.at(0).kind, IndexExpr::Kind::ArrayRead);
  EXPECT_EQ(e.ops.at(0).name, "rowptr");
  ASSERT_EQ(e.ops.at(0).ops.size(), 1u);
  EXPECT_EQ(e.ops.at(0).ops[0].str(), "i + 1");
  EXPECT_EQ(indexFromJson("a[i][j]").ops.size(), 2u);
  EXPECT_EQ(indexFromJson("x[col[k]] + perm[i]").arraysRead(), (std::vector<std::string>{"col", "perm", "x"}));
  EXPECT_FALSE(indexFromJson("i + 1").readsArray());
  EXPECT_EQ(conditionFromJson("k < rowptr[i + 1]").str(), "k < rowptr[i + 1]");
}

TEST(IndexArrayModel, ArrayReadsWithOpaquePartsRoundTripAsTrees) {
  IndexExpr e = IndexExpr::arrayRead("perm", {IndexExpr::opaque("call f(i)", "f(i)")});
  nlohmann::json j = toJson(e);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("array"), "perm");
  IndexExpr back = indexFromJson(j);
  EXPECT_EQ(back.kind, IndexExpr::Kind::ArrayRead);
  EXPECT_EQ(back.name, "perm");
  EXPECT_TRUE(back.isOpaque());
  EXPECT_THROW(indexFromJson(nlohmann::json::parse(R"({"array": "perm", "args": []})")), ModelJsonError);
  EXPECT_THROW(indexFromJson("perm[i"), ModelJsonError);
}

TEST(IndexArrayModel, WrittenIndexArraysBecomeOpaque) {
  LoopModel m = loopFromJson(nlohmann::json::parse(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": "lo[0]", "op": "<", "bound": "n"}],
    "scopes": [{"kind": "loop", "loop": {"iterator": "k", "lower": "rowptr[i]", "op": "<", "bound": "rowptr[i + 1]"}}],
    "variables": [{"name": "x", "rank": 1}, {"name": "rowptr", "rank": 1}, {"name": "perm", "rank": 1}],
    "accesses": [{"variable": 0, "kind": "read", "subscripts": ["perm[k] + rowptr[i]"]}]})json"));
  opaqueArrayReads(m, [](const std::string &a) -> std::optional<std::string> {
    if (a == "perm")
      return std::string("perm is written in the loop");
    return std::nullopt;
  });
  const IndexExpr &sub = m.accesses[0].subscripts[0];
  EXPECT_EQ(sub.ops[0].kind, IndexExpr::Kind::Opaque);
  EXPECT_NE(sub.ops[0].reason.find("perm is written in the loop"), std::string::npos);
  EXPECT_EQ(sub.ops[1].kind, IndexExpr::Kind::ArrayRead);
  EXPECT_EQ(m.scopes[0].loop.bound.kind, IndexExpr::Kind::ArrayRead);
  EXPECT_EQ(m.iterators[0].lower.kind, IndexExpr::Kind::ArrayRead);
}

TEST(IndexArrayModel, FactsParse) {
  std::string error;
  auto f = parseFact("injective(perm)", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->kind, Fact::Kind::Injective);
  EXPECT_EQ(f->arrays, (std::vector<std::string>{"perm"}));
  EXPECT_EQ(f->str(), "injective(perm)");
  f = parseFact(" injective( src ,dst ) ", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->str(), "injective(src, dst)");
  f = parseFact("nondecreasing(rowptr)", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->kind, Fact::Kind::NonDecreasing);
  f = parseFact("increasing(g->idx)", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->names(), (std::vector<std::string>{"g->idx"}));
  f = parseFact("s > 0 && n >= s", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->kind, Fact::Kind::Condition);
  EXPECT_EQ(f->str(), "s > 0 && n >= s");
  EXPECT_EQ(f->names(), (std::vector<std::string>{"s", "n"}));

  for (const char *bad : {"", "injective", "injective()", "injective(1x)", "nondecreasing(a, b)", "s >", "foo(x)",
                          "injectivity(p)"}) {
    error.clear();
    EXPECT_FALSE(parseFact(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(IndexArrayModel, FactsRoundTripInTheLoopModel) {
  LoopModel m = loopFromJson(nlohmann::json::parse(R"json({
    "parameters": ["n", "s"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "rank": 1}],
    "accesses": [{"variable": 0, "kind": "write", "subscripts": ["s * i"]}],
    "facts": [{"fact": "s > 0", "origin": "pragma", "range": {"file": "a.c", "line": 4, "column": 1}},
              {"fact": "injective(perm)", "origin": "config"}]})json"));
  ASSERT_EQ(m.facts.size(), 2u);
  EXPECT_EQ(m.facts[0].range.line, 4u);
  LoopModel back = loopFromJson(toJson(m));
  ASSERT_EQ(back.facts.size(), 2u);
  EXPECT_EQ(back.facts[0].str(), "s > 0");
  EXPECT_EQ(back.facts[0].origin, model::Fact::Origin::Pragma);
  EXPECT_EQ(back.facts[1].str(), "injective(perm)");
  EXPECT_EQ(back.facts[1].origin, model::Fact::Origin::Config);
  EXPECT_EQ(toJson(back), toJson(m));
  EXPECT_THROW(loopFromJson(nlohmann::json::parse(R"json({
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": 4}],
    "variables": [], "accesses": [], "facts": [{"fact": "wat(x)"}]})json")),
               ModelJsonError);
}

} // namespace
} // namespace adjoint_lint::model
