#include "reports/SarifReport.h"

#include "Fixtures.h"
#include "reports/Findings.h"

#include <gtest/gtest.h>

namespace adjoint_lint::reports {
namespace {

using namespace testing;

TEST(SarifReport, OneResultPerFindingWithNotesAsRelatedLocations) {
  std::vector<Finding> fs = buildFindings(shiftLoop(), shiftVerdicts());
  Json log = buildSarif(fs, {{"shift.c", true}}, true);
  EXPECT_EQ(log["version"], "2.1.0");
  Json run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "adjoint-lint");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 4u);
  ASSERT_EQ(run["results"].size(), 1u);
  Json r = run["results"][0];
  EXPECT_EQ(r["ruleId"], kRuleForwardRace);
  EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<int>()]["id"], kRuleForwardRace);
  EXPECT_EQ(r["level"], "warning");
  Json region = r["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 6);
  EXPECT_EQ(region["startColumn"], 3);
  EXPECT_EQ(region["endColumn"], 11); // exclusive in SARIF, inclusive in findings
  EXPECT_EQ(r["relatedLocations"].size(), fs[0].notes.size());
  EXPECT_EQ(r["relatedLocations"][0]["message"]["text"], "conflicting read of 'x' here");
  EXPECT_EQ(r["properties"]["loop"], "shift.c:5:1");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifReport, InputErrorsWithoutRuleOrLine) {
  Finding f;
  f.level = Level::Error;
  f.loc.file = "/tmp/a b.c";
  f.message = "file not found";
  Json log = buildSarif({f}, {{"/tmp/a b.c", false}}, false);
  Json r = log["runs"][0]["results"][0];
  EXPECT_FALSE(r.contains("ruleId"));
  EXPECT_EQ(r["level"], "error");
  Json physical = r["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "file:///tmp/a%20b.c");
  EXPECT_FALSE(physical.contains("region"));
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

} // namespace
} // namespace adjoint_lint::reports
