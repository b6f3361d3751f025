// The loop-level generator. The loop body is rebuilt as a tree (statements in
// source order, nested in inner loops and guards), then written out four
// ways: forward, tangent, adjoint (forward sweep + reverse sweep per
// iteration), and the adjoint's template twin for ADOL-C in the driver.
#include "codegen/LoopCodegen.h"

#include "codegen/Gather.h"
#include "codegen/Runtime.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace adjoint_lint::codegen {

using model::Access;
using model::AccessKind;
using model::Condition;
using model::IndexExpr;
using model::LoopHeader;
using model::LoopModel;
using model::Scope;
using model::Sharing;
using model::Statement;
using model::Variable;
using polyhedral::Verdict;

std::string loopName(const LoopModel &loop) {
  std::string fn = loop.function.empty() ? "loop" : loop.function;
  std::string out;
  for (char c : fn)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (std::isdigit(static_cast<unsigned char>(out[0])))
    out = "_" + out;
  return out + "_L" + std::to_string(loop.range.line);
}

namespace {

std::string ident(const std::string &name) { return cIdentifier(name); }

/// Adds to `out` the variables that `e` reads (its accesses' variables).
void readVariables(const LoopModel &loop, const model::Expr &e, std::set<int> &out) {
  if (e.kind == model::Expr::Kind::Access && e.access >= 0 && loop.accesses[e.access].variable >= 0)
    out.insert(loop.accesses[e.access].variable);
  for (const model::Expr &o : e.operands)
    readVariables(loop, o, out);
}

/// Whether `e` is built from the kinds the generator renders (constants,
/// names, + - * / %, negation, min, max) only.
bool isAffineForm(const IndexExpr &e) {
  switch (e.kind) {
  case IndexExpr::Kind::Const:
  case IndexExpr::Kind::Var:
  case IndexExpr::Kind::Add:
  case IndexExpr::Kind::Sub:
  case IndexExpr::Kind::Mul:
  case IndexExpr::Kind::Div:
  case IndexExpr::Kind::Mod:
  case IndexExpr::Kind::Neg:
  case IndexExpr::Kind::Min:
  case IndexExpr::Kind::Max:
    return std::all_of(e.ops.begin(), e.ops.end(), isAffineForm);
  default:
    return false;
  }
}

/// One node of the body tree: a statement or a scope holding children.
struct Item {
  int statement = -1;
  int scope = -1;
  std::vector<Item> children;
};

enum class Role { Array, Local, ScalarIn, Name };

struct VarInfo {
  Role role = Role::Name;
  bool active = false;
  bool written = false;
  std::string c, b, d; ///< names of value, adjoint, tangent
  std::string type;    ///< C element type
};

enum class Strat { Plain, Reduction, Atomic, Gather, EdgeAtomic };


class Generator {
public:
  Generator(const LoopModel &loop, const polyhedral::LoopVerdicts &verdicts)
      : L(loop), V(verdicts) {}

  GeneratedLoop run();

private:
  const LoopModel &L;
  const polyhedral::LoopVerdicts &V;
  GeneratedLoop out_;
  std::vector<VarInfo> vars_;
  std::vector<std::string> intParams_;    ///< C names of integer parameters
  std::vector<int> scalarIns_;            ///< variables passed as passive scalars
  std::vector<int> arrays_;               ///< array variables, in model order
  std::set<std::string> iterators_;
  Item root_;
  std::set<int> needed_, pushed_;         ///< variables (forward sweep / tape)
  std::map<int, int> statementOf_;        ///< access -> the statement whose rhs holds it
  std::map<int, GatherLoop> gather_;      ///< arrays with a gather loop
  int64_t edgeIterations_ = 0;            ///< chunk-boundary atomics: iterations at each edge
  std::vector<std::string> gatherLines(int var) const;
  std::map<int, std::string> seedOf_;     ///< statement -> its seed in a gather body
  std::vector<std::string> gatherBody(const std::vector<int> &group,
                                      const std::vector<std::pair<std::string, std::string>> &its) const;
  void buildGathers();
  bool tape_ = false;

  [[noreturn]] void fail(const std::string &what, unsigned line) const {
    throw CodegenError(what, L.range.file, line ? line : L.range.line);
  }

  // -- analysis --
  void checkSupported();
  void classify();
  void collectNames(const IndexExpr &e);
  void collectNames(const Condition &c);
  void buildTree();
  void analyseValues();
  bool inInnerLoop(int scope) const;

  // -- rendering --
  std::string idx(const IndexExpr &e, unsigned line) const;
  std::string cond(const Condition &c, unsigned line) const;
  std::string offset(const Access &a) const;
  ExprContext context(unsigned line, const std::map<int, Strat> *strategies, bool overloaded,
                      std::set<int> *values, unsigned *temps) const;
  std::string realOf(int var) const { return vars_[var].type; }
  std::string lhsValue(const Statement &s) const;
  int lhsVar(const Statement &s) const { return L.accesses[s.lhs].variable; }

  std::string header(const LoopHeader &h, bool reversed, unsigned depth) const;
  std::vector<std::string> parallelHeaders(bool reversed) const;
  std::string signature(char mode, bool overloaded = false) const; ///< 'f', 'd', 'b'
  std::string callArgs(char mode) const;
  void declareLocals(CodeWriter &w, char mode, bool overloaded = false) const;

  void emitPrimal(const std::vector<Item> &items, CodeWriter &w, bool tangent, bool overloaded,
                  const std::set<int> *only, bool push) const;
  /// A gather statement's slice of the reverse sweep (docs/codegen.md,
  /// gather loops): the increments of one group of reads only, through the
  /// adjoints of the locals; array adjoints are read (seeds), never reset.
  struct Focus {
    std::set<int> accesses;   ///< the reads whose increments are written
    std::set<int> statements; ///< whose reverse rules run; the others only pop their values
    std::string sum;          ///< where non-empty: the reads' increments go to this temporary
  };
  void emitReverse(const std::vector<Item> &items, CodeWriter &w,
                   const std::map<int, Strat> &strategies, unsigned *temps,
                   const Focus *focus = nullptr) const;
  void emitReverseStatement(int s, CodeWriter &w, const std::map<int, Strat> &strategies,
                            unsigned *temps, std::set<int> *values,
                            const Focus *focus = nullptr) const;
  std::set<int> focusStatements(int statement) const;
  std::vector<std::string> gatherIteration(const std::vector<int> &group,
                                           const std::vector<std::pair<std::string, std::string>> &its) const;
  void emitAdjointIteration(CodeWriter &w, const std::map<int, Strat> &strategies) const;
  bool containsStatement(const Item &item, const std::set<int> *only) const;

