// The interpretation of Z3 answers, fed made-up solver outcomes.
#include "polyhedral/SmtResult.h"

#include <gtest/gtest.h>

using namespace adjoint_lint::polyhedral::smt;
using Status = SolverOutcome::Status;

namespace {

Interpretation of(Status s, std::string detail = "", Budget b = {}) { return interpret({s, std::move(detail)}, b); }

} // namespace

TEST(SmtResult, UnsatProvesSatRefutes) {
  EXPECT_EQ(of(Status::Unsat).answer, Answer::Proved);
  EXPECT_TRUE(of(Status::Unsat).reason.empty());
  EXPECT_EQ(of(Status::Sat).answer, Answer::Refuted);
  EXPECT_FALSE(of(Status::Sat).exhausted);
}

TEST(SmtResult, TimeoutNamesTheBudget) {
  Budget b{0, 250};
  for (const char *why : {"timeout", "canceled"}) {
    Interpretation i = of(Status::Unknown, why, b);
    EXPECT_EQ(i.answer, Answer::Unknown) << why;
    EXPECT_TRUE(i.exhausted) << why;
    EXPECT_EQ(i.reason, "Z3 timeout of 250 ms per loop exhausted") << why;
  }
}

TEST(SmtResult, RlimitNamesTheBudget) {
  Interpretation i = of(Status::Unknown, "max. resource limit exceeded", {1, 0});
  EXPECT_EQ(i.answer, Answer::Unknown);
  EXPECT_TRUE(i.exhausted);
  EXPECT_EQ(i.reason, "Z3 rlimit of 1 per loop exhausted");
  // Older Z3 wording, and no budget set (a limit from elsewhere).
  Interpretation j = of(Status::Unknown, "resource limits reached");
  EXPECT_TRUE(j.exhausted);
  EXPECT_NE(j.reason.find("resources"), std::string::npos);
}

TEST(SmtResult, IncompleteIsUnknownNotExhausted) {
  Interpretation i = of(Status::Unknown, "(incomplete (theory arithmetic))", {100, 100});
  EXPECT_EQ(i.answer, Answer::Unknown);
  EXPECT_FALSE(i.exhausted);
  EXPECT_NE(i.reason.find("incomplete (theory arithmetic)"), std::string::npos);
}

TEST(SmtResult, ErrorsAndSilenceAreUnknownWithAReason) {
  Interpretation e = of(Status::Error, "invalid argument");
  EXPECT_EQ(e.answer, Answer::Unknown);
  EXPECT_EQ(e.reason, "Z3 failed: invalid argument");
  EXPECT_FALSE(of(Status::Error).reason.empty());
  Interpretation s = of(Status::Unknown, "");
  EXPECT_EQ(s.answer, Answer::Unknown);
  EXPECT_FALSE(s.reason.empty());
  Interpretation o = of(Status::Unknown, "smt tactic failed to show goal to be sat/unsat");
  EXPECT_NE(o.reason.find("smt tactic failed"), std::string::npos);
}

TEST(SmtResult, SpentBudgetReadsAsExhausted) {
  Budget b{7, 9};
  EXPECT_EQ(interpret(budgetSpent(true), b).reason, "Z3 rlimit of 7 per loop exhausted");
  EXPECT_EQ(interpret(budgetSpent(false), b).reason, "Z3 timeout of 9 ms per loop exhausted");
}
