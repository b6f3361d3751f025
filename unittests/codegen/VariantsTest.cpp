// The variant table (Variants): which adjoint functions a loop gets and
// how each increments each array's adjoint, from hand-made verdicts and
// gather plans.
#include "ModelBuilder.h"

#include "codegen/Variants.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace adjoint_lint::codegen {
namespace {

using model::Strategy;
using model::StrategyReason;
using model::Verdict;
using testing::ModelBuilder;

/// y[i] = x[i] * x[i + 1] + w[0], 0 <= i < n - 1; `schedule` on the loop.
struct Stencil {
  ModelBuilder b{"0", "n - 1"};
  int x, w, y;
  model::LoopVerdicts verdicts;

  Stencil() {
    x = b.array("x");
    w = b.array("w");
    y = b.array("y");
    b.assign(y, {"i"}, "=",
             ModelBuilder::binary("+", ModelBuilder::binary("*", b.read(x, {"i"}), b.read(x, {"i + 1"})),
                                  b.read(w, {"0"})));
    verdicts.forwardRace.verdict = Verdict::Holds;
    for (int v : {x, w, y}) {
      model::VariableVerdicts vv;
      vv.variable = v;
      vv.name = b.m.variables[v].name;
      vv.active = true;
      vv.forwardRace.verdict = Verdict::Holds;
      vv.exclusiveRead.verdict = Verdict::Holds;
      vv.strategy = Strategy::Plain;
      verdicts.variables.push_back(vv);
    }
  }

  model::VariableVerdicts &of(int v) { return verdicts.variables[v == x ? 0 : v == w ? 1 : 2]; }

  /// Reads that overlap, with the deciders' advice.
  void overlapping(int v, Strategy advice, std::optional<StrategyReason> reason = std::nullopt) {
    of(v).exclusiveRead.verdict = Verdict::Violated;
    of(v).strategy = advice;
    of(v).strategyReason = reason;
  }

  /// A reason of `kind`, resting on `cause`.
  static StrategyReason because(StrategyReason::Kind kind, const std::string &cause = "") {
    StrategyReason r;
    r.kind = kind;
    r.cause = cause;
    return r;
  }

  VariantTable choose(const GatherPlan &gathers = {}) {
    LoopBody body(b.m, verdicts);
    return chooseVariants(body, verdicts, gathers);
  }
};

std::vector<std::string> names(const VariantTable &t) {
  std::vector<std::string> out;
  for (const AdjointVariant &v : t.variants)
    out.push_back(variantName(v.kind));
  return out;
}

const ArrayPlan &planOf(const VariantTable &t, const std::string &name) {
  for (const ArrayPlan &a : t.arrays)
    if (a.name == name)
      return a;
  ADD_FAILURE() << "no plan for " << name;
  static ArrayPlan none;
  return none;
}

GatherPlan gatherFor(int variable) {
  GatherPlan g;
  g.loops[variable].proof = "gather loop of xb: proof";
  return g;
}

TEST(VariantsTest, ExclusiveReadEverywhereGivesThePlainVariant) {
  Stencil s;
  VariantTable t = s.choose();
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "plain", "reduction", "atomic", "chosen"}));
  EXPECT_TRUE(t.variants.front().deterministic);
  EXPECT_TRUE(t.variants[1].deterministic);
  EXPECT_FALSE(t.variants[2].deterministic);
  EXPECT_FALSE(t.variants[3].deterministic);
  EXPECT_TRUE(t.variants.back().deterministic);
  EXPECT_EQ(t.variants.back().increments.at(s.x), Increment::Plain);
  EXPECT_EQ(t.variants[2].increments.at(s.x), Increment::Reduction);
  EXPECT_EQ(t.variants[2].increments.at(s.y), Increment::Plain); // written: plain everywhere
  EXPECT_EQ(planOf(t, "x").strategy, Strategy::Plain);
  EXPECT_TRUE(planOf(t, "y").written);
  EXPECT_NE(planOf(t, "y").reason.find("reset or scaled only by the iteration"), std::string::npos);
  EXPECT_TRUE(t.gaps.empty());
}

TEST(VariantsTest, TheChosenVariantPrefersGatherOverReductionOverAtomic) {
  Stencil s;
  s.overlapping(s.x, Strategy::Gather);
  s.overlapping(s.w, Strategy::Atomic,
                Stencil::because(StrategyReason::Kind::ReadsNotExact, "w[0] is read by every iteration"));
  VariantTable t = s.choose(gatherFor(s.x));
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "gather", "reduction", "atomic", "chosen"}));
  const AdjointVariant &gather = t.variants[1], &chosen = t.variants.back();
  EXPECT_EQ(gather.increments.at(s.x), Increment::Gather);
  EXPECT_EQ(gather.increments.at(s.w), Increment::Reduction); // no gather loop for w
  EXPECT_FALSE(gather.deterministic);
  EXPECT_EQ(chosen.increments.at(s.x), Increment::Gather);
  EXPECT_EQ(chosen.increments.at(s.w), Increment::Atomic);
  EXPECT_FALSE(chosen.deterministic);
  EXPECT_EQ(planOf(t, "x").strategy, Strategy::Gather);
  EXPECT_EQ(planOf(t, "x").proof, "gather loop of xb: proof");
  EXPECT_EQ(planOf(t, "w").strategy, Strategy::Atomic);
  EXPECT_EQ(planOf(t, "w").reason,
            "the read pattern of w is not exactly known: w[0] is read by every iteration (atomic)");
}

