// The strategy chooser, one test per row of the table "Strategies, per
// array" in docs/architecture.md, from made-up facts (no isl, no Z3).
#include "polyhedral/Strategy.h"

#include <gtest/gtest.h>

namespace adjoint_lint::polyhedral {
namespace {

using model::Sharing;
using model::Strategy;
using model::Verdict;
using Kind = model::StrategyReason::Kind;

/// An active shared array whose exclusive read isl decided.
StrategyFacts activeArray(Verdict exclusiveRead) {
  StrategyFacts f;
  f.active = true;
  f.exclusiveRead = exclusiveRead;
  f.read = true;
  f.readsExact = true;
  f.maxReductionElements = 256;
  return f;
}

model::VariableVerdicts choose(const StrategyFacts &facts) {
  model::VariableVerdicts out;
  chooseStrategy(facts, out);
  EXPECT_TRUE(out.strategy.has_value());
  EXPECT_TRUE(out.strategyReason.has_value());
  return out;
}

// plain: exclusive read holds (or the array is not active).
TEST(Strategy, PlainWhenExclusiveReadHolds) {
  model::VariableVerdicts v = choose(activeArray(Verdict::Holds));
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::ExclusiveRead);
}

TEST(Strategy, PlainWhenNotRead) {
  StrategyFacts f = activeArray(Verdict::Holds);
  f.read = false;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::NotRead);
}

TEST(Strategy, PlainWhenNotActive) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.active = false;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::NotActive);
}

TEST(Strategy, PlainForPrivateCopiesAndReductionVariables) {
  StrategyFacts f;
  f.sharing = Sharing::FirstPrivate;
  f.privatised = true;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::Privatised);
  EXPECT_EQ(v.strategyReason->sharing, Sharing::FirstPrivate);

  f = activeArray(Verdict::Holds);
  f.sharing = Sharing::Reduction;
  v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::ReductionVariable);
}

// gather: exclusive read violated, all reads exact, a footprint that grows
// with the problem size (or is larger than per-thread copies allow).
TEST(Strategy, GatherWhenTheFootprintGrows) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.constantFootprint = [] { return std::nullopt; };
  f.reflexive = true;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Gather);
  EXPECT_EQ(v.strategyReason->kind, Kind::GrowingFootprint);
  EXPECT_TRUE(v.strategyReason->stencilShape);
}

TEST(Strategy, GatherWhenTheFootprintIsTooLarge) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.constantFootprint = [] { return std::optional<int64_t>(1000); };
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Gather);
  EXPECT_EQ(v.strategyReason->kind, Kind::LargeFootprint);
  EXPECT_EQ(v.strategyReason->elements, 1000);
  EXPECT_EQ(v.strategyReason->limit, 256);
  EXPECT_FALSE(v.strategyReason->stencilShape);
}

// reduction: exclusive read violated, all reads exact, a small fixed footprint.
TEST(Strategy, ReductionWhenTheFootprintIsSmallAndFixed) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.constantFootprint = [] { return std::optional<int64_t>(3); };
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Reduction);
  EXPECT_EQ(v.strategyReason->kind, Kind::SmallFootprint);
  EXPECT_EQ(v.strategyReason->elements, 3);
}

// atomic: exclusive read unknown, or reads that are not exact or not affine.
TEST(Strategy, AtomicWhenExclusiveReadIsUnknown) {
  StrategyFacts f = activeArray(Verdict::Unknown);
  f.exclusiveReadReason = "subscript 'idx[i]' is not affine";
  bool footprintAsked = false;
  f.constantFootprint = [&footprintAsked] {
    footprintAsked = true;
    return std::optional<int64_t>(1);
  };
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Atomic);
  EXPECT_EQ(v.strategyReason->kind, Kind::ReadsNotExact);
  EXPECT_EQ(v.strategyReason->cause, "subscript 'idx[i]' is not affine");
  EXPECT_FALSE(footprintAsked); // isl work only where the table needs it
}

TEST(Strategy, AtomicWhenSomeReadIsNotExact) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.readsExact = false;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Atomic);
  EXPECT_EQ(v.strategyReason->kind, Kind::ReadsNotExact);
}

TEST(Strategy, IndexArrayReadsDecidedByZ3AreAtomicOrPlain) {
  StrategyFacts f = activeArray(Verdict::Violated);
  f.exclusiveReadByZ3 = true;
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Atomic);
  EXPECT_EQ(v.strategyReason->kind, Kind::ReadsNotAffine);
  f.exclusiveRead = Verdict::Holds;
  v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Plain);
  EXPECT_EQ(v.strategyReason->kind, Kind::ExclusiveRead);
}

TEST(Strategy, AtomicWhenNothingWasDecided) {
  StrategyFacts f;
  f.active = true;
  f.undecided = "isl operation budget of 1 exhausted";
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Atomic);
  EXPECT_EQ(v.strategyReason->kind, Kind::Undecided);
  EXPECT_EQ(v.strategyReason->cause, "isl operation budget of 1 exhausted");
  f.active = false;
  EXPECT_EQ(choose(f).strategy, Strategy::Plain);
}

// serial: the forward loop races, whatever the reads look like.
TEST(Strategy, SerialWhenTheForwardLoopRaces) {
  StrategyFacts f = activeArray(Verdict::Holds);
  f.forwardLoopRaces = true;
  f.racingVariable = "y";
  model::VariableVerdicts v = choose(f);
  EXPECT_EQ(v.strategy, Strategy::Serial);
  EXPECT_EQ(v.strategyReason->kind, Kind::ForwardRace);
  EXPECT_EQ(v.strategyReason->racingVariable, "y");
  f.active = false; // no adjoint, nothing to serialise
  EXPECT_EQ(choose(f).strategy, Strategy::Plain);
}

} // namespace
} // namespace adjoint_lint::polyhedral
