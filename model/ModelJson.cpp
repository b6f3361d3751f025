#include "model/ModelJson.h"

#include <cctype>
#include <cstdint>
#include <limits>
#include <type_traits>

using nlohmann::json;

namespace adjoint_lint::model {

namespace {

[[noreturn]] void fail(const std::string &what) { throw ModelJsonError("loop model: " + what); }

// ---------------------------------------------------------------------------
// Text form of index expressions and conditions, e.g. "(i - 1) * n + j" and
// "i >= 1 && j < n". Opaque parts have no text form; expressions containing
// them are written as trees.

class ExprParser {
public:
  explicit ExprParser(const std::string &s) : s_(s) {}

  IndexExpr parseIndexOnly() {
    IndexExpr e = additive();
    expectEnd();
    return e;
  }
  Condition parseConditionOnly() {
    Condition c = disjunction();
    expectEnd();
    return c;
  }

private:
  const std::string &s_;
  size_t pos_ = 0;

  [[noreturn]] void error(const std::string &msg) {
    fail("cannot parse '" + s_ + "' at offset " + std::to_string(pos_) + ": " + msg);
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
  }
  bool accept(const char *tok) {
    skip();
    size_t n = std::char_traits<char>::length(tok);
    if (s_.compare(pos_, n, tok) != 0)
      return false;
    // Do not split "<=" into "<" and "=", or "&&" into "&".
    if (n == 1 && pos_ + 1 < s_.size() && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') &&
        s_[pos_ + 1] == '=')
      return false;
    pos_ += n;
    return true;
  }
  void expect(const char *tok) {
    if (!accept(tok))
      error(std::string("expected '") + tok + "'");
  }
  void expectEnd() {
    skip();
    if (pos_ != s_.size())
      error("unexpected trailing text");
  }
  bool peekDigit() {
    skip();
    return pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]));
  }
  std::string identifier() {
    skip();
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    if (start == pos_ || std::isdigit(static_cast<unsigned char>(s_[start])))
      error("expected an identifier");
    // Member paths name variables and parameters by their spelling:
    // `g->n`, `s.dims.n`, `this->n` (no spaces inside).
    auto member = [&](size_t at) {
      return at < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[at])) || s_[at] == '_');
    };
    while (true) {
      if (s_.compare(pos_, 1, ".") == 0 && member(pos_ + 1))
        pos_ += 1;
      else if (s_.compare(pos_, 2, "->") == 0 && member(pos_ + 2))
        pos_ += 2;
      else
        break;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
        ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }
  int64_t number() {
    skip();
    size_t start = pos_;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
    try {
      return std::stoll(s_.substr(start, pos_ - start));
    } catch (const std::exception &) {
      error("integer out of range");
    }
  }

  IndexExpr additive() {
    IndexExpr e = multiplicative();
    for (;;) {
      if (accept("+"))
        e = IndexExpr::binary(IndexExpr::Kind::Add, std::move(e), multiplicative());
      else if (accept("-"))
        e = IndexExpr::binary(IndexExpr::Kind::Sub, std::move(e), multiplicative());
      else
        return e;
    }
  }
  IndexExpr multiplicative() {
    IndexExpr e = unary();
    for (;;) {
      if (accept("*"))
        e = IndexExpr::binary(IndexExpr::Kind::Mul, std::move(e), unary());
      else if (accept("/"))
        e = IndexExpr::binary(IndexExpr::Kind::Div, std::move(e), unary());
      else if (accept("%"))
        e = IndexExpr::binary(IndexExpr::Kind::Mod, std::move(e), unary());
      else
        return e;
    }
  }
  IndexExpr unary() {
    if (accept("-")) {
      if (peekDigit())
        return IndexExpr::constant(-number());
      return IndexExpr::neg(unary());
    }
    return primary();
  }
  IndexExpr primary() {
    if (accept("(")) {
      IndexExpr e = additive();
      expect(")");
      return e;
    }
    if (peekDigit())
      return IndexExpr::constant(number());
    std::string id = identifier();
    if (accept("[")) {
      std::vector<IndexExpr> subscripts;
      do {
        subscripts.push_back(additive());
        expect("]");
      } while (accept("["));
      return IndexExpr::arrayRead(id, std::move(subscripts));
    }
    if ((id == "min" || id == "max") && accept("(")) {
      IndexExpr a = additive();
      expect(",");
      IndexExpr b = additive();
      expect(")");
      return IndexExpr::binary(id == "min" ? IndexExpr::Kind::Min : IndexExpr::Kind::Max,
                               std::move(a), std::move(b));
    }
    return IndexExpr::var(id);
  }

  Condition disjunction() {
    Condition c = conjunction();
    if (!accept("||"))
      return c;
    Condition out;
    out.kind = Condition::Kind::Or;
    out.children.push_back(std::move(c));
    do
      out.children.push_back(conjunction());
    while (accept("||"));
    return out;
  }
  Condition conjunction() {
    Condition c = negation();
    if (!accept("&&"))
      return c;
    Condition out;
    out.kind = Condition::Kind::And;
    out.children.push_back(std::move(c));
    do
      out.children.push_back(negation());
    while (accept("&&"));
    return out;
  }
  Condition negation() {
    if (accept("!")) {
      Condition out;
      out.kind = Condition::Kind::Not;
      out.children.push_back(negation());
      return out;
    }
    // A parenthesis opens either a condition or an index expression; try the
    // condition first and fall back.
    skip();
    if (s_.compare(pos_, 1, "(") == 0) {
      size_t save = pos_;
      try {
        ++pos_;
        Condition c = disjunction();
        expect(")");
        skip();
        static const char *ops[] = {"<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "%"};
        bool followedByOperator = false;
        for (const char *op : ops)
          if (s_.compare(pos_, std::char_traits<char>::length(op), op) == 0)
            followedByOperator = true;
        if (!followedByOperator && c.kind != Condition::Kind::True)
          return c;
      } catch (const ModelJsonError &) {
      }
      pos_ = save;
    }
    skip();
    if (s_.compare(pos_, 4, "true") == 0 &&
        (pos_ + 4 == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[pos_ + 4])))) {
      pos_ += 4;
      return Condition{};
    }
    return comparison();
  }
  Condition comparison() {
    IndexExpr a = additive();
    static const std::pair<const char *, Condition::Op> ops[] = {
        {"<=", Condition::Op::LE}, {">=", Condition::Op::GE}, {"==", Condition::Op::EQ},
        {"!=", Condition::Op::NE}, {"<", Condition::Op::LT},  {">", Condition::Op::GT}};
    for (const auto &[tok, op] : ops) {
      if (accept(tok)) {
        Condition c;
        c.kind = Condition::Kind::Cmp;
        c.op = op;
        c.operands.push_back(std::move(a));
        c.operands.push_back(additive());
        return c;
      }
    }
    error("expected a comparison operator");
  }
};


