// One AD rule per node of model::Expr. Notation: for a node e with operands
// a and b, `ė` is its tangent and `s` the adjoint seed arriving at e (the
// adjoint of e's value); the reverse rule adds s * ∂e/∂a to ā.
#include "codegen/AdjointRules.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <map>

namespace adjoint_lint::codegen {

using model::Expr;
using Op = model::Expr::Op;

namespace {
/// Comparisons and logical operators: integer results, no derivative.
bool integerResult(Op op) {
  switch (op) {
  case Op::LT: case Op::GT: case Op::LE: case Op::GE: case Op::EQ: case Op::NE: case Op::LAnd: case Op::LOr:
    return true;
  default:
    return false;
  }
}
} // namespace

std::string integerTypeSpelling(const std::string &type, bool charSigned) {
  static const std::set<std::string> standard = {
      "signed char", "unsigned char",    "short", "unsigned short",     "int",
      "unsigned int", "long",            "unsigned long", "long long",  "unsigned long long"};
  if (type == "char")
    return charSigned ? "signed char" : "unsigned char";
  if (type == "_Bool" || type == "bool")
    return "bool";
  return standard.count(type) ? type : "";
}

bool integerCast(const Expr &e, const ExprContext &ctx) {
  return e.kind == Expr::Kind::Cast &&
         !integerTypeSpelling(e.type.empty() ? e.castType : e.type, !ctx.loop || ctx.loop->charSigned).empty();
}

// --- CodeWriter ---------------------------------------------------------------

void CodeWriter::line(const std::string &text) {
  lines_.push_back(std::string(2 * indent_, ' ') + text);
}

void CodeWriter::open(const std::string &text) {
  line(text.empty() ? "{" : text + " {");
  ++indent_;
}

void CodeWriter::close(const std::string &text) {
  if (indent_ > 0)
    --indent_;
  line(text);
}

void CodeWriter::middle(const std::string &text) {
  if (indent_ > 0)
    --indent_;
  line(text);
  ++indent_;
}

void CodeWriter::append(const CodeWriter &other) {
  for (const std::string &l : other.lines_)
    lines_.push_back(std::string(2 * indent_, ' ') + l);
}

std::string CodeWriter::str() const {
  std::string out;
  for (const std::string &l : lines_)
    out += l + "\n";
  return out;
}

// --- helpers ------------------------------------------------------------------

namespace {

[[noreturn]] void fail(const ExprContext &ctx, const std::string &what) {
  throw CodegenError(what, ctx.file, ctx.line);
}

const std::set<std::string> &knownMath() {
  static const std::set<std::string> names = {"sin",  "cos",  "tan",  "exp",  "log", "sqrt",
                                              "pow",  "fabs", "fmin", "fmax", "tanh"};
  return names;
}

bool isLeafLike(const Expr &e) {
  return e.kind == Expr::Kind::Access || e.kind == Expr::Kind::FloatConst ||
         e.kind == Expr::Kind::IntConst || e.kind == Expr::Kind::Call;
}

/// `text` parenthesised unless it is a name, a subscript, a call or a number.
std::string paren(const std::string &text) {
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if (depth == 0 && (c == ' ' || c == '?' || c == '-' || c == '+'))
      return "(" + text + ")";
  }
  return text;
}

bool isIdentifier(const std::string &s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
    return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

/// "s * f" with the trivial factors folded.
std::string times(const std::string &s, const std::string &f) {
  if (f == "1")
    return s;
  if (s == "1")
    return f;
  return paren(s) + " * " + paren(f);
}

std::string negate(const std::string &s) { return "-" + paren(s); }

/// The name a math function is called by in the output.
std::string callName(const MathFunction &m, const ExprContext &ctx) {
  return ctx.overloadedMath ? m.base : m.base + (m.isFloat ? "f" : "");
}

std::string call1(const std::string &base, const std::string &arg, const MathFunction &m,
                  const ExprContext &ctx) {
  return callName({base, m.isFloat}, ctx) + "(" + arg + ")";
}

/// The primal value of `e`, recording its accesses as values the derivative
/// code reads.
std::string value(const Expr &e, const ExprContext &ctx);

void recordValues(const Expr &e, const ExprContext &ctx) {
  if (e.kind == Expr::Kind::Access && ctx.valuesRead)
    ctx.valuesRead->insert(e.access);
  for (const Expr &o : e.operands)
    recordValues(o, ctx);
}

std::string value(const Expr &e, const ExprContext &ctx) {
  recordValues(e, ctx);
  return primalExpr(e, ctx);
}

std::string fresh(const ExprContext &ctx) {
  unsigned n = ctx.temporaries ? ++*ctx.temporaries : 0;
  return ctx.temporary + std::to_string(n);
}

/// `seed` as something cheap to repeat: itself when it is a name or a
/// number, a fresh temporary otherwise.
std::string bind(const std::string &seed, const ExprContext &ctx, CodeWriter &out) {
  if (isIdentifier(seed) || seed.find_first_not_of("0123456789.") == std::string::npos)
    return seed;
  std::string t = fresh(ctx);
  out.line("const " + ctx.real + " " + t + " = " + seed + ";");
  return t;
}

void checkArity(const Expr &e, size_t n, const ExprContext &ctx) {
  if (e.operands.size() != n)
    fail(ctx, "call '" + e.text + "' has " + std::to_string(e.operands.size()) +
                  " arguments, expected " + std::to_string(n));
}

} // namespace

std::string cIdentifier(const std::string &name) {
  std::string out;
  for (size_t k = 0; k < name.size(); ++k) {
    char c = name[k];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
      out += c;
    else if (c == '\'')
      out += "_1";
    else if (c == '-' && k + 1 < name.size() && name[k + 1] == '>')
      continue;
    else
      out += '_';
  }
  return out;
}

MathFunction mathFunction(const std::string &callee) {
  std::string name = callee;
  if (name.rfind("std::", 0) == 0)
    name = name.substr(5);
  if (name.rfind("__builtin_", 0) == 0)
    name = name.substr(10);
  if (name == "max" || name == "min")
    return {"f" + name, false};
  if (knownMath().count(name))
    return {name, false};
  if (name.size() > 1 && name.back() == 'f' && knownMath().count(name.substr(0, name.size() - 1)))
    return {name.substr(0, name.size() - 1), true};
  return {};
}

bool isActive(const Expr &e, const ExprContext &ctx) {
  if (e.kind == Expr::Kind::Access)
    return ctx.active && ctx.active(e.access);
  if (e.kind == Expr::Kind::Conditional)
    return e.operands.size() == 3 && (isActive(e.operands[1], ctx) || isActive(e.operands[2], ctx));
  for (const Expr &o : e.operands)
    if (isActive(o, ctx))
      return true;
  return false;
}

// --- primal values ------------------------------------------------------------

std::string primalExpr(const Expr &e, const ExprContext &ctx) {
  switch (e.kind) {
  case Expr::Kind::FloatConst: {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", e.floatValue);
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos)
      s += ".0";
    if (!e.text.empty() && (e.text.back() == 'f' || e.text.back() == 'F'))
      s += "f";
    return s;
  }
  case Expr::Kind::IntConst: {
    // The literal's type, by its suffix or a cast: `1u - 2u` is 4294967295u.
    std::string type = e.type.empty() ? "int" : e.type;
    bool isUnsigned = type.compare(0, 8, "unsigned") == 0;
    std::string digits = isUnsigned ? std::to_string(static_cast<uint64_t>(e.intValue))
                         : e.intValue == INT64_MIN ? "(-9223372036854775807L - 1)"
                                                   : std::to_string(e.intValue);
    static const std::map<std::string, std::string> suffix = {
        {"int", ""},  {"unsigned int", "u"}, {"long", "L"}, {"unsigned long", "UL"},
        {"long long", "LL"}, {"unsigned long long", "ULL"}};
    auto it = suffix.find(type);
    if (it != suffix.end())
      return digits.front() == '(' ? digits : digits + it->second;
    std::string spelt = integerTypeSpelling(type, !ctx.loop || ctx.loop->charSigned);
    if (spelt.empty())
      fail(ctx, "constant '" + e.text + "' of type '" + type + "' cannot be spelt exactly by the adjoint generator");
    return "((" + spelt + ")" + digits + ")";
  }
  case Expr::Kind::Access:
    return ctx.primal(e.access);
  case Expr::Kind::Unary:
    if (e.operands.size() != 1)
      fail(ctx, "malformed unary expression '" + e.text + "'");
    return model::toString(e.op) + paren(primalExpr(e.operands[0], ctx));
  case Expr::Kind::Binary:
    if (e.operands.size() != 2)
      fail(ctx, "malformed binary expression '" + e.text + "'");
    return paren(primalExpr(e.operands[0], ctx)) + " " + model::toString(e.op) + " " +
           paren(primalExpr(e.operands[1], ctx));
  case Expr::Kind::Conditional:
    if (e.operands.size() != 3)
      fail(ctx, "malformed conditional expression '" + e.text + "'");
    return paren(primalExpr(e.operands[0], ctx)) + " ? " + paren(primalExpr(e.operands[1], ctx)) +
           " : " + paren(primalExpr(e.operands[2], ctx));
  case Expr::Kind::Cast: {
    if (e.operands.size() != 1)
      fail(ctx, "malformed cast '" + e.text + "'");
    bool floatingType = e.castType == "double" || e.castType == "float";
    if (integerCast(e, ctx)) {
      // (T)a for an integer T: piecewise constant, derivative 0; the
      // template converts R's value (ADOL-C's adouble has no conversion).
      std::string a = primalExpr(e.operands[0], ctx);
      if (ctx.overloadedMath && isActive(e.operands[0], ctx))
        a = std::string(kTemplateValue) + "(" + a + ")";
      return "(" + integerTypeSpelling(e.type.empty() ? e.castType : e.type, !ctx.loop || ctx.loop->charSigned) +
             ")" + paren(a);
    }
    if (!floatingType && isActive(e.operands[0], ctx))
      fail(ctx, "conversion of a differentiated value to '" + e.castType + "' in '" + e.text +
                    "' is not supported");
    if (!floatingType)
      fail(ctx, "conversion to '" + e.castType + "' in '" + e.text +
                    "' cannot be spelt exactly by the adjoint generator");
    if (ctx.overloadedMath && floatingType)
      return paren(primalExpr(e.operands[0], ctx));
    return "(" + e.castType + ")" + paren(primalExpr(e.operands[0], ctx));
  }
  case Expr::Kind::Call: {
    MathFunction m = mathFunction(e.callee);
    if (m.base.empty())
      fail(ctx, "call to '" + e.callee + "' in '" + e.text +
                    "' is not supported (known: sin cos tan exp log sqrt pow fabs fmin fmax "
                    "tanh and their float variants)");
    std::string args;
    for (const Expr &o : e.operands)
      args += (args.empty() ? "" : ", ") + primalExpr(o, ctx);
    return callName(m, ctx) + "(" + args + ")";
  }
  case Expr::Kind::Opaque:
    break;
  }
  fail(ctx, "expression '" + e.text + "' is not supported by the adjoint generator");
}

