#include "reports/HtmlReport.h"

#include "Fixtures.h"
#include "reports/AccessPattern.h"
#include "reports/Findings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace adjoint_lint::reports {
namespace {

using namespace testing;

const PatternTouch *touchAt(const AccessPattern &p, const std::string &row, const std::string &column) {
  for (const PatternTouch &t : p.touches)
    if (p.rowLabels[t.row] == row && p.columnLabels[t.column] == column)
      return &t;
  return nullptr;
}

// x[i + 1] = 2 * x[i] for 0 <= i < n, witness i=2 reads x[2], i=1 writes it,
// n=4: every iteration writes the cell the next one reads. n bounds the loop
// only, so the picture may take a larger n that fills the window around the
// witness, [1-2, 2+2]: n=5.
TEST(AccessPattern, ShiftRaceOverAWindowOfIterations) {
  model::LoopVerdicts v = shiftVerdicts();
  std::optional<AccessPattern> p = accessPattern(shiftLoop(), 0, *v.forwardRace.witness, PatternMode::ForwardRace);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->parameters.at("n"), 5);
  EXPECT_EQ(p->rowLabels, (std::vector<std::string>{"i=0", "i=1", "i=2", "i=3", "i=4"}));
  EXPECT_EQ(p->columnLabels, (std::vector<std::string>{"x[0]", "x[1]", "x[2]", "x[3]", "x[4]", "x[5]"}));
  EXPECT_FALSE(p->partial);
  EXPECT_FALSE(p->truncated);
  const PatternTouch *w = touchAt(*p, "i=1", "x[2]");
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->write && !w->read && w->conflict && w->witness);
  const PatternTouch *r = touchAt(*p, "i=2", "x[2]");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->read && !r->write && r->conflict && r->witness);
  // The witness's rows, in the witness's order (i=2 reads, i=1 writes).
  EXPECT_EQ(p->rowLabels[p->witnessRows[0]], "i=2");
  EXPECT_EQ(p->rowLabels[p->witnessRows[1]], "i=1");
  EXPECT_EQ(p->columnLabels[p->witnessColumn], "x[2]");
  // x[3]: written by i=2, read by i=3: a conflict, not the witness.
  ASSERT_TRUE(touchAt(*p, "i=3", "x[3]"));
  EXPECT_TRUE(touchAt(*p, "i=3", "x[3]")->conflict);
  EXPECT_FALSE(touchAt(*p, "i=3", "x[3]")->witness);
  // x[0] is only read (by i=0), x[5] only written (by i=4): no conflict.
  EXPECT_FALSE(touchAt(*p, "i=0", "x[0]")->conflict);
  EXPECT_FALSE(touchAt(*p, "i=4", "x[5]")->conflict);
  EXPECT_EQ(touchAt(*p, "i=0", "x[2]"), nullptr);
  EXPECT_EQ(p->touches.size(), 10u); // one read and one write per iteration
}

// Only the parallel iterators identify a row, whatever else the witness's
// iteration maps hold.
TEST(AccessPattern, WitnessRowsByTheParallelIterators) {
  model::Witness w = *shiftVerdicts().forwardRace.witness;
  w.iterations[0]["k"] = 7;
  std::optional<AccessPattern> p = accessPattern(shiftLoop(), 0, w, PatternMode::ForwardRace);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->witnessShown);
  EXPECT_EQ(p->rowLabels[p->witnessRows[0]], "i=2");
  EXPECT_TRUE(touchAt(*p, "i=2", "x[2]")->witness);
}

