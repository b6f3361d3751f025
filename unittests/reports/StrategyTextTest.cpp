// The sentences that say why a variable has its strategy.
#include "reports/StrategyText.h"

#include <gtest/gtest.h>

namespace adjoint_lint::reports {
namespace {

using Kind = model::StrategyReason::Kind;

std::string text(model::StrategyReason r) {
  model::VariableVerdicts vv;
  vv.name = "x";
  vv.strategyReason = std::move(r);
  return strategyReasonText(vv);
}

model::StrategyReason reason(Kind kind, std::string cause = "") {
  model::StrategyReason r;
  r.kind = kind;
  r.cause = std::move(cause);
  return r;
}

TEST(StrategyText, NoReasonNoText) { EXPECT_EQ(strategyReasonText(model::VariableVerdicts{}), ""); }

TEST(StrategyText, Plain) {
  EXPECT_EQ(text(reason(Kind::NotActive)), "not active: no adjoint");
  model::StrategyReason r = reason(Kind::Privatised);
  r.sharing = model::Sharing::LastPrivate;
  EXPECT_EQ(text(r), "not active: x is " + std::string(model::toString(model::Sharing::LastPrivate)) +
                         ", so its adjoint is thread-local");
  EXPECT_EQ(text(reason(Kind::ReductionVariable)), "reduction variable: every iteration only reads its adjoint");
  EXPECT_EQ(text(reason(Kind::NotRead)), "x is not read, so its adjoint is not incremented");
  EXPECT_EQ(text(reason(Kind::ExclusiveRead)), "exclusive read holds: no two iterations increment one adjoint element");
}

TEST(StrategyText, Atomic) {
  EXPECT_EQ(text(reason(Kind::ReadsNotExact)), "the read pattern of x is not exactly known: some reads are not affine");
  EXPECT_EQ(text(reason(Kind::ReadsNotExact, "why")), "the read pattern of x is not exactly known: why");
  EXPECT_EQ(text(reason(Kind::ReadsNotAffine)), "the read pattern of x is not affine (two iterations may read one element)");
  EXPECT_EQ(text(reason(Kind::ReadsNotAffine, "why")), "the read pattern of x is not affine (why)");
  EXPECT_EQ(text(reason(Kind::Undecided, "why")), "nothing was decided (why)");
}

TEST(StrategyText, ReductionAndGather) {
  model::StrategyReason r = reason(Kind::SmallFootprint);
  r.elements = 3;
  EXPECT_EQ(text(r), "the reads of x cover at most 3 element(s) whatever the parameters: reduce per-thread "
                     "copies of its adjoint");
  r = reason(Kind::LargeFootprint);
  r.elements = 300;
  r.limit = 256;
  EXPECT_EQ(text(r), "the reads of x are affine and cover 300 elements (more than 256, too many for per-thread "
                     "copies): a transposed gather loop pulls the adjoint increments");
  r = reason(Kind::GrowingFootprint);
  r.stencilShape = true;
  EXPECT_EQ(text(r), "the reads of x are affine and cover a footprint that grows with the parameters: a gather "
                     "loop of the stencil's own shape pulls the adjoint increments");
}

TEST(StrategyText, Serial) {
  model::StrategyReason r = reason(Kind::ForwardRace);
  EXPECT_EQ(text(r), "the forward loop has a data race: fix it before differentiating; only the serial adjoint "
                     "is meaningful");
  r.racingVariable = "y";
  EXPECT_EQ(text(r), "the forward loop has a data race on y: fix it before differentiating; only the serial "
                     "adjoint is meaningful");
}

} // namespace
} // namespace adjoint_lint::reports