// --- tangents -----------------------------------------------------------------

namespace {

std::string sum(const std::string &a, const std::string &b) {
  if (a.empty())
    return b;
  if (b.empty())
    return a;
  return a + " + " + paren(b);
}

std::string tangentCall(const Expr &e, const ExprContext &ctx) {
  MathFunction m = mathFunction(e.callee);
  if (m.base.empty())
    primalExpr(e, ctx); // throws with the message
  if (m.base == "pow") {
    checkArity(e, 2, ctx);
    // d pow(a, b) = b * pow(a, b - 1) * ȧ + pow(a, b) * log(a) * ḃ
    std::string da = tangentExpr(e.operands[0], ctx), db = tangentExpr(e.operands[1], ctx);
    std::string a = value(e.operands[0], ctx), b = value(e.operands[1], ctx);
    std::string out;
    if (!da.empty())
      out = times(times(paren(b), callName(m, ctx) + "(" + a + ", " + paren(b) + " - 1)"), da);
    if (!db.empty())
      out = sum(out, times(times(callName(m, ctx) + "(" + a + ", " + b + ")",
                                 call1("log", a, m, ctx)),
                           db));
    return out;
  }
  if (m.base == "fmax" || m.base == "fmin") {
    checkArity(e, 2, ctx);
    // d fmax(a, b) = a >= b ? ȧ : ḃ   (fmin: a <= b); ties go to a
    std::string da = tangentExpr(e.operands[0], ctx), db = tangentExpr(e.operands[1], ctx);
    if (da.empty() && db.empty())
      return "";
    std::string a = value(e.operands[0], ctx), b = value(e.operands[1], ctx);
    return "(" + paren(a) + (m.base == "fmax" ? " >= " : " <= ") + paren(b) + " ? " +
           (da.empty() ? "0" : paren(da)) + " : " + (db.empty() ? "0" : paren(db)) + ")";
  }
  checkArity(e, 1, ctx);
  std::string da = tangentExpr(e.operands[0], ctx);
  if (da.empty())
    return "";
  std::string a = value(e.operands[0], ctx);
  std::string d;
  if (m.base == "sin")
    d = call1("cos", a, m, ctx); // d sin(a) = cos(a) ȧ
  else if (m.base == "cos")
    d = "-" + call1("sin", a, m, ctx); // d cos(a) = -sin(a) ȧ
  else if (m.base == "tan")
    d = "(1 + " + call1("tan", a, m, ctx) + " * " + call1("tan", a, m, ctx) +
        ")"; // d tan(a) = (1 + tan²(a)) ȧ
  else if (m.base == "exp")
    d = call1("exp", a, m, ctx); // d exp(a) = exp(a) ȧ
  else if (m.base == "log")
    return paren(da) + " / " + paren(a); // d log(a) = ȧ / a
  else if (m.base == "sqrt")
    return paren(da) + " / (2 * " + call1("sqrt", a, m, ctx) + ")"; // d sqrt(a) = ȧ / (2 sqrt(a))
  else if (m.base == "tanh")
    d = "(1 - " + call1("tanh", a, m, ctx) + " * " + call1("tanh", a, m, ctx) +
        ")"; // d tanh(a) = (1 - tanh²(a)) ȧ
  else if (m.base == "fabs")
    return "(" + paren(a) + " >= 0 ? " + paren(da) + " : -" + paren(da) +
           ")"; // d |a| = sign(a) ȧ, subgradient +1 at 0
  return times(d, da);
}

} // namespace