Condition::Op opFromString(const std::string &s) {
  static const std::pair<const char *, Condition::Op> ops[] = {
      {"<", Condition::Op::LT},  {"<=", Condition::Op::LE}, {">", Condition::Op::GT},
      {">=", Condition::Op::GE}, {"==", Condition::Op::EQ}, {"!=", Condition::Op::NE}};
  for (const auto &[tok, op] : ops)
    if (s == tok)
      return op;
  fail("unknown comparison '" + s + "'");
}

template <typename T> T field(const json &j, const char *name, T fallback) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null())
    return fallback;
  // A number of the wrong kind or out of range (a float for a line, -1 for
  // an unsigned, 2^40 for an int) is a malformed model, not a conversion.
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    bool fits = false;
    if (it->is_number_unsigned())
      fits = it->template get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
    else if (it->is_number_integer())
      fits = it->template get<int64_t>() >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
             (std::is_unsigned_v<T> ||
              it->template get<int64_t>() <= static_cast<int64_t>(std::numeric_limits<T>::max()));
    if (!fits)
      fail(std::string("field '") + name + "' is not an integer in range");
  }
  try {
    return it->get<T>();
  } catch (const json::exception &) {
    fail(std::string("field '") + name + "' has the wrong type");
  }
}

const json &required(const json &j, const char *name) {
  auto it = j.find(name);
  if (it == j.end())
    fail(std::string("missing field '") + name + "'");
  return *it;
}

