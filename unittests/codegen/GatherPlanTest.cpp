// Which arrays get gather loops, and why not (GatherPlan), on hand-made
// loop models decided by the isl deciders.
#include "ModelBuilder.h"

#include "codegen/GatherPlan.h"
#include "polyhedral/Deciders.h"

#include <gtest/gtest.h>

namespace adjoint_lint::codegen {
namespace {

using testing::ModelBuilder;

struct Planned {
  model::LoopVerdicts verdicts;
  GatherPlan plan;
};

Planned plan(const model::LoopModel &m) {
  Planned out;
  out.verdicts = polyhedral::decide(m);
  LoopBody body(m, out.verdicts);
  Sweeps sweeps(body, analyseValues(body));
  out.plan = planGathers(sweeps, out.verdicts);
  return out;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const std::string &l : lines)
    out += l + "\n";
  return out;
}

TEST(GatherPlanTest, OverlappingAffineReadsGetAGatherLoop) {
  // y[i] = x[i] - x[i - 1], 1 <= i < n: two iterations read each x[e].
  ModelBuilder b("1", "n");
  int x = b.array("x"), y = b.array("y");
  b.assign(y, {"i"}, "=", ModelBuilder::binary("-", b.read(x, {"i"}), b.read(x, {"i - 1"})));
  Planned p = plan(b.m);
  EXPECT_TRUE(p.plan.gaps.empty()) << joined(p.plan.gaps);
  ASSERT_EQ(p.plan.loops.count(x), 1u);
  EXPECT_EQ(p.plan.loops.count(y), 0u); // written: plain
  const GatherLoop &loop = p.plan.loops.at(x);
  EXPECT_NE(loop.proof.find("gather loop of xb"), std::string::npos) << loop.proof;
  std::string text = joined(loop.lines);
  EXPECT_NE(text.find("#pragma omp parallel for"), std::string::npos) << text;
  EXPECT_NE(text.find("yb["), std::string::npos) << text; // the seed
  EXPECT_NE(text.find("xb["), std::string::npos) << text; // the element it pulls into
}

TEST(GatherPlanTest, ExclusiveReadNeedsNoGatherLoop) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y");
  b.assign(y, {"i"}, "=", ModelBuilder::binary("*", b.read(x, {"i"}), b.read(x, {"i"})));
  Planned p = plan(b.m);
  EXPECT_TRUE(p.plan.loops.empty());
  EXPECT_TRUE(p.plan.gaps.empty()) << joined(p.plan.gaps);
}

TEST(GatherPlanTest, AReadWithoutASeedWhoseIterationWritesAnArrayIsAGap) {
  // y[i] *= x[i] + x[i + 1]: the seed of the reads is yb[i] times the old
  // y[i], not known before the reverse sweep; rerunning the iteration would
  // write y again.
  ModelBuilder b("0", "n - 1");
  int x = b.array("x"), y = b.array("y");
  b.assign(y, {"i"}, "*=", ModelBuilder::binary("+", b.read(x, {"i"}), b.read(x, {"i + 1"})));
  Planned p = plan(b.m);
  EXPECT_TRUE(p.plan.loops.empty());
  ASSERT_EQ(p.plan.gaps.size(), 1u);
  EXPECT_EQ(p.plan.gaps[0],
            "no gather loop for x: the forward sweep of an iteration writes y (line 3); reduction instead");
}

TEST(GatherPlanTest, AnAccumulatorLocalTakesItsReadersSeed) {
  // s = 0; s += x[i]; s += x[i + 1]; y[i] = s: the seed of both reads is yb[i].
  ModelBuilder b("0", "n - 1");
  int x = b.array("x"), y = b.array("y"), s = b.local("s");
  b.assign(s, {}, "=", ModelBuilder::constant(0));
  b.assign(s, {}, "+=", b.read(x, {"i"}));
  b.assign(s, {}, "+=", b.read(x, {"i + 1"}));
  b.assign(y, {"i"}, "=", b.read(s));
  Planned p = plan(b.m);
  EXPECT_TRUE(p.plan.gaps.empty()) << joined(p.plan.gaps);
  ASSERT_EQ(p.plan.loops.count(x), 1u);
  std::string text = joined(p.plan.loops.at(x).lines);
  EXPECT_NE(text.find("= (yb["), std::string::npos) << text;
  EXPECT_EQ(text.find("al_tape"), std::string::npos) << text; // no rerun of the iteration
}

TEST(GatherPlanTest, AReadInAnInnerLoopThroughAGeneralLocalIsAGap) {
  // for k: t = x[i + k] * x[i + k]; y[i] += t: t is not an accumulator, and
  // its reads sit in an inner loop.
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y"), t = b.local("t");
  int inner = b.innerLoop("k", "0", "3");
  b.assign(t, {}, "=", ModelBuilder::binary("*", b.read(x, {"i + k"}, inner), b.read(x, {"i + k"}, inner)),
           inner);
  b.assign(y, {"i"}, "+=", b.read(t, {}, inner), inner);
  Planned p = plan(b.m);
  EXPECT_TRUE(p.plan.loops.empty());
  ASSERT_EQ(p.plan.gaps.size(), 1u);
  EXPECT_NE(p.plan.gaps[0].find("is read inside an inner loop"), std::string::npos) << p.plan.gaps[0];
}

} // namespace
} // namespace adjoint_lint::codegen
