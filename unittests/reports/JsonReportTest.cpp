#include "reports/JsonReport.h"

#include "Fixtures.h"
#include "reports/Findings.h"
#include "reports/Version.h"

#include <gtest/gtest.h>

namespace adjoint_lint::reports {
namespace {

using namespace testing;
using model::Verdict;

Json stencilReport() {
  model::LoopModel m = stencilLoop();
  model::LoopVerdicts v = stencilVerdicts();
  return buildReport({{m, v}}, buildFindings(m, v), {{"stencil.c", true}});
}

TEST(JsonReport, ToolNameAndVersion) {
  Json r = stencilReport();
  EXPECT_EQ(r["tool"]["name"], "adjoint-lint");
  EXPECT_EQ(r["tool"]["version"], toolVersion());
  EXPECT_EQ(std::string(toolVersion()), "0.3.0");
  EXPECT_EQ(r.begin().key(), "tool");
}

TEST(JsonReport, LoopFields) {
  Json loop = stencilReport()["loops"].at(0);
  EXPECT_EQ(loop["id"], "stencil.c:12:1");
  EXPECT_EQ(loop["file"], "stencil.c");
  EXPECT_EQ(loop["line"], 12);
  EXPECT_EQ(loop["column"], 1);
  EXPECT_EQ(loop["function"], "heat_step");
  EXPECT_EQ(loop["directive"], "parallel for");
  EXPECT_EQ(loop["iterators"], Json::array({"i"}));
  EXPECT_EQ(loop["forward_race"]["verdict"], "none");
  EXPECT_EQ(loop["forward_race"]["decided_by"], "isl");
  EXPECT_FALSE(loop["forward_race"].contains("witness"));
  EXPECT_EQ(loop["assumptions"], Json::array({"pointer parameters x and y do not overlap"}));
}

TEST(JsonReport, ArrayVerdictsAndWitness) {
  Json arrays = stencilReport()["loops"][0]["arrays"];
  ASSERT_EQ(arrays.size(), 2u);
  Json x = arrays[0];
  EXPECT_EQ(x["name"], "x");
  EXPECT_EQ(x["active"], true);
  EXPECT_EQ(x["strategy"], "gather");
  EXPECT_EQ(x["forward_race"]["verdict"], "none");
  EXPECT_EQ(x["symmetric_update"]["verdict"], "violated");
  EXPECT_EQ(x["symmetric_update"]["with"], "y");
  EXPECT_EQ(x["reflexive"]["verdict"], "violated");
  Json er = x["exclusive_read"];
  EXPECT_EQ(er["verdict"], "violated");
  EXPECT_EQ(er["decided_by"], "isl");
  Json w = er["witness"];
  EXPECT_EQ(w["iterations"], Json::parse(R"([{"i": 1}, {"i": 2}])"));
  EXPECT_EQ(w["element"], Json::array({2}));
  ASSERT_EQ(w["accesses"].size(), 2u);
  EXPECT_EQ(w["accesses"][0]["line"], 13);
  EXPECT_EQ(w["accesses"][0]["column"], 19);
  EXPECT_EQ(w["accesses"][0]["kind"], "read");
  EXPECT_EQ(w["accesses"][0]["text"], "x[i + 1]");
  EXPECT_EQ(w["accesses"][1]["column"], 12);
  EXPECT_EQ(w["accesses"][1]["text"], "x[i]");
  Json y = arrays[1];
  EXPECT_EQ(y["symmetric_update"]["verdict"], "not-applicable");
  EXPECT_EQ(y["symmetric_update"]["reason"], "y is not read");
  EXPECT_EQ(y["strategy"], "plain");
}

TEST(JsonReport, EveryUnknownHasAReasonEveryViolationAWitness) {
  model::LoopModel m = shiftLoop();
  model::LoopVerdicts v = shiftVerdicts();
  v.variables[0].exclusiveRead = result(Verdict::Unknown);
  Json loop = loopToJson(m, v);
  EXPECT_EQ(loop["forward_race"]["verdict"], "race");
  EXPECT_TRUE(loop["forward_race"].contains("witness"));
  EXPECT_EQ(loop["forward_race"]["witness"]["parameters"], Json::parse(R"({"n": 4})"));
  Json x = loop["arrays"][0];
  EXPECT_EQ(x["forward_race"]["verdict"], "race");
  EXPECT_TRUE(x["forward_race"].contains("witness"));
  EXPECT_EQ(x["exclusive_read"]["verdict"], "unknown");
  EXPECT_EQ(x["exclusive_read"]["reason"], "the decider gave no reason");
  EXPECT_EQ(x["strategy_reason"], "the forward loop has a data race: fix it before differentiating; only the "
                                  "serial adjoint is meaningful");
}

TEST(JsonReport, ScalarsAndUnreportedVariables) {
  model::LoopModel m = model::loopFromJson(Json::parse(R"({
    "id": "s.c:3:1", "range": {"file": "s.c", "line": 3, "column": 1},
    "iterators": [{"iterator": "i", "lower": 0, "bound": 10}],
    "variables": [
      {"name": "s", "element_type": "double"},
      {"name": "t", "element_type": "double", "extents": [4], "sharing": "private"},
      {"name": "unused", "element_type": "int", "extents": [4]}
    ],
    "accesses": [
      {"variable": 0, "kind": "write", "text": "s"},
      {"variable": 1, "kind": "write", "subscripts": [0], "text": "t[0]"}
    ]
  })").get<nlohmann::json>());
  model::LoopVerdicts v;
  v.forwardRace = result(Verdict::Violated);
  model::VariableVerdicts s;
  s.variable = 0;
  s.name = "s";
  s.array = false;
  s.forwardRace = result(Verdict::Violated);
  s.forwardRace.witness = witness(0, 0, 0, 1, {});
  v.variables = {s};
  Json loop = loopToJson(m, v);
  ASSERT_EQ(loop["scalars"].size(), 1u);
  EXPECT_EQ(loop["scalars"][0]["name"], "s");
  EXPECT_EQ(loop["scalars"][0]["forward_race"]["verdict"], "race");
  ASSERT_EQ(loop["arrays"].size(), 1u); // t; "unused" is never accessed
  EXPECT_EQ(loop["arrays"][0]["name"], "t");
  EXPECT_EQ(loop["arrays"][0]["sharing"], "private");
  EXPECT_EQ(loop["arrays"][0]["exclusive_read"]["verdict"], "not-applicable");
  EXPECT_TRUE(loop["arrays"][0]["exclusive_read"].contains("reason"));
  EXPECT_EQ(loop["arrays"][0]["strategy"], "plain");

  std::vector<Finding> fs = buildFindings(m, v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].message, "write to 's' races with the same write in another iteration: "
                           "iterations i=0 and i=1 both access s");
  ASSERT_EQ(fs[0].notes.size(), 2u);
  EXPECT_EQ(fs[0].notes[0].message, "in iteration i=0 s is written; in iteration i=1 s is written");
  EXPECT_EQ(fs[0].notes[1].message, "if every iteration assigns 's' before reading it, declare it "
                                    "private(s); otherwise it needs a reduction or synchronisation");
}

TEST(JsonReport, ScalarSumSuggestsAReduction) {
  // sum += x[i]
  model::LoopModel m = model::loopFromJson(Json::parse(R"({
    "id": "r.c:5:1", "range": {"file": "r.c", "line": 5, "column": 1},
    "iterators": [{"iterator": "i", "lower": 0, "bound": "n"}], "parameters": ["n"],
    "variables": [{"name": "sum", "element_type": "double"},
                  {"name": "x", "element_type": "double", "extents": [null]}],
    "accesses": [
      {"variable": 0, "kind": "write", "text": "sum", "range": {"file": "r.c", "line": 7, "column": 5}},
      {"variable": 0, "kind": "read", "text": "sum", "range": {"file": "r.c", "line": 7, "column": 5}},
      {"variable": 1, "kind": "read", "subscripts": ["i"], "text": "x[i]",
       "range": {"file": "r.c", "line": 7, "column": 12}}
    ],
    "statements": [{"lhs": 0, "op": "+=", "rhs": {"kind": "access", "access": 2}}]
  })").get<nlohmann::json>());
  model::LoopVerdicts v;
  model::VariableVerdicts sum;
  sum.variable = 0;
  sum.name = "sum";
  sum.array = false;
  sum.forwardRace = result(Verdict::Violated);
  sum.forwardRace.witness = witness(1, 0, 0, 1, {});
  v.forwardRace = sum.forwardRace;
  v.variables = {sum};
  std::vector<Finding> fs = buildFindings(m, v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].message, "write to 'sum' races with a read in another iteration: iterations i=0 "
                           "and i=1 both access sum");
  ASSERT_EQ(fs[0].notes.size(), 3u);
  EXPECT_EQ(fs[0].notes[0].message, "conflicting read of 'sum' here");
  EXPECT_EQ(fs[0].notes[1].message, "in iteration i=1 sum is written; in iteration i=0 sum is read");
  EXPECT_EQ(fs[0].notes[2].message,
            "make 'sum' a reduction variable: add reduction(+: sum) to the directive");
}

