#include "tools/adjoint-lint/Nolint.h"

#include <gtest/gtest.h>

using adjoint_lint::driver::NolintIndex;

namespace {
const char race[] = "adjoint-lint-forward-race";
const char shared[] = "adjoint-lint-shared-adjoint";
} // namespace

TEST(Nolint, BareSuppressesEveryRuleOnItsLineOnly) {
  NolintIndex index("a;\nx[i + 1] = x[i]; // NOLINT\nb;\n");
  EXPECT_TRUE(index.suppresses(race, 2));
  EXPECT_TRUE(index.suppresses(shared, 2));
  EXPECT_FALSE(index.suppresses(race, 1));
  EXPECT_FALSE(index.suppresses(race, 3));
  EXPECT_TRUE(index.problems().empty());
}

TEST(Nolint, ParenthesesHoldGlobs) {
  NolintIndex index("x; // NOLINT(adjoint-lint-forward-*)\n"
                    "y; // NOLINT(adjoint-lint-*, -adjoint-lint-forward-race)\n"
                    "z; // NOLINT()\n");
  EXPECT_TRUE(index.suppresses(race, 1));
  EXPECT_FALSE(index.suppresses(shared, 1));
  EXPECT_FALSE(index.suppresses(race, 2));
  EXPECT_TRUE(index.suppresses(shared, 2));
  EXPECT_FALSE(index.suppresses(race, 3)); // an empty list names no rule
}

TEST(Nolint, OtherWordsAreNoMarkers) {
  NolintIndex index("x; // NOLINTFOO\ny; // NOLINT_X\n");
  EXPECT_FALSE(index.suppresses(race, 1));
  EXPECT_FALSE(index.suppresses(race, 2));
}

TEST(Nolint, UnclosedParenthesisIsBare) {
  NolintIndex index("x; // NOLINT(adjoint-lint-unknown\n");
  EXPECT_TRUE(index.suppresses(race, 1));
}

TEST(Nolint, NextLine) {
  NolintIndex index("// NOLINTNEXTLINE(adjoint-lint-forward-race)\nx;\ny;\n");
  EXPECT_FALSE(index.suppresses(race, 1));
  EXPECT_TRUE(index.suppresses(race, 2));
  EXPECT_FALSE(index.suppresses(race, 3));
  EXPECT_FALSE(index.suppresses(shared, 2));
}

TEST(Nolint, RegionsMatchByTheirLists) {
  NolintIndex index("// NOLINTBEGIN(adjoint-lint-forward-race)\n" // 1
                    "// NOLINTBEGIN\n"                            // 2
                    "x;\n"                                        // 3
                    "// NOLINTEND\n"                              // 4
                    "y;\n"                                        // 5
                    "// NOLINTEND(adjoint-lint-forward-race)\n"   // 6
                    "z;\n");                                      // 7
  EXPECT_TRUE(index.problems().empty());
  EXPECT_TRUE(index.suppresses(shared, 3));
  EXPECT_FALSE(index.suppresses(shared, 5));
  EXPECT_TRUE(index.suppresses(race, 5));
  EXPECT_FALSE(index.suppresses(race, 7));
}

TEST(Nolint, UnmatchedMarkersAreProblemsAndSuppressNothing) {
  NolintIndex index("// NOLINTBEGIN(adjoint-lint-forward-race)\n"
                    "x;\n"
                    "  // NOLINTEND(adjoint-lint-*)\n");
  ASSERT_EQ(index.problems().size(), 2u);
  EXPECT_EQ(index.problems()[0].line, 1u);
  EXPECT_EQ(index.problems()[0].column, 4u);
  EXPECT_NE(index.problems()[0].message.find("unmatched 'NOLINTBEGIN(adjoint-lint-forward-race)'"),
            std::string::npos);
  EXPECT_EQ(index.problems()[1].line, 3u);
  EXPECT_EQ(index.problems()[1].column, 6u);
  EXPECT_NE(index.problems()[1].message.find("unmatched 'NOLINTEND(adjoint-lint-*)'"),
            std::string::npos);
  EXPECT_FALSE(index.suppresses(race, 2));
}
