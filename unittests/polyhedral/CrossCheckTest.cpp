// The cross-check comparison, fed made-up verdicts: holds against violated
// is a disagreement that names the loop, the variable and the property;
// unknown from either side is none.
#include "polyhedral/CrossCheck.h"

#include <gtest/gtest.h>

using namespace adjoint_lint;
using namespace adjoint_lint::polyhedral;

namespace {

using model::LoopVerdicts;
using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;

PropertyResult verdict(Verdict v, model::DecidedBy by) {
  PropertyResult r;
  r.verdict = v;
  r.decidedBy = by;
  return r;
}

model::LoopModel loopWithX() {
  model::LoopModel loop;
  loop.id = "a.c:3:1";
  model::Variable x;
  x.name = "x";
  x.rank = 1;
  loop.variables.push_back(x);
  return loop;
}

} // namespace

TEST(CrossCheck, OnlyHoldsAgainstViolatedDisagrees) {
  const Verdict all[] = {Verdict::Holds, Verdict::Violated, Verdict::Unknown, Verdict::NotApplicable};
  for (Verdict a : all)
    for (Verdict b : all) {
      bool expected = (a == Verdict::Holds && b == Verdict::Violated) || (a == Verdict::Violated && b == Verdict::Holds);
      EXPECT_EQ(disagreement(verdict(a, model::DecidedBy::Isl), verdict(b, model::DecidedBy::Z3)).has_value(), expected)
          << static_cast<int>(a) << " vs " << static_cast<int>(b);
    }
}

TEST(CrossCheck, DisagreementNamesLoopVariableAndProperty) {
  model::LoopModel loop = loopWithX();
  LoopVerdicts isl;
  VariableVerdicts vv;
  vv.variable = 0;
  vv.name = "x";
  vv.forwardRace = verdict(Verdict::Holds, model::DecidedBy::Isl);
  vv.exclusiveRead = verdict(Verdict::Violated, model::DecidedBy::Isl);
  isl.variables.push_back(vv);

  SmtVariableVerdicts agree{0, verdict(Verdict::Holds, model::DecidedBy::Z3), verdict(Verdict::Unknown, model::DecidedBy::Z3)};
  EXPECT_NO_THROW(compareVerdicts(loop, isl, {agree}));

  SmtVariableVerdicts fake{0, verdict(Verdict::Holds, model::DecidedBy::Z3), verdict(Verdict::Holds, model::DecidedBy::Z3)};
  try {
    compareVerdicts(loop, isl, {fake});
    FAIL() << "a disagreement must throw";
  } catch (const CrossCheckError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("a.c:3:1"), std::string::npos) << what;
    EXPECT_NE(what.find("exclusive read of x"), std::string::npos) << what;
    EXPECT_NE(what.find("isl says violated"), std::string::npos) << what;
    EXPECT_NE(what.find("Z3 says holds"), std::string::npos) << what;
  }

  // A verdict that isl did not decide (the data-sharing clauses, or Z3
  // itself for index arrays) is not compared.
  isl.variables[0].exclusiveRead.decidedBy = model::DecidedBy::DataSharing;
  EXPECT_NO_THROW(compareVerdicts(loop, isl, {fake}));
}

TEST(CrossCheck, Z3DecidesAffineConflictsLikeIsl) {
  // for (i = 0; i < n; i++) x[i] = x[i + 1]: race; y[i / 2] reads: not exclusive.
  model::LoopModel loop = loopWithX();
  loop.parameters = {"n"};
  using model::IndexExpr;
  loop.iterators.push_back({"i", IndexExpr::constant(0), model::Condition::Op::LT, IndexExpr::var("n"), 1, {}});
  model::Variable y;
  y.name = "y";
  y.rank = 1;
  y.floating = true;
  loop.variables.push_back(y);
  auto access = [&](int v, model::AccessKind k, IndexExpr e) {
    model::Access a;
    a.variable = v;
    a.kind = k;
    a.subscripts = {e};
    loop.accesses.push_back(a);
  };
  access(0, model::AccessKind::Write, IndexExpr::var("i"));
  access(0, model::AccessKind::Read,
         IndexExpr::binary(IndexExpr::Kind::Add, IndexExpr::var("i"), IndexExpr::constant(1)));
  access(1, model::AccessKind::Read,
         IndexExpr::binary(IndexExpr::Kind::Div, IndexExpr::var("i"), IndexExpr::constant(2)));
  std::vector<SmtVariableVerdicts> z3 = decideWithZ3(loop, {0, 0});
  ASSERT_EQ(z3.size(), 2u);
  EXPECT_EQ(z3[0].forwardRace.verdict, Verdict::Violated);
  ASSERT_TRUE(z3[0].forwardRace.witness.has_value());
  EXPECT_EQ(z3[1].forwardRace.verdict, Verdict::Holds);
  EXPECT_EQ(z3[1].exclusiveRead.verdict, Verdict::Violated);
  // i / 2 truncates: i = 0 and i = 1 (or -1 and 1 if the domain allowed it) read y[0].
  const Witness &w = *z3[1].exclusiveRead.witness;
  EXPECT_EQ(w.element.at(0), w.iterations.at(0).at("i") / 2);
  EXPECT_EQ(w.element.at(0), w.iterations.at(1).at("i") / 2);
  EXPECT_NE(w.iterations.at(0).at("i"), w.iterations.at(1).at("i"));
}