json rangeToJson(const SourceRange &r) {
  return {{"file", r.file}, {"line", r.line}, {"column", r.column},
          {"end_line", r.endLine}, {"end_column", r.endColumn}};
}

SourceRange rangeFromJson(const json &j) {
  SourceRange r;
  if (!j.is_object())
    return r;
  r.file = field<std::string>(j, "file", "");
  r.line = field<unsigned>(j, "line", 0);
  r.column = field<unsigned>(j, "column", 0);
  r.endLine = field<unsigned>(j, "end_line", r.line);
  r.endColumn = field<unsigned>(j, "end_column", r.column);
  return r;
}

json loopHeaderToJson(const LoopHeader &h) {
  return {{"iterator", h.iterator}, {"lower", toJson(h.lower)}, {"op", toString(h.op)},
          {"bound", toJson(h.bound)}, {"step", h.step}, {"range", rangeToJson(h.range)}};
}

LoopHeader loopHeaderFromJson(const json &j) {
  LoopHeader h;
  h.iterator = required(j, "iterator").get<std::string>();
  h.lower = indexFromJson(required(j, "lower"));
  h.op = opFromString(field<std::string>(j, "op", "<"));
  h.bound = indexFromJson(required(j, "bound"));
  h.step = field<int64_t>(j, "step", 1);
  if (h.step == 0)
    fail("loop '" + h.iterator + "' has step 0");
  h.range = rangeFromJson(field<json>(j, "range", json()));
  return h;
}

Sharing sharingFromString(const std::string &s) {
  for (Sharing v : {Sharing::Shared, Sharing::Private, Sharing::FirstPrivate, Sharing::LastPrivate,
                    Sharing::Reduction})
    if (s == toString(v))
      return v;
  fail("unknown sharing '" + s + "'");
}

Sync syncFromString(const std::string &s) {
  for (Sync v : {Sync::None, Sync::Atomic, Sync::Critical, Sync::Reduction})
    if (s == toString(v))
      return v;
  fail("unknown sync '" + s + "'");
}

/// An Opaque index expression as the JSON form writes it: the front end's
/// reason only, from which its typed kind is recovered (the form carries no
/// kind, so that --dump-model stays as it was): "data-dependent: WHY"
/// (IndexExpr::dataDependent), "data-dependent subscript ...".
IndexExpr opaqueIndexFromJson(const std::string &reason, const std::string &text) {
  const std::string detailed = "data-dependent: ", brief = "data-dependent";
  if (reason.compare(0, detailed.size(), detailed) == 0) {
    IndexExpr e = IndexExpr::opaque(reason, text, OpaqueKind::DataDependent);
    e.dataDependence = reason.substr(detailed.size());
    return e;
  }
  return IndexExpr::opaque(reason, text,
                           reason.compare(0, brief.size(), brief) == 0 ? OpaqueKind::DataDependent : OpaqueKind::Other);
}

json exprToJson(const Expr &e) {
  static const char *kinds[] = {"float", "int", "access", "unary", "binary",
                                "call",  "conditional", "cast", "opaque"};
  json j = {{"kind", kinds[static_cast<int>(e.kind)]}};
  switch (e.kind) {
  case Expr::Kind::FloatConst: j["value"] = e.floatValue; break;
  case Expr::Kind::IntConst: j["value"] = e.intValue; break;
  case Expr::Kind::Access: j["access"] = e.access; break;
  default: break;
  }
  if (e.kind == Expr::Kind::Unary || e.kind == Expr::Kind::Binary)
    j["op"] = toString(e.op);
  else if (e.kind == Expr::Kind::Call && !e.callee.empty())
    j["op"] = e.callee;
  else if (e.kind == Expr::Kind::Cast && !e.castType.empty())
    j["op"] = e.castType;
  if (!e.operands.empty()) {
    json ops = json::array();
    for (const Expr &o : e.operands)
      ops.push_back(exprToJson(o));
    j["operands"] = std::move(ops); // a copy here made deep trees quadratic
  }
  if (e.kind == Expr::Kind::Conditional)
    j["condition"] = toJson(e.condition);
  if (!e.type.empty())
    j["type"] = e.type;
  if (!e.text.empty())
    j["text"] = e.text;
  return j;
}