TEST(JsonReport, Diagnostics) {
  Json diags = stencilReport()["diagnostics"];
  ASSERT_EQ(diags.size(), 2u);
  Json gather = diags[0];
  EXPECT_EQ(gather["rule"], "adjoint-lint-gather-available");
  EXPECT_EQ(gather["level"], "note");
  EXPECT_EQ(gather["line"], 12);
  Json shared = diags[1];
  EXPECT_EQ(shared["rule"], "adjoint-lint-shared-adjoint");
  EXPECT_EQ(shared["level"], "warning");
  EXPECT_EQ(shared["file"], "stencil.c");
  EXPECT_EQ(shared["line"], 13);
  EXPECT_EQ(shared["column"], 12);
  EXPECT_EQ(shared["loop"], "stencil.c:12:1");
  EXPECT_EQ(shared["notes"][0]["message"], "other read of 'x' here");
  EXPECT_EQ(shared["notes"][0]["column"], 19);
}

TEST(JsonReport, InputErrorOnlyIsStillAReport) {
  Finding f;
  f.level = Level::Error;
  f.loc.file = "missing.c";
  f.message = "file not found";
  Json r = buildReport({}, {f}, {{"missing.c", false}});
  EXPECT_EQ(r["loops"], Json::array());
  ASSERT_EQ(r["diagnostics"].size(), 1u);
  EXPECT_EQ(r["diagnostics"][0]["level"], "error");
  EXPECT_EQ(r["diagnostics"][0]["rule"], "");
  EXPECT_EQ(r["diagnostics"][0]["file"], "missing.c");
  EXPECT_EQ(r["summary"]["errors"], 1);
  EXPECT_EQ(r["inputs"][0]["analysable"], false);
  // Round trip through text: a valid JSON document.
  EXPECT_TRUE(Json::accept(r.dump()));
}

} // namespace
} // namespace adjoint_lint::reports
