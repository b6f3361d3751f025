#include "reports/Fingerprint.h"

#include "Fixtures.h"
#include "reports/Findings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

namespace adjoint_lint::reports {
namespace {

namespace fs = std::filesystem;

/// A scratch directory with one source file, removed at the end.
struct SourceTree {
  fs::path root;
  explicit SourceTree(const std::string &name) {
    root = fs::temp_directory_path() / ("adjoint-lint-fingerprint-" + name + "-" +
                                        std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "src");
  }
  ~SourceTree() { fs::remove_all(root); }
  std::string write(const std::string &rel, const std::string &text) const {
    std::ofstream(root / rel) << text;
    return (root / rel).string();
  }
};

Finding raceAt(const std::string &file, unsigned line) {
  Finding f;
  f.rule = kRuleForwardRace;
  f.loc = {file, line, 5, line, 12};
  f.message = "write to 'x' races with a read in another iteration: iterations i=1 and i=2";
  f.function = "shift";
  f.variable = "x";
  f.loopId = file + ":" + std::to_string(line - 1) + ":1";
  return f;
}

TEST(Fingerprint, IndependentOfTheCheckoutDirectory) {
  SourceTree a("a"), b("b");
  const std::string text = "void shift(double *x, int n) {\n#pragma omp parallel for\n"
                           "  for (int i = 0; i < n; ++i)\n    x[i + 1] = x[i];\n}\n";
  std::string fa = a.write("src/shift.c", text), fb = b.write("src/shift.c", text);
  std::string pa = partialFingerprint(raceAt(fa, 4), a.root.string());
  std::string pb = partialFingerprint(raceAt(fb, 4), b.root.string());
  EXPECT_EQ(pa, pb);
  EXPECT_EQ(pa.size(), 32u);
  // But the file's place below the root counts.
  std::string fc = a.write("shift.c", text);
  EXPECT_NE(partialFingerprint(raceAt(fc, 4), a.root.string()), pa);
}

TEST(Fingerprint, SurvivesLineShiftsAndReindentationButNotEdits) {
  // The same file (src/c.c below each root) in three versions.
  SourceTree v1("v1"), v2("v2"), v3("v3");
  std::string c1 = v1.write("src/c.c", "\n\nx[i + 1] = x[i];\n");
  std::string c2 = v2.write("src/c.c", "// moved down\n\n\n\n\n    x[i+1]   =   x[i];\n");
  std::string c3 = v3.write("src/c.c", "\n\nx[i + 2] = x[i];\n");
  const std::string fp1 = partialFingerprint(raceAt(c1, 3), v1.root.string());
  // Moved three lines down and re-spaced: the same finding.
  EXPECT_EQ(partialFingerprint(raceAt(c2, 6), v2.root.string()), fp1);
  // A changed line is a different finding.
  EXPECT_NE(partialFingerprint(raceAt(c3, 3), v3.root.string()), fp1);
  // So is the same line in another file.
  std::string d = v1.write("src/d.c", "\n\nx[i + 1] = x[i];\n");
  EXPECT_NE(partialFingerprint(raceAt(d, 3), v1.root.string()), fp1);
}

TEST(Fingerprint, IgnoresTheMessageButNotRuleVariableOrFunction) {
  SourceTree t("fields");
  std::string file = t.write("src/a.c", "\n\n\nx[i + 1] = x[i];\n");
  Finding f = raceAt(file, 4);
  const std::string base = partialFingerprint(f, t.root.string());
  Finding other = f;
  other.message = "write to 'x' races ...: iterations i=7 and i=8";
  EXPECT_EQ(partialFingerprint(other, t.root.string()), base);
  other = f;
  other.rule = kRuleSharedAdjoint;
  EXPECT_NE(partialFingerprint(other, t.root.string()), base);
  other = f;
  other.variable = "y";
  EXPECT_NE(partialFingerprint(other, t.root.string()), base);
  other = f;
  other.function = "g";
  EXPECT_NE(partialFingerprint(other, t.root.string()), base);
}

TEST(Fingerprint, UnreadableFilesFallBackToTheLineNumber) {
  Finding f = raceAt("no/such/dir/shift.c", 6);
  std::string six = partialFingerprint(f, "no");
  f.loc.line = 7;
  EXPECT_NE(partialFingerprint(f, "no"), six);
  f.loc.line = 6;
  EXPECT_EQ(partialFingerprint(f, "no"), six);
}

TEST(Fingerprint, DuplicatesInOneRunAreToldApart) {
  Finding f = raceAt("no/such/file.c", 3);
  std::vector<std::string> fps = partialFingerprints({f, f, f}, "");
  ASSERT_EQ(fps.size(), 3u);
  EXPECT_EQ(fps[0], partialFingerprint(f, ""));
  EXPECT_EQ(std::set<std::string>(fps.begin(), fps.end()).size(), 3u);
  EXPECT_EQ(partialFingerprints({f, f, f}, ""), fps); // deterministic
}

TEST(Fingerprint, BuiltFindingsCarryFunctionAndVariable) {
  std::vector<Finding> fs = buildFindings(testing::stencilLoop(), testing::stencilVerdicts());
  ASSERT_FALSE(fs.empty());
  for (const Finding &f : fs) {
    EXPECT_EQ(f.function, "heat_step");
    EXPECT_EQ(f.variable, "x");
  }
}

TEST(Fingerprint, PathsRelativeToTheSourceRoot) {
  EXPECT_EQ(relativeToSrcRoot("/a/b/c.c", "/a"), "b/c.c");
  EXPECT_EQ(relativeToSrcRoot("/a/b/../c.c", "/a/"), "c.c");
  EXPECT_EQ(relativeToSrcRoot("/x/c.c", "/a"), std::nullopt);
  EXPECT_EQ(relativeToSrcRoot("/a", "/a"), std::nullopt);
  EXPECT_EQ(relativeToSrcRoot("", "/a"), std::nullopt);
  EXPECT_EQ(relativeToSrcRoot("d/e.c", ""), "d/e.c");
  EXPECT_EQ(relativeToSrcRoot("../e.c", ""), std::nullopt);
}

} // namespace
} // namespace adjoint_lint::reports