  // -- files --
  std::string strategyComment(int var, Strat s) const;
  std::string adjointFunction(const std::string &fname, const std::string &what,
                              const std::map<int, Strat> &strategies, bool serial) const;
  std::string footprintFunction() const;
  std::string extentExpr(int var) const; ///< product of extents, "" if unknown
  void writeSource();
  void writeDriver();
};

// --- analysis ---------------------------------------------------------------

void Generator::checkSupported() {
  if (!L.unsupported.empty()) {
    const model::Unsupported &u = L.unsupported.front();
    fail("the loop is outside the generator's fragment: " + u.reason, u.range.line);
  }
  if (L.iterators.empty())
    fail("the loop has no parallel iterator", L.range.line);
  if (V.forwardRace.verdict != Verdict::Holds)
    fail(std::string("no adjoint is generated for a loop whose forward iterations are not "
                     "proven race-free (forward race: ") +
             polyhedral::raceVerdictName(V.forwardRace.verdict) +
             (V.forwardRace.reason.empty() ? "" : ", " + V.forwardRace.reason) + ")",
         L.range.line);
  for (const Access &a : L.accesses)
    if (a.sync != model::Sync::None)
      fail(std::string(a.sync == model::Sync::Reduction ? "reduction variable '"
                       : a.sync == model::Sync::Atomic  ? "atomic update of '"
                                                        : "critical section access to '") +
               a.text + "' is not supported by the adjoint generator",
           a.range.line);
}

void Generator::collectNames(const IndexExpr &e) {
  if (e.kind == IndexExpr::Kind::Var && !iterators_.count(e.name)) {
    std::string c = ident(e.name);
    if (std::find(intParams_.begin(), intParams_.end(), c) == intParams_.end())
      intParams_.push_back(c);
  }
  for (const IndexExpr &o : e.ops)
    collectNames(o);
}

void Generator::collectNames(const Condition &c) {
  for (const IndexExpr &o : c.operands)
    collectNames(o);
  for (const Condition &k : c.children)
    collectNames(k);
}

void Generator::classify() {
  for (const LoopHeader &h : L.iterators)
    iterators_.insert(h.iterator);
  for (const Scope &s : L.scopes)
    if (s.kind == Scope::Kind::Loop)
      iterators_.insert(s.loop.iterator);
  for (const std::string &p : L.parameters)
    if (!iterators_.count(p))
      intParams_.push_back(ident(p));
  for (const LoopHeader &h : L.iterators) {
    collectNames(h.lower);
    collectNames(h.bound);
  }
  for (const Scope &s : L.scopes) {
    if (s.kind == Scope::Kind::Loop) {
      collectNames(s.loop.lower);
      collectNames(s.loop.bound);
    } else {
      collectNames(s.guard);
    }
  }
  for (const Access &a : L.accesses)
    for (const IndexExpr &e : a.subscripts)
      collectNames(e);

  std::set<std::string> taken;
  for (const Variable &v : L.variables)
    taken.insert(ident(v.name));
  for (const std::string &p : intParams_)
    taken.insert(p);
  for (const std::string &i : iterators_)
    taken.insert(ident(i));
  auto derived = [&](const std::string &base, const char *suffix) {
    std::string n = base + suffix;
    while (taken.count(n))
      n = base + "_" + suffix;
    taken.insert(n);
    return n;
  };

  vars_.resize(L.variables.size());
  std::vector<bool> written(L.variables.size(), false);
  for (const Access &a : L.accesses)
    if (a.kind == AccessKind::Write && a.variable >= 0)
      written[static_cast<size_t>(a.variable)] = true;
  for (size_t k = 0; k < L.variables.size(); ++k) {
    const Variable &v = L.variables[k];
    VarInfo &info = vars_[k];
    info.c = ident(v.name);
    info.type = v.elementType.empty() ? "double" : v.elementType;
    info.written = written[k];
    unsigned line = v.declRange.line;
    if (iterators_.count(v.name)) {
      info.role = Role::Name;
      continue;
    }
    if (v.rank > 0) {
      if (v.sharing != Sharing::Shared)
        fail("private array '" + v.name + "' is not supported by the adjoint generator", line);
      if (v.separateRows)
        fail("array '" + v.name + "' has rows of their own (a pointer to pointers or a vector "
             "of vectors): the generator needs one contiguous array", line);
      for (size_t d = 1; d < v.extents.size(); ++d)
        if (!v.extents[d] || !isAffineForm(*v.extents[d]))
          fail("extent of dimension " + std::to_string(d + 1) + " of array '" + v.name +
                   "' is unknown: the generator needs it to address the array",
               line);
      if (v.extents.size() != v.rank)
        fail("array '" + v.name + "' has " + std::to_string(v.extents.size()) +
                 " extents for rank " + std::to_string(v.rank), line);
      for (size_t d = 1; d < v.extents.size(); ++d)
        collectNames(*v.extents[d]);
      if (v.elementType != "double" && v.elementType != "float" && v.floating)
        fail("array '" + v.name + "' of type " + v.elementType +
                 ": only double and float data are differentiated", line);
      info.role = Role::Array;
      info.active = v.floating;
      arrays_.push_back(static_cast<int>(k));
      continue;
    }
    switch (v.sharing) {
    case Sharing::Private:
      info.role = Role::Local;
      info.active = v.floating;
      if (v.floating && v.elementType != "double" && v.elementType != "float")
        fail("local '" + v.name + "' of type " + v.elementType +
                 ": only double and float data are differentiated", line);
      if (!v.floating)
        info.type = "long";
      break;
    case Sharing::Shared:
      if (info.written)
        fail("shared scalar '" + v.name + "' is written in the loop: not supported by the "
             "adjoint generator (give each iteration its own copy, or use an array)", line);
      if (!v.floating) {
        info.role = Role::Name;
        if (std::find(intParams_.begin(), intParams_.end(), info.c) == intParams_.end())
          intParams_.push_back(info.c);
      } else {
        info.role = Role::ScalarIn; // passive: no adjoint (docs/codegen.md)
        scalarIns_.push_back(static_cast<int>(k));
      }
      break;
    default:
      fail(std::string(model::toString(v.sharing)) + " variable '" + v.name +
               "' is not supported by the adjoint generator", line);
    }
  }
  for (size_t k = 0; k < vars_.size(); ++k)
    if (vars_[k].active) {
      vars_[k].b = derived(vars_[k].c, "b");
      vars_[k].d = derived(vars_[k].c, "d");
    }
  // A written array may be read only through its own compound assignments:
  // the reverse sweep keeps no copy of values other iterations may need.
  std::set<int> rhsReads;
  std::function<void(const model::Expr &)> walk = [&](const model::Expr &e) {
    if (e.kind == model::Expr::Kind::Access && e.access >= 0)
      rhsReads.insert(e.access);
    for (const model::Expr &o : e.operands)
      walk(o);
  };
  for (const Statement &s : L.statements)
    walk(s.rhs);
  for (int a : rhsReads) {
    const Access &acc = L.accesses[static_cast<size_t>(a)];
    if (acc.variable >= 0 && vars_[acc.variable].role == Role::Array && vars_[acc.variable].written)
      fail("array '" + L.variables[acc.variable].name + "' is both read ('" + acc.text +
               "') and written in the loop: in-place updates are not supported by the "
               "adjoint generator",
           acc.range.line);
  }
  for (const Variable &v : L.variables)
    if (v.floating && !v.elementType.empty() && v.elementType == "float" && v.rank > 0)
      out_.singlePrecision = true;
}

void Generator::buildTree() {
  std::vector<Item *> open = {&root_};
  std::vector<int> openScopes;
  std::set<int> closed;
  for (size_t k = 0; k < L.statements.size(); ++k) {
    const Statement &s = L.statements[k];
    std::vector<int> chain = s.scope >= 0 ? L.scopeChain(s.scope) : std::vector<int>{};
    size_t common = 0;
    while (common < chain.size() && common < openScopes.size() && chain[common] == openScopes[common])
      ++common;
    while (openScopes.size() > common) {
      closed.insert(openScopes.back());
      openScopes.pop_back();
      open.pop_back();
    }
    for (size_t c = common; c < chain.size(); ++c) {
      if (closed.count(chain[c]))
        fail("statement order inside the loop cannot be rebuilt", s.range.line);
      Item scope;
      scope.scope = chain[c];
      open.back()->children.push_back(std::move(scope));
      open.push_back(&open.back()->children.back());
      openScopes.push_back(chain[c]);
    }
    Item st;
    st.statement = static_cast<int>(k);
    open.back()->children.push_back(std::move(st));
    if (s.lhs < 0 || s.lhs >= static_cast<int>(L.accesses.size()))
      fail("malformed statement", s.range.line);
    if (s.op != "=" && s.op != "+=" && s.op != "-=" && s.op != "*=" && s.op != "/=")
      fail("assignment operator '" + s.op + "' is not supported", s.range.line);
  }
}

bool Generator::inInnerLoop(int scope) const {
  if (scope < 0)
    return false;
  for (int s : L.scopeChain(scope))
    if (L.scopes[s].kind == Scope::Kind::Loop)
      return true;
  return false;
}

/// Which variables the reverse sweep reads by value (`needed_`), and which
/// of those are overwritten within one iteration and so go through the tape
/// (`pushed_`). A local assigned once, outside inner loops, keeps its value.
void Generator::analyseValues() {
  std::map<int, Strat> plain;
  for (size_t k = 0; k < L.statements.size(); ++k) {
    std::set<int> values;
    unsigned temps = 0;
    CodeWriter scratch;
    emitReverseStatement(static_cast<int>(k), scratch, plain, &temps, &values);
    for (int a : values)
      if (L.accesses[a].variable >= 0)
        needed_.insert(L.accesses[a].variable);
  }
  // Closure: the statements writing a needed variable run in the forward
  // sweep, so what they read is needed too.
  bool changed = true;
  auto reads = [&](const model::Expr &e, std::set<int> &out) { readVariables(L, e, out); };
  while (changed) {
    changed = false;
    for (const Statement &s : L.statements) {
      if (!needed_.count(lhsVar(s)))
        continue;
      std::set<int> r;
      reads(s.rhs, r);
      for (int v : r)
        changed |= needed_.insert(v).second;
    }
  }
  std::map<int, int> writes;
  for (const Statement &s : L.statements)
    ++writes[lhsVar(s)];
  for (const Statement &s : L.statements) {
    int v = lhsVar(s);
    if (!needed_.count(v))
      continue;
    if (vars_[v].role != Role::Local || writes[v] > 1 || inInnerLoop(s.scope) || s.op != "=")
      pushed_.insert(v);
  }
  tape_ = !pushed_.empty();
}

// --- rendering --------------------------------------------------------------

std::string Generator::idx(const IndexExpr &e, unsigned line) const {
  auto sub = [&](const IndexExpr &o) {
    std::string s = idx(o, line);
    bool simple = o.kind == IndexExpr::Kind::Var ||
                  (o.kind == IndexExpr::Kind::Const && o.value >= 0) ||
                  o.kind == IndexExpr::Kind::Min || o.kind == IndexExpr::Kind::Max;
    return simple ? s : "(" + s + ")";
  };
  switch (e.kind) {
  case IndexExpr::Kind::Const: return std::to_string(e.value);
  case IndexExpr::Kind::Var: return ident(e.name);
  case IndexExpr::Kind::Add: return sub(e.ops.at(0)) + " + " + sub(e.ops.at(1));
  case IndexExpr::Kind::Sub: return sub(e.ops.at(0)) + " - " + sub(e.ops.at(1));
  case IndexExpr::Kind::Mul: return sub(e.ops.at(0)) + " * " + sub(e.ops.at(1));
  case IndexExpr::Kind::Div: return sub(e.ops.at(0)) + " / " + sub(e.ops.at(1));
  case IndexExpr::Kind::Mod: return sub(e.ops.at(0)) + " % " + sub(e.ops.at(1));
  case IndexExpr::Kind::Neg: return "-" + sub(e.ops.at(0));
  case IndexExpr::Kind::Min: return "al_min(" + idx(e.ops.at(0), line) + ", " + idx(e.ops.at(1), line) + ")";
  case IndexExpr::Kind::Max: return "al_max(" + idx(e.ops.at(0), line) + ", " + idx(e.ops.at(1), line) + ")";
  case IndexExpr::Kind::Opaque:
    fail("integer expression '" + e.text + "' is not affine (" + e.reason +
             "): not supported by the adjoint generator",
         line);
  default:
    break;
  }
  fail("integer expression '" + e.str() + "' (indirect indexing or another form outside "
       "the affine fragment) is not supported by the adjoint generator",
       line);
}

std::string Generator::cond(const Condition &c, unsigned line) const {
  switch (c.kind) {
  case Condition::Kind::True: return "1";
  case Condition::Kind::Cmp:
    return idx(c.operands.at(0), line) + " " + model::toString(c.op) + " " + idx(c.operands.at(1), line);
  case Condition::Kind::Not: return "!(" + cond(c.children.at(0), line) + ")";
  case Condition::Kind::And:
  case Condition::Kind::Or: {
    std::string out;
    for (const Condition &k : c.children)
      out += (out.empty() ? "" : (c.kind == Condition::Kind::And ? " && " : " || ")) + ("(" + cond(k, line) + ")");
    return out;
  }
  case Condition::Kind::Opaque:
    break;
  }
  fail("condition '" + c.text + "' is not an integer condition over iterators and parameters (" +
           c.reason + "): not supported by the adjoint generator",
       line);
}

std::string Generator::offset(const Access &a) const {
  const Variable &v = L.variables[a.variable];
  unsigned line = a.range.line;
  if (a.subscripts.size() != v.rank)
    fail("access '" + a.text + "' has " + std::to_string(a.subscripts.size()) +
             " subscripts for an array of rank " + std::to_string(v.rank),
         line);
  std::string out = idx(a.subscripts[0], line);
  for (size_t d = 1; d < v.rank; ++d) {
    std::string ext = idx(*v.extents[d], line);
    out = "(" + out + ") * " + (v.extents[d]->kind == IndexExpr::Kind::Const || v.extents[d]->kind == IndexExpr::Kind::Var ? ext : "(" + ext + ")") +
          " + " + idx(a.subscripts[d], line);
  }
  return out;
}

ExprContext Generator::context(unsigned line, const std::map<int, Strat> *strategies,
                               bool overloaded, std::set<int> *values, unsigned *temps) const {
  ExprContext ctx;
  ctx.loop = &L;
  ctx.file = L.range.file;
  ctx.line = line;
  ctx.overloadedMath = overloaded;
  ctx.valuesRead = values;
  ctx.temporaries = temps;
  auto var = [this](int a) -> const VarInfo & { return vars_.at(L.accesses.at(a).variable); };
  ctx.active = [this, var](int a) {
    return a >= 0 && L.accesses.at(a).variable >= 0 && var(a).active;
  };
  ctx.primal = [this, var](int a) {
    const Access &acc = L.accesses.at(a);
    if (acc.variable < 0)
      throw CodegenError("access '" + acc.text + "' names no variable", L.range.file, acc.range.line);
    const VarInfo &v = var(a);
    return v.role == Role::Array ? v.c + "[" + offset(acc) + "]" : v.c;
  };
  ctx.adjoint = [this, var](int a) {
    const VarInfo &v = var(a);
    return v.role == Role::Array ? v.b + "[" + offset(L.accesses.at(a)) + "]" : v.b;
  };
  ctx.tangent = [this, var](int a) {
    const VarInfo &v = var(a);
    return v.role == Role::Array ? v.d + "[" + offset(L.accesses.at(a)) + "]" : v.d;
  };
  ctx.skip = [this, strategies](int a) {
    if (!strategies)
      return false;
    auto it = strategies->find(L.accesses.at(a).variable);
    return it != strategies->end() && it->second == Strat::Gather;
  };
  ctx.atomicIf = [this, strategies](int a) -> std::string {
    if (!strategies)
      return "";
    auto it = strategies->find(L.accesses.at(a).variable);
    return it != strategies->end() && it->second == Strat::EdgeAtomic ? "al_edge" : "";
  };
  ctx.atomic = [this, strategies](int a) {
    if (!strategies)
      return false;
    auto it = strategies->find(L.accesses.at(a).variable);
    return it != strategies->end() && it->second == Strat::Atomic;
  };
  return ctx;
}

std::string Generator::lhsValue(const Statement &s) const {
  return context(s.range.line, nullptr, false, nullptr, nullptr).primal(s.lhs);
}

/// A `for` header over the iterations of `h`, forward or in reverse order.
std::string Generator::header(const LoopHeader &h, bool reversed, unsigned depth) const {
  unsigned line = h.range.line;
  std::string it = ident(h.iterator), lo = idx(h.lower, line), hi = idx(h.bound, line);
  int64_t s = h.step;
  using Op = Condition::Op;
  bool up = s > 0;
  if (s == 0 || (up && h.op != Op::LT && h.op != Op::LE) || (!up && h.op != Op::GT && h.op != Op::GE))
    fail("loop over '" + h.iterator + "' is not a counted loop the generator can reverse", line);
  std::string stepText = s == 1 ? "++" + it : s == -1 ? "--" + it
                         : it + (up ? " += " : " -= ") + std::to_string(up ? s : -s);
  if (!reversed)
    return "for (long " + it + " = " + lo + "; " + it + " " + model::toString(h.op) + " " + hi +
           "; " + stepText + ")";
  if (s == 1 || s == -1) {
    // for (i = lo; i < hi; ++i) reversed: for (i = hi - 1; i >= lo; --i)
    std::string last = h.op == Op::LT ? "(" + hi + ") - 1" : h.op == Op::GT ? "(" + hi + ") + 1" : hi;
    return "for (long " + it + " = " + last + "; " + it + (up ? " >= " : " <= ") + lo + "; " +
           (up ? "--" : "++") + it + ")";
  }
  // General step: count the trips, then walk them backwards.
  std::string a = std::to_string(up ? s : -s);
  std::string span = up ? "(" + hi + ") - (" + lo + ")" : "(" + lo + ") - (" + hi + ")";
  bool strict = h.op == Op::LT || h.op == Op::GT;
  std::string trips = strict ? "(" + span + " > 0 ? (" + span + " + " + a + " - 1) / " + a + " : 0)"
                             : "(" + span + " >= 0 ? (" + span + ") / " + a + " + 1 : 0)";
  std::string t = it + "_trip";
  return "for (long " + t + " = " + trips + " - 1, " + it + " = (" + lo + ") " + (up ? "+ " : "- ") +
         t + " * " + a + "; " + t + " >= 0; --" + t + ", " + it + (up ? " -= " : " += ") + a + ")";
}

std::vector<std::string> Generator::parallelHeaders(bool reversed) const {
  std::vector<std::string> out;
  for (size_t k = 0; k < L.iterators.size(); ++k)
    out.push_back(header(L.iterators[k], reversed, static_cast<unsigned>(k)));
  return out;
}

/// Parameters: 'f' forward, 'd' tangent (x, xd pairs), 'b' adjoint (x, xb).
std::string Generator::signature(char mode, bool overloaded) const {
  std::vector<std::string> parts;
  for (const std::string &p : intParams_)
    parts.push_back("long " + p);
  for (int k : scalarIns_)
    parts.push_back(vars_[k].type + " " + vars_[k].c);
  for (int k : arrays_) {
    const VarInfo &v = vars_[k];
    std::string t = overloaded && v.active ? "R" : v.type;
    parts.push_back(std::string(v.written ? "" : "const ") + t + " *" + v.c);
    if (mode == 'd' && v.active)
      parts.push_back(std::string(v.written ? "" : "const ") + t + " *" + v.d);
    if (mode == 'b' && v.active)
      parts.push_back(t + " *" + v.b);
  }
  std::string out;
  for (const std::string &p : parts)
    out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "void" : out;
}

void Generator::declareLocals(CodeWriter &w, char mode, bool overloaded) const {
  for (size_t k = 0; k < vars_.size(); ++k) {
    const VarInfo &v = vars_[k];
    if (v.role != Role::Local)
      continue;
    std::string t = overloaded && v.active ? "R" : v.type;
    std::string line = t + " " + v.c + " = 0";
    if (mode == 'd' && v.active)
      line += ", " + v.d + " = 0";
    if (mode == 'b' && v.active)
      line += ", " + v.b + " = 0";
    w.line(line + ";");
  }
}

bool Generator::containsStatement(const Item &item, const std::set<int> *only) const {
  if (item.statement >= 0)
    return !only || only->count(lhsVar(L.statements[item.statement]));
  for (const Item &c : item.children)
    if (containsStatement(c, only))
      return true;
  return false;
}

/// Forward code of `items`: the primal statements (with their tangents
/// first when `tangent`), only those writing `only` variables when given,
/// each preceded by a tape push of the old value when `push`.
void Generator::emitPrimal(const std::vector<Item> &items, CodeWriter &w, bool tangent,
                           bool overloaded, const std::set<int> *only, bool push) const {
  for (const Item &item : items) {
    if (!containsStatement(item, only))
      continue;
    if (item.statement < 0) {
      const Scope &sc = L.scopes[item.scope];
      if (sc.kind == Scope::Kind::Loop)
        w.open(header(sc.loop, false, 0));
      else
        w.open("if (" + cond(sc.guard, sc.range.line) + ")");
      emitPrimal(item.children, w, tangent, overloaded, only, push);
      w.close();
      continue;
    }
    const Statement &s = L.statements[item.statement];
    ExprContext ctx = context(s.range.line, nullptr, overloaded, nullptr, nullptr);
    std::string lhs = ctx.primal(s.lhs), rhs = primalExpr(s.rhs, ctx);
    int v = lhsVar(s);
    if (push && pushed_.count(v))
      w.line("al_push(&tape, " + lhs + ");");
    if (tangent && vars_[v].active) {
      std::string d = tangentExpr(s.rhs, ctx), ld = ctx.tangent(s.lhs);
      if (s.op == "=") // l = e: l̇ = ė
        w.line(ld + " = " + (d.empty() ? "0" : d) + ";");
      else if ((s.op == "+=" || s.op == "-=") && !d.empty()) // l ±= e: l̇ ±= ė
        w.line(ld + " " + s.op + " " + d + ";");
      else if (s.op == "*=") // l *= e: l̇ = l̇ e + l ė
        w.line(ld + " = " + ld + " * (" + rhs + ")" + (d.empty() ? "" : " + " + lhs + " * (" + d + ")") + ";");
      else if (s.op == "/=") // l /= e: l̇ = (l̇ - (l / e) ė) / e
        w.line(ld + " = (" + ld + (d.empty() ? "" : " - " + lhs + " / (" + rhs + ") * (" + d + ")") +
               ") / (" + rhs + ");");
    }
    w.line(lhs + " " + s.op + " " + rhs + ";");
  }
}

/// Adds every access of `e` to `values`.
void recordAll(const model::Expr &e, std::set<int> *values) {
  if (!values)
    return;
  if (e.kind == model::Expr::Kind::Access)
    values->insert(e.access);
  for (const model::Expr &o : e.operands)
    recordAll(o, values);
}

/// The adjoint of one statement. `l` is its left side, `s` the seed l̄.
void Generator::emitReverseStatement(int k, CodeWriter &w, const std::map<int, Strat> &strategies,
                                     unsigned *temps, std::set<int> *values,
                                     const Focus *focus) const {
  const Statement &s = L.statements[k];
  ExprContext ctx = context(s.range.line, &strategies, false, values, temps);
  if (focus) { // the focused reads' increments and those of the locals only
    ctx.skip = [this, focus](int a) {
      return !focus->accesses.count(a) && vars_[L.accesses.at(a).variable].role != Role::Local;
    };
    if (!focus->sum.empty())
      ctx.adjoint = [focus, adjoint = ctx.adjoint](int a) {
        return focus->accesses.count(a) ? focus->sum : adjoint(a);
      };
  }
  int v = lhsVar(s);
  ctx.real = vars_[v].active ? vars_[v].type : "double";
  std::string lhs = ctx.primal(s.lhs), rhs = primalExpr(s.rhs, ctx);
  if (pushed_.count(v))
    w.line(lhs + " = al_pop(&tape);");
  if (focus && !focus->statements.count(k))
    return;
  // In a focus, the adjoints of array elements are seeds: never reset.
  bool resets = !focus || vars_[v].role != Role::Array;
  if (!vars_[v].active) {
    CodeWriter scratch;
    reverseExpr(s.rhs, "0", ctx, scratch); // checks only
    return;
  }
  std::string lb = ctx.adjoint(s.lhs);
  bool activeRhs = isActive(s.rhs, ctx);
  if (s.op == "=") {
    // l = e: ē += l̄; l̄ = 0
    if (!activeRhs) {
      if (resets)
        w.line(lb + " = 0;");
      return;
    }
    std::string t = "t" + std::to_string(temps ? ++*temps : 0);
    w.line("const " + ctx.real + " " + t + " = " + lb + ";");
    if (resets)
      w.line(lb + " = 0;");
    reverseExpr(s.rhs, t, ctx, w);
  } else if (s.op == "+=" || s.op == "-=") {
    // l ±= e: l̄ unchanged; ē ±= l̄
    if (!activeRhs)
      return;
    std::string t = "t" + std::to_string(temps ? ++*temps : 0);
    w.line("const " + ctx.real + " " + t + " = " + (s.op == "-=" ? "-" : "") + lb + ";");
    reverseExpr(s.rhs, t, ctx, w);
  } else if (s.op == "*=") {
    // l *= e: ē += l̄ l_old; l̄ = l̄ e
    recordAll(s.rhs, values);
    if (values)
      values->insert(s.lhs);
    std::string t = "t" + std::to_string(temps ? ++*temps : 0);
    w.line("const " + ctx.real + " " + t + " = " + lb + ";");
    if (resets)
      w.line(lb + " = " + t + " * (" + rhs + ");");
    if (activeRhs)
      reverseExpr(s.rhs, t + " * " + lhs, ctx, w);
  } else if (s.op == "/=") {
    // l /= e: l̄_old = l̄ / e; ē -= l̄ l_old / e²
    recordAll(s.rhs, values);
    if (values)
      values->insert(s.lhs);
    std::string t = "t" + std::to_string(temps ? ++*temps : 0);
    w.line("const " + ctx.real + " " + t + " = " + lb + ";");
    if (resets)
      w.line(lb + " = " + t + " / (" + rhs + ");");
    if (activeRhs)
      reverseExpr(s.rhs, "-" + t + " * " + lhs + " / ((" + rhs + ") * (" + rhs + "))", ctx, w);
  }
}

void Generator::emitReverse(const std::vector<Item> &items, CodeWriter &w,
                            const std::map<int, Strat> &strategies, unsigned *temps,
                            const Focus *focus) const {
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const Item &item = *it;
    if (item.statement < 0) {
      const Scope &sc = L.scopes[item.scope];
      CodeWriter inner;
      emitReverse(item.children, inner, strategies, temps, focus);
      if (focus && inner.empty())
        continue; // nothing of the focus in this scope
      if (sc.kind == Scope::Kind::Loop)
        w.open(header(sc.loop, true, 0));
      else
        w.open("if (" + cond(sc.guard, sc.range.line) + ")");
      w.append(inner);
      w.close();
      continue;
    }
    const Statement &s = L.statements[item.statement];
    CodeWriter body;
    emitReverseStatement(item.statement, body, strategies, temps, nullptr, focus);
    if (body.empty())
      continue;
    std::string text = s.rhs.text.size() > 60 ? s.rhs.text.substr(0, 57) + "..." : s.rhs.text;
    for (char &c : text)
      if (c == '\n')
        c = ' ';
    if (text.find("*/") != std::string::npos)
      text = "...";
    w.line("/* line " + std::to_string(s.range.line) + ": " + lhsValue(s) + " " + s.op + " " + text + " */");
    w.append(body);
  }
}

