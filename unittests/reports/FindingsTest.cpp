#include "reports/Findings.h"

#include "Fixtures.h"

#include <gtest/gtest.h>

namespace adjoint_lint::reports {
namespace {

using namespace testing;
using model::Verdict;

const Finding *findRule(const std::vector<Finding> &fs, const std::string &rule) {
  for (const Finding &f : fs)
    if (f.rule == rule)
      return &f;
  return nullptr;
}

bool hasNote(const Finding &f, const std::string &message) {
  for (const Note &n : f.notes)
    if (n.message == message)
      return true;
  return false;
}

TEST(Findings, CleanLoopHasNoFindings) {
  model::LoopModel m = stencilLoop();
  model::LoopVerdicts v = stencilVerdicts();
  v.variables[0].exclusiveRead = result(Verdict::Holds);
  v.variables[0].strategy = model::Strategy::Plain;
  EXPECT_TRUE(buildFindings(m, v).empty());
}

TEST(Findings, SharedAdjointAtTheFirstRead) {
  std::vector<Finding> fs = buildFindings(stencilLoop(), stencilVerdicts());
  const Finding *f = findRule(fs, kRuleSharedAdjoint);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->level, Level::Warning);
  EXPECT_EQ(f->loc.file, "stencil.c");
  EXPECT_EQ(f->loc.line, 13u);
  EXPECT_EQ(f->loc.column, 12u); // the first read in the source
  EXPECT_EQ(f->loc.endColumn, 15u);
  EXPECT_EQ(f->loopId, "stencil.c:12:1");
  EXPECT_EQ(f->message, "adjoint of 'x' needs synchronisation: iterations i=1 and i=2 both read "
                        "x[2], so their increments to the adjoint of x[2] would race");
  ASSERT_GE(f->notes.size(), 4u);
  EXPECT_EQ(f->notes[0].message, "other read of 'x' here");
  EXPECT_EQ(f->notes[0].loc.column, 19u);
  EXPECT_EQ(f->notes[1].message,
            "in iteration i=2 'x[i]' reads x[2]; in iteration i=1 'x[i + 1]' reads x[2]");
  EXPECT_EQ(f->notes[1].loc.line, 12u);
  EXPECT_EQ(f->notes[2].message.rfind("use a gather (transposed) adjoint for 'x'", 0), 0u)
      << f->notes[2].message;
  EXPECT_TRUE(hasNote(*f, "assuming pointer parameters x and y do not overlap"));
}

TEST(Findings, GatherAvailableIsANoteAtThePragma) {
  std::vector<Finding> fs = buildFindings(stencilLoop(), stencilVerdicts());
  const Finding *f = findRule(fs, kRuleGatherAvailable);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->level, Level::Note);
  EXPECT_EQ(f->loc.line, 12u);
  EXPECT_EQ(f->loc.column, 1u);
  EXPECT_EQ(f->message, "the adjoint of 'x' can run in parallel as a gather (transposed) loop");
}

TEST(Findings, ReflexiveStencilIsMentioned) {
  model::LoopVerdicts v = stencilVerdicts();
  v.variables[0].reflexive = result(Verdict::Holds);
  v.variables[0].reflexive.with = "y";
  std::vector<Finding> fs = buildFindings(stencilLoop(), v);
  const Finding *gather = findRule(fs, kRuleGatherAvailable);
  ASSERT_NE(gather, nullptr);
  EXPECT_NE(gather->message.find("of the forward stencil's shape"), std::string::npos);
  const Finding *shared = findRule(fs, kRuleSharedAdjoint);
  ASSERT_NE(shared, nullptr);
  EXPECT_TRUE(hasNote(*shared, "use a gather (transposed) adjoint for 'x': a parallel loop over "
                               "the elements of x pulls their contributions; the stencil is "
                               "reflexive with 'y', so that loop has the forward loop's shape"));
}

TEST(Findings, SymmetricUpdateNote) {
  model::LoopVerdicts v = stencilVerdicts();
  v.variables[0].symmetricUpdate = result(Verdict::Holds);
  v.variables[0].symmetricUpdate.with = "y";
  std::vector<Finding> fs = buildFindings(stencilLoop(), v);
  const Finding *f = findRule(fs, kRuleSharedAdjoint);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(hasNote(*f, "the reads of 'x' match the writes to 'y' (symmetric update): whatever "
                          "keeps the writes to 'y' apart also keeps the increments to the "
                          "adjoint of 'x' apart"));
}

TEST(Findings, ForwardRaceAtTheWriteWithIterationsInOrder) {
  std::vector<Finding> fs = buildFindings(shiftLoop(), shiftVerdicts());
  ASSERT_EQ(fs.size(), 1u);
  const Finding &f = fs[0];
  EXPECT_EQ(f.rule, kRuleForwardRace);
  EXPECT_EQ(f.level, Level::Warning);
  EXPECT_EQ(f.loc.line, 6u);
  EXPECT_EQ(f.loc.column, 3u);
  EXPECT_EQ(f.message, "write to 'x' races with a read in another iteration: iterations i=1 and "
                       "i=2 both access x[2]");
  ASSERT_EQ(f.notes.size(), 2u);
  EXPECT_EQ(f.notes[0].message, "conflicting read of 'x' here");
  EXPECT_EQ(f.notes[0].loc.column, 18u);
  EXPECT_EQ(f.notes[1].message,
            "in iteration i=1 'x[i + 1]' writes x[2]; in iteration i=2 'x[i]' reads x[2] (with n=4)");
  EXPECT_EQ(f.notes[1].loc.line, 5u);
}

