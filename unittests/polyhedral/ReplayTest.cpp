// --dump-isl and --dump-smt2: the files exist, and isl's and Z3's own
// parsers re-read them and give the answer the deciders recorded.
#include "polyhedral/CrossCheck.h"
#include "polyhedral/Deciders.h"

#include <isl/cpp.h>
#include <isl/options.h>
#include <z3++.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace adjoint_lint;
using namespace adjoint_lint::polyhedral;
namespace fs = std::filesystem;
using model::IndexExpr;
using model::LoopVerdicts;
using model::Verdict;

namespace {

/// for (i = 0; i < n; i++) y[i] = x[i - 1] + x[i + 1]
model::LoopModel stencil() {
  model::LoopModel loop;
  loop.id = "s.c:2:1";
  loop.parameters = {"n"};
  loop.iterators.push_back({"i", IndexExpr::constant(0), model::Condition::Op::LT, IndexExpr::var("n"), 1, {}});
  for (const char *name : {"x", "y"}) {
    model::Variable v;
    v.name = name;
    v.rank = 1;
    v.floating = true;
    v.elementType = "double";
    loop.variables.push_back(v);
  }
  auto access = [&](int v, model::AccessKind k, IndexExpr e, const char *text) {
    model::Access a;
    a.variable = v;
    a.kind = k;
    a.subscripts = {e};
    a.text = text;
    loop.accesses.push_back(a);
  };
  access(1, model::AccessKind::Write, IndexExpr::var("i"), "y[i]");
  access(0, model::AccessKind::Read, IndexExpr::binary(IndexExpr::Kind::Sub, IndexExpr::var("i"), IndexExpr::constant(1)),
         "x[i - 1]");
  access(0, model::AccessKind::Read, IndexExpr::binary(IndexExpr::Kind::Add, IndexExpr::var("i"), IndexExpr::constant(1)),
         "x[i + 1]");
  return loop;
}

fs::path freshDir(const std::string &name) {
  fs::path d = fs::temp_directory_path() / ("adjoint-lint-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string read(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string answerLine(const std::string &text, const std::string &prefix) {
  size_t at = text.find(prefix);
  if (at == std::string::npos)
    return "";
  size_t end = text.find('\n', at);
  return text.substr(at + prefix.size(), end - at - prefix.size());
}

} // namespace

TEST(Replay, IslRelationsReadBackWithTheSameAnswer) {
  fs::path dir = freshDir("isl");
  DeciderOptions options;
  options.dumpIslDir = dir.string();
  LoopVerdicts v = decide(stencil(), options);
  ASSERT_FALSE(v.variables.empty());
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    files.push_back(e.path());
  // x: exclusive read (3 pairs), forward race (none: x is only read);
  // y: forward race (1 pair); x vs y: symmetric update and reflexive.
  EXPECT_TRUE(fs::exists(dir / "s.c_2_1.x.read.A1-A2.isl"));
  EXPECT_TRUE(fs::exists(dir / "s.c_2_1.y.written.A0-A0.isl"));
  EXPECT_TRUE(fs::exists(dir / "s.c_2_1.x.symmetric-update.y.isl"));
  EXPECT_TRUE(fs::exists(dir / "s.c_2_1.x.reflexive.y.isl"));
  isl_ctx *raw = isl_ctx_alloc();
  isl_options_set_on_error(raw, ISL_ON_ERROR_CONTINUE);
  {
    isl::ctx ctx(raw);
    for (const fs::path &f : files) {
      std::string text = read(f);
      std::string answer = answerLine(text, "# answer: ");
      ASSERT_TRUE(answer == "empty" || answer == "non-empty") << f << ": " << answer;
      isl::map m(ctx, text); // isl's parser skips the # comment lines
      EXPECT_EQ(m.is_empty(), answer == "empty") << f;
    }
  }
  isl_ctx_free(raw);
  fs::remove_all(dir);
}

TEST(Replay, SmtQueriesReadBackWithTheSameAnswer) {
  fs::path dir = freshDir("smt2");
  std::vector<SmtVariableVerdicts> verdicts = decideWithZ3(stencil(), {0, 0}, dir.string());
  ASSERT_EQ(verdicts.size(), 2u);
  size_t n = 0;
  for (const auto &e : fs::directory_iterator(dir)) {
    std::string text = read(e.path());
    std::string answer = answerLine(text, "; answer: ");
    z3::context c;
    z3::solver s(c);
    s.from_file(e.path().string().c_str());
    z3::check_result r = s.check();
    EXPECT_EQ(r == z3::sat ? "sat" : r == z3::unsat ? "unsat" : "unknown", answer) << e.path();
    ++n;
  }
  // x: exclusive-read pairs up to the first conflict (x[i - 1] with itself:
  // unsat; with x[i + 1]: sat), no forward-race query (x is only read);
  // y: 1 forward-race pair.
  EXPECT_EQ(n, 3u);
  fs::remove_all(dir);
}

TEST(Replay, QueriesThatRanOutOfBudgetAreWrittenToo) {
  fs::path dir = freshDir("budget");
  std::vector<SmtVariableVerdicts> verdicts = decideWithZ3(stencil(), {1, 0}, dir.string());
  size_t n = 0;
  for (const auto &e : fs::directory_iterator(dir)) {
    EXPECT_EQ(answerLine(read(e.path()), "; answer: "), "unknown (Z3 rlimit of 1 per loop exhausted)") << e.path();
    ++n;
  }
  EXPECT_EQ(n, 4u); // no query decides, so all three pairs of x are asked
  for (const SmtVariableVerdicts &v : verdicts)
    if (v.exclusiveRead.verdict == Verdict::Unknown)
      EXPECT_EQ(v.exclusiveRead.reason, "Z3 rlimit of 1 per loop exhausted");
  EXPECT_EQ(verdicts[0].exclusiveRead.verdict, Verdict::Unknown);
  fs::remove_all(dir);
}