Expr exprFromJson(const json &j) {
  static const char *kinds[] = {"float", "int", "access", "unary", "binary",
                                "call",  "conditional", "cast", "opaque"};
  Expr e;
  std::string k = field<std::string>(j, "kind", "opaque");
  bool found = false;
  for (int i = 0; i < 9; ++i)
    if (k == kinds[i]) {
      e.kind = static_cast<Expr::Kind>(i);
      found = true;
    }
  if (!found)
    fail("unknown expression kind '" + k + "'");
  if (e.kind == Expr::Kind::FloatConst)
    e.floatValue = field<double>(j, "value", 0.0);
  if (e.kind == Expr::Kind::IntConst)
    e.intValue = field<int64_t>(j, "value", 0);
  e.access = field<int>(j, "access", -1);
  std::string op = field<std::string>(j, "op", "");
  if (e.kind == Expr::Kind::Unary || e.kind == Expr::Kind::Binary) {
    std::optional<Expr::Op> o = exprOpFromString(op);
    if (!o)
      fail("unknown operator '" + op + "'");
    e.op = *o;
  } else if (e.kind == Expr::Kind::Call) {
    e.callee = op;
  } else if (e.kind == Expr::Kind::Cast) {
    e.castType = op;
  }
  for (const json &o : field<json>(j, "operands", json::array()))
    e.operands.push_back(exprFromJson(o));
  if (j.contains("condition"))
    e.condition = conditionFromJson(j.at("condition"));
  e.type = field<std::string>(j, "type", "");
  e.text = field<std::string>(j, "text", "");
  return e;
}

json stringList(const std::vector<std::string> &v) { return json(v); }

} // namespace

json toJson(const IndexExpr &e) {
  if (!e.isOpaque())
    return e.kind == IndexExpr::Kind::Const ? json(e.value) : json(e.str());
  switch (e.kind) {
  case IndexExpr::Kind::Opaque:
    return {{"opaque", e.reason}, {"text", e.text}};
  case IndexExpr::Kind::Const:
    return e.value;
  case IndexExpr::Kind::Var:
    return e.name;
  case IndexExpr::Kind::ArrayRead: {
    json args = json::array();
    for (const IndexExpr &o : e.ops)
      args.push_back(toJson(o));
    return {{"array", e.name}, {"args", args}};
  }
  default: {
    json args = json::array();
    for (const IndexExpr &o : e.ops)
      args.push_back(toJson(o));
    return {{"op", toString(e.kind)}, {"args", args}};
  }
  }
}

IndexExpr indexFromJson(const json &j) {
  if (j.is_number_integer())
    return IndexExpr::constant(j.get<int64_t>());
  if (j.is_string())
    return ExprParser(j.get_ref<const std::string &>()).parseIndexOnly();
  if (!j.is_object())
    fail("an index expression must be an integer, a string or an object");
  if (j.contains("opaque"))
    return opaqueIndexFromJson(field<std::string>(j, "opaque", ""), field<std::string>(j, "text", ""));
  if (j.contains("array")) {
    std::vector<IndexExpr> subscripts;
    for (const json &a : required(j, "args"))
      subscripts.push_back(indexFromJson(a));
    if (subscripts.empty())
      fail("array read '" + field<std::string>(j, "array", "") + "' needs at least one subscript");
    return IndexExpr::arrayRead(field<std::string>(j, "array", ""), std::move(subscripts));
  }
  std::string op = field<std::string>(j, "op", "");
  const json &args = required(j, "args");
  std::vector<IndexExpr> ops;
  for (const json &a : args)
    ops.push_back(indexFromJson(a));
  std::optional<IndexExpr::Kind> kind = indexOperatorFromString(op);
  if (!kind)
    fail("unknown index operator '" + op + "'");
  if (*kind == IndexExpr::Kind::Neg) {
    if (ops.size() != 1)
      fail("'neg' takes one argument");
    return IndexExpr::neg(std::move(ops[0]));
  }
  if (ops.size() != 2)
    fail("'" + op + "' takes two arguments");
  return IndexExpr::binary(*kind, std::move(ops[0]), std::move(ops[1]));
}

