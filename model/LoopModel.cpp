#include "model/LoopModel.h"

#include <algorithm>

namespace adjoint_lint::model {

IndexExpr IndexExpr::constant(int64_t v) {
  IndexExpr e;
  e.kind = Kind::Const;
  e.value = v;
  return e;
}

IndexExpr IndexExpr::var(std::string name) {
  IndexExpr e;
  e.kind = Kind::Var;
  e.name = std::move(name);
  return e;
}

IndexExpr IndexExpr::binary(Kind k, IndexExpr a, IndexExpr b) {
  IndexExpr e;
  e.kind = k;
  e.ops.push_back(std::move(a));
  e.ops.push_back(std::move(b));
  return e;
}

IndexExpr IndexExpr::neg(IndexExpr a) {
  IndexExpr e;
  e.kind = Kind::Neg;
  e.ops.push_back(std::move(a));
  return e;
}

IndexExpr IndexExpr::opaque(std::string reason, std::string text, OpaqueKind kind) {
  IndexExpr e;
  e.kind = Kind::Opaque;
  e.reason = std::move(reason);
  e.text = std::move(text);
  e.opaqueKind = kind;
  return e;
}

IndexExpr IndexExpr::dataDependent(const std::string &why, std::string text) {
  IndexExpr e = opaque("data-dependent: " + why + ", in " + text, text, OpaqueKind::DataDependent);
  e.dataDependence = why + ", in " + e.text;
  return e;
}

IndexExpr IndexExpr::arrayRead(std::string array, std::vector<IndexExpr> subscripts) {
  IndexExpr e;
  e.kind = Kind::ArrayRead;
  e.name = std::move(array);
  e.ops = std::move(subscripts);
  return e;
}

bool IndexExpr::readsArray() const {
  if (kind == Kind::ArrayRead)
    return true;
  return std::any_of(ops.begin(), ops.end(), [](const IndexExpr &o) { return o.readsArray(); });
}

namespace {
void collectArrays(const IndexExpr &e, std::vector<std::string> &out) {
  if (e.kind == IndexExpr::Kind::ArrayRead && std::find(out.begin(), out.end(), e.name) == out.end())
    out.push_back(e.name);
  for (const IndexExpr &o : e.ops)
    collectArrays(o, out);
}
} // namespace

std::vector<std::string> IndexExpr::arraysRead() const {
  std::vector<std::string> out;
  collectArrays(*this, out);
  std::sort(out.begin(), out.end());
  return out;
}

bool IndexExpr::isOpaque() const {
  if (kind == Kind::Opaque)
    return true;
  return std::any_of(ops.begin(), ops.end(), [](const IndexExpr &o) { return o.isOpaque(); });
}

namespace {

// Binding strength of an index operator; higher binds tighter.
int precedence(IndexExpr::Kind k) {
  switch (k) {
  case IndexExpr::Kind::Add:
  case IndexExpr::Kind::Sub:
    return 1;
  case IndexExpr::Kind::Mul:
  case IndexExpr::Kind::Div:
  case IndexExpr::Kind::Mod:
    return 2;
  case IndexExpr::Kind::Neg:
    return 3;
  default:
    return 4;
  }
}

std::string wrapIf(bool cond, const std::string &s) { return cond ? "(" + s + ")" : s; }

} // namespace

std::string IndexExpr::str() const {
  switch (kind) {
  case Kind::Const:
    return std::to_string(value);
  case Kind::Var:
    return name;
  case Kind::Opaque:
    return text.empty() ? std::string("<opaque>") : text;
  case Kind::ArrayRead: {
    std::string out = name;
    for (const IndexExpr &o : ops)
      out += "[" + o.str() + "]";
    return out;
  }
  case Kind::Neg: {
    const IndexExpr &a = ops.at(0);
    bool paren = precedence(a.kind) <= precedence(kind) || a.kind == Kind::Const;
    return "-" + wrapIf(paren, a.str());
  }
  case Kind::Min:
  case Kind::Max:
    return std::string(kind == Kind::Min ? "min(" : "max(") + ops.at(0).str() + ", " +
           ops.at(1).str() + ")";
  default: {
    int p = precedence(kind);
    const IndexExpr &a = ops.at(0), &b = ops.at(1);
    // Left-associative: the right operand needs parentheses at equal strength.
    return wrapIf(precedence(a.kind) < p, a.str()) + " " + toString(kind) + " " +
           wrapIf(precedence(b.kind) <= p, b.str());
  }
  }
}

bool Condition::isOpaque() const {
  if (kind == Kind::Opaque)
    return true;
  for (const IndexExpr &o : operands)
    if (o.isOpaque())
      return true;
  return std::any_of(children.begin(), children.end(),
                     [](const Condition &c) { return c.isOpaque(); });
}

const char *toString(Condition::Op op) {
  switch (op) {
  case Condition::Op::LT: return "<";
  case Condition::Op::LE: return "<=";
  case Condition::Op::GT: return ">";
  case Condition::Op::GE: return ">=";
  case Condition::Op::EQ: return "==";
  case Condition::Op::NE: return "!=";
  }
  return "?";
}

std::string Condition::str() const {
  switch (kind) {
  case Kind::True:
    return "true";
  case Kind::Opaque:
    return text.empty() ? std::string("<opaque>") : text;
  case Kind::Cmp:
    return operands.at(0).str() + " " + toString(op) + " " + operands.at(1).str();
  case Kind::Not:
    return "!(" + children.at(0).str() + ")";
  case Kind::And:
  case Kind::Or: {
    std::string out;
    for (size_t i = 0; i < children.size(); ++i) {
      if (i)
        out += kind == Kind::And ? " && " : " || ";
      const Condition &c = children[i];
      bool paren = c.kind == Kind::And || c.kind == Kind::Or;
      out += wrapIf(paren, c.str());
    }
    return out;
  }
  }
  return "?";
}

const char *toString(Sharing s) {
  switch (s) {
  case Sharing::Shared: return "shared";
  case Sharing::Private: return "private";
  case Sharing::FirstPrivate: return "firstprivate";
  case Sharing::LastPrivate: return "lastprivate";
  case Sharing::Reduction: return "reduction";
  }
  return "?";
}

const char *toString(AccessKind k) { return k == AccessKind::Read ? "read" : "write"; }

const char *toString(Sync s) {
  switch (s) {
  case Sync::None: return "none";
  case Sync::Atomic: return "atomic";
  case Sync::Critical: return "critical";
  case Sync::Reduction: return "reduction";
  }
  return "?";
}

const char *toString(IndexExpr::Kind k) {
  switch (k) {
  case IndexExpr::Kind::Add: return "+";
  case IndexExpr::Kind::Sub: return "-";
  case IndexExpr::Kind::Mul: return "*";
  case IndexExpr::Kind::Div: return "/";
  case IndexExpr::Kind::Mod: return "%";
  case IndexExpr::Kind::Neg: return "neg";
  case IndexExpr::Kind::Min: return "min";
  case IndexExpr::Kind::Max: return "max";
  default: return "";
  }
}

std::optional<IndexExpr::Kind> indexOperatorFromString(const std::string &s) {
  using K = IndexExpr::Kind;
  for (K k : {K::Add, K::Sub, K::Mul, K::Div, K::Mod, K::Neg, K::Min, K::Max})
    if (s == toString(k))
      return k;
  return std::nullopt;
}

const char *toString(Expr::Op op) {
  using Op = Expr::Op;
  switch (op) {
  case Op::Plus: return "+";
  case Op::Minus: return "-";
  case Op::Mul: return "*";
  case Op::Div: return "/";
  case Op::Rem: return "%";
  case Op::Shl: return "<<";
  case Op::Shr: return ">>";
  case Op::ThreeWay: return "<=>";
  case Op::LT: return "<";
  case Op::GT: return ">";
  case Op::LE: return "<=";
  case Op::GE: return ">=";
  case Op::EQ: return "==";
  case Op::NE: return "!=";
  case Op::BitAnd: return "&";
  case Op::BitXor: return "^";
  case Op::BitOr: return "|";
  case Op::LAnd: return "&&";
  case Op::LOr: return "||";
  case Op::LNot: return "!";
  case Op::BitNot: return "~";
  case Op::PtrMemD: return ".*";
  case Op::PtrMemI: return "->*";
  }
  return "?";
}

const char *toString(Statement::Op op) {
  switch (op) {
  case Statement::Op::Assign: return "=";
  case Statement::Op::AddAssign: return "+=";
  case Statement::Op::SubAssign: return "-=";
  case Statement::Op::MulAssign: return "*=";
  case Statement::Op::DivAssign: return "/=";
  }
  return "?";
}

const char *toString(Schedule s) {
  switch (s) {
  case Schedule::None: return "";
  case Schedule::Static: return "static";
  case Schedule::Dynamic: return "dynamic";
  case Schedule::Guided: return "guided";
  case Schedule::Auto: return "auto";
  case Schedule::Runtime: return "runtime";
  }
  return "?";
}

const char *toString(Fact::Origin o) {
  switch (o) {
  case Fact::Origin::Pragma: return "pragma";
  case Fact::Origin::Config: return "config";
  case Fact::Origin::Context: return "context";
  }
  return "?";
}

namespace {
/// The value of `E` (from `first` to `last`) that toString spells `s`.
template <typename E> std::optional<E> fromSpelling(const std::string &s, E first, E last) {
  for (int v = static_cast<int>(first); v <= static_cast<int>(last); ++v)
    if (s == toString(static_cast<E>(v)))
      return static_cast<E>(v);
  return std::nullopt;
}
} // namespace

std::optional<Expr::Op> exprOpFromString(const std::string &s) {
  return fromSpelling(s, Expr::Op::Plus, Expr::Op::PtrMemI);
}
std::optional<Statement::Op> statementOpFromString(const std::string &s) {
  return fromSpelling(s, Statement::Op::Assign, Statement::Op::DivAssign);
}
std::optional<Schedule> scheduleFromString(const std::string &s) {
  return fromSpelling(s, Schedule::None, Schedule::Runtime);
}
std::optional<Fact::Origin> factOriginFromString(const std::string &s) {
  return fromSpelling(s, Fact::Origin::Pragma, Fact::Origin::Context);
}

namespace {
void conditionNames(const Condition &c, std::vector<std::string> &out);
void indexNames(const IndexExpr &e, std::vector<std::string> &out) {
  if ((e.kind == IndexExpr::Kind::Var || e.kind == IndexExpr::Kind::ArrayRead) &&
      std::find(out.begin(), out.end(), e.name) == out.end())
    out.push_back(e.name);
  for (const IndexExpr &o : e.ops)
    indexNames(o, out);
}
void conditionNames(const Condition &c, std::vector<std::string> &out) {
  for (const IndexExpr &o : c.operands)
    indexNames(o, out);
  for (const Condition &k : c.children)
    conditionNames(k, out);
}
} // namespace

std::string Fact::str() const {
  std::string list;
  for (const std::string &a : arrays)
    list += (list.empty() ? "" : ", ") + a;
  switch (kind) {
  case Kind::Injective: return "injective(" + list + ")";
  case Kind::NonDecreasing: return "nondecreasing(" + list + ")";
  case Kind::Increasing: return "increasing(" + list + ")";
  case Kind::Condition: return condition.str();
  }
  return "?";
}

std::vector<std::string> Fact::names() const {
  if (kind != Kind::Condition)
    return arrays;
  std::vector<std::string> out;
  conditionNames(condition, out);
  return out;
}

namespace {
using ArrayWhy = std::function<std::optional<std::string>(const std::string &)>;
void opaqueIn(Condition &c, const ArrayWhy &why);
void opaqueIn(IndexExpr &e, const ArrayWhy &why) {
  if (e.kind == IndexExpr::Kind::ArrayRead)
    if (std::optional<std::string> reason = why(e.name)) {
      std::string text = e.str();
      e = IndexExpr::dataDependent(*reason, text);
      return;
    }
  for (IndexExpr &o : e.ops)
    opaqueIn(o, why);
}
void opaqueIn(Condition &c, const ArrayWhy &why) {
  for (IndexExpr &o : c.operands)
    opaqueIn(o, why);
  for (Condition &k : c.children)
    opaqueIn(k, why);
}
void opaqueIn(LoopHeader &h, const ArrayWhy &why) {
  opaqueIn(h.lower, why);
  opaqueIn(h.bound, why);
}
void opaqueIn(Expr &e, const ArrayWhy &why) {
  opaqueIn(e.condition, why);
  for (Expr &o : e.operands)
    opaqueIn(o, why);
}
} // namespace

void opaqueArrayReads(LoopModel &loop, const ArrayWhy &why) {
  for (LoopHeader &h : loop.iterators)
    opaqueIn(h, why);
  for (Scope &s : loop.scopes) {
    opaqueIn(s.loop, why);
    opaqueIn(s.guard, why);
  }
  for (Variable &v : loop.variables)
    for (auto &e : v.extents)
      if (e)
        opaqueIn(*e, why);
  for (Access &a : loop.accesses)
    for (IndexExpr &e : a.subscripts)
      opaqueIn(e, why);
  for (Statement &s : loop.statements)
    opaqueIn(s.rhs, why);
}

int LoopModel::findVariable(const std::string &name) const {
  for (size_t i = 0; i < variables.size(); ++i)
    if (variables[i].name == name)
      return static_cast<int>(i);
  return -1;
}

bool privatised(const Variable &v) {
  return v.sharing == Sharing::Private || v.sharing == Sharing::FirstPrivate ||
         v.sharing == Sharing::LastPrivate;
}

bool synchronisedPair(const Access &a, const Access &b) {
  if (a.sync == Sync::Atomic && b.sync == Sync::Atomic)
    return true;
  return a.sync == Sync::Critical && b.sync == Sync::Critical && a.syncName == b.syncName;
}

std::string accessText(const LoopModel &loop, int k) {
  const Access &a = loop.accesses.at(static_cast<size_t>(k));
  return a.text.empty() ? loop.variables.at(static_cast<size_t>(a.variable)).name : a.text;
}

bool LoopModel::isUpdateReadHalf(int k) const {
  const Access &r = accesses.at(static_cast<size_t>(k));
  if (r.kind != AccessKind::Read)
    return false;
  for (const Statement &st : statements) {
    if ((st.op != Statement::Op::AddAssign && st.op != Statement::Op::SubAssign) || st.lhs < 0 || st.lhs >= static_cast<int>(accesses.size()))
      continue;
    const Access &w = accesses[static_cast<size_t>(st.lhs)];
    bool same = w.variable == r.variable && w.scope == r.scope &&
                w.subscripts.size() == r.subscripts.size() && w.range.line == r.range.line &&
                w.range.column == r.range.column && w.range.endLine == r.range.endLine &&
                w.range.endColumn == r.range.endColumn;
    for (size_t d = 0; same && d < w.subscripts.size(); ++d)
      same = w.subscripts[d].str() == r.subscripts[d].str();
    if (same)
      return true;
  }
  return false;
}

std::vector<int> LoopModel::scopeChain(int scope) const {
  std::vector<int> chain;
  for (int s = scope; s >= 0; s = scopes.at(static_cast<size_t>(s)).parent)
    chain.push_back(s);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

} // namespace adjoint_lint::model