std::string tangentExpr(const Expr &e, const ExprContext &ctx) {
  switch (e.kind) {
  case Expr::Kind::FloatConst:
  case Expr::Kind::IntConst:
    return ""; // d c = 0
  case Expr::Kind::Access:
    return ctx.active && ctx.active(e.access) ? ctx.tangent(e.access) : ""; // d a = ȧ
  case Expr::Kind::Unary: {
    primalExpr(e, ctx);
    std::string da = tangentExpr(e.operands[0], ctx);
    if (da.empty() || e.op == Op::Plus)
      return da; // d (+a) = ȧ
    if (e.op == Op::Minus)
      return negate(da); // d (-a) = -ȧ
    return "";   // ! and ~ have integer results: no derivative
  }
  case Expr::Kind::Binary: {
    primalExpr(e, ctx);
    std::string da = tangentExpr(e.operands[0], ctx), db = tangentExpr(e.operands[1], ctx);
    if (da.empty() && db.empty())
      return "";
    if (e.op == Op::Plus)
      return sum(da, db); // d (a + b) = ȧ + ḃ
    if (e.op == Op::Minus)      // d (a - b) = ȧ - ḃ
      return da.empty() ? negate(db) : db.empty() ? da : da + " - " + paren(db);
    if (e.op == Op::Mul) { // d (a b) = ȧ b + a ḃ
      std::string out;
      if (!da.empty())
        out = times(da, value(e.operands[1], ctx));
      if (!db.empty())
        out = sum(out, times(value(e.operands[0], ctx), db));
      return out;
    }
    if (e.op == Op::Div) { // d (a / b) = (ȧ - (a / b) ḃ) / b
      std::string a = value(e.operands[0], ctx), b = value(e.operands[1], ctx);
      std::string num = da.empty() ? "" : da;
      if (!db.empty())
        num = num.empty() ? negate(times(paren(a) + " / " + paren(b), db))
                          : num + " - " + times(paren(a) + " / " + paren(b), db);
      return "(" + num + ") / " + paren(b);
    }
    // Comparisons and logical operators have integer results.
    if (integerResult(e.op))
      return "";
    fail(ctx, std::string("operator '") + model::toString(e.op) + "' on differentiated values in '" + e.text +
                  "' is not supported");
  }
  case Expr::Kind::Conditional: {
    // d (c ? a : b) = c ? ȧ : ḃ   (c is piecewise constant)
    std::string da = tangentExpr(e.operands.at(1), ctx), db = tangentExpr(e.operands.at(2), ctx);
    if (da.empty() && db.empty())
      return "";
    return "(" + paren(value(e.operands[0], ctx)) + " ? " + (da.empty() ? "0" : paren(da)) +
           " : " + (db.empty() ? "0" : paren(db)) + ")";
  }
  case Expr::Kind::Cast:
    primalExpr(e, ctx);
    if (integerCast(e, ctx))
      return ""; // d (T)a = 0 for integer T (piecewise constant)
    return tangentExpr(e.operands[0], ctx); // d (T)a = ȧ for floating T
  case Expr::Kind::Call:
    return tangentCall(e, ctx);
  case Expr::Kind::Opaque:
    break;
  }
  primalExpr(e, ctx); // throws
  return "";
}

