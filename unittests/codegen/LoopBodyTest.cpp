// The body tree, the variables' roles and names, the C spelling and the
// value analysis (LoopBody, Sweeps) on hand-made loop models.
#include "ModelBuilder.h"

#include "codegen/LoopBody.h"
#include "codegen/Sweeps.h"

#include <gtest/gtest.h>

namespace adjoint_lint::codegen {
namespace {

using testing::ModelBuilder;

model::LoopVerdicts raceFree() {
  model::LoopVerdicts v;
  v.forwardRace.verdict = model::Verdict::Holds;
  return v;
}

/// The tree as text: statements by index, scopes as s<k>{...}.
std::string shape(const BodyNode &node) {
  if (node.statement >= 0)
    return std::to_string(node.statement);
  std::string out = node.scope >= 0 ? "s" + std::to_string(node.scope) + "{" : "{";
  for (size_t k = 0; k < node.children.size(); ++k)
    out += (k ? " " : "") + shape(node.children[k]);
  return out + "}";
}

std::string messageOf(const model::LoopModel &m, const model::LoopVerdicts &v) {
  try {
    LoopBody body(m, v);
  } catch (const CodegenError &e) {
    return e.what();
  }
  return "";
}

TEST(LoopBodyTest, StatementsNestInTheirScopesInSourceOrder) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y"), s = b.local("s");
  int inner = b.innerLoop("k", "0", "3");
  int guard = b.guard("k", "2", inner);
  b.assign(s, {}, "=", ModelBuilder::constant(0));
  b.assign(s, {}, "+=", b.read(x, {"i + k"}, inner), inner);
  b.assign(s, {}, "+=", b.read(x, {"i - k"}, guard), guard);
  b.assign(y, {"i"}, "=", b.read(s));
  LoopBody body(b.m, raceFree());
  EXPECT_EQ(shape(body.root()), "{0 s0{1 s1{2}} 3}");
  EXPECT_TRUE(body.inInnerLoop(guard));
  EXPECT_FALSE(body.inInnerLoop(-1));
}

TEST(LoopBodyTest, AScopeThatClosedCannotOpenAgain) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y");
  int inner = b.innerLoop("k", "0", "3");
  b.assign(y, {"i"}, "+=", b.read(x, {"k"}, inner), inner);
  b.assign(y, {"i"}, "*=", ModelBuilder::constant(2));
  b.assign(y, {"i"}, "+=", b.read(x, {"k"}, inner), inner);
  EXPECT_EQ(messageOf(b.m, raceFree()), "statement order inside the loop cannot be rebuilt");
}

TEST(LoopBodyTest, VariablesGetRolesAndNamesThatDoNotClash) {
  ModelBuilder b;
  int x = b.array("x"), xb = b.array("xb"), y = b.array("y");
  int c = b.scalar("c"), m = b.scalar("m", "int"), t = b.local("t");
  b.assign(t, {}, "=", ModelBuilder::binary("*", b.read(c), b.read(x, {"i"})));
  b.assign(y, {"i"}, "=", ModelBuilder::binary("+", b.read(t), b.read(xb, {"i + m"})));
  LoopBody body(b.m, raceFree());
  EXPECT_EQ(body.variable(x).role, VariableRole::Array);
  EXPECT_EQ(body.variable(x).adjoint, "x_b"); // "xb" is taken by the array xb
  EXPECT_EQ(body.variable(xb).adjoint, "xbb");
  EXPECT_EQ(body.variable(y).tangent, "yd");
  EXPECT_TRUE(body.variable(y).written);
  EXPECT_EQ(body.variable(c).role, VariableRole::ScalarInput);
  EXPECT_FALSE(body.variable(c).active); // passive
  EXPECT_EQ(body.variable(m).role, VariableRole::Name);
  EXPECT_EQ(body.variable(t).role, VariableRole::Local);
  EXPECT_EQ(body.integerParameters(), (std::vector<std::string>{"n", "m"}));
  EXPECT_EQ(body.scalarInputs(), (std::vector<int>{c}));
  EXPECT_EQ(body.arrays(), (std::vector<int>{x, xb, y}));
  EXPECT_EQ(body.signature(Mode::Adjoint),
            "long n, long m, double c, const double *x, double *x_b, const double *xb, double *xbb, "
            "double *y, double *yb");
  EXPECT_EQ(body.signature(Mode::ForwardTemplate),
            "long n, long m, double c, const R *x, const R *xb, R *y");
  CodeWriter locals;
  body.declareLocals(locals, Mode::Tangent);
  EXPECT_EQ(locals.str(), "double t = 0, td = 0;\n");
}