void Generator::emitAdjointIteration(CodeWriter &w, const std::map<int, Strat> &strategies) const {
  declareLocals(w, 'b');
  bool edge = false;
  for (auto [k, s] : strategies)
    edge |= s == Strat::EdgeAtomic;
  if (edge) {
    // The iteration's position in its chunk: the first and last
    // edgeIterations_ of each chunk may conflict with the neighbour chunk.
    const LoopHeader &h = L.iterators[0];
    std::string c = std::to_string(*L.clauses.chunk), b = std::to_string(edgeIterations_);
    w.line("const long al_pos = ((" + ident(h.iterator) + " - (" + idx(h.lower, h.range.line) + ")) / " +
           std::to_string(h.step) + ") % " + c + ";");
    w.line("const int al_edge = al_pos < " + b + " || al_pos >= " + c + " - " + b + ";");
  }
  if (tape_)
    w.line("al_tape tape = {0, 0, 0};");
  if (!needed_.empty() && containsStatement(root_, &needed_)) {
    w.line("/* forward sweep: the values the reverse sweep reads */");
    emitPrimal(root_.children, w, false, false, &needed_, true);
  }
  w.line("/* reverse sweep */");
  unsigned temps = 0;
  emitReverse(root_.children, w, strategies, &temps);
  if (tape_)
    w.line("free(tape.data);");
}

