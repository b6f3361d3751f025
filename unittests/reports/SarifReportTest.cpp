#include "reports/SarifReport.h"

#include "Fixtures.h"
#include "reports/Findings.h"
#include "reports/Fingerprint.h"

#include <gtest/gtest.h>

#include <set>

namespace adjoint_lint::reports {
namespace {

using namespace testing;

TEST(SarifReport, OneResultPerFindingWithNotesAsRelatedLocations) {
  std::vector<Finding> fs = buildFindings(shiftLoop(), shiftVerdicts());
  Json log = buildSarif(fs, {{"shift.c", true}}, true);
  EXPECT_EQ(log["version"], "2.1.0");
  Json run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "adjoint-lint");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 5u);
  ASSERT_EQ(run["results"].size(), 1u);
  Json r = run["results"][0];
  EXPECT_EQ(r["ruleId"], kRuleForwardRace);
  EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<int>()]["id"], kRuleForwardRace);
  EXPECT_EQ(r["level"], "warning");
  Json region = r["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 6);
  EXPECT_EQ(region["startColumn"], 3);
  EXPECT_EQ(region["endColumn"], 11); // exclusive in SARIF, inclusive in findings
  // The witness's two accesses, then the notes.
  ASSERT_EQ(fs[0].witness.size(), 2u);
  EXPECT_EQ(r["relatedLocations"].size(), 2 + fs[0].notes.size());
  EXPECT_EQ(r["relatedLocations"][0]["message"]["text"], "'x[i + 1]' writes x[2] in iteration i=1");
  EXPECT_EQ(r["relatedLocations"][1]["message"]["text"], "'x[i]' reads x[2] in iteration i=2");
  EXPECT_EQ(r["relatedLocations"][1]["physicalLocation"]["region"]["startColumn"], 18);
  EXPECT_EQ(r["relatedLocations"][2]["message"]["text"], "conflicting read of 'x' here");
  for (size_t k = 0; k < r["relatedLocations"].size(); ++k)
    EXPECT_EQ(r["relatedLocations"][k]["id"], k);
  EXPECT_EQ(r["properties"]["loop"], "shift.c:5:1");
  EXPECT_EQ(r["properties"]["function"], "shift");
  EXPECT_EQ(r["properties"]["variable"], "x");
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

TEST(SarifReport, ARaceIsACodeFlowWithOneThreadFlowPerIteration) {
  std::vector<Finding> fs = buildFindings(shiftLoop(), shiftVerdicts());
  Json r = buildSarif(fs, {{"shift.c", true}}, true)["runs"][0]["results"][0];
  ASSERT_EQ(r["codeFlows"].size(), 1u);
  Json flows = r["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0]["id"], "iteration i=1");
  EXPECT_EQ(flows[1]["id"], "iteration i=2");
  Json first = flows[0]["locations"][0]["location"];
  EXPECT_EQ(first["physicalLocation"]["region"]["startColumn"], 3);
  EXPECT_EQ(first["message"]["text"], "'x[i + 1]' writes x[2] in iteration i=1");
  EXPECT_EQ(flows[1]["locations"][0]["location"]["physicalLocation"]["region"]["startColumn"], 18);
  // The two iterations are unordered.
  EXPECT_FALSE(flows[1]["locations"][0].contains("executionOrder"));
}

TEST(SarifReport, RulesCarryWhatCodeScanningShows) {
  Json rules = buildSarif({}, {}, true)["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 5u);
  for (const Json &rule : rules) {
    std::string id = rule["id"];
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty()) << id;
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty()) << id;
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty()) << id;
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("(docs/rules/" + id + ".md)"),
              std::string::npos) << id;
    EXPECT_FALSE(rule.contains("helpUri")) << id; // a relative one is not a SARIF uri
  }
}