// --- adjoints -----------------------------------------------------------------

namespace {

void reverseCall(const Expr &e, const std::string &s, const ExprContext &ctx, CodeWriter &out) {
  MathFunction m = mathFunction(e.callee);
  if (m.base.empty())
    primalExpr(e, ctx); // throws with the message
  if (m.base == "pow") {
    checkArity(e, 2, ctx);
    const Expr &a = e.operands[0], &b = e.operands[1];
    // pow(a, b): ā += s * b * pow(a, b - 1);  b̄ += s * pow(a, b) * log(a)
    if (isActive(a, ctx)) {
      std::string bv = value(b, ctx);
      reverseExpr(a, times(s, times(paren(bv), callName(m, ctx) + "(" + value(a, ctx) + ", " +
                                                   paren(bv) + " - 1)")),
                  ctx, out);
    }
    if (isActive(b, ctx)) {
      std::string av = value(a, ctx);
      reverseExpr(b, times(s, times(callName(m, ctx) + "(" + av + ", " + value(b, ctx) + ")",
                                    call1("log", av, m, ctx))),
                  ctx, out);
    }
    return;
  }
  if (m.base == "fmax" || m.base == "fmin") {
    checkArity(e, 2, ctx);
    // fmax(a, b): the subgradient of max pooling: ā += s where a >= b, else
    // b̄ += s (fmin: a <= b). Ties go to the first argument.
    std::string a = value(e.operands[0], ctx), b = value(e.operands[1], ctx);
    out.open("if (" + paren(a) + (m.base == "fmax" ? " >= " : " <= ") + paren(b) + ")");
    reverseExpr(e.operands[0], s, ctx, out);
    out.middle("} else {");
    reverseExpr(e.operands[1], s, ctx, out);
    out.close();
    return;
  }
  checkArity(e, 1, ctx);
  const Expr &a = e.operands[0];
  if (!isActive(a, ctx))
    return;
  std::string v = value(a, ctx);
  std::string d;
  if (m.base == "sin")
    d = times(s, call1("cos", v, m, ctx)); // sin(a): ā += s cos(a)
  else if (m.base == "cos")
    d = negate(times(s, call1("sin", v, m, ctx))); // cos(a): ā -= s sin(a)
  else if (m.base == "tan")
    d = times(s, "(1 + " + call1("tan", v, m, ctx) + " * " + call1("tan", v, m, ctx) +
                     ")"); // tan(a): ā += s (1 + tan²(a))
  else if (m.base == "exp")
    d = times(s, call1("exp", v, m, ctx)); // exp(a): ā += s exp(a)
  else if (m.base == "log")
    d = paren(s) + " / " + paren(v); // log(a): ā += s / a
  else if (m.base == "sqrt")
    d = paren(s) + " / (2 * " + call1("sqrt", v, m, ctx) + ")"; // sqrt(a): ā += s / (2 sqrt(a))
  else if (m.base == "tanh")
    d = times(s, "(1 - " + call1("tanh", v, m, ctx) + " * " + call1("tanh", v, m, ctx) +
                     ")"); // tanh(a): ā += s (1 - tanh²(a))
  else if (m.base == "fabs")
    d = "(" + paren(v) + " >= 0 ? " + paren(s) + " : -" + paren(s) +
        ")"; // |a|: ā += s sign(a), subgradient +1 at 0
  reverseExpr(a, d, ctx, out);
}

} // namespace

