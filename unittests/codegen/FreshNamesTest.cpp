// The fresh-name generator (codegen/FreshNames.h) and the names the
// generator derives with it (LoopBody) on hand-made loop models.
#include "ModelBuilder.h"

#include "codegen/FreshNames.h"
#include "codegen/LoopBody.h"

#include <gtest/gtest.h>

#include <set>

namespace adjoint_lint::codegen {
namespace {

using testing::ModelBuilder;

TEST(FreshNamesTest, KeepsTheBaseWhereItIsFree) {
  FreshNames names;
  names.reserve("x");
  EXPECT_EQ(names.fresh("xb"), "xb");
  EXPECT_EQ(names.family("t"), "t");
}

TEST(FreshNamesTest, NeverHandsOutANameTwiceNorAReservedOne) {
  FreshNames names;
  for (const char *n : {"x", "xb", "x_b", "xb_1", "xb_3"})
    names.reserve(n);
  std::set<std::string> seen = {"x", "xb", "x_b", "xb_1", "xb_3"};
  for (int k = 0; k < 50; ++k) {
    std::string n = names.fresh("xb");
    EXPECT_TRUE(seen.insert(n).second) << n;
  }
  EXPECT_EQ(names.fresh("for"), "for_1"); // keywords are reserved
  EXPECT_EQ(names.fresh("min"), "min_1"); // so are the runtime's helpers
  EXPECT_TRUE(names.taken("xb_2"));
  EXPECT_EQ(names.freshAmong({"yb", "y_b"}), "yb");
  EXPECT_EQ(names.freshAmong({"yb", "y_b"}), "y_b");
  EXPECT_EQ(names.freshAmong({"yb", "y_b"}), "y_b_1");
}

TEST(FreshNamesTest, FamiliesAvoidNumberedNamesInUse) {
  FreshNames names;
  names.reserve("t0");
  names.reserve("al_t12");
  std::string t = names.family("t");
  EXPECT_EQ(t, "al_al_t");
  EXPECT_TRUE(names.taken(t + "0"));
  EXPECT_TRUE(names.taken(t + "17"));
  EXPECT_FALSE(names.taken(t));
  EXPECT_EQ(names.fresh(t + "3"), t + "3_1");
  // A second family with the same base is another prefix.
  EXPECT_NE(names.family("t"), t);
}

TEST(FreshNamesTest, FreshTerminatesAroundFamilies) {
  FreshNames names;
  // Families whose members would be xb_<k> are impossible: prefixes end in a letter.
  EXPECT_EQ(names.family("xb_"), "xb_t");
  names.reserve("xb");
  for (int k = 1; k < 20; ++k)
    names.reserve("xb_" + std::to_string(k));
  EXPECT_EQ(names.fresh("xb"), "xb_20");
}

model::LoopVerdicts raceFree() {
  model::LoopVerdicts v;
  v.forwardRace.verdict = model::Verdict::Holds;
  return v;
}

// The issue's hang: parameters x, xb and x_b, y[i] = x[i] + xb[i] + x_b[i].
TEST(FreshNamesTest, AdjointNamesOfXXbAndX_bTerminateAndDiffer) {
  ModelBuilder b;
  int x = b.array("x"), xb = b.array("xb"), x_b = b.array("x_b"), y = b.array("y");
  b.assign(y, {"i"}, "=",
           ModelBuilder::binary("+", ModelBuilder::binary("+", b.read(x, {"i"}), b.read(xb, {"i"})),
                                b.read(x_b, {"i"})));
  LoopBody body(b.m, raceFree());
  std::set<std::string> all = {"x", "xb", "x_b", "y", "i", "n"};
  for (int v : {x, xb, x_b, y}) {
    EXPECT_TRUE(all.insert(body.variable(v).adjoint).second) << body.variable(v).adjoint;
    EXPECT_TRUE(all.insert(body.variable(v).tangent).second) << body.variable(v).tangent;
  }
  EXPECT_EQ(body.variable(x).adjoint, "x_b_1"); // xb and x_b are arrays of the loop
  EXPECT_EQ(body.variable(xb).adjoint, "xbb");
  EXPECT_EQ(body.variable(y).adjoint, "yb");
}

TEST(FreshNamesTest, GeneratedNamesAvoidTheLoopsNames) {
  ModelBuilder b("0", "n", {"n", "extent", "ok", "o"});
  int x = b.array("x"), y = b.array("y"), y0 = b.array("y0"), t0 = b.local("t0"), tape = b.local("tape");
  b.assign(t0, {}, "=", b.read(x, {"i"}));
  b.assign(tape, {}, "=", b.read(t0));
  b.assign(y, {"i"}, "=", b.read(tape));
  b.assign(y0, {"i"}, "=", ModelBuilder::constant(1));
  LoopBody body(b.m, raceFree());
  const GeneratedNames &g = body.generated();
  EXPECT_EQ(g.temporary, "al_t");
  EXPECT_EQ(g.tape, "tape_1");
  EXPECT_EQ(g.extent, "extent_1");
  EXPECT_EQ(g.ok, "ok_1");
  EXPECT_EQ(g.offset, "o_1");
  EXPECT_EQ(g.sum, "al_sum");
  EXPECT_EQ(body.variable(y0).adjoint, "y0b");
}

TEST(FreshNamesTest, WithoutClashesTheNamesAreTheBases) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y");
  b.assign(y, {"i"}, "=", b.read(x, {"i"}));
  LoopBody body(b.m, raceFree());
  const GeneratedNames &g = body.generated();
  EXPECT_EQ(g.temporary, "t");
  EXPECT_EQ(g.tape, "tape");
  EXPECT_EQ(g.extent, "extent");
  EXPECT_EQ(g.real, "R");
  EXPECT_EQ(body.variable(x).adjoint, "xb");
  EXPECT_EQ(body.variable(x).tangent, "xd");
  EXPECT_EQ(body.variable(x).length, "len_xb");
}

} // namespace
} // namespace adjoint_lint::codegen
