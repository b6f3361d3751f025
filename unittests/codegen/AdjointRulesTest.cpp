// The AD rules checked numerically: the C code they write is run by a tiny
// interpreter, and the tangent and the reverse increments must match central
// finite differences of the primal expression, rule by rule.
#include "codegen/AdjointRules.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace adjoint_lint;
using codegen::CodeWriter;
using codegen::ExprContext;
using model::Expr;

namespace {

// --- a tiny interpreter for the generated C -----------------------------------

class Interp {
public:
  std::map<std::string, double> vars;

  double eval(const std::string &text) {
    s_ = text;
    p_ = 0;
    double v = ternary();
    skip();
    if (p_ != s_.size())
      throw std::runtime_error("trailing text in '" + text + "' at " + std::to_string(p_));
    return v;
  }

  /// Runs the statements CodeWriter lines hold: declarations of temporaries,
  /// `name += e;`, `name = e;`, if/else blocks and pragmas.
  void run(const std::vector<std::string> &lines) {
    std::vector<bool> active = {true};
    std::vector<bool> taken;
    for (std::string l : lines) {
      l = trim(l);
      if (l.empty() || l[0] == '#' || l.rfind("/*", 0) == 0)
        continue;
      if (l.rfind("if (", 0) == 0) {
        bool c = active.back() && eval(l.substr(3, l.size() - 5)) != 0;
        taken.push_back(c);
        active.push_back(c);
      } else if (l == "} else {") {
        active.pop_back();
        active.push_back(active.back() && !taken.back());
      } else if (l == "}") {
        active.pop_back();
        taken.pop_back();
      } else if (active.back()) {
        statement(l);
      }
    }
  }

private:
  std::string s_;
  size_t p_ = 0;

  static std::string trim(const std::string &s) {
    size_t a = s.find_first_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a);
  }

  void statement(std::string l) {
    ASSERT_EQ(l.back(), ';') << l;
    l.pop_back();
    for (const char *prefix : {"const double ", "const float "})
      if (l.rfind(prefix, 0) == 0)
        l = l.substr(std::string(prefix).size());
    size_t eq = l.find(" += ");
    if (eq != std::string::npos) {
      vars[l.substr(0, eq)] += eval(l.substr(eq + 4));
      return;
    }
    eq = l.find(" = ");
    ASSERT_NE(eq, std::string::npos) << l;
    vars[l.substr(0, eq)] = eval(l.substr(eq + 3));
  }

