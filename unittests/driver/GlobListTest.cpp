#include "tools/adjoint-lint/GlobList.h"

#include <gtest/gtest.h>

using adjoint_lint::driver::GlobList;
using adjoint_lint::driver::globMatches;

TEST(GlobMatches, StarMatchesAnyRun) {
  EXPECT_TRUE(globMatches("*", ""));
  EXPECT_TRUE(globMatches("adjoint-lint-*", "adjoint-lint-forward-race"));
  EXPECT_TRUE(globMatches("*-race", "adjoint-lint-forward-race"));
  EXPECT_TRUE(globMatches("adjoint-*-race", "adjoint-lint-forward-race"));
  EXPECT_TRUE(globMatches("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(globMatches("adjoint-lint-forward", "adjoint-lint-forward-race"));
  EXPECT_FALSE(globMatches("*-races", "adjoint-lint-forward-race"));
  EXPECT_FALSE(globMatches("a*b*c", "aXbYbZ"));
}

TEST(GlobList, LastMatchingGlobDecides) {
  GlobList onlyRaces("-*,adjoint-lint-forward-race");
  EXPECT_TRUE(onlyRaces.contains("adjoint-lint-forward-race"));
  EXPECT_FALSE(onlyRaces.contains("adjoint-lint-unknown"));

  GlobList allButGather("adjoint-lint-*,-adjoint-lint-gather-available");
  EXPECT_TRUE(allButGather.contains("adjoint-lint-shared-adjoint"));
  EXPECT_FALSE(allButGather.contains("adjoint-lint-gather-available"));

  GlobList reenabled("adjoint-lint-*,-adjoint-lint-gather-available,adjoint-lint-gather-*");
  EXPECT_TRUE(reenabled.contains("adjoint-lint-gather-available"));
}

TEST(GlobList, NothingMatchesNothingIsIn) {
  EXPECT_FALSE(GlobList("").contains("adjoint-lint-unknown"));
  EXPECT_TRUE(GlobList("").empty());
  EXPECT_FALSE(GlobList("clang-*").contains("adjoint-lint-unknown"));
}

TEST(GlobList, WhitespaceAndNewlinesSeparate) {
  GlobList g(" -* ,\n  adjoint-lint-unknown \n,, - adjoint-lint-forward-race");
  EXPECT_TRUE(g.contains("adjoint-lint-unknown"));
  EXPECT_FALSE(g.contains("adjoint-lint-forward-race"));
  EXPECT_FALSE(g.contains("adjoint-lint-shared-adjoint"));
}