// --- gather loops -------------------------------------------------------------

/// The contributions of one group of reads (Gather.h: one element map over
/// the same instances) at one statement instance. Where every read's
/// statement has a seed (seedOf_): the reverse rules of those statements with
/// every increment but the group's left out and no reset (the loop after the
/// gather loops resets the adjoints it reads); otherwise the iteration's
/// sweeps focused on the group (gatherIteration). A group of several reads
/// sums its partials in a temporary and increments the element once (the
/// reads of one instance read the same element; the serial adjoint adds the
/// same partials one by one, a reassociation within --verify's tolerance, and
/// the order is fixed, so the result does not depend on the thread count).
std::vector<std::string> Generator::gatherBody(
    const std::vector<int> &group, const std::vector<std::pair<std::string, std::string>> &its) const {
  std::vector<std::string> head;
  if (group.size() > 1) {
    std::string list;
    for (size_t k = 0; k < group.size();) {
      size_t e = k;
      while (e < group.size() && L.accesses[group[e]].text == L.accesses[group[k]].text)
        ++e;
      std::string text = L.accesses[group[k]].text;
      if (text.find("*/") != std::string::npos)
        text = "...";
      list += (list.empty() ? "" : ", ") + text + (e - k > 1 ? " x" + std::to_string(e - k) : "");
      k = e;
    }
    head.push_back("/* one statement for the reads " + list + " */");
  }
  bool seeds = std::all_of(group.begin(), group.end(),
                           [&](int a) { return statementOf_.count(a) && seedOf_.count(statementOf_.at(a)); });
  if (!seeds) {
    std::vector<std::string> body = gatherIteration(group, its);
    head.insert(head.end(), body.begin(), body.end());
    return head;
  }
  CodeWriter w;
  for (const std::string &l : head)
    w.line(l);
  for (const auto &[name, value] : its)
    w.line("const long " + ident(name) + " = " + value + ";");
  std::set<int> inGroup(group.begin(), group.end());
  std::vector<int> statements; // the group's statements, in order of its reads
  for (int a : group)
    if (std::find(statements.begin(), statements.end(), statementOf_.at(a)) == statements.end())
      statements.push_back(statementOf_.at(a));
  const std::string sum = group.size() > 1 ? "al_sum" : "";
  ExprContext first = context(L.statements[statements.front()].range.line, nullptr, false, nullptr, nullptr);
  if (!sum.empty())
    w.line(vars_[L.accesses[group.front()].variable].type + " " + sum + " = 0;");
  unsigned temps = 0;
  for (int s : statements) {
    const Statement &st = L.statements[s];
    ExprContext ctx = context(st.range.line, nullptr, false, nullptr, &temps);
    ctx.skip = [&inGroup](int a) { return !inGroup.count(a); };
    if (!sum.empty())
      ctx.adjoint = [&inGroup, sum, adjoint = ctx.adjoint](int a) {
        return inGroup.count(a) ? sum : adjoint(a);
      };
    ctx.real = vars_[lhsVar(st)].type;
    std::string t = "t" + std::to_string(s == statements.front() ? 0 : ++temps);
    w.line("const " + ctx.real + " " + t + " = " + seedOf_.at(s) + ";");
    reverseExpr(st.rhs, t, ctx, w);
  }
  if (!sum.empty())
    w.line(first.adjoint(group.front()) + " += " + sum + ";");
  return w.lines();
}

/// The statements whose reverse rules a gather statement of a read in
/// statement `statement` runs: that statement, then (fixpoint) those that
/// read or write a local whose adjoint a chosen statement reads (the locals
/// they assign included).
std::set<int> Generator::focusStatements(int statement) const {
  std::set<int> chosen = {statement}, locals;
  auto reads = [&](const model::Expr &e, std::set<int> &out) { readVariables(L, e, out); };
  for (bool changed = true; changed;) {
    changed = false;
    for (int k : chosen)
      if (vars_[lhsVar(L.statements[k])].role == Role::Local)
        changed |= locals.insert(lhsVar(L.statements[k])).second;
    for (size_t k = 0; k < L.statements.size(); ++k) {
      std::set<int> r;
      reads(L.statements[k].rhs, r);
      r.insert(lhsVar(L.statements[k]));
      if (std::any_of(r.begin(), r.end(), [&](int v) { return locals.count(v) > 0; }))
        changed |= chosen.insert(static_cast<int>(k)).second;
    }
  }
  return chosen;
}

