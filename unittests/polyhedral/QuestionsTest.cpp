// Which pairs of accesses each question compares (polyhedral/Questions.h),
// on small loop models written as JSON: no isl, no Z3, no Clang.
#include "polyhedral/Questions.h"

#include "model/ModelJson.h"

#include <gtest/gtest.h>

namespace adjoint_lint::polyhedral {
namespace {

using Pairs = std::vector<std::pair<int, int>>;

/// A loop over i in [0, n) with `variables` and `accesses` (JSON arrays;
/// accesses name their variable by index) and optional `statements`.
model::LoopModel loop(const char *variables, const char *accesses, const char *statements = "[]") {
  nlohmann::json j = nlohmann::json::parse(R"json({
    "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}]})json");
  j["variables"] = nlohmann::json::parse(variables);
  j["accesses"] = nlohmann::json::parse(accesses);
  j["statements"] = nlohmann::json::parse(statements);
  return model::loopFromJson(j);
}

const char *kOneArray = R"json([{"name": "x", "rank": 1}])json";

TEST(Questions, ForwardRacePairsHaveAWrite) {
  // x[i] = x[i + 1] + x[i - 1]
  model::LoopModel m = loop(kOneArray, R"json([
    {"variable": 0, "kind": "write", "subscripts": ["i"]},
    {"variable": 0, "kind": "read", "subscripts": ["i + 1"]},
    {"variable": 0, "kind": "read", "subscripts": ["i - 1"]}])json");
  // The write with itself (two iterations), with each read; never two reads.
  EXPECT_EQ(conflictPairs(m, 0, Question::ForwardRace), (Pairs{{0, 0}, {0, 1}, {0, 2}}));
  EXPECT_EQ(conflictPairs(m, 0, Question::ExclusiveRead), (Pairs{{1, 1}, {1, 2}, {2, 2}}));
}

TEST(Questions, OnlyReadVariableHasNoRacePair) {
  model::LoopModel m = loop(kOneArray, R"json([
    {"variable": 0, "kind": "read", "subscripts": ["i"]},
    {"variable": 0, "kind": "read", "subscripts": ["0"]}])json");
  EXPECT_TRUE(conflictPairs(m, 0, Question::ForwardRace).empty());
  EXPECT_EQ(conflictPairs(m, 0, Question::ExclusiveRead), (Pairs{{0, 0}, {0, 1}, {1, 1}}));
}

TEST(Questions, AtomicPairsAreSynchronised) {
  // #pragma omp atomic: x[0] += 1 (twice), and an unsynchronised read of x[0]
  model::LoopModel m = loop(kOneArray, R"json([
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "atomic"},
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "atomic"},
    {"variable": 0, "kind": "read", "subscripts": ["0"]}])json");
  // Two atomics (one access in two iterations included) are under one lock;
  // the plain read races with both.
  EXPECT_EQ(conflictPairs(m, 0, Question::ForwardRace), (Pairs{{0, 2}, {1, 2}}));
}

TEST(Questions, CriticalPairsAreSynchronisedOnlyUnderOneName) {
  model::LoopModel m = loop(kOneArray, R"json([
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "critical", "sync_name": "a"},
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "critical", "sync_name": "a"},
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "critical", "sync_name": "b"},
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "atomic"}])json");
  // critical(a) excludes critical(a) only; atomic and critical do not exclude each other.
  EXPECT_EQ(conflictPairs(m, 0, Question::ForwardRace), (Pairs{{0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
}

TEST(Questions, ClausesDecidePrivateAndReductionVariables) {
  model::LoopModel m = loop(R"json([
    {"name": "t", "rank": 0, "sharing": "private"},
    {"name": "f", "rank": 0, "sharing": "firstprivate"},
    {"name": "s", "rank": 0, "sharing": "reduction", "reduction_op": "+"},
    {"name": "x", "rank": 1}])json",
                            R"json([
    {"variable": 0, "kind": "write"}, {"variable": 0, "kind": "read"},
    {"variable": 1, "kind": "write"}, {"variable": 1, "kind": "read"},
    {"variable": 2, "kind": "write", "sync": "reduction"}, {"variable": 2, "kind": "read", "sync": "reduction"},
    {"variable": 3, "kind": "write", "subscripts": ["i"]}])json");
  for (int v : {0, 1, 2}) {
    EXPECT_TRUE(decidedByClauses(m.variables[static_cast<size_t>(v)])) << v;
    EXPECT_TRUE(conflictPairs(m, v, Question::ForwardRace).empty()) << v;
    EXPECT_TRUE(conflictPairs(m, v, Question::ExclusiveRead).empty()) << v;
  }
  EXPECT_FALSE(decidedByClauses(m.variables[3]));
  EXPECT_EQ(conflictPairs(m, 3, Question::ForwardRace), (Pairs{{6, 6}}));
}