  void skip() {
    while (p_ < s_.size() && s_[p_] == ' ')
      ++p_;
  }
  bool eat(const std::string &t) {
    skip();
    if (s_.compare(p_, t.size(), t) == 0) {
      p_ += t.size();
      return true;
    }
    return false;
  }
  double ternary() {
    double c = orExpr();
    if (eat("?")) {
      double a = ternary();
      if (!eat(":"))
        throw std::runtime_error("expected ':' in " + s_);
      double b = ternary();
      return c != 0 ? a : b;
    }
    return c;
  }
  double orExpr() {
    double v = andExpr();
    while (eat("||"))
      v = (andExpr() != 0 || v != 0) ? 1 : 0;
    return v;
  }
  double andExpr() {
    double v = cmp();
    while (eat("&&"))
      v = (cmp() != 0 && v != 0) ? 1 : 0;
    return v;
  }
  double cmp() {
    double a = add();
    for (const char *op : {"<=", ">=", "==", "!=", "<", ">"}) {
      if (eat(op)) {
        double b = add();
        std::string o = op;
        return o == "<=" ? a <= b : o == ">=" ? a >= b : o == "==" ? a == b : o == "!=" ? a != b
               : o == "<" ? a < b : a > b;
      }
    }
    return a;
  }
  double add() {
    double v = mul();
    for (;;) {
      if (eat("+"))
        v += mul();
      else if (eat("-"))
        v -= mul();
      else
        return v;
    }
  }
  double mul() {
    double v = unary();
    for (;;) {
      if (eat("*"))
        v *= unary();
      else if (eat("/"))
        v /= unary();
      else
        return v;
    }
  }
  double unary() {
    if (eat("-"))
      return -unary();
    if (eat("+"))
      return unary();
    if (eat("!"))
      return unary() == 0;
    for (const char *cast : {"(double)", "(float)"})
      if (eat(cast))
        return unary();
    return primary();
  }
  double primary() {
    skip();
    if (eat("(")) {
      double v = ternary();
      if (!eat(")"))
        throw std::runtime_error("expected ')' in " + s_);
      return v;
    }
    if (p_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.')) {
      size_t used = 0;
      double v = std::stod(s_.substr(p_), &used);
      p_ += used;
      if (p_ < s_.size() && s_[p_] == 'f')
        ++p_;
      return v;
    }
    std::string name;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_'))
      name += s_[p_++];
    if (name.empty())
      throw std::runtime_error("unexpected text in '" + s_ + "' at " + std::to_string(p_));
    if (eat("(")) {
      std::vector<double> args;
      if (!eat(")")) {
        do
          args.push_back(ternary());
        while (eat(","));
        if (!eat(")"))
          throw std::runtime_error("expected ')' after arguments in " + s_);
      }
      return call(name, args);
    }
    auto it = vars.find(name);
    if (it == vars.end())
      throw std::runtime_error("unknown name " + name);
    return it->second;
  }
  static double call(std::string f, const std::vector<double> &a) {
    if (f.size() > 3 && f.back() == 'f' && f != "fabs" && f != "fmaxf" && f != "fminf" && f != "fabsf")
      f.pop_back();
    if (f == "fmaxf" || f == "fminf" || f == "fabsf")
      f.pop_back();
    if (f == "sin") return std::sin(a.at(0));
    if (f == "cos") return std::cos(a.at(0));
    if (f == "tan") return std::tan(a.at(0));
    if (f == "exp") return std::exp(a.at(0));
    if (f == "log") return std::log(a.at(0));
    if (f == "sqrt") return std::sqrt(a.at(0));
    if (f == "tanh") return std::tanh(a.at(0));
    if (f == "fabs") return std::fabs(a.at(0));
    if (f == "pow") return std::pow(a.at(0), a.at(1));
    if (f == "fmax") return std::fmax(a.at(0), a.at(1));
    if (f == "fmin") return std::fmin(a.at(0), a.at(1));
    throw std::runtime_error("unknown function " + f);
  }
};

// --- expressions over three active reads v0, v1, v2 ------------------------------

Expr acc(int k) {
  Expr e;
  e.kind = Expr::Kind::Access;
  e.access = k;
  e.text = "v" + std::to_string(k);
  return e;
}
Expr num(double v, const char *text = "") {
  Expr e;
  e.kind = Expr::Kind::FloatConst;
  e.floatValue = v;
  e.text = text;
  return e;
}
Expr bin(const char *op, Expr a, Expr b) {
  Expr e;
  e.kind = Expr::Kind::Binary;
  e.op = model::exprOpFromString(op).value();
  e.operands = {std::move(a), std::move(b)};
  e.text = "binary";
  return e;
}
Expr call(const char *f, std::vector<Expr> args) {
  Expr e;
  e.kind = Expr::Kind::Call;
  e.callee = f;
  e.operands = std::move(args);
  e.text = std::string(f) + "(...)";
  return e;
}
Expr neg(Expr a) {
  Expr e;
  e.kind = Expr::Kind::Unary;
  e.op = Expr::Op::Minus;
  e.operands = {std::move(a)};
  e.text = "-a";
  return e;
}
Expr cond(Expr c, Expr a, Expr b) {
  Expr e;
  e.kind = Expr::Kind::Conditional;
  e.operands = {std::move(c), std::move(a), std::move(b)};
  e.text = "c ? a : b";
  return e;
}
Expr cast(const char *type, Expr a) {
  Expr e;
  e.kind = Expr::Kind::Cast;
  e.castType = type;
  e.operands = {std::move(a)};
  e.text = "cast";
  return e;
}