/// The contribution of a read whose seed is the adjoint of a general local
/// (or of an expression mixing locals) at one iteration: that iteration's
/// locals, recomputed by the forward sweep (only the values its reverse sweep
/// reads, the tape where they are overwritten), then its reverse sweep
/// focused on the read (Focus), all in statement-local temporaries.
std::vector<std::string> Generator::gatherIteration(
    const std::vector<int> &group, const std::vector<std::pair<std::string, std::string>> &its) const {
  CodeWriter w;
  for (const auto &[name, value] : its)
    w.line("const long " + ident(name) + " = " + value + ";");
  declareLocals(w, 'b');
  if (tape_)
    w.line("al_tape tape = {0, 0, 0};");
  if (!needed_.empty() && containsStatement(root_, &needed_))
    emitPrimal(root_.children, w, false, false, &needed_, true);
  Focus focus;
  focus.accesses.insert(group.begin(), group.end());
  for (int a : group) {
    std::set<int> more = focusStatements(statementOf_.at(a));
    focus.statements.insert(more.begin(), more.end());
  }
  if (group.size() > 1) { // the group's partials summed, one increment
    focus.sum = "al_sum";
    w.line(vars_[L.accesses[group.front()].variable].type + " " + focus.sum + " = 0;");
  }
  unsigned temps = 0;
  emitReverse(root_.children, w, {}, &temps, &focus);
  if (!focus.sum.empty()) {
    ExprContext c = context(L.statements[statementOf_.at(group.front())].range.line, nullptr, false, nullptr,
                            nullptr);
    w.line(c.adjoint(group.front()) + " += " + focus.sum + ";");
  }
  if (tape_)
    w.line("free(tape.data);");
  return w.lines();
}

/// Gather loops for the arrays whose reads overlap. A read's contribution at
/// one statement instance is its statement's seed times a partial where the
/// seed is known without running the reverse sweep (gatherBody):
/// - a statement `Y[o] = e`, `Y[o] += e`, `Y[o] -= e` with no local in e (Y
///   written by it only, `=` in inner loops on distinct elements): ±Yb[o];
/// - `l += e`, `l -= e` on an accumulator local l (initialised once with a
///   passive value, read once by `Y[o] = l` or `Y[o] += l` after its updates,
///   outside inner loops): the seed is ±Yb[o] of that reader.
/// Other reads outside inner loops (through general locals) rerun their
/// iteration (gatherIteration); inside inner loops they keep the reduction.
void Generator::buildGathers() {
  std::function<void(const model::Expr &, int)> walk = [&](const model::Expr &e, int s) {
    if (e.kind == model::Expr::Kind::Access && e.access >= 0)
      statementOf_[e.access] = s;
    for (const model::Expr &o : e.operands)
      walk(o, s);
  };
  for (size_t k = 0; k < L.statements.size(); ++k)
    walk(L.statements[k].rhs, static_cast<int>(k));
  auto readsLocal = [&](const model::Expr &root) {
    bool found = false;
    std::function<void(const model::Expr &)> rec = [&](const model::Expr &e) {
      if (e.kind == model::Expr::Kind::Access && e.access >= 0 &&
          vars_[L.accesses[e.access].variable].role == Role::Local)
        found = true;
      for (const model::Expr &o : e.operands)
        rec(o);
    };
    rec(root);
    return found;
  };
  std::string why;
  std::map<int, int> writers;
  for (const Statement &st : L.statements)
    ++writers[lhsVar(st)];
  // Locals: an accumulator's seed is its reader's (localSeed); the others
  // (notAccumulator, with the reason) are recomputed by gatherIteration.
  std::map<int, std::string> localSeed, notAccumulator;
  auto within = [&](int inner, int outer) { // scope `inner` lies in scope `outer`
    if (outer < 0)
      return true;
    if (inner < 0)
      return false;
    std::vector<int> chain = L.scopeChain(inner);
    return std::find(chain.begin(), chain.end(), outer) != chain.end();
  };
  for (size_t v = 0; v < vars_.size(); ++v) {
    if (vars_[v].role != Role::Local)
      continue;
    const std::string &n = L.variables[v].name;
    std::string lw;
    int reader = -1, init = -1;
    std::vector<int> updates;
    for (size_t k = 0; k < L.statements.size() && lw.empty(); ++k) {
      const Statement &st = L.statements[k];
      bool readsV = false;
      std::function<void(const model::Expr &)> rec = [&](const model::Expr &e) {
        if (e.kind == model::Expr::Kind::Access && L.accesses[e.access].variable == static_cast<int>(v))
          readsV = true;
        for (const model::Expr &o : e.operands)
          rec(o);
      };
      rec(st.rhs);
      if (readsV) {
        bool plainRead = st.rhs.kind == model::Expr::Kind::Access &&
                         vars_[lhsVar(st)].role == Role::Array && st.op != "*=" && st.op != "/=";
        if (!plainRead || reader >= 0)
          lw = "local " + n + " is read other than once, by `Y[o] = " + n + "`";
        reader = static_cast<int>(k);
      }
      if (lhsVar(st) == static_cast<int>(v)) {
        ExprContext c = context(st.range.line, nullptr, false, nullptr, nullptr);
        if (st.op == "=" && !isActive(st.rhs, c) && init < 0 && reader < 0)
          init = static_cast<int>(k);
        else if ((st.op == "+=" || st.op == "-=") && !readsLocal(st.rhs) && init >= 0 && reader < 0)
          updates.push_back(static_cast<int>(k));
        else
          lw = "local " + n + " is not an accumulator (line " + std::to_string(st.range.line) + ")";
      }
    }
    if (lw.empty() && (reader < 0 || init < 0 || L.statements[reader].scope != L.statements[init].scope))
      lw = "local " + n + " is not initialised and read once in one scope";
    if (!lw.empty()) {
      notAccumulator[static_cast<int>(v)] = lw;
      continue;
    }
    for (int u : updates)
      if (!within(L.statements[u].scope, L.statements[reader].scope))
        lw = "local " + n + " is updated outside the scope it is read in";
    const Statement &r = L.statements[reader];
    std::string distinct;
    if (inInnerLoop(r.scope) && !writesDistinctElements(L, r.lhs, distinct))
      lw = distinct;
    if (!lw.empty()) {
      notAccumulator[static_cast<int>(v)] = lw;
      continue;
    }
    ExprContext c = context(r.range.line, nullptr, false, nullptr, nullptr);
    localSeed[static_cast<int>(v)] = (r.op == "-=" ? "-" : "") + c.adjoint(r.lhs);
  }
  for (size_t k = 0; k < L.statements.size() && why.empty(); ++k) {
    const Statement &st = L.statements[k];
    int v = lhsVar(st);
    ExprContext c = context(st.range.line, nullptr, false, nullptr, nullptr);
    if (vars_[v].role == Role::Local) {
      if ((st.op == "+=" || st.op == "-=") && localSeed.count(v))
        seedOf_[static_cast<int>(k)] =
            (st.op == "-=" ? "-(" : "(") + localSeed.at(v) + ")";
      continue;
    }
    if (!vars_[v].active)
      continue;
    std::string distinct;
    if (st.op != "=" && st.op != "+=" && st.op != "-=")
      why = "its statement at line " + std::to_string(st.range.line) + " uses " + st.op;
    else if (writers[v] > 1)
      why = L.variables[v].name + " is assigned by more than one statement";
    else if (st.op == "=" && inInnerLoop(st.scope) && !writesDistinctElements(L, st.lhs, distinct))
      why = distinct;
    else if (!readsLocal(st.rhs)) // reading locals: gatherIteration
      seedOf_[static_cast<int>(k)] = (st.op == "-=" ? "-" : "") + c.adjoint(st.lhs);
  }
  // The reads without a seed run their iteration's forward and reverse
  // sweeps (gatherIteration): not inside an inner loop (the sweeps are the
  // whole iteration's, the read one instance), and the forward sweep must
  // not write an array (no side effects).
  std::string forwardWrites;
  for (const Statement &st : L.statements)
    if (vars_[lhsVar(st)].role == Role::Array && needed_.count(lhsVar(st)) && forwardWrites.empty())
      forwardWrites = "the forward sweep of an iteration writes " + L.variables[lhsVar(st)].name +
                      " (line " + std::to_string(st.range.line) + ")";
  auto iterationWhy = [&](int a) -> std::string {
    const Access &acc = L.accesses[a];
    auto it = statementOf_.find(a);
    if (it == statementOf_.end())
      return "the contribution of '" + acc.text + "' has no seed known before the reverse sweep";
    const Statement &st = L.statements[it->second];
    if (inInnerLoop(st.scope)) {
      auto na = notAccumulator.find(lhsVar(st));
      return (na != notAccumulator.end() ? na->second
                                         : "its statement at line " + std::to_string(st.range.line) +
                                               " reads locals") +
             ", and '" + acc.text + "' is read inside an inner loop (the gather statement of a "
             "read there cannot rerun its iteration's reverse sweep for one instance)";
    }
    return forwardWrites;
  };
  for (int k : arrays_) {
    if (!vars_[k].active || vars_[k].written)
      continue;
    const polyhedral::VariableVerdicts *vv = nullptr;
    for (const polyhedral::VariableVerdicts &c : V.variables)
      if (c.variable == k)
        vv = &c;
    if (vv && vv->exclusiveRead.verdict == Verdict::Holds)
      continue; // plain is better
    const std::string &n = L.variables[k].name;
    std::string reason;
    for (size_t a = 0; a < L.accesses.size() && reason.empty(); ++a)
      if (L.accesses[a].variable == k &&
          (!statementOf_.count(static_cast<int>(a)) || !seedOf_.count(statementOf_.at(static_cast<int>(a)))))
        reason = iterationWhy(static_cast<int>(a));
    if (reason.empty())
      reason = why;
    if (!reason.empty()) {
      out_.gaps.push_back("no gather loop for " + n + ": " + reason + "; reduction instead");
      continue;
    }
    GatherLoop g;
    GatherBody body = [this](const std::vector<int> &group,
                             const std::vector<std::pair<std::string, std::string>> &its) {
      return gatherBody(group, its);
    };
    if (buildGatherLoop(L, k, body, g, reason))
      gather_[k] = std::move(g);
    else
      out_.gaps.push_back("no gather loop for " + n + ": " + reason + "; reduction instead");
  }
}

// --- files ------------------------------------------------------------------