json toJson(const Condition &c) {
  if (!c.isOpaque())
    return c.str();
  switch (c.kind) {
  case Condition::Kind::Opaque:
    return {{"opaque", c.reason}, {"text", c.text}};
  case Condition::Kind::Cmp:
    return {{"cmp", toString(c.op)},
            {"args", json::array({toJson(c.operands.at(0)), toJson(c.operands.at(1))})}};
  case Condition::Kind::Not:
    return {{"not", toJson(c.children.at(0))}};
  default: {
    json kids = json::array();
    for (const Condition &k : c.children)
      kids.push_back(toJson(k));
    return {{c.kind == Condition::Kind::And ? "and" : "or", kids}};
  }
  }
}

Condition conditionFromJson(const json &j) {
  if (j.is_string())
    return ExprParser(j.get_ref<const std::string &>()).parseConditionOnly();
  if (j.is_boolean() && j.get<bool>())
    return Condition{};
  if (!j.is_object())
    fail("a condition must be a string or an object");
  Condition c;
  if (j.contains("opaque")) {
    c.kind = Condition::Kind::Opaque;
    c.reason = field<std::string>(j, "opaque", "");
    c.text = field<std::string>(j, "text", "");
    IndexExpr typed = opaqueIndexFromJson(c.reason, c.text);
    c.opaqueKind = typed.opaqueKind;
    c.dataDependence = typed.dataDependence;
  } else if (j.contains("cmp")) {
    c.kind = Condition::Kind::Cmp;
    c.op = opFromString(j.at("cmp").get<std::string>());
    const json &args = required(j, "args");
    if (!args.is_array() || args.size() != 2)
      fail("'cmp' takes two arguments");
    c.operands = {indexFromJson(args[0]), indexFromJson(args[1])};
  } else if (j.contains("not")) {
    c.kind = Condition::Kind::Not;
    c.children.push_back(conditionFromJson(j.at("not")));
  } else if (j.contains("and") || j.contains("or")) {
    c.kind = j.contains("and") ? Condition::Kind::And : Condition::Kind::Or;
    for (const json &k : j.contains("and") ? j.at("and") : j.at("or"))
      c.children.push_back(conditionFromJson(k));
  } else {
    fail("unknown condition object");
  }
  return c;
}

json toJson(const LoopModel &m) {
  json iters = json::array();
  for (const LoopHeader &h : m.iterators)
    iters.push_back(loopHeaderToJson(h));
  json scopes = json::array();
  for (const Scope &s : m.scopes) {
    json js = {{"kind", s.kind == Scope::Kind::Loop ? "loop" : "guard"},
               {"parent", s.parent},
               {"range", rangeToJson(s.range)}};
    if (s.kind == Scope::Kind::Loop)
      js["loop"] = loopHeaderToJson(s.loop);
    else
      js["guard"] = toJson(s.guard);
    scopes.push_back(js);
  }
  json vars = json::array();
  for (const Variable &v : m.variables) {
    json extents = json::array();
    for (const auto &e : v.extents)
      extents.push_back(e ? toJson(*e) : json(nullptr));
    json jv = {{"name", v.name},         {"element_type", v.elementType},
               {"floating", v.floating}, {"rank", v.rank},
               {"extents", extents},     {"pointer", v.isPointer}, {"separate_rows", v.separateRows},
               {"parameter", v.isParameter}, {"sharing", toString(v.sharing)},
               {"decl", rangeToJson(v.declRange)}};
    if (!v.reductionOp.empty())
      jv["reduction_op"] = v.reductionOp;
    vars.push_back(jv);
  }
  json accesses = json::array();
  for (const Access &a : m.accesses) {
    json subs = json::array();
    for (const IndexExpr &e : a.subscripts)
      subs.push_back(toJson(e));
    json ja = {{"variable", a.variable}, {"kind", toString(a.kind)}, {"subscripts", subs},
               {"scope", a.scope},       {"sync", toString(a.sync)}, {"range", rangeToJson(a.range)},
               {"text", a.text}};
    if (!a.syncName.empty())
      ja["sync_name"] = a.syncName;
    accesses.push_back(ja);
  }
  json stmts = json::array();
  for (const Statement &s : m.statements)
    stmts.push_back({{"lhs", s.lhs}, {"op", toString(s.op)}, {"rhs", exprToJson(s.rhs)}, {"scope", s.scope},
                     {"range", rangeToJson(s.range)}});
  json reds = json::array();
  for (const auto &r : m.clauses.reductions)
    reds.push_back({{"op", r.op}, {"vars", r.vars}});
  json clauses = {{"private", stringList(m.clauses.privates)},
                  {"firstprivate", stringList(m.clauses.firstprivates)},
                  {"lastprivate", stringList(m.clauses.lastprivates)},
                  {"shared", stringList(m.clauses.shared)},
                  {"reduction", reds},
                  {"default", m.clauses.defaultSharing},
                  {"schedule", toString(m.clauses.schedule)},
                  {"collapse", m.clauses.collapse},
                  {"nowait", m.clauses.nowait}};
  if (m.clauses.chunk)
    clauses["chunk"] = *m.clauses.chunk;
  json facts = json::array();
  for (const Fact &f : m.facts)
  {
    json jf = {{"fact", f.str()}, {"origin", toString(f.origin)}, {"range", rangeToJson(f.range)}};
    if (!f.written.empty())
      jf["written"] = f.written;
    facts.push_back(jf);
  }
  json unsupported = json::array();
  for (const Unsupported &u : m.unsupported)
    unsupported.push_back(
        {{"reason", u.reason}, {"range", rangeToJson(u.range)}, {"variable", u.variable}});
  json out = {{"id", m.id},
              {"range", rangeToJson(m.range)},
              {"function", m.function},
              {"directive", m.directive},
              {"parameters", m.parameters},
              {"iterators", iters},
              {"scopes", scopes},
              {"variables", vars},
              {"accesses", accesses},
              {"statements", stmts},
              {"clauses", clauses},
              {"assumptions", m.assumptions},
              {"facts", facts},
              {"unsupported", unsupported},
              {"char_signed", m.charSigned},
              {"source", m.sourceText}};
  if (!m.construct.empty())
    out["construct"] = m.construct;
  return out;
}