TEST(Findings, LoopLevelRaceWithoutVariableVerdict) {
  model::LoopVerdicts v = shiftVerdicts();
  v.variables.clear();
  std::vector<Finding> fs = buildFindings(shiftLoop(), v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, kRuleForwardRace);
  EXPECT_EQ(fs[0].message.rfind("write to 'x' races", 0), 0u);
}

TEST(Findings, SameAccessRacesWithItself) {
  model::LoopModel m = shiftLoop();
  model::LoopVerdicts v = shiftVerdicts();
  model::Witness w = witness(0, 0, 0, 1, {1});
  v.forwardRace.witness = w;
  v.variables[0].forwardRace.witness = w;
  std::vector<Finding> fs = buildFindings(m, v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].message, "write to 'x' races with the same write in another iteration: "
                           "iterations i=0 and i=1 both access x[1]");
  ASSERT_EQ(fs[0].notes.size(), 1u); // no "conflicting ... here" at the same place
}

TEST(Findings, CollapsedIterationsAndInnerLoops) {
  model::LoopModel m = shiftLoop();
  m.iterators.push_back(m.iterators[0]);
  m.iterators[1].iterator = "j";
  model::LoopVerdicts v = shiftVerdicts();
  model::Witness w = *v.forwardRace.witness;
  w.iterations = {{{"j", 1}, {"i", 0}}, {{"i", 1}, {"j", 0}}};
  w.inner = {{{"k", 3}}, {}};
  v.variables[0].forwardRace.witness = w;
  std::vector<Finding> fs = buildFindings(m, v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].message, "write to 'x' races with a read in another iteration: iterations "
                           "(i=0, j=1) (inner k=3) and (i=1, j=0) both access x[2]");
  // The note pairs each iteration with its access, the write first.
  EXPECT_EQ(fs[0].notes.at(1).message,
            "in iteration (i=1, j=0) 'x[i + 1]' writes x[2]; in iteration (i=0, j=1) (inner k=3) "
            "'x[i]' reads x[2] (with n=4)");
}

TEST(Findings, UnknownCarriesTheReason) {
  model::LoopVerdicts v = shiftVerdicts();
  v.forwardRace = result(Verdict::Unknown);
  v.forwardRace.reason = "subscript 'idx[i]' is not affine";
  v.variables[0].forwardRace = v.forwardRace;
  v.variables[0].exclusiveRead = result(Verdict::Unknown, model::DecidedBy::Nobody);
  std::vector<Finding> fs = buildFindings(shiftLoop(), v);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].rule, kRuleUnknown);
  EXPECT_EQ(fs[0].loc.column, 3u); // the write
  EXPECT_EQ(fs[0].message, "cannot decide whether the accesses to 'x' race between iterations: "
                           "subscript 'idx[i]' is not affine");
  EXPECT_EQ(fs[1].rule, kRuleUnknown);
  EXPECT_EQ(fs[1].loc.column, 18u); // the read
  EXPECT_EQ(fs[1].message, "cannot decide whether the adjoint of 'x' needs synchronisation: the "
                           "decider gave no reason");
  EXPECT_EQ(fs[1].notes.at(0).message,
            "run the adjoint of 'x' serially: the forward loop has a data race: fix it before "
            "differentiating; only the serial adjoint is meaningful");
}

TEST(Findings, LoopLevelUnknownAtThePragma) {
  model::LoopVerdicts v;
  v.forwardRace = result(Verdict::Unknown);
  v.forwardRace.reason = "isl ran out of its operation budget";
  std::vector<Finding> fs = buildFindings(shiftLoop(), v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].loc.line, 5u);
  EXPECT_EQ(fs[0].message,
            "cannot decide whether this loop has a data race: isl ran out of its operation budget");
}

TEST(Findings, InactiveArraysGetNoAdjointFindings) {
  model::LoopVerdicts v = stencilVerdicts();
  v.variables[0].active = false;
  EXPECT_TRUE(buildFindings(stencilLoop(), v).empty());
}

TEST(Findings, MissingWitnessStillYieldsAFinding) {
  model::LoopVerdicts v = shiftVerdicts();
  v.forwardRace.witness.reset();
  v.variables[0].forwardRace.witness.reset();
  std::vector<Finding> fs = buildFindings(shiftLoop(), v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].message, "accesses to 'x' race between iterations of this loop");
  EXPECT_EQ(fs[0].loc.column, 3u);
}

TEST(Findings, SortedByFileLineColumnRule) {
  std::vector<Finding> fs(4);
  fs[0].loc = {"b.c", 1, 1};
  fs[1].loc = {"a.c", 2, 5};
  fs[2].loc = {"a.c", 2, 1};
  fs[2].rule = "z";
  fs[3].loc = {"a.c", 2, 1};
  fs[3].rule = "a";
  sortFindings(fs);
  EXPECT_EQ(fs[0].rule, "a");
  EXPECT_EQ(fs[1].rule, "z");
  EXPECT_EQ(fs[2].loc.column, 5u);
  EXPECT_EQ(fs[3].loc.file, "b.c");
}

TEST(Findings, LevelNames) {
  EXPECT_STREQ(levelName(Level::Note), "note");
  EXPECT_STREQ(levelName(Level::Warning), "warning");
  EXPECT_STREQ(levelName(Level::Error), "error");
  EXPECT_TRUE(isAdjointLintRule(kRuleUnknown));
  EXPECT_FALSE(isAdjointLintRule(""));
}

} // namespace
} // namespace adjoint_lint::reports