TEST(LoopBodyTest, TheFragmentIsChecked) {
  {
    ModelBuilder b;
    int x = b.array("x"), s = b.scalar("s");
    b.assign(s, {}, "+=", b.read(x, {"i"}));
    EXPECT_NE(messageOf(b.m, raceFree()).find("shared scalar 's' is written"), std::string::npos);
  }
  {
    ModelBuilder b;
    int x = b.array("x");
    b.assign(x, {"i"}, "=", b.read(x, {"i + 1"}));
    EXPECT_NE(messageOf(b.m, raceFree()).find("in-place updates are not supported"), std::string::npos);
  }
  {
    ModelBuilder b;
    int x = b.array("x"), y = b.array("y");
    b.assign(y, {"0"}, "=", b.read(x, {"i"}));
    model::LoopVerdicts racy;
    racy.forwardRace.verdict = model::Verdict::Violated;
    EXPECT_NE(messageOf(b.m, racy).find("not proven race-free (forward race: race)"), std::string::npos);
  }
}

TEST(LoopBodyTest, CSpelling) {
  ModelBuilder b("1", "n - 1");
  int x = b.array("x", {"", "n"}), y = b.array("y", {"n", "n + 1"});
  b.collapsed("j", "0", "n");
  b.assign(y, {"i", "j"}, "=", b.read(x, {"i - 1", "j"}));
  LoopBody body(b.m, raceFree());
  EXPECT_EQ(body.offset(b.m.accesses[0]), "(i - 1) * n + j");
  EXPECT_EQ(body.offset(b.m.accesses[1]), "(i) * (n + 1) + j");
  EXPECT_EQ(body.extent(y), "(n) * (n + 1)");
  EXPECT_EQ(body.extent(x), ""); // the first extent is unknown
  EXPECT_EQ(body.parallelFor(), "#pragma omp parallel for collapse(2)");
  EXPECT_EQ(body.parallelHeaders(false),
            (std::vector<std::string>{"for (long i = 1; i < n - 1; ++i)", "for (long j = 0; j < n; ++j)"}));
  EXPECT_EQ(body.parallelHeaders(true)[0], "for (long i = (n - 1) - 1; i >= 1; --i)");
  EXPECT_EQ(body.valueParameters(), "long n, ");
  EXPECT_EQ(body.valueArguments(), "n, ");
}

TEST(LoopBodyTest, ValuesTheReverseSweepReads) {
  // t = x[i] * x[i]; t = t * c2; y[i] = t: the product rule reads x[i] and t;
  // t is assigned twice, so it goes through the tape.
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y"), t = b.local("t");
  b.assign(t, {}, "=", ModelBuilder::binary("*", b.read(x, {"i"}), b.read(x, {"i"})));
  b.assign(t, {}, "=", ModelBuilder::binary("*", b.read(t), b.read(x, {"i + 1"})));
  b.assign(y, {"i"}, "=", b.read(t));
  LoopBody body(b.m, raceFree());
  SweepValues values = analyseValues(body);
  EXPECT_EQ(values.needed, (std::set<int>{x, t}));
  EXPECT_EQ(values.pushed, (std::set<int>{t}));
  Sweeps sweeps(body, values);
  EXPECT_TRUE(sweeps.usesTape());
  EXPECT_TRUE(sweeps.hasForwardSweep());
}

TEST(LoopBodyTest, ALocalAssignedOnceKeepsItsValue) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y"), t = b.local("t");
  b.assign(t, {}, "=", ModelBuilder::binary("*", b.read(x, {"i"}), b.read(x, {"i"})));
  b.assign(y, {"i"}, "=", ModelBuilder::binary("*", b.read(t), b.read(t)));
  LoopBody body(b.m, raceFree());
  SweepValues values = analyseValues(body);
  EXPECT_EQ(values.needed, (std::set<int>{x, t}));
  EXPECT_TRUE(values.pushed.empty());
  Sweeps sweeps(body, values);
  EXPECT_FALSE(sweeps.usesTape());
  CodeWriter forward;
  sweeps.writeForwardSweep(forward);
  EXPECT_EQ(forward.str(), "t = x[i] * x[i];\n");
}

TEST(LoopBodyTest, ReverseSweepOfAnUpdate) {
  ModelBuilder b;
  int x = b.array("x"), y = b.array("y");
  b.assign(y, {"i"}, "+=", ModelBuilder::binary("*", ModelBuilder::constant(2), b.read(x, {"i + 1"})));
  LoopBody body(b.m, raceFree());
  Sweeps sweeps(body, analyseValues(body));
  CodeWriter w;
  unsigned temps = 0;
  sweeps.writeReverseSweep(w, {{x, Increment::Atomic}}, &temps);
  ASSERT_EQ(w.lines().size(), 4u) << w.str();
  EXPECT_EQ(w.lines()[1], "const double t1 = yb[i];");
  EXPECT_NE(w.str().find("#pragma omp atomic"), std::string::npos) << w.str();
  EXPECT_NE(w.str().find("xb[i + 1] += "), std::string::npos) << w.str();
}

} // namespace
} // namespace adjoint_lint::codegen