// A parameter that a subscript uses keeps the witness's value.
TEST(AccessPattern, ParametersOfSubscriptsStayAsTheWitnessHasThem) {
  model::LoopModel m = shiftLoop();
  m.accesses[0].subscripts[0] = model::IndexExpr::binary(model::IndexExpr::Kind::Add, model::IndexExpr::var("i"),
                                                         model::IndexExpr::binary(model::IndexExpr::Kind::Sub,
                                                                                  model::IndexExpr::var("n"),
                                                                                  model::IndexExpr::constant(3)));
  model::LoopVerdicts v = shiftVerdicts();
  std::optional<AccessPattern> p = accessPattern(m, 0, *v.forwardRace.witness, PatternMode::ForwardRace);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->parameters.at("n"), 4);
  EXPECT_EQ(p->rowLabels, (std::vector<std::string>{"i=0", "i=1", "i=2", "i=3"}));
}

// y[i] = x[i] + x[i + 1]: neighbouring iterations read x[i + 1] and x[i]
// of one element; in exclusive-read mode those are the conflicts.
TEST(AccessPattern, ExclusiveReadConflictsAreTwoReads) {
  model::LoopVerdicts v = stencilVerdicts();
  model::Witness w = *v.variables[0].exclusiveRead.witness;
  w.parameters = {{"n", 5}};
  std::optional<AccessPattern> p = accessPattern(stencilLoop(), 0, w, PatternMode::ExclusiveRead);
  ASSERT_TRUE(p);
  // 0 <= i < n - 1 around i=1, i=2, with n grown to 6.
  EXPECT_EQ(p->parameters.at("n"), 6);
  EXPECT_EQ(p->rowLabels, (std::vector<std::string>{"i=0", "i=1", "i=2", "i=3", "i=4"}));
  EXPECT_TRUE(touchAt(*p, "i=1", "x[2]")->conflict);
  EXPECT_TRUE(touchAt(*p, "i=2", "x[2]")->conflict);
  EXPECT_TRUE(touchAt(*p, "i=2", "x[2]")->witness);
  EXPECT_FALSE(touchAt(*p, "i=1", "x[1]")->witness);
  EXPECT_FALSE(touchAt(*p, "i=0", "x[0]")->conflict); // read once only
  EXPECT_TRUE(touchAt(*p, "i=4", "x[5]") && !touchAt(*p, "i=4", "x[5]")->conflict);
  // y is written once per iteration: in exclusive-read mode, writes are not
  // conflicts; in forward-race mode neither (one iteration per element).
  std::optional<AccessPattern> y = accessPattern(stencilLoop(), 1, w, PatternMode::ForwardRace);
  ASSERT_TRUE(y);
  for (const PatternTouch &t : y->touches)
    EXPECT_EQ(t.conflict, t.witness) << y->rowLabels[t.row] << " " << y->columnLabels[t.column];
  // Without n the rows cannot be checked against the bounds: only the
  // witness's rows, and the picture says it is partial.
  w.parameters.clear();
  p = accessPattern(stencilLoop(), 0, w, PatternMode::ExclusiveRead);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->partial);
  EXPECT_EQ(p->rowLabels, (std::vector<std::string>{"i=1", "i=2"}));
}

std::optional<std::vector<std::string>> fakeSource(const std::string &file, const std::vector<SourceMark> &marks,
                                                   std::string &error) {
  // shift.c: line 6 holds the accesses.
  std::vector<std::string> lines(8, "");
  lines[5] = "  x[i + 1] = 2 * x[i]; // </script><script>alert(1)</script>";
  for (std::string &l : lines)
    l = htmlEscape(l);
  (void)file;
  (void)marks;
  (void)error;
  return lines;
}