std::string Generator::extentExpr(int var) const {
  const Variable &v = L.variables[var];
  std::string out;
  for (size_t d = 0; d < v.rank; ++d) {
    if (!v.extents[d] || !isAffineForm(*v.extents[d]))
      return "";
    out += (out.empty() ? "" : " * ") + std::string("(") + idx(*v.extents[d], v.declRange.line) + ")";
  }
  return out;
}

std::string Generator::strategyComment(int var, Strat s) const {
  const std::string &n = L.variables[var].name;
  const VarInfo &v = vars_[var];
  if (v.written)
    return n + ": plain; each element of " + v.b + " is reset or scaled only by the iteration "
           "that writes it (the forward loop has no race on " + n + ")";
  switch (s) {
  case Strat::Plain:
    return n + ": plain; exclusive read holds (no two iterations read one element), so the "
           "increments of " + v.b + " never collide";
  case Strat::Reduction:
    return n + ": reduction; each thread increments its own copy of " + v.b + ", summed at the end";
  case Strat::Atomic:
    return n + ": atomic; each increment of " + v.b + " is an atomic update";
  case Strat::EdgeAtomic:
    return n + ": atomic at chunk boundaries only; with schedule(static, " +
           std::to_string(L.clauses.chunk.value_or(0)) + ") every cross-thread conflict on " + n +
           " joins adjacent chunks within " + std::to_string(edgeIterations_) +
           " iteration(s) of their boundary (Z3), so iterations farther inside a chunk increment " +
           v.b + " plainly";
  case Strat::Gather:
    return n + ": gather; a loop over the elements of " + n + " pulls their contributions "
           "(exclusive read does not hold, its reads are affine), built by isl's AST generator";
  }
  return "";
}

std::string Generator::adjointFunction(const std::string &fname, const std::string &what,
                                       const std::map<int, Strat> &strategies, bool serial) const {
  CodeWriter w;
  w.line("/* " + what);
  for (int k : arrays_)
    if (vars_[k].active)
      w.line(" *   " + (serial ? L.variables[k].name + ": serial" :
                            strategyComment(k, strategies.count(k) ? strategies.at(k) : Strat::Plain)));
  w.line(" */");
  w.open("void " + fname + "(" + signature('b') + ")");
  for (auto [k, s] : strategies) {
    if (s != Strat::Gather)
      continue;
    w.line("/* " + L.variables[k].name + ": the gather loop, before the loop below resets the");
    w.line(" * adjoints it reads. */");
    w.open("");
    for (const std::string &l : gather_.at(k).lines)
      w.line(l);
    w.close();
  }
  std::string clause, allocated;
  if (!serial) {
    for (auto [k, s] : strategies) {
      if (s != Strat::Reduction || vars_[k].written)
        continue;
      std::string ext = extentExpr(k), len = "len_" + vars_[k].b;
      if (ext.empty()) {
        if (clause.empty()) {
          w.line("long extent[" + std::to_string(std::max<size_t>(arrays_.size(), 1)) + "];");
          w.line(loopName(L) + "_footprint(" + callArgs('p') + "extent);");
        }
        size_t pos = std::find(arrays_.begin(), arrays_.end(), k) - arrays_.begin();
        ext = "extent[" + std::to_string(pos) + "]";
      }
      w.line("const long " + len + " = " + ext + ";");
      clause += (clause.empty() ? "" : ", ") + vars_[k].b + "[0:" + len + "]";
      allocated += (allocated.empty() ? "" : ", ") + vars_[k].b;
    }
    std::string pragma = "#pragma omp parallel for";
    if (L.iterators.size() > 1)
      pragma += " collapse(" + std::to_string(L.iterators.size()) + ")";
    for (auto [k, s] : strategies)
      if (s == Strat::EdgeAtomic) {
        pragma += " schedule(static, " + std::to_string(*L.clauses.chunk) + ")";
        break;
      }
    // The private copies of the array sections come from the heap: without
    // the allocate clause clang puts them on the threads' stacks, which
    // overflow from a few MiB on (a 4096^2 grid needs 128 MiB per copy).
    if (!clause.empty())
      pragma += " reduction(+: " + clause + ") allocate(omp_default_mem_alloc: " + allocated + ")";
    w.line(pragma);
  }
  std::vector<std::string> hs = parallelHeaders(serial);
  for (size_t k = 0; k + 1 < hs.size(); ++k)
    w.line(hs[k]);
  w.open(hs.back());
  emitAdjointIteration(w, strategies);
  w.close();
  w.close();
  return w.str();
}

/// Arguments for a call with the forward parameters; 'p' ends in ", ".
std::string Generator::callArgs(char mode) const {
  std::string out;
  for (const std::string &p : intParams_)
    out += p + ", ";
  for (int k : scalarIns_)
    out += vars_[k].c + ", ";
  if (mode == 'p')
    return out;
  return out;
}

std::string Generator::footprintFunction() const {
  CodeWriter w;
  w.line("/* The element range each array is accessed in: extent[k] is one past the largest");
  w.line(" * offset of array k (arguments in the order of the forward kernel's arrays).");
  w.line(" * Returns -1 if an offset is negative. The driver sizes its test arrays with it;");
  w.line(" * the reduction adjoint sizes its array sections with it. */");
  std::string params;
  for (const std::string &p : intParams_)
    params += "long " + p + ", ";
  for (int k : scalarIns_)
    params += vars_[k].type + " " + vars_[k].c + ", ";
  w.open("int " + loopName(L) + "_footprint(" + params + "long *extent)");
  w.line("int ok = 1;");
  for (size_t k = 0; k < arrays_.size(); ++k)
    w.line("extent[" + std::to_string(k) + "] = 0;");
  for (size_t k = 0; k < arrays_.size(); ++k) {
    for (const Access &a : L.accesses) {
      if (a.variable != arrays_[k])
        continue;
      std::vector<std::string> hs = parallelHeaders(false);
      unsigned opened = 0;
      for (const std::string &h : hs) {
        w.open(h);
        ++opened;
      }
      if (a.scope >= 0)
        for (int s : L.scopeChain(a.scope)) {
          const Scope &sc = L.scopes[s];
          if (sc.kind == Scope::Kind::Loop) {
            w.open(header(sc.loop, false, 0));
            ++opened;
          } else if (!sc.guard.isOpaque()) {
            w.open("if (" + cond(sc.guard, sc.range.line) + ")");
            ++opened;
          } // an opaque guard (a floating condition): over-approximated
        }
      w.line("const long o = " + offset(a) + ";");
      w.line("if (o < 0) ok = 0;");
      w.line("if (o + 1 > extent[" + std::to_string(k) + "]) extent[" + std::to_string(k) + "] = o + 1;");
      while (opened--)
        w.close();
    }
  }
  w.line("return ok ? 0 : -1;");
  w.close();
  return w.str();
}