TEST(SarifReport, HelpUrisAreAbsoluteUnderTheGivenBase) {
  SarifOptions options;
  options.helpUriBase = "https://example.org/adjoint-lint/docs/rules";
  Json rules = buildSarif({}, {}, true, options)["runs"][0]["tool"]["driver"]["rules"];
  for (const Json &rule : rules) {
    std::string id = rule["id"];
    EXPECT_EQ(rule["helpUri"], "https://example.org/adjoint-lint/docs/rules/" + id + ".md");
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find(
                  "(https://example.org/adjoint-lint/docs/rules/" + id + ".md)"),
              std::string::npos)
        << id;
  }
}

TEST(SarifReport, AbsoluteUrisNeedASchemeAndUriCharacters) {
  EXPECT_TRUE(isAbsoluteUri("https://example.org/rules/"));
  EXPECT_TRUE(isAbsoluteUri("file:///srv/docs/rules/"));
  EXPECT_TRUE(isAbsoluteUri("https://example.org/a%20b/"));
  EXPECT_FALSE(isAbsoluteUri("docs/rules/"));
  EXPECT_FALSE(isAbsoluteUri("/srv/docs/rules/"));
  EXPECT_FALSE(isAbsoluteUri(":rules"));
  EXPECT_FALSE(isAbsoluteUri("1http://x/"));
  EXPECT_FALSE(isAbsoluteUri("https://example.org/a b/"));
  EXPECT_FALSE(isAbsoluteUri("https://example.org/%zz/"));
}

TEST(SarifReport, AnEmptyRunStillHasResults) {
  Json run = buildSarif({}, {{"clean.c", true}}, true)["runs"][0];
  ASSERT_TRUE(run.contains("results"));
  EXPECT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
}

TEST(SarifReport, UrisAreRelativeToTheSourceRoot) {
  std::vector<Finding> fs = buildFindings(shiftLoop(), shiftVerdicts());
  for (Finding &f : fs)
    f.loc.file = "/src/project/lib/shift.c";
  SarifOptions options;
  options.srcRoot = "/src/project";
  Json run = buildSarif(fs, {{"/src/project/lib/shift.c", true}}, true, options)["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/project/");
  Json artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "lib/shift.c");
  EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(run["artifacts"][0]["location"]["uri"], "lib/shift.c");
  options.srcRoot = "/elsewhere";
  run = buildSarif(fs, {}, true, options)["runs"][0];
  artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "file:///src/project/lib/shift.c");
  EXPECT_FALSE(artifact.contains("uriBaseId"));
}

TEST(SarifReport, FingerprintsAreStableAndDistinct) {
  std::vector<Finding> fs = buildFindings(stencilLoop(), stencilVerdicts());
  ASSERT_GE(fs.size(), 2u);
  Json a = buildSarif(fs, {}, true)["runs"][0]["results"];
  Json b = buildSarif(fs, {}, true)["runs"][0]["results"];
  std::set<std::string> seen;
  for (size_t k = 0; k < a.size(); ++k) {
    std::string fp = a[k]["partialFingerprints"][kFingerprintKey];
    EXPECT_EQ(fp, b[k]["partialFingerprints"][kFingerprintKey]);
    EXPECT_EQ(fp, partialFingerprints(fs, "")[k]);
    seen.insert(fp);
  }
  EXPECT_EQ(seen.size(), a.size());
}

TEST(SarifReport, EveryRegionHasAnEnd) {
  std::vector<Finding> fs = buildFindings(stencilLoop(), stencilVerdicts());
  Json results = buildSarif(fs, {}, true)["runs"][0]["results"];
  for (const Json &r : results) {
    Json region = r["locations"][0]["physicalLocation"]["region"];
    EXPECT_TRUE(region.contains("endLine") && region.contains("endColumn")) << region.dump();
    for (const Json &rel : r["relatedLocations"]) {
      Json rr = rel["physicalLocation"]["region"];
      EXPECT_TRUE(rr.contains("endLine") && rr.contains("endColumn")) << rr.dump();
      if (rr["endLine"] == rr["startLine"]) {
        EXPECT_GT(rr["endColumn"].get<int>(), rr["startColumn"].get<int>()) << rr.dump();
      }
    }
  }
}

} // namespace
} // namespace adjoint_lint::reports