struct Fixture {
  unsigned temps = 0;
  ExprContext ctx;
  Fixture() {
    ctx.active = [](int) { return true; };
    ctx.primal = [](int a) { return "v" + std::to_string(a); };
    ctx.adjoint = [](int a) { return "b" + std::to_string(a); };
    ctx.tangent = [](int a) { return "d" + std::to_string(a); };
    ctx.temporaries = &temps;
    ctx.file = "t.c";
    ctx.line = 7;
  }
};

const std::vector<double> point = {1.3, 0.7, 2.1};

double valueAt(const Expr &e, const ExprContext &ctx, const std::vector<double> &x) {
  Interp in;
  for (size_t k = 0; k < x.size(); ++k)
    in.vars["v" + std::to_string(k)] = x[k];
  return in.eval(codegen::primalExpr(e, ctx));
}

/// Central finite difference of e along v_k.
double fd(const Expr &e, const ExprContext &ctx, size_t k) {
  const double h = 1e-6;
  std::vector<double> plus = point, minus = point;
  plus[k] += h;
  minus[k] -= h;
  return (valueAt(e, ctx, plus) - valueAt(e, ctx, minus)) / (2 * h);
}

void expectRulesMatchFiniteDifferences(const Expr &e) {
  Fixture f;
  for (size_t k = 0; k < point.size(); ++k) {
    double expected = fd(e, f.ctx, k);
    // Tangent along e_k.
    Interp t;
    for (size_t j = 0; j < point.size(); ++j) {
      t.vars["v" + std::to_string(j)] = point[j];
      t.vars["d" + std::to_string(j)] = j == k ? 1.0 : 0.0;
    }
    std::string d = codegen::tangentExpr(e, f.ctx);
    double tangent = d.empty() ? 0.0 : t.eval(d);
    EXPECT_NEAR(tangent, expected, 1e-6 * (1 + std::fabs(expected))) << "tangent " << d << " along v" << k;
    // Reverse with seed 1: the increment of b_k.
    Interp r;
    for (size_t j = 0; j < point.size(); ++j) {
      r.vars["v" + std::to_string(j)] = point[j];
      r.vars["b" + std::to_string(j)] = 0.0;
    }
    r.vars["s"] = 1.0;
    CodeWriter w;
    codegen::reverseExpr(e, "s", f.ctx, w);
    r.run(w.lines());
    EXPECT_NEAR(r.vars["b" + std::to_string(k)], expected, 1e-6 * (1 + std::fabs(expected)))
        << "adjoint of v" << k << ":\n" << w.str();
  }
}

TEST(AdjointRules, Arithmetic) {
  // v0 * v1 - v2 / (v0 + 2) + -(v1)
  expectRulesMatchFiniteDifferences(
      bin("+", bin("-", bin("*", acc(0), acc(1)), bin("/", acc(2), bin("+", acc(0), num(2.0)))),
          neg(acc(1))));
}

TEST(AdjointRules, ElementaryFunctions) {
  expectRulesMatchFiniteDifferences(bin("+", call("sin", {acc(0)}), bin("*", call("cos", {acc(1)}), call("exp", {acc(2)}))));
  expectRulesMatchFiniteDifferences(bin("-", call("tan", {bin("*", num(0.3), acc(0))}), call("log", {acc(2)})));
  expectRulesMatchFiniteDifferences(bin("*", call("sqrt", {acc(1)}), call("tanh", {acc(0)})));
}

TEST(AdjointRules, PowBothArguments) {
  expectRulesMatchFiniteDifferences(bin("+", call("pow", {acc(0), acc(2)}), call("pow", {acc(1), num(3.0)})));
}