TEST(HtmlReport, IndexAndOnePagePerFileWithDeterministicNames) {
  std::vector<AnalysedLoop> loops = {{shiftLoop(), shiftVerdicts()}, {stencilLoop(), stencilVerdicts()}};
  std::vector<Finding> findings;
  for (const AnalysedLoop &l : loops)
    for (const Finding &f : buildFindings(l.loop, l.verdicts))
      findings.push_back(f);
  sortFindings(findings);
  std::vector<InputStatus> inputs = {{"shift.c", true}, {"stencil.c", true}};
  HtmlReportInput in{loops, findings, inputs, ""};
  std::vector<HtmlPage> pages = buildHtmlReport(in, fakeSource);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].path, "index.html");
  EXPECT_EQ(pages[1].path.rfind("files/shift.c-", 0), 0u) << pages[1].path;
  EXPECT_EQ(pages[2].path.rfind("files/stencil.c-", 0), 0u) << pages[2].path;
  std::vector<HtmlPage> again = buildHtmlReport(in, fakeSource);
  for (size_t k = 0; k < pages.size(); ++k) {
    EXPECT_EQ(again[k].path, pages[k].path);
    EXPECT_EQ(again[k].html, pages[k].html);
  }
  // The index links every loop to its file page's anchor.
  EXPECT_NE(pages[0].html.find("href=\"" + pages[1].path + "#loop-5-1\""), std::string::npos);
  EXPECT_NE(pages[0].html.find("href=\"" + pages[2].path + "#loop-12-1\""), std::string::npos);
  // The race: the witness in words and a picture.
  const std::string &shift = pages[1].html;
  EXPECT_NE(shift.find("Iteration i=1 writes x[2] (&#39;x[i + 1]&#39;) and iteration i=2 reads it (&#39;x[i]&#39;)."),
            std::string::npos);
  EXPECT_NE(shift.find("<svg"), std::string::npos);
  EXPECT_NE(shift.find("class=\"touch conflict witness write\""), std::string::npos);
  EXPECT_NE(shift.find(", for n=5."), std::string::npos);
  // Source lines are placed as the highlighter made them (escaped).
  EXPECT_NE(shift.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
  EXPECT_EQ(shift.find("<script>alert"), std::string::npos);
  // The stencil: strategy per array.
  EXPECT_NE(pages[2].html.find("<span class=\"badge s-gather\">gather</span>"), std::string::npos);
  EXPECT_NE(pages[2].html.find("<span class=\"badge s-plain\">plain</span>"), std::string::npos);
}

TEST(HtmlReport, NoAdjointCodeSectionUnlessGiven) {
  std::vector<AnalysedLoop> loops = {{stencilLoop(), stencilVerdicts()}};
  std::vector<Finding> findings = buildFindings(loops[0].loop, loops[0].verdicts);
  std::vector<InputStatus> inputs;
  HtmlReportInput in{loops, findings, inputs, ""};
  EXPECT_EQ(buildHtmlReport(in, fakeSource)[1].html.find("Adjoint code"), std::string::npos);
  std::map<std::string, std::string> code = {{"stencil.c:12:1", "xb[i] += yb[i] < 1;"}};
  in.adjointCode = &code;
  std::string page = buildHtmlReport(in, fakeSource)[1].html;
  EXPECT_NE(page.find("<h3>Adjoint code</h3><pre class=\"code\">xb[i] += yb[i] &lt; 1;</pre>"), std::string::npos);
}

TEST(HtmlReport, EscapesEverything) {
  EXPECT_EQ(htmlEscape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  Finding f;
  f.rule = kRuleUnknown;
  f.loc = {"evil<b>.c", 1, 1, 1, 3};
  f.message = "cannot decide: <img src=x onerror=alert(1)>";
  f.variable = "x";
  std::vector<Finding> findings = {f};
  std::vector<AnalysedLoop> loops;
  std::vector<InputStatus> inputs;
  HtmlReportInput in{loops, findings, inputs, ""};
  for (const HtmlPage &p : buildHtmlReport(in, fakeSource)) {
    EXPECT_EQ(p.html.find("<img"), std::string::npos) << p.path;
    EXPECT_EQ(p.html.find("evil<b>"), std::string::npos) << p.path;
    EXPECT_EQ(p.path.find('<'), std::string::npos) << p.path;
  }
}

TEST(HtmlReport, PlainSourceLinesEscapeAndMark) {
  std::string error;
  EXPECT_FALSE(plainSourceLines("/no/such/file.c", {}, error));
  EXPECT_NE(error.find("/no/such/file.c"), std::string::npos);
}

} // namespace
} // namespace adjoint_lint::reports