void Generator::writeSource() {
  std::string n = out_.name;
  const std::string &file = L.range.file;
  std::string origin = file + ":" + std::to_string(L.range.line) +
                       (L.function.empty() ? "" : " (function " + L.function + ")");

  // Strategies per array for each variant.
  std::vector<int> incremented; // active arrays only read: their adjoints are incremented
  for (int k : arrays_)
    if (vars_[k].active && !vars_[k].written)
      incremented.push_back(k);
  auto verdictOf = [&](int k) -> const polyhedral::VariableVerdicts * {
    for (const polyhedral::VariableVerdicts &vv : V.variables)
      if (vv.variable == k)
        return &vv;
    return nullptr;
  };
  bool allPlain = true;
  std::map<int, Strat> plain, reduction, atomic, gather, chosen;
  for (int k : arrays_) {
    if (!vars_[k].active)
      continue;
    const polyhedral::VariableVerdicts *vv = verdictOf(k);
    ArrayPlan plan;
    plan.name = L.variables[k].name;
    plan.elementType = vars_[k].type;
    plan.written = vars_[k].written;
    plan.verdictStrategy = vv ? vv->strategy : "";
    bool exclusive = vv && vv->exclusiveRead.verdict == Verdict::Holds;
    if (vars_[k].written) {
      plain[k] = reduction[k] = atomic[k] = gather[k] = chosen[k] = Strat::Plain;
      plan.strategy = "plain";
      plan.reason = strategyComment(k, Strat::Plain);
    } else {
      plain[k] = Strat::Plain;
      reduction[k] = Strat::Reduction;
      atomic[k] = Strat::Atomic;
      allPlain &= exclusive;
      gather[k] = exclusive ? Strat::Plain : gather_.count(k) ? Strat::Gather : Strat::Reduction;
      if (exclusive) {
        chosen[k] = Strat::Plain;
        plan.strategy = "plain";
        plan.reason = strategyComment(k, Strat::Plain);
      } else if (gather_.count(k) && plan.verdictStrategy != "reduction" &&
                 plan.verdictStrategy != "atomic") {
        // The deciders advise a reduction for small fixed footprints (w[k],
        // k < 3): a gather loop over three elements has no parallelism.
        chosen[k] = Strat::Gather;
        plan.strategy = "gather";
        plan.reason = strategyComment(k, Strat::Gather);
        plan.proof = gather_.at(k).proof;
      } else if (plan.verdictStrategy == "atomic") {
        chosen[k] = Strat::Atomic;
        plan.strategy = "atomic";
        plan.reason = (vv ? vv->strategyReason : "") + " (atomic)";
      } else {
        chosen[k] = Strat::Reduction;
        plan.strategy = "reduction";
        plan.reason = "exclusive read does not hold for " + plan.name +
                      (plan.verdictStrategy == "gather"
                           ? "; the deciders advise a gather loop, which the generator could "
                             "not build (see gaps), so the next choice: a reduction"
                           : "; reduction: " + (vv ? vv->strategyReason : std::string()));
      }
    }
    out_.arrays.push_back(plan);
  }

  out_.variants.push_back({"serial", n + "_adjoint_serial", true});
  if (allPlain && !incremented.empty())
    out_.variants.push_back({"plain", n + "_adjoint_plain", true});
  bool gatherDeterministic = true;
  for (auto [k, s] : gather)
    gatherDeterministic &= s == Strat::Plain || s == Strat::Gather;
  if (!gather_.empty())
    out_.variants.push_back({"gather", n + "_adjoint_gather", gatherDeterministic});
  // Chunk-boundary atomics: schedule(static, c) on a 1-D loop, and for every
  // array whose reads overlap, Z3 showed that the cross-thread conflicts sit
  // within B iterations of a chunk boundary (or that there are none).
  std::map<int, Strat> edgeAtomic;
  bool edgeValid = L.iterators.size() == 1 && L.clauses.schedule == "static" &&
                   L.clauses.chunk && *L.clauses.chunk > 0 && !incremented.empty();
  bool anyEdge = false;
  for (int k : arrays_) {
    if (!vars_[k].active || !edgeValid)
      continue;
    if (vars_[k].written) {
      edgeAtomic[k] = Strat::Plain;
      continue;
    }
    const polyhedral::VariableVerdicts *vv = verdictOf(k);
    if (vv && vv->exclusiveRead.verdict == Verdict::Holds) {
      edgeAtomic[k] = Strat::Plain;
      continue;
    }
    if (!vv || !vv->schedule.analysed) {
      edgeValid = false;
      continue;
    }
    const polyhedral::ScheduleSplit &split = vv->schedule.exclusiveRead;
    if (split.crossThread.verdict == Verdict::Holds) {
      edgeAtomic[k] = Strat::Plain;
    } else if (split.chunkBoundaryOnly.verdict == Verdict::Holds && split.boundaryIterations > 0) {
      edgeAtomic[k] = Strat::EdgeAtomic;
      edgeIterations_ = std::max(edgeIterations_, split.boundaryIterations);
      anyEdge = true;
    } else {
      edgeValid = false;
    }
  }
  if (!edgeValid || !anyEdge)
    edgeAtomic.clear();
  if (L.clauses.schedule == "static" && L.clauses.chunk && edgeAtomic.empty() && !incremented.empty())
    out_.gaps.push_back("no chunk-boundary atomic variant: the schedule analysis did not show that "
                        "every cross-thread conflict sits at a chunk boundary");
  if (!edgeAtomic.empty())
    out_.variants.push_back({"chunk_atomic", n + "_adjoint_chunk_atomic", false});
  if (!incremented.empty()) {
    out_.variants.push_back({"reduction", n + "_adjoint_reduction", false});
    out_.variants.push_back({"atomic", n + "_adjoint_atomic", false});
  }
  bool chosenDeterministic = true;
  for (auto [k, s] : chosen)
    chosenDeterministic &= s == Strat::Plain || s == Strat::Gather;
  out_.variants.push_back({"chosen", n + "_adjoint", chosenDeterministic});

  // Header.
  CodeWriter h;
  h.line("/* Generated by adjoint-lint from " + origin + ". */");
  std::string guard = n;
  std::transform(guard.begin(), guard.end(), guard.begin(), ::toupper);
  h.line("#ifndef " + guard + "_H");
  h.line("#define " + guard + "_H");
  h.line("#ifdef __cplusplus");
  h.line("extern \"C\" {");
  h.line("#endif");
  h.line("void " + n + "_forward(" + signature('f') + ");");
  h.line("void " + n + "_tangent(" + signature('d') + ");");
  for (const Variant &v : out_.variants)
    h.line("void " + v.function + "(" + signature('b') + ");");
  std::string fparams;
  for (const std::string &p : intParams_)
    fparams += "long " + p + ", ";
  for (int k : scalarIns_)
    fparams += vars_[k].type + " " + vars_[k].c + ", ";
  h.line("int " + n + "_footprint(" + fparams + "long *extent);");
  h.line("#ifdef __cplusplus");
  h.line("}");
  h.line("#endif");
  h.line("#endif");
  out_.header = h.str();

  // Source.
  CodeWriter c;
  c.line("/* Generated by adjoint-lint from " + origin + ".");
  c.line(" *");
  c.line(" * Conventions: arrays are flat (row-major); x<b> is the adjoint of x, x<d> its");
  c.line(" * tangent. An adjoint function is called with the primal arrays as they were");
  c.line(" * before the forward loop; it adds the adjoints of the loop's inputs and resets");
  c.line(" * (=) or scales (*=, /=) those of the elements it writes. Floating scalars passed");
  c.line(" * by value are constants (not differentiated). */");
  c.line("#include \"" + n + ".h\"");
  c.line("#include <math.h>");
  c.line("#include <omp.h>");
  c.line("#include <stdlib.h>");
  c.line("");
  writeRuntime(c, RuntimeFile::IndexMinMax);
  if (!gather_.empty())
    writeRuntime(c, RuntimeFile::IslBounds);
  if (tape_) {
    c.line("");
    writeRuntime(c, RuntimeFile::Tape);
  }
  c.line("");
  std::vector<std::string> hs = parallelHeaders(false);
  std::string pragma = "#pragma omp parallel for";
  if (L.iterators.size() > 1)
    pragma += " collapse(" + std::to_string(L.iterators.size()) + ")";

  c.line("/* The forward loop (" + origin + "), regenerated from the loop model. */");
  c.open("void " + n + "_forward(" + signature('f') + ")");
  c.line(pragma + " /* race-free: proven by adjoint-lint */");
  for (size_t k = 0; k + 1 < hs.size(); ++k)
    c.line(hs[k]);
  c.open(hs.back());
  declareLocals(c, 'f');
  emitPrimal(root_.children, c, false, false, nullptr, false);
  c.close();
  c.close();
  c.line("");

  c.line("/* Tangent-linear loop: each statement's tangent before the statement itself;");
  c.line(" * parallel like the forward loop (same writes, same race freedom). */");
  c.open("void " + n + "_tangent(" + signature('d') + ")");
  c.line(pragma);
  for (size_t k = 0; k + 1 < hs.size(); ++k)
    c.line(hs[k]);
  c.open(hs.back());
  declareLocals(c, 'd');
  emitPrimal(root_.children, c, true, false, nullptr, false);
  c.close();
  c.close();
  c.line("");

  c.line(footprintFunction());

  for (const Variant &v : out_.variants) {
    std::string text;
    if (v.name == "serial")
      text = adjointFunction(v.function, "Serial adjoint (the reference): iterations in reverse "
                             "order, each a forward sweep then a reverse sweep.", plain, true);
    else if (v.name == "plain")
      text = adjointFunction(v.function, "Parallel adjoint, strategy plain: the reverse loop runs "
                             "in parallel as it is.", plain, false);
    else if (v.name == "reduction")
      text = adjointFunction(v.function, "Parallel adjoint, strategy reduction (OpenMP array "
                             "sections): memory x threads; the summation order depends on the "
                             "threads.", reduction, false);
    else if (v.name == "gather")
      text = adjointFunction(v.function, "Parallel adjoint, strategy gather: loops over the "
                             "elements of each array whose reads overlap pull their "
                             "contributions; deterministic.", gather, false);
    else if (v.name == "chunk_atomic")
      text = adjointFunction(v.function, "Parallel adjoint, strategy atomic at chunk boundaries "
                             "only, under the forward loop's schedule(static, " +
                             std::to_string(L.clauses.chunk.value_or(0)) + ").", edgeAtomic, false);
    else if (v.name == "atomic")
      text = adjointFunction(v.function, "Parallel adjoint, strategy atomic: contention; the "
                             "summation order depends on the threads.", atomic, false);
    else
      text = adjointFunction(v.function, "Parallel adjoint with the chosen strategy per array "
                             "(plain or gather over reduction over atomic).", chosen, false);
    c.line(text);
  }
  out_.source = c.str();
}