TEST(AdjointRules, NonSmoothSubgradients) {
  // Away from the kinks at the test point: fabs(v0 - 1), fmin, fmax (max pooling).
  expectRulesMatchFiniteDifferences(bin("+", call("fabs", {bin("-", acc(1), num(1.0))}),
                                        bin("+", call("fmin", {acc(0), acc(1)}), call("fmax", {acc(2), acc(0)}))));
  expectRulesMatchFiniteDifferences(call("fmax", {acc(0), call("fmax", {acc(1), acc(2)})}));
}

TEST(AdjointRules, Ternary) {
  // v0 > 1 ? v0 * v0 : 2 * v1   (the branch taken at the point gets the seed)
  expectRulesMatchFiniteDifferences(cond(bin(">", acc(0), num(1.0)), bin("*", acc(0), acc(0)), bin("*", num(2.0), acc(1))));
  expectRulesMatchFiniteDifferences(cond(bin("<", acc(0), num(1.0)), bin("*", acc(0), acc(0)), bin("*", num(2.0), acc(1))));
}

TEST(AdjointRules, FloatVariantsAndCasts) {
  expectRulesMatchFiniteDifferences(bin("+", call("sinf", {acc(0)}), bin("*", call("expf", {acc(1)}), call("sqrtf", {acc(2)}))));
  expectRulesMatchFiniteDifferences(bin("+", call("fmaxf", {acc(0), acc(1)}), cast("double", call("powf", {acc(2), num(2.0, "2.0f")}))));
  Fixture f;
  EXPECT_EQ(codegen::primalExpr(call("sinf", {acc(0)}), f.ctx), "sinf(v0)");
  f.ctx.overloadedMath = true; // the adouble template calls the overloads
  EXPECT_EQ(codegen::primalExpr(call("sinf", {acc(0)}), f.ctx), "sin(v0)");
  EXPECT_EQ(codegen::primalExpr(num(2.0, "2.0f"), f.ctx), "2.0f");
}

TEST(AdjointRules, PassiveReadsGetNothing) {
  Fixture f;
  f.ctx.active = [](int a) { return a != 1; };
  CodeWriter w;
  codegen::reverseExpr(bin("*", acc(0), acc(1)), "s", f.ctx, w);
  ASSERT_EQ(w.lines().size(), 1u);
  EXPECT_EQ(w.lines()[0], "b0 += s * v1;");
  EXPECT_EQ(codegen::tangentExpr(bin("*", acc(0), acc(1)), f.ctx), "d0 * v1");
}

TEST(AdjointRules, UnsupportedCallNamesItAndTheLine) {
  Fixture f;
  CodeWriter w;
  try {
    codegen::reverseExpr(call("erf", {acc(0)}), "s", f.ctx, w);
    FAIL() << "erf was accepted";
  } catch (const codegen::CodegenError &e) {
    EXPECT_EQ(e.line, 7u);
    EXPECT_NE(std::string(e.what()).find("call to 'erf'"), std::string::npos) << e.what();
  }
  Expr opaque;
  opaque.kind = Expr::Kind::Opaque;
  opaque.text = "g(x)";
  EXPECT_THROW(codegen::tangentExpr(bin("+", acc(0), opaque), f.ctx), codegen::CodegenError);
}

TEST(AdjointRules, MathNames) {
  EXPECT_EQ(codegen::mathFunction("sinf").base, "sin");
  EXPECT_TRUE(codegen::mathFunction("sinf").isFloat);
  EXPECT_EQ(codegen::mathFunction("__builtin_exp").base, "exp");
  EXPECT_EQ(codegen::mathFunction("std::max").base, "fmax");
  EXPECT_EQ(codegen::mathFunction("erf").base, "");
  EXPECT_EQ(codegen::cIdentifier("g->n"), "g_n");
  EXPECT_EQ(codegen::cIdentifier("i'"), "i_1");
}

} // namespace