TEST(Questions, ReductionUpdatesAreNotCompared) {
  // Accesses marked as reduction updates are combined by the runtime: the
  // questions do not see them (even on a variable the clauses do not decide,
  // as a hand-written model may have it).
  model::LoopModel m = loop(kOneArray, R"json([
    {"variable": 0, "kind": "write", "subscripts": ["0"], "sync": "reduction"},
    {"variable": 0, "kind": "read", "subscripts": ["0"], "sync": "reduction"},
    {"variable": 0, "kind": "read", "subscripts": ["i"]}])json");
  EXPECT_EQ(accessesOf(m, 0), (std::vector<int>{2}));
  EXPECT_EQ(accessesOf(m, 0, model::AccessKind::Write), (std::vector<int>{}));
  EXPECT_TRUE(conflictPairs(m, 0, Question::ForwardRace).empty());
  EXPECT_EQ(conflictPairs(m, 0, Question::ExclusiveRead), (Pairs{{2, 2}}));
}

// y[i] += x[i] * y[i + 1]: access 1 is the read half of the update.
const char *kUpdateVariables = R"json([{"name": "x", "rank": 1}, {"name": "y", "rank": 1}])json";
const char *kUpdateAccesses = R"json([
  {"variable": 1, "kind": "write", "subscripts": ["i"], "range": {"line": 3, "column": 5, "end_column": 8}},
  {"variable": 1, "kind": "read", "subscripts": ["i"], "range": {"line": 3, "column": 5, "end_column": 8}},
  {"variable": 0, "kind": "read", "subscripts": ["i"], "range": {"line": 3, "column": 13, "end_column": 16}},
  {"variable": 1, "kind": "read", "subscripts": ["i + 1"], "range": {"line": 3, "column": 20, "end_column": 27}}])json";

TEST(Questions, ExclusiveReadLeavesOutTheReadHalfOfAnUpdate) {
  model::LoopModel m = loop(kUpdateVariables, kUpdateAccesses, R"json([
    {"lhs": 0, "op": "+=", "rhs": {"kind": "binary", "op": "*",
      "operands": [{"kind": "access", "access": 2}, {"kind": "access", "access": 3}]}}])json");
  ASSERT_TRUE(m.isUpdateReadHalf(1));
  EXPECT_EQ(accessesOf(m, 1, model::AccessKind::Read), (std::vector<int>{1, 3}));
  EXPECT_EQ(incrementingReads(m, 1), (std::vector<int>{3}));
  EXPECT_EQ(conflictPairs(m, 1, Question::ExclusiveRead), (Pairs{{3, 3}}));
  // The forward race still counts the read half: it reads y[i].
  EXPECT_EQ(conflictPairs(m, 1, Question::ForwardRace), (Pairs{{0, 0}, {0, 1}, {0, 3}}));
}

TEST(Questions, PlainAssignmentHasNoReadHalf) {
  // y[i] = y[i] * x[i]: the read of y[i] is an ordinary read.
  model::LoopModel m = loop(kUpdateVariables, kUpdateAccesses, R"json([
    {"lhs": 0, "op": "=", "rhs": {"kind": "access", "access": 1}}])json");
  EXPECT_EQ(incrementingReads(m, 1), (std::vector<int>{1, 3}));
  EXPECT_EQ(conflictPairs(m, 1, Question::ExclusiveRead), (Pairs{{1, 1}, {1, 3}, {3, 3}}));
}

TEST(Questions, SymmetricUpdateComparesAllReadsOfXWithTheWritesOfY) {
  model::LoopModel m = loop(kUpdateVariables, kUpdateAccesses, R"json([
    {"lhs": 0, "op": "+=", "rhs": {"kind": "access", "access": 2}}])json");
  UpdateAccesses y = updateAccesses(m, 1, 1);
  EXPECT_EQ(y.reads, (std::vector<int>{1, 3})); // the read half counts
  EXPECT_EQ(y.writes, (std::vector<int>{0}));
  UpdateAccesses xy = updateAccesses(m, 0, 1);
  EXPECT_EQ(xy.reads, (std::vector<int>{2}));
  EXPECT_EQ(xy.writes, (std::vector<int>{0}));
  EXPECT_TRUE(isUpdateCandidate(m, 1));
  EXPECT_FALSE(isUpdateCandidate(m, 0)); // not written
}

TEST(Questions, UpdateCandidatesAreSharedFloatingArrays) {
  model::LoopModel m = loop(R"json([
    {"name": "a", "rank": 1},
    {"name": "k", "rank": 1, "element_type": "int"},
    {"name": "s", "rank": 0},
    {"name": "p", "rank": 1, "sharing": "private"}])json",
                            R"json([
    {"variable": 0, "kind": "write", "subscripts": ["i"]},
    {"variable": 1, "kind": "write", "subscripts": ["i"]},
    {"variable": 2, "kind": "write"},
    {"variable": 3, "kind": "write", "subscripts": ["i"]}])json");
  EXPECT_TRUE(isUpdateCandidate(m, 0));
  EXPECT_FALSE(isUpdateCandidate(m, 1)); // int: no adjoint
  EXPECT_FALSE(isUpdateCandidate(m, 2)); // scalar
  EXPECT_FALSE(isUpdateCandidate(m, 3)); // private
}

} // namespace
} // namespace adjoint_lint::polyhedral