/// The numeric check: a C++ program that links the generated source and
/// ADOL-C, runs every adjoint on seeded random data at two sizes and 1, 2 and
/// all threads, and prints one JSON object (docs/codegen.md).
void Generator::writeDriver() {
  const std::string &n = out_.name;
  CodeWriter w;
  w.line("// Numeric check of " + n + ".c, generated by adjoint-lint. Build and run:");
  w.line("//   clang-19 -fopenmp -O2 -c " + n + ".c");
  w.line("//   clang++-19 -fopenmp -O2 " + n + "_verify.cpp " + n + ".o -ladolc && ./a.out");
  w.line("// Prints one JSON object; exit status 0 when every check passes.");
  w.line("#include \"" + n + ".h\"");
  w.line("#include \"" + n + "_forward.hpp\"");
  w.line("#include <adolc/adolc.h>");
  w.line("#include <omp.h>");
  w.line("#include <algorithm>");
  w.line("#include <cfloat>");
  w.line("#include <cmath>");
  w.line("#include <cstdint>");
  w.line("#include <cstdio>");
  w.line("#include <string>");
  w.line("#include <vector>");
  w.line("");
  // <name>_forward.hpp: the forward kernel again, as a template over the
  // number type, serial. Instantiated with ADOL-C's adouble it records the
  // tape of the independent reference adjoint (here and in bench/).
  CodeWriter f;
  std::string guard = n + "_FORWARD_HPP";
  for (char &ch : guard)
    ch = (char)std::toupper((unsigned char)ch);
  f.line("// " + n + "_forward_t: the forward kernel of " + n + ".c as a C++ template over the");
  f.line("// number type R (serial), generated by adjoint-lint; with ADOL-C's adouble it");
  f.line("// records a tape of the kernel. Include <adolc/adolc.h> first for adouble.");
  f.line("#ifndef " + guard);
  f.line("#define " + guard);
  f.line("#include <cmath>");
  f.line("");
  f.line("template <typename R>");
  f.open("inline void " + n + "_forward_t(" + signature('f', true) + ")");
  std::vector<std::string> hs = parallelHeaders(false);
  for (size_t k = 0; k + 1 < hs.size(); ++k)
    f.line(hs[k]);
  f.open(hs.back());
  declareLocals(f, 'f', true);
  emitPrimal(root_.children, f, false, true, nullptr, false);
  f.close();
  f.close();
  f.line("");
  f.line("#endif");
  out_.forwardTemplate = f.str();

  writeRuntime(w, RuntimeFile::VerifyChecks);
  w.line("");
  w.open("int main()");
  w.line("const double tolerance = " + std::string(out_.singlePrecision ? "1e-5" : "1e-12") + ";");
  w.line("std::vector<int> threadCounts = {1, 2, omp_get_num_procs()};");
  w.line("std::sort(threadCounts.begin(), threadCounts.end());");
  w.line("threadCounts.erase(std::unique(threadCounts.begin(), threadCounts.end()), threadCounts.end());");
  size_t np = intParams_.size();
  // Two sizes: every parameter small (2, 3, ...: below a 3-point stencil's
  // width) and every parameter moderate (11, 13, ...).
  w.line("const int sizes = " + std::string(np ? "2" : "1") + ";");
  w.line("std::string sizeText, determinism;");
  w.line("std::vector<std::string> bitwiseFailures;");
  w.open("for (int size = 0; size < sizes; ++size)");
  for (size_t k = 0; k < np; ++k)
    w.line("const long " + intParams_[k] + " = size == 0 ? " + std::to_string(2 + k) + " : " +
           std::to_string(11 + 2 * k) + ";");
  for (size_t k = 0; k < scalarIns_.size(); ++k)
    w.line("const " + vars_[scalarIns_[k]].type + " " + vars_[scalarIns_[k]].c + " = " +
           std::to_string(0.25 + 0.125 * static_cast<double>(k)) + ";");
  std::string sizeJson = "\"{";
  for (size_t k = 0; k < np; ++k)
    sizeJson += std::string(k ? ", " : "") + "\\\"" + intParams_[k] + "\\\": %ld";
  sizeJson += "}\"";
  w.line("char sizeBuf[512];");
  std::string sizeArgs;
  for (const std::string &p : intParams_)
    sizeArgs += ", " + p;
  w.line("snprintf(sizeBuf, sizeof sizeBuf, " + sizeJson + sizeArgs + ");");
  w.line("sizeText += std::string(size ? \", \" : \"\") + sizeBuf;");
  size_t na = arrays_.size();
  w.line("long extent[" + std::to_string(std::max<size_t>(na, 1)) + "] = {0};");
  w.open("if (" + n + "_footprint(" + callArgs('p') + "extent) != 0)");
  w.line("printf(\"{\\\"passed\\\": false, \\\"error\\\": \\\"a negative array offset at size %d\\\"}\\n\", size);");
  w.line("return 1;");
  w.close();
  w.line("Rng rng{0x9E3779B97F4A7C15ull + (uint64_t)size};");
  for (size_t k = 0; k < na; ++k) {
    const VarInfo &v = vars_[arrays_[k]];
    std::string len = "std::max(extent[" + std::to_string(k) + "], 1L)";
    w.line("std::vector<" + v.type + "> " + v.c + "0(" + len + "), " + v.c + "(" + len + ");");
    if (v.active) {
      w.line("std::vector<" + v.type + "> " + v.b + "0(" + len + "), " + v.b + "(" + len + "), " +
             v.d + "0(" + len + "), " + v.d + "(" + len + ");");
      w.open("for (size_t k = 0; k < " + v.c + "0.size(); ++k)");
      w.line(v.c + "0[k] = (" + v.type + ")(0.5 + rng.next());");
      w.line(v.b + "0[k] = (" + v.type + ")(2 * rng.next() - 1);");
      w.line(v.d + "0[k] = (" + v.type + ")(2 * rng.next() - 1);");
      w.close();
    } else {
      w.line("for (size_t k = 0; k < " + v.c + "0.size(); ++k) " + v.c + "0[k] = (" + v.type +
             ")(1 + (long)(3 * rng.next()));");
    }
  }
  // Argument lists.
  std::string base = callArgs('p');
  std::string fargs = base, dargs = base, bargs = base, targs = base;
  for (int k : arrays_) {
    const VarInfo &v = vars_[k];
    fargs += v.c + ".data(), ";
    dargs += v.c + ".data(), " + (v.active ? v.d + ".data(), " : "");
    bargs += v.c + ".data(), " + (v.active ? v.b + ".data(), " : "");
    targs += v.active ? "&ax[off_" + v.c + "], " : v.c + ".data(), ";
  }
  auto trim = [](std::string s) { return s.size() >= 2 ? s.substr(0, s.size() - 2) : s; };
  w.open("auto reset = [&]()");
  for (int k : arrays_) {
    const VarInfo &v = vars_[k];
    w.line(v.c + " = " + v.c + "0;");
    if (v.active)
      w.line(v.b + " = " + v.b + "0; " + v.d + " = " + v.d + "0;");
  }
  w.close("};");
  w.open("auto adjoints = [&]()");
  w.line("std::vector<double> out;");
  for (int k : arrays_)
    if (vars_[k].active)
      w.line("out.insert(out.end(), " + vars_[k].b + ".begin(), " + vars_[k].b + ".end());");
  w.line("return out;");
  w.close("};");
  w.line("typedef void (*AdjointFn)(" + signature('b') + ");");
  w.open("auto runAdjoint = [&](AdjointFn f, int threads)");
  w.line("reset();");
  w.line("omp_set_num_threads(threads);");
  w.line("f(" + trim(bargs) + ");");
  w.line("return adjoints();");
  w.close("};");
  w.line("const std::vector<double> reference = runAdjoint(" + n + "_adjoint_serial, 1);");
  for (const Variant &v : out_.variants) {
    if (v.name == "serial")
      continue;
    w.open("");
    w.line("std::vector<double> first;");
    w.line("bool identical = true;");
    w.open("for (int threads : threadCounts)");
    w.line("std::vector<double> r = runAdjoint(" + v.function + ", threads);");
    w.line("check(size, \"adjoint_" + v.name + " vs serial adjoint\", threads, relError(r, reference), tolerance);");
    w.line("if (first.empty()) first = r; else identical &= r == first;");
    w.close();
    if (v.deterministic) {
      w.line("if (!identical) { passed = false; bitwiseFailures.push_back(\"" + v.name + "\"); }");
    }
    w.line("determinism += std::string(determinism.empty() ? \"\" : \", \") + \"{\\\"variant\\\": \\\"" +
           v.name + "\\\", \\\"size\\\": \" + std::to_string(size) + \", \\\"deterministic\\\": " +
           (v.deterministic ? "true" : "false") +
           ", \\\"bitwise_identical_across_threads\\\": \" + (identical ? \"true\" : \"false\") + \"}\";");
    w.close();
  }
  // Dot-product test.
  w.open("");
  w.line("// Dot-product test: <yb, J xd> = <J^T yb, xd>, with the tangent code.");
  w.line("reset();");
  w.line("omp_set_num_threads(threadCounts.back());");
  w.line(n + "_tangent(" + trim(dargs) + ");");
  w.line("double lhs = 0, rhs = 0, scale = 0;");
  w.line("size_t at = 0;");
  for (int k : arrays_) {
    const VarInfo &v = vars_[k];
    if (!v.active)
      continue;
    w.open("for (size_t k = 0; k < " + v.d + ".size(); ++k, ++at)");
    w.line("lhs += (double)" + v.b + "0[k] * " + v.d + "[k];");
    w.line("rhs += reference[at] * " + v.d + "0[k];");
    w.line("scale += std::fabs((double)" + v.b + "0[k] * " + v.d + "[k]) + std::fabs(reference[at] * " + v.d + "0[k]);");
    w.close();
  }
  w.line("check(size, \"dot-product test (tangent vs serial adjoint)\", threadCounts.back(), scale > 0 ? std::fabs(lhs - rhs) / scale : std::fabs(lhs - rhs), tolerance);");
  w.close();
  // ADOL-C.
  w.open("");
  w.line("// ADOL-C: tape the forward kernel with adouble, then one reverse sweep.");
  w.line("size_t total = 0;");
  for (int k : arrays_)
    if (vars_[k].active)
      w.line("const size_t off_" + vars_[k].c + " = total; total += " + vars_[k].c + "0.size();");
  w.line("std::vector<double> in(total), seed(total), gradient(total);");
  for (int k : arrays_) {
    const VarInfo &v = vars_[k];
    if (!v.active)
      continue;
    w.line("for (size_t k = 0; k < " + v.c + "0.size(); ++k) { in[off_" + v.c + " + k] = " + v.c +
           "0[k]; seed[off_" + v.c + " + k] = " + v.b + "0[k]; }");
  }
  w.line("reset();");
  w.open("if (total > 0)");
  w.line("trace_on(1);");
  w.open("");
  w.line("std::vector<adouble> ax(total);");
  w.line("for (size_t k = 0; k < total; ++k) ax[k] <<= in[k];");
  w.line(n + "_forward_t<adouble>(" + trim(targs) + ");");
  w.line("double out;");
  w.line("for (size_t k = 0; k < total; ++k) ax[k] >>= out;");
  w.close();
  w.line("trace_off();");
  w.line("vec_jac(1, (int)total, (int)total, 0, in.data(), seed.data(), gradient.data());");
  w.close();
  w.line("check(size, \"serial adjoint vs ADOL-C\", 1, relError(reference, gradient), tolerance);");
  w.close();
  w.close(); // sizes
  w.line("std::string bitwise;");
  w.line("for (const std::string &v : bitwiseFailures) bitwise += (bitwise.empty() ? \"\\\"\" : \", \\\"\") + v + \"\\\"\";");
  w.line("printf(\"{\\\"passed\\\": %s, \\\"precision\\\": \\\"%s\\\", \\\"tolerance\\\": %.1e, \\\"threads\\\": [\", passed ? \"true\" : \"false\", \"" +
         std::string(out_.singlePrecision ? "float" : "double") + "\", tolerance);");
  w.line("for (size_t k = 0; k < threadCounts.size(); ++k) printf(\"%s%d\", k ? \", \" : \"\", threadCounts[k]);");
  w.line("printf(\"], \\\"sizes\\\": [%s], \\\"checks\\\": [%s], \\\"determinism\\\": [%s], \\\"not_bitwise_identical\\\": [%s]}\\n\", sizeText.c_str(), checks.c_str(), determinism.c_str(), bitwise.c_str());");
  w.line("return passed ? 0 : 1;");
  w.close();
  out_.driver = w.str();
}

} // namespace

GeneratedLoop generateLoop(const LoopModel &loop, const polyhedral::LoopVerdicts &verdicts) {
  return Generator(loop, verdicts).run();
}

GeneratedLoop Generator::run() {
  out_.name = loopName(L);
  checkSupported();
  classify();
  buildTree();
  analyseValues();
  buildGathers();
  writeSource();
  writeDriver();
  return out_;
}

} // namespace adjoint_lint::codegen
