#include "polyhedral/Polynomial.h"

#include "model/ModelJson.h"

#include <gtest/gtest.h>

namespace adjoint_lint::polyhedral {
namespace {

model::IndexExpr expr(const char *text) { return model::indexFromJson(text); }

TEST(Polynomial, ExpandsRowMajorSubscript) {
  auto p = expandPolynomial(expr("(i - 1) * n + j"), {"n"});
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ(p->at(Monomial{"n"}).toIndexExpr().str(), "i - 1");
  EXPECT_EQ(p->at(Monomial{}).toIndexExpr().str(), "j");
}

TEST(Polynomial, ExpandsThreeDimensionalSubscript) {
  auto p = expandPolynomial(expr("(i * n + j) * m + k"), {"n", "m"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at(Monomial{"m", "n"}).toIndexExpr().str(), "i");
  EXPECT_EQ(p->at(Monomial{"m"}).toIndexExpr().str(), "j");
  EXPECT_EQ(p->at(Monomial{}).toIndexExpr().str(), "k");
  auto chain = monomialChain({Monomial{}, Monomial{"m"}, Monomial{"m", "n"}});
  ASSERT_TRUE(chain);
  EXPECT_EQ(*chain, (std::vector<std::string>{"m", "n"}));
}

TEST(Polynomial, RejectsProductsOfIterators) {
  EXPECT_FALSE(expandPolynomial(expr("i * j"), {"n"}));
  EXPECT_FALSE(expandPolynomial(expr("i / 2 * n"), {"n"}));
}

TEST(Polynomial, ChainNeedsOneParameterPerStep) {
  EXPECT_FALSE(monomialChain({Monomial{}, Monomial{"m", "n"}}));
  EXPECT_FALSE(monomialChain({Monomial{"m"}, Monomial{"n"}}));
  EXPECT_TRUE(monomialChain({Monomial{"s"}}));
}

} // namespace
} // namespace adjoint_lint::polyhedral