TEST(VariantsTest, AnAdvisedReductionWinsOverAGatherLoop) {
  Stencil s;
  StrategyReason small = Stencil::because(StrategyReason::Kind::SmallFootprint);
  small.elements = 2;
  s.overlapping(s.x, Strategy::Reduction, small);
  VariantTable t = s.choose(gatherFor(s.x));
  EXPECT_EQ(t.variants.back().increments.at(s.x), Increment::Reduction);
  EXPECT_EQ(planOf(t, "x").strategy, Strategy::Reduction);
  EXPECT_EQ(planOf(t, "x").reason, "exclusive read does not hold for x; reduction: the reads of x cover at most 2 "
                                   "element(s) whatever the parameters: reduce per-thread copies of its adjoint");
}

TEST(VariantsTest, TheChosenStrategyIsNeverBetterThanTheAdvice) {
  // The generator only downgrades: a gather loop it could build does not
  // override the deciders' atomic.
  Stencil s;
  s.overlapping(s.x, Strategy::Atomic, Stencil::because(StrategyReason::Kind::ReadsNotExact));
  VariantTable t = s.choose(gatherFor(s.x));
  EXPECT_EQ(t.variants.back().increments.at(s.x), Increment::Atomic);
  EXPECT_EQ(planOf(t, "x").strategy, Strategy::Atomic);
  EXPECT_EQ(planOf(t, "x").verdictStrategy, Strategy::Atomic);
  EXPECT_TRUE(planOf(t, "x").proof.empty());
}

TEST(VariantsTest, AnAdvisedGatherLoopNotBuiltFallsBackToAReduction) {
  Stencil s;
  s.overlapping(s.x, Strategy::Gather);
  VariantTable t = s.choose();
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "reduction", "atomic", "chosen"}));
  EXPECT_NE(planOf(t, "x").reason.find("which the generator could not build (see gaps)"), std::string::npos);
}

TEST(VariantsTest, ChunkBoundaryAtomics) {
  Stencil s;
  s.b.schedule("static", 8);
  s.overlapping(s.x, Strategy::Atomic, Stencil::because(StrategyReason::Kind::ReadsNotExact));
  model::ScheduleVerdicts &schedule = s.of(s.x).schedule;
  schedule.analysed = true;
  schedule.exclusiveRead.crossThread.verdict = Verdict::Violated;
  schedule.exclusiveRead.chunkBoundaryOnly.verdict = Verdict::Holds;
  schedule.exclusiveRead.boundaryIterations = 1;
  VariantTable t = s.choose();
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "chunk_atomic", "reduction", "atomic", "chosen"}));
  const AdjointVariant &chunk = t.variants[1];
  EXPECT_EQ(chunk.increments.at(s.x), Increment::ChunkBoundaryAtomic);
  EXPECT_EQ(chunk.increments.at(s.w), Increment::Plain); // exclusive read holds
  EXPECT_FALSE(chunk.deterministic);
  EXPECT_NE(chunk.comment.find("schedule(static, 8)"), std::string::npos) << chunk.comment;
  EXPECT_EQ(t.boundaryIterations, 1);
  LoopBody body(s.b.m, s.verdicts);
  EXPECT_NE(incrementComment(body, s.x, Increment::ChunkBoundaryAtomic, 1).find("within 1 iteration(s)"),
            std::string::npos);
  EXPECT_TRUE(t.gaps.empty());
}

TEST(VariantsTest, NoChunkBoundaryAtomicsWithoutTheScheduleAnalysisIsAGap) {
  Stencil s;
  s.b.schedule("static", 8);
  s.overlapping(s.x, Strategy::Atomic, Stencil::because(StrategyReason::Kind::ReadsNotExact));
  VariantTable t = s.choose();
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "reduction", "atomic", "chosen"}));
  ASSERT_EQ(t.gaps.size(), 1u);
  EXPECT_NE(t.gaps[0].find("no chunk-boundary atomic variant"), std::string::npos);
}

TEST(VariantsTest, ALoopThatReadsNoActiveArrayHasOnlyTheSerialAndChosenAdjoints) {
  ModelBuilder b;
  int y = b.array("y");
  b.assign(y, {"i"}, "=", ModelBuilder::constant(1));
  model::LoopVerdicts verdicts;
  verdicts.forwardRace.verdict = Verdict::Holds;
  LoopBody body(b.m, verdicts);
  VariantTable t = chooseVariants(body, verdicts, {});
  EXPECT_EQ(names(t), (std::vector<std::string>{"serial", "chosen"}));
  EXPECT_EQ(variantFunction("f_L1", VariantKind::Serial), "f_L1_adjoint_serial");
  EXPECT_EQ(variantFunction("f_L1", VariantKind::Chosen), "f_L1_adjoint");
}

} // namespace
} // namespace adjoint_lint::codegen
