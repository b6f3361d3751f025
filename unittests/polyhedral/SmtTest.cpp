// The Z3 encoding (C semantics of / and %) and the checking session
// (budgets, errors as unknown).
#include "polyhedral/Smt.h"

#include <gtest/gtest.h>

using namespace adjoint_lint;
using namespace adjoint_lint::polyhedral::smt;
using model::IndexExpr;
using K = IndexExpr::Kind;

namespace {

int64_t evalConst(const IndexExpr &e) {
  z3::context c;
  model::LoopModel loop;
  Encoder enc(c, loop);
  std::string why;
  auto t = enc.term(e, {}, why);
  EXPECT_TRUE(t.has_value()) << why;
  int64_t v = 0;
  EXPECT_TRUE(t->simplify().is_numeral_i64(v)) << t->simplify();
  return v;
}

} // namespace

TEST(SmtEncoder, DivisionAndRemainderTruncateAsInC) {
  for (int64_t a : {-7, -6, -1, 0, 1, 6, 7})
    for (int64_t b : {-3, -1, 1, 3}) {
      IndexExpr div = IndexExpr::binary(K::Div, IndexExpr::constant(a), IndexExpr::constant(b));
      IndexExpr mod = IndexExpr::binary(K::Mod, IndexExpr::constant(a), IndexExpr::constant(b));
      EXPECT_EQ(evalConst(div), a / b) << a << " / " << b;
      EXPECT_EQ(evalConst(mod), a % b) << a << " % " << b;
    }
}

TEST(SmtEncoder, OpaqueSubscriptIsAMayAccess) {
  z3::context c;
  model::LoopModel loop;
  loop.iterators.push_back({"i", IndexExpr::constant(0), model::Condition::Op::LT, IndexExpr::var("n"), 1, {}});
  loop.parameters = {"n"};
  model::Variable x;
  x.name = "x";
  x.rank = 1;
  loop.variables.push_back(x);
  model::Access a;
  a.variable = 0;
  a.kind = model::AccessKind::Write;
  a.subscripts = {IndexExpr::opaque("data-dependent subscript idx[i]", "idx[i]")};
  a.text = "x[idx[i]]";
  loop.accesses.push_back(a);
  Encoder enc(c, loop);
  Instance p = enc.instance(0, "p");
  std::string why;
  ASSERT_TRUE(enc.element(p, why).has_value());
  EXPECT_FALSE(p.must());
  EXPECT_NE(p.inexactReason.find("data-dependent"), std::string::npos);
  // A hook gives the subscript a term: exact again.
  Encoder hooked(c, loop);
  hooked.setTermHook([](const IndexExpr &, const Env &env, Encoder &e) -> std::optional<z3::expr> {
    return env.at("i") * 2;
  });
  Instance q = hooked.instance(0, "q");
  ASSERT_TRUE(hooked.element(q, why).has_value());
  EXPECT_TRUE(q.must());
}

TEST(SmtSession, AnswersAndBudgets) {
  z3::context c;
  z3::expr x = c.int_const("x");
  Session s(c, {}, "", "t.c:1:1");
  z3::solver sat(c);
  sat.add(x > 3);
  Session::Result r = s.check(sat, "sat");
  EXPECT_EQ(r.interpretation.answer, Answer::Refuted);
  ASSERT_TRUE(r.model.has_value());
  z3::solver unsat(c);
  unsat.add(x > 3 && x < 2);
  EXPECT_EQ(s.check(unsat, "unsat").interpretation.answer, Answer::Proved);

  // An rlimit of 1 is spent by the first query.
  Session tight(c, {1, 0}, "", "t.c:1:1");
  z3::solver q(c);
  q.add(x * x == 2 * x + 3);
  Session::Result u = tight.check(q, "tight");
  EXPECT_EQ(u.interpretation.answer, Answer::Unknown);
  EXPECT_EQ(u.interpretation.reason, "Z3 rlimit of 1 per loop exhausted");
}

TEST(SmtSession, Z3ErrorIsUnknownNotACrash) {
  z3::context c;
  z3::solver s(c);
  s.add(c.int_const("y") == 1);
  // An unknown parameter: Z3 throws z3::exception while the check runs.
  z3::params p(c);
  p.set("no_such_parameter_of_z3", true);
  Session session(c, {}, "", "t.c:1:1");
  Session::Result r = session.check(s, "bad", &p);
  EXPECT_EQ(r.interpretation.answer, Answer::Unknown);
  EXPECT_EQ(r.interpretation.reason.rfind("Z3 failed: ", 0), 0u) << r.interpretation.reason;
  EXPECT_FALSE(r.model.has_value());
}