void reverseExpr(const Expr &e, const std::string &seed, const ExprContext &ctx, CodeWriter &out) {
  if (!isActive(e, ctx)) {
    primalExpr(e, ctx); // unsupported constructs fail even where passive
    return;
  }
  switch (e.kind) {
  case Expr::Kind::FloatConst:
  case Expr::Kind::IntConst:
    return; // constants: nothing to propagate
  case Expr::Kind::Access: {
    // a: ā += s
    if (ctx.skip && ctx.skip(e.access))
      return;
    std::string when = ctx.atomicIf ? ctx.atomicIf(e.access) : "";
    if (!when.empty()) {
      out.open("if (" + when + ")");
      out.line("#pragma omp atomic");
      out.line(ctx.adjoint(e.access) + " += " + seed + ";");
      out.middle("} else {");
      out.line(ctx.adjoint(e.access) + " += " + seed + ";");
      out.close();
      return;
    }
    if (ctx.atomic && ctx.atomic(e.access))
      out.line("#pragma omp atomic");
    out.line(ctx.adjoint(e.access) + " += " + seed + ";");
    return;
  }
  case Expr::Kind::Unary:
    primalExpr(e, ctx);
    if (e.op == Op::Minus)
      reverseExpr(e.operands[0], negate(seed), ctx, out); // -a: ā -= s
    else if (e.op == Op::Plus)
      reverseExpr(e.operands[0], seed, ctx, out); // +a: ā += s
    return; // ! and ~: integer results, no derivative
  case Expr::Kind::Binary: {
    primalExpr(e, ctx);
    const Expr &a = e.operands[0], &b = e.operands[1];
    std::string s = isLeafLike(a) && isLeafLike(b) ? seed : bind(seed, ctx, out);
    if (e.op == Op::Plus) { // a + b: ā += s; b̄ += s
      reverseExpr(a, s, ctx, out);
      reverseExpr(b, s, ctx, out);
    } else if (e.op == Op::Minus) { // a - b: ā += s; b̄ -= s
      reverseExpr(a, s, ctx, out);
      reverseExpr(b, negate(s), ctx, out);
    } else if (e.op == Op::Mul) { // a * b: ā += s b; b̄ += s a
      if (isActive(a, ctx))
        reverseExpr(a, times(s, value(b, ctx)), ctx, out);
      if (isActive(b, ctx))
        reverseExpr(b, times(s, value(a, ctx)), ctx, out);
    } else if (e.op == Op::Div) { // a / b: ā += s / b; b̄ -= s a / b²
      std::string bv = value(b, ctx);
      if (isActive(a, ctx))
        reverseExpr(a, paren(s) + " / " + paren(bv), ctx, out);
      if (isActive(b, ctx))
        reverseExpr(b, negate(times(s, paren(value(a, ctx)) + " / (" + paren(bv) + " * " +
                                           paren(bv) + ")")),
                    ctx, out);
    } else if (integerResult(e.op)) {
      return; // integer results: no derivative
    } else {
      fail(ctx, std::string("operator '") + model::toString(e.op) + "' on differentiated values in '" + e.text +
                    "' is not supported");
    }
    return;
  }
  case Expr::Kind::Conditional: {
    // c ? a : b: ā += s where c holds, b̄ += s elsewhere
    std::string s = bind(seed, ctx, out);
    out.open("if (" + value(e.operands.at(0), ctx) + ")");
    reverseExpr(e.operands.at(1), s, ctx, out);
    out.middle("} else {");
    reverseExpr(e.operands.at(2), s, ctx, out);
    out.close();
    return;
  }
  case Expr::Kind::Cast:
    primalExpr(e, ctx);
    if (integerCast(e, ctx))
      return; // (T)a for integer T: piecewise constant, nothing to propagate
    reverseExpr(e.operands[0], seed, ctx, out); // (T)a for floating T: ā += s
    return;
  case Expr::Kind::Call:
    reverseCall(e, isLeafLike(e.operands.empty() ? e : e.operands[0]) ? seed : bind(seed, ctx, out),
                ctx, out);
    return;
  case Expr::Kind::Opaque:
    break;
  }
  primalExpr(e, ctx); // throws
}

} // namespace adjoint_lint::codegen
