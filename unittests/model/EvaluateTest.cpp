// model::evaluate: the one evaluation of index expressions and conditions
// that the deciders (witness elements, constant folding) and the reports
// (the HTML report's access pattern) share.
#include "model/Evaluate.h"

#include "model/ModelJson.h"

#include <gtest/gtest.h>

#include <climits>

namespace adjoint_lint::model {
namespace {

using K = IndexExpr::Kind;

IndexExpr expr(const char *text) { return indexFromJson(text); }

Condition cmp(Condition::Op op, IndexExpr a, IndexExpr b) {
  Condition c;
  c.kind = Condition::Kind::Cmp;
  c.op = op;
  c.operands = {std::move(a), std::move(b)};
  return c;
}

Condition junction(Condition::Kind kind, std::vector<Condition> children) {
  Condition c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}

Condition opaque() {
  Condition c;
  c.kind = Condition::Kind::Opaque;
  c.reason = "a call";
  c.text = "f(i)";
  return c;
}

TEST(Evaluate, IntegerArithmeticAsInC) {
  Values v = {{"i", -7}};
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Div, IndexExpr::var("i"), IndexExpr::constant(2)), v), -3);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Mod, IndexExpr::var("i"), IndexExpr::constant(2)), v), -1);
  EXPECT_EQ(evaluate(expr("i * n + j"), {{"i", 2}, {"n", 5}, {"j", 1}}), 11);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Min, IndexExpr::var("i"), IndexExpr::constant(3)), v), -7);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Max, IndexExpr::var("i"), IndexExpr::constant(3)), v), 3);
  EXPECT_EQ(evaluate(IndexExpr::neg(IndexExpr::var("i")), v), 7);
}

TEST(Evaluate, NothingForWhatCannotBeEvaluated) {
  Values v = {{"i", 1}};
  EXPECT_EQ(evaluate(expr("i / 0"), v), std::nullopt);
  EXPECT_EQ(evaluate(expr("i % 0"), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::var("n"), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::opaque("a call", "f(i)"), v), std::nullopt);
}

TEST(Evaluate, NothingOnOverflow) {
  Values v;
  auto big = IndexExpr::constant(INT64_MAX), small = IndexExpr::constant(INT64_MIN);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Mul, big, IndexExpr::constant(2)), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Add, big, IndexExpr::constant(1)), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Sub, small, IndexExpr::constant(1)), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::neg(small), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Div, small, IndexExpr::constant(-1)), v), std::nullopt);
  EXPECT_EQ(evaluate(IndexExpr::binary(K::Mod, small, IndexExpr::constant(-1)), v), std::nullopt);
}

TEST(Evaluate, IndexArrayElementsByName) {
  IndexExpr read = IndexExpr::arrayRead("perm", {IndexExpr::binary(K::Add, IndexExpr::var("i"), IndexExpr::constant(1))});
  EXPECT_EQ(evaluate(read, {{"i", 2}, {"perm[3]", 40}}), 40);
  EXPECT_EQ(evaluate(read, {{"i", 2}, {"perm[2]", 40}}), std::nullopt); // the element read is not known
  EXPECT_EQ(evaluate(read, {{"perm[3]", 40}}), std::nullopt);           // nor its subscript
}

TEST(Evaluate, Comparisons) {
  Values v = {{"i", 2}};
  EXPECT_EQ(evaluate(cmp(Condition::Op::LT, IndexExpr::var("i"), IndexExpr::constant(3)), v), true);
  EXPECT_EQ(evaluate(cmp(Condition::Op::GE, IndexExpr::var("i"), IndexExpr::constant(3)), v), false);
  EXPECT_EQ(evaluate(cmp(Condition::Op::NE, IndexExpr::var("i"), IndexExpr::var("n")), v), std::nullopt);
  Condition t;
  EXPECT_EQ(evaluate(t, v), true);
  EXPECT_EQ(evaluate(opaque(), v), std::nullopt);
  Condition negated = junction(Condition::Kind::Not, {cmp(Condition::Op::EQ, IndexExpr::var("i"), IndexExpr::constant(2))});
  EXPECT_EQ(evaluate(negated, v), false);
}

TEST(Evaluate, AndOrShortCircuitAsInC) {
  Values v = {{"i", 2}};
  Condition yes = cmp(Condition::Op::EQ, IndexExpr::var("i"), IndexExpr::constant(2));
  Condition no = cmp(Condition::Op::EQ, IndexExpr::var("i"), IndexExpr::constant(3));
  EXPECT_EQ(evaluate(junction(Condition::Kind::And, {no, opaque()}), v), false);
  EXPECT_EQ(evaluate(junction(Condition::Kind::Or, {yes, opaque()}), v), true);
  // The unknown operand comes first: C evaluates it, so the value is unknown.
  EXPECT_EQ(evaluate(junction(Condition::Kind::And, {opaque(), no}), v), std::nullopt);
  EXPECT_EQ(evaluate(junction(Condition::Kind::And, {yes, opaque()}), v), std::nullopt);
  EXPECT_EQ(evaluate(junction(Condition::Kind::Or, {no, yes}), v), true);
}

TEST(Evaluate, CompareServesAnyOrderedType) {
  EXPECT_TRUE(compare(Condition::Op::LE, 2, 2));
  EXPECT_FALSE(compare(Condition::Op::GT, int64_t{2}, int64_t{2}));
  EXPECT_TRUE(compare(Condition::Op::NE, std::string("a"), std::string("b")));
}

} // namespace
} // namespace adjoint_lint::model