json toJson(const ModelFile &f) {
  json loops = json::array();
  for (const LoopModel &m : f.loops)
    loops.push_back(toJson(m));
  return {{"loops", loops}};
}

LoopModel loopFromJson(const json &j) {
  if (!j.is_object())
    fail("a loop must be an object");
  LoopModel m;
  try {
    m.id = field<std::string>(j, "id", "");
    m.range = rangeFromJson(field<json>(j, "range", json()));
    m.function = field<std::string>(j, "function", "");
    m.directive = field<std::string>(j, "directive", "parallel for");
    m.construct = field<std::string>(j, "construct", "");
    m.parameters = field<std::vector<std::string>>(j, "parameters", {});
    for (const json &h : required(j, "iterators"))
      m.iterators.push_back(loopHeaderFromJson(h));
    if (m.iterators.empty())
      fail("a loop needs at least one parallel iterator");
    for (const json &js : field<json>(j, "scopes", json::array())) {
      Scope s;
      std::string kind = field<std::string>(js, "kind", "loop");
      s.kind = kind == "guard" ? Scope::Kind::Guard : Scope::Kind::Loop;
      s.parent = field<int>(js, "parent", -1);
      s.range = rangeFromJson(field<json>(js, "range", json()));
      if (s.kind == Scope::Kind::Loop)
        s.loop = loopHeaderFromJson(required(js, "loop"));
      else
        s.guard = conditionFromJson(required(js, "guard"));
      if (s.parent >= static_cast<int>(m.scopes.size()))
        fail("scope parent must come before the scope");
      m.scopes.push_back(std::move(s));
    }
    for (const json &jv : required(j, "variables")) {
      Variable v;
      v.name = required(jv, "name").get<std::string>();
      v.elementType = field<std::string>(jv, "element_type", "double");
      v.floating = field<bool>(jv, "floating", v.elementType == "double" || v.elementType == "float" ||
                                                   v.elementType == "long double");
      for (const json &e : field<json>(jv, "extents", json::array()))
        v.extents.push_back(e.is_null() ? std::nullopt : std::optional<IndexExpr>(indexFromJson(e)));
      v.rank = field<unsigned>(jv, "rank", static_cast<unsigned>(v.extents.size()));
      v.extents.resize(v.rank);
      v.isPointer = field<bool>(jv, "pointer", false);
      v.separateRows = field<bool>(jv, "separate_rows", false);
      v.isParameter = field<bool>(jv, "parameter", false);
      v.sharing = sharingFromString(field<std::string>(jv, "sharing", "shared"));
      v.reductionOp = field<std::string>(jv, "reduction_op", "");
      v.declRange = rangeFromJson(field<json>(jv, "decl", json()));
      m.variables.push_back(std::move(v));
    }
    for (const json &ja : required(j, "accesses")) {
      Access a;
      // A variable is named by its index or, in hand-written models, by name.
      if (ja.contains("variable") && ja.at("variable").is_string())
        a.variable = m.findVariable(ja.at("variable").get<std::string>());
      else
        a.variable = field<int>(ja, "variable", -1);
      if (a.variable < 0 || a.variable >= static_cast<int>(m.variables.size()))
        fail("access names an unknown variable");
      std::string kind = field<std::string>(ja, "kind", "read");
      if (kind != "read" && kind != "write")
        fail("access kind must be 'read' or 'write'");
      a.kind = kind == "write" ? AccessKind::Write : AccessKind::Read;
      for (const json &e : field<json>(ja, "subscripts", json::array()))
        a.subscripts.push_back(indexFromJson(e));
      if (a.subscripts.size() != m.variables[static_cast<size_t>(a.variable)].rank)
        fail("access to '" + m.variables[static_cast<size_t>(a.variable)].name +
             "' has the wrong number of subscripts");
      a.scope = field<int>(ja, "scope", -1);
      if (a.scope >= static_cast<int>(m.scopes.size()))
        fail("access names an unknown scope");
      a.sync = syncFromString(field<std::string>(ja, "sync", "none"));
      a.syncName = field<std::string>(ja, "sync_name", "");
      a.range = rangeFromJson(field<json>(ja, "range", json()));
      a.text = field<std::string>(ja, "text", "");
      m.accesses.push_back(std::move(a));
    }
    for (const json &js : field<json>(j, "statements", json::array())) {
      Statement s;
      s.lhs = field<int>(js, "lhs", -1);
      std::string op = field<std::string>(js, "op", "=");
      std::optional<Statement::Op> o = statementOpFromString(op);
      if (!o)
        fail("unknown assignment operator '" + op + "'");
      s.op = *o;
      s.rhs = exprFromJson(required(js, "rhs"));
      s.scope = field<int>(js, "scope", -1);
      s.range = rangeFromJson(field<json>(js, "range", json()));
      m.statements.push_back(std::move(s));
    }
    json jc = field<json>(j, "clauses", json::object());
    m.clauses.privates = field<std::vector<std::string>>(jc, "private", {});
    m.clauses.firstprivates = field<std::vector<std::string>>(jc, "firstprivate", {});
    m.clauses.lastprivates = field<std::vector<std::string>>(jc, "lastprivate", {});
    m.clauses.shared = field<std::vector<std::string>>(jc, "shared", {});
    for (const json &r : field<json>(jc, "reduction", json::array()))
      m.clauses.reductions.push_back(
          {field<std::string>(r, "op", "+"), field<std::vector<std::string>>(r, "vars", {})});
    m.clauses.defaultSharing = field<std::string>(jc, "default", "");
    std::string schedule = field<std::string>(jc, "schedule", "");
    std::optional<Schedule> sch = scheduleFromString(schedule);
    if (!sch)
      fail("unknown schedule '" + schedule + "'");
    m.clauses.schedule = *sch;
    if (jc.contains("chunk") && !jc.at("chunk").is_null())
      m.clauses.chunk = field<int64_t>(jc, "chunk", 0);
    m.clauses.collapse = field<unsigned>(jc, "collapse", 1);
    m.clauses.nowait = field<bool>(jc, "nowait", false);
    m.assumptions = field<std::vector<std::string>>(j, "assumptions", {});
    for (const json &jf : field<json>(j, "facts", json::array())) {
      std::string error;
      std::optional<Fact> f = parseFact(required(jf, "fact").get<std::string>(), error);
      if (!f)
        fail("fact: " + error);
      std::string origin = field<std::string>(jf, "origin", "pragma");
      std::optional<Fact::Origin> o = factOriginFromString(origin);
      if (!o)
        fail("unknown fact origin '" + origin + "'");
      f->origin = *o;
      f->written = field<std::string>(jf, "written", "");
      f->range = rangeFromJson(field<json>(jf, "range", json()));
      m.facts.push_back(std::move(*f));
    }
    for (const json &ju : field<json>(j, "unsupported", json::array()))
      m.unsupported.push_back({Unsupported::Kind::Other, field<std::string>(ju, "reason", ""),
                               rangeFromJson(field<json>(ju, "range", json())),
                               field<int>(ju, "variable", -1)});
    m.sourceText = field<std::string>(j, "source", "");
    m.charSigned = field<bool>(j, "char_signed", true);
  } catch (const json::exception &e) {
    fail(std::string("malformed loop: ") + e.what());
  }
  return m;
}

ModelFile modelFileFromJson(const json &j) {
  ModelFile f;
  if (j.is_object() && j.contains("loops")) {
    for (const json &l : j.at("loops"))
      f.loops.push_back(loopFromJson(l));
  } else {
    f.loops.push_back(loopFromJson(j));
  }
  return f;
}

std::optional<Fact> parseFact(const std::string &text, std::string &error) {
  std::string t = text;
  size_t b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
  t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  if (t.empty()) {
    error = "empty fact";
    return std::nullopt;
  }
  static const std::pair<const char *, Fact::Kind> shapes[] = {{"injective", Fact::Kind::Injective},
                                                               {"nondecreasing", Fact::Kind::NonDecreasing},
                                                               {"increasing", Fact::Kind::Increasing}};
  for (const auto &[word, kind] : shapes) {
    size_t n = std::char_traits<char>::length(word);
    if (t.compare(0, n, word) != 0 || (t.size() > n && (std::isalnum(static_cast<unsigned char>(t[n])) || t[n] == '_')))
      continue;
    size_t open = t.find_first_not_of(" \t", n);
    if (open == std::string::npos || t[open] != '(' || t.back() != ')') {
      error = std::string("'") + word + "' takes array names in parentheses: " + word + "(NAME)";
      return std::nullopt;
    }
    std::string list = t.substr(open + 1, t.size() - open - 2);
    Fact f;
    f.kind = kind;
    size_t from = 0;
    while (true) {
      size_t comma = list.find(',', from);
      std::string name = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      size_t nb = name.find_first_not_of(" \t"), ne = name.find_last_not_of(" \t");
      name = nb == std::string::npos ? std::string() : name.substr(nb, ne - nb + 1);
      bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
      for (char c : name)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '>');
      if (!ok) {
        error = std::string("'") + word + "' takes array names, not '" + name + "'";
        return std::nullopt;
      }
      f.arrays.push_back(name);
      if (comma == std::string::npos)
        break;
      from = comma + 1;
    }
    if (kind != Fact::Kind::Injective && f.arrays.size() != 1) {
      error = std::string("'") + word + "' takes one array name";
      return std::nullopt;
    }
    return f;
  }
  size_t word = 0;
  while (word < t.size() && (std::isalnum(static_cast<unsigned char>(t[word])) || t[word] == '_'))
    ++word;
  size_t paren = t.find_first_not_of(" \t", word);
  if (word > 0 && paren != std::string::npos && t[paren] == '(' && t.compare(0, word, "min") != 0 &&
      t.compare(0, word, "max") != 0) {
    error = "unknown fact '" + t.substr(0, word) +
            "(...)': expected injective(A, ...), nondecreasing(A), increasing(A) or an integer condition "
            "such as s > 0";
    return std::nullopt;
  }
  try {
    Fact f;
    f.kind = Fact::Kind::Condition;
    f.condition = ExprParser(t).parseConditionOnly();
    return f;
  } catch (const ModelJsonError &ex) {
    std::string what = ex.what();
    const std::string prefix = "loop model: ";
    if (what.compare(0, prefix.size(), prefix) == 0)
      what = what.substr(prefix.size());
    error = "not a fact (expected injective(A), nondecreasing(A), increasing(A) or an integer condition "
            "such as s > 0): " + what;
    return std::nullopt;
  }
}

} // namespace adjoint_lint::model
