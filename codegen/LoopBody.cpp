#include "codegen/LoopBody.h"

#include "codegen/LoopCodegen.h"
#include "codegen/Variants.h"

#include <algorithm>
#include <functional>

namespace adjoint_lint::codegen {

using model::Access;
using model::AccessKind;
using model::Condition;
using model::IndexExpr;
using model::LoopHeader;
using model::Scope;
using model::Sharing;
using model::Statement;
using model::Variable;
using model::Verdict;

namespace {

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

/// Adds `name` to `names` unless it is there.
void addOnce(std::vector<std::string> &names, const std::string &name) {
  if (std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(name);
}

} // namespace

LoopBody::LoopBody(const model::LoopModel &loop, const model::LoopVerdicts &verdicts)
    : loop_(loop) {
  checkSupported(verdicts);
  classify();
  buildTree();
}

void LoopBody::fail(const std::string &what, unsigned line) const {
  throw CodegenError(what, loop_.range.file, line ? line : loop_.range.line);
}

// --- the fragment and the variables ---------------------------------------------

void LoopBody::checkSupported(const model::LoopVerdicts &verdicts) const {
  if (!loop_.unsupported.empty()) {
    const model::Unsupported &u = loop_.unsupported.front();
    fail("the loop is outside the generator's fragment: " + u.reason, u.range.line);
  }
  if (loop_.iterators.empty())
    fail("the loop has no parallel iterator", loop_.range.line);
  const model::PropertyResult &race = verdicts.forwardRace;
  if (race.verdict != Verdict::Holds)
    fail(std::string("no adjoint is generated for a loop whose forward iterations are not "
                     "proven race-free (forward race: ") +
             model::raceVerdictName(race.verdict) +
             (race.reason.empty() ? "" : ", " + race.reason) + ")",
         loop_.range.line);
  for (const Access &a : loop_.accesses)
    if (a.sync != model::Sync::None)
      fail(std::string(a.sync == model::Sync::Reduction ? "reduction variable '"
                       : a.sync == model::Sync::Atomic  ? "atomic update of '"
                                                        : "critical section access to '") +
               a.text + "' is not supported by the adjoint generator",
           a.range.line);
}

void LoopBody::collectNames(const IndexExpr &e) {
  if (e.kind == IndexExpr::Kind::Var && !iterators_.count(e.name))
    addOnce(integerParameters_, cIdentifier(e.name));
  for (const IndexExpr &o : e.ops)
    collectNames(o);
}

void LoopBody::collectNames(const Condition &c) {
  for (const IndexExpr &o : c.operands)
    collectNames(o);
  for (const Condition &k : c.children)
    collectNames(k);
}

void LoopBody::classify() {
  for (const LoopHeader &h : loop_.iterators)
    iterators_.insert(h.iterator);
  for (const Scope &s : loop_.scopes)
    if (s.kind == Scope::Kind::Loop)
      iterators_.insert(s.loop.iterator);
  for (const std::string &p : loop_.parameters)
    if (!iterators_.count(p))
      integerParameters_.push_back(cIdentifier(p));
  for (const LoopHeader &h : loop_.iterators) {
    collectNames(h.lower);
    collectNames(h.bound);
  }
  for (const Scope &s : loop_.scopes) {
    if (s.kind == Scope::Kind::Loop) {
      collectNames(s.loop.lower);
      collectNames(s.loop.bound);
    } else {
      collectNames(s.guard);
    }
  }
  for (const Access &a : loop_.accesses)
    for (const IndexExpr &e : a.subscripts)
      collectNames(e);

  variables_.resize(loop_.variables.size());
  std::vector<bool> written(loop_.variables.size(), false);
  for (const Access &a : loop_.accesses)
    if (a.kind == AccessKind::Write && a.variable >= 0)
      written[static_cast<size_t>(a.variable)] = true;
  for (size_t k = 0; k < loop_.variables.size(); ++k)
    classifyVariable(static_cast<int>(k), written);
  chooseNames();
  checkNoInPlaceUpdate();
  // The tolerance follows the least precise floating type of the loop: a
  // float array, local or scalar, a cast to float or a float math function
  // (sinf) makes the check single precision (docs/codegen.md).
  for (const Variable &v : loop_.variables)
    if (v.floating && v.elementType == "float")
      singlePrecision_ = true;
  std::function<void(const model::Expr &)> floats = [&](const model::Expr &e) {
    if ((e.kind == model::Expr::Kind::Cast && (e.castType == "float" || e.type == "float")) ||
        (e.kind == model::Expr::Kind::Call && mathFunction(e.callee).isFloat))
      singlePrecision_ = true;
    for (const model::Expr &o : e.operands)
      floats(o);
  };
  for (const Statement &s : loop_.statements)
    floats(s.rhs);
  for (const Statement &s : loop_.statements)
    if (s.lhs >= 0 && s.lhs < static_cast<int>(loop_.accesses.size()) && lhsVariable(s) >= 0 &&
        !variable(lhsVariable(s)).active && isActive(s.rhs, exprContext(s.range.line)))
      templateValue_ = true;
  std::function<void(const model::Expr &)> casts = [&](const model::Expr &e) {
    if (e.kind == model::Expr::Kind::Cast && e.operands.size() == 1 && integerCast(e, exprContext(0)) &&
        isActive(e.operands[0], exprContext(0)))
      templateValue_ = true;
    if (e.kind == model::Expr::Kind::IntConst && integerTypeSpelling(e.type, true) == "bool")
      usesBool_ = true;
    if (e.kind == model::Expr::Kind::Cast && integerTypeSpelling(e.type.empty() ? e.castType : e.type, true) == "bool")
      usesBool_ = true;
    for (const model::Expr &o : e.operands)
      casts(o);
  };
  for (const Statement &s : loop_.statements)
    casts(s.rhs);
}

/// The names the generated code introduces, against every name of the
/// loop: its variables, parameters and iterators, and the generated
/// functions of the loop. Where nothing clashes, each is its base.
void LoopBody::chooseNames() {
  for (const Variable &v : loop_.variables)
    names_.reserve(cIdentifier(v.name));
  for (const std::string &p : integerParameters_)
    names_.reserve(p);
  for (const std::string &i : iterators_)
    names_.reserve(cIdentifier(i));
  for (const std::string &p : loop_.parameters)
    names_.reserve(cIdentifier(p));
  // The generated functions (LoopCodegen, Variants).
  std::string name = loopName(loop_);
  for (const char *suffix : {"_forward", "_forward_t", "_tangent", "_footprint"})
    names_.reserve(name + suffix);
  for (VariantKind kind : {VariantKind::Serial, VariantKind::Plain, VariantKind::Gather, VariantKind::ChunkAtomic,
                           VariantKind::Reduction, VariantKind::Atomic, VariantKind::Chosen})
    names_.reserve(variantFunction(name, kind));
  for (VariableCode &v : variables_)
    if (v.active) {
      v.adjoint = names_.freshAmong({v.value + "b", v.value + "_b"});
      v.tangent = names_.freshAmong({v.value + "d", v.value + "_d"});
    }
  for (int k : arrays_)
    if (variables_[static_cast<size_t>(k)].active)
      variables_[static_cast<size_t>(k)].length = names_.fresh("len_" + variables_[static_cast<size_t>(k)].adjoint);
  generated_.temporary = names_.family("t");
  generated_.sum = names_.fresh("al_sum");
  generated_.tape = names_.fresh("tape");
  generated_.position = names_.fresh("al_pos");
  generated_.edge = names_.fresh("al_edge");
  generated_.extent = names_.fresh("extent");
  generated_.ok = names_.fresh("ok");
  generated_.offset = names_.fresh("o");
  generated_.real = names_.fresh("R");
  std::vector<const LoopHeader *> headers;
  for (const LoopHeader &h : loop_.iterators)
    headers.push_back(&h);
  for (const Scope &s : loop_.scopes)
    if (s.kind == Scope::Kind::Loop)
      headers.push_back(&s.loop);
  for (const LoopHeader *h : headers)
    if (h->step != 1 && h->step != -1 && !generated_.trip.count(h->iterator))
      generated_.trip[h->iterator] = names_.fresh(cIdentifier(h->iterator) + "_trip");
}

/// The C type of an integer variable (VariableCode::type), spelt exactly
/// (integerTypeSpelling); a loop whose integer variable has another type
/// (an enumeration, a 128-bit integer, a pointer) is outside the fragment.
/// Models without types (JSON) keep `long`.
std::string LoopBody::integerType(const Variable &v, const char *what) {
  if (v.elementType.empty())
    return "long";
  std::string t = integerTypeSpelling(v.elementType, loop_.charSigned);
  if (t.empty())
    fail(std::string(what) + " '" + v.name + "' of type " + v.elementType +
             ": the adjoint generator keeps only the standard integer types exactly",
         v.declRange.line);
  if (t == "bool")
    usesBool_ = true;
  return t;
}

void LoopBody::classifyVariable(int k, const std::vector<bool> &written) {
  const Variable &v = loop_.variables[static_cast<size_t>(k)];
  VariableCode &code = variables_[static_cast<size_t>(k)];
  code.value = cIdentifier(v.name);
  code.type = v.elementType.empty() ? "double" : v.elementType;
  code.written = written[static_cast<size_t>(k)];
  unsigned line = v.declRange.line;
  if (iterators_.count(v.name)) {
    code.role = VariableRole::Name;
    return;
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
    if (!v.floating)
      code.type = integerType(v, "array");
    code.role = VariableRole::Array;
    code.active = v.floating;
    arrays_.push_back(k);
    return;
  }
  switch (v.sharing) {
  case Sharing::Private:
    code.role = VariableRole::Local;
    code.active = v.floating;
    if (v.floating && v.elementType != "double" && v.elementType != "float")
      fail("local '" + v.name + "' of type " + v.elementType +
               ": only double and float data are differentiated", line);
    if (!v.floating)
      code.type = integerType(v, "local"); // C's type: `char c = 300` holds 44
    break;
  case Sharing::Shared:
    if (code.written)
      fail("shared scalar '" + v.name + "' is written in the loop: not supported by the "
           "adjoint generator (give each iteration its own copy, or use an array)", line);
    if (!v.floating) {
      // Passed as long (exact for every value of its type); a value
      // expression reads it converted back to its type (exprContext).
      code.role = VariableRole::Name;
      code.type = integerType(v, "parameter");
      addOnce(integerParameters_, code.value);
    } else {
      code.role = VariableRole::ScalarInput; // passive: no adjoint (docs/codegen.md)
      scalarInputs_.push_back(k);
    }
    break;
  default:
    fail(std::string(model::toString(v.sharing)) + " variable '" + v.name +
             "' is not supported by the adjoint generator", line);
  }
}

/// A written array may be read only through its own compound assignments:
/// the reverse sweep keeps no copy of values other iterations may need.
void LoopBody::checkNoInPlaceUpdate() const {
  std::set<int> rhsReads;
  std::function<void(const model::Expr &)> walk = [&](const model::Expr &e) {
    if (e.kind == model::Expr::Kind::Access && e.access >= 0)
      rhsReads.insert(e.access);
    for (const model::Expr &o : e.operands)
      walk(o);
  };
  for (const Statement &s : loop_.statements)
    walk(s.rhs);
  for (int a : rhsReads) {
    const Access &acc = loop_.accesses[static_cast<size_t>(a)];
    if (acc.variable >= 0 && variable(acc.variable).role == VariableRole::Array &&
        variable(acc.variable).written)
      fail("array '" + loop_.variables[acc.variable].name + "' is both read ('" + acc.text +
               "') and written in the loop: in-place updates are not supported by the "
               "adjoint generator",
           acc.range.line);
  }
}

// --- the body tree ----------------------------------------------------------------

/// The statements in source order; a statement opens the scopes of its
/// chain that are not open and closes the others. A scope closed once
/// cannot open again (the order could not be rebuilt).
void LoopBody::buildTree() {
  std::vector<BodyNode *> open = {&root_};
  std::vector<int> openScopes;
  std::set<int> closed;
  for (size_t k = 0; k < loop_.statements.size(); ++k) {
    const Statement &s = loop_.statements[k];
    std::vector<int> chain = s.scope >= 0 ? loop_.scopeChain(s.scope) : std::vector<int>{};
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
      BodyNode scope;
      scope.scope = chain[c];
      open.back()->children.push_back(std::move(scope));
      open.push_back(&open.back()->children.back());
      openScopes.push_back(chain[c]);
    }
    BodyNode statement;
    statement.statement = static_cast<int>(k);
    open.back()->children.push_back(std::move(statement));
    if (s.lhs < 0 || s.lhs >= static_cast<int>(loop_.accesses.size()))
      fail("malformed statement", s.range.line);
  }
}

int LoopBody::lhsVariable(const Statement &s) const { return loop_.accesses[s.lhs].variable; }

void LoopBody::readVariables(const model::Expr &e, std::set<int> &out) const {
  if (e.kind == model::Expr::Kind::Access && e.access >= 0 && loop_.accesses[e.access].variable >= 0)
    out.insert(loop_.accesses[e.access].variable);
  for (const model::Expr &o : e.operands)
    readVariables(o, out);
}

bool LoopBody::inInnerLoop(int scope) const {
  if (scope < 0)
    return false;
  for (int s : loop_.scopeChain(scope))
    if (loop_.scopes[s].kind == Scope::Kind::Loop)
      return true;
  return false;
}

bool LoopBody::containsStatement(const BodyNode &node, const std::set<int> *only) const {
  if (node.statement >= 0)
    return !only || only->count(lhsVariable(loop_.statements[node.statement]));
  for (const BodyNode &c : node.children)
    if (containsStatement(c, only))
      return true;
  return false;
}

// --- C spelling -------------------------------------------------------------------

std::string LoopBody::index(const IndexExpr &e, unsigned line) const {
  auto sub = [&](const IndexExpr &o) {
    std::string s = index(o, line);
    bool simple = o.kind == IndexExpr::Kind::Var ||
                  (o.kind == IndexExpr::Kind::Const && o.value >= 0) ||
                  o.kind == IndexExpr::Kind::Min || o.kind == IndexExpr::Kind::Max;
    return simple ? s : "(" + s + ")";
  };
  switch (e.kind) {
  case IndexExpr::Kind::Const: return std::to_string(e.value);
  case IndexExpr::Kind::Var: return cIdentifier(e.name);
  case IndexExpr::Kind::Add: return sub(e.ops.at(0)) + " + " + sub(e.ops.at(1));
  case IndexExpr::Kind::Sub: return sub(e.ops.at(0)) + " - " + sub(e.ops.at(1));
  case IndexExpr::Kind::Mul: return sub(e.ops.at(0)) + " * " + sub(e.ops.at(1));
  case IndexExpr::Kind::Div: return sub(e.ops.at(0)) + " / " + sub(e.ops.at(1));
  case IndexExpr::Kind::Mod: return sub(e.ops.at(0)) + " % " + sub(e.ops.at(1));
  case IndexExpr::Kind::Neg: return "-" + sub(e.ops.at(0));
  case IndexExpr::Kind::Min: return "al_min(" + index(e.ops.at(0), line) + ", " + index(e.ops.at(1), line) + ")";
  case IndexExpr::Kind::Max: return "al_max(" + index(e.ops.at(0), line) + ", " + index(e.ops.at(1), line) + ")";
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

std::string LoopBody::condition(const Condition &c, unsigned line) const {
  switch (c.kind) {
  case Condition::Kind::True: return "1";
  case Condition::Kind::Cmp:
    return index(c.operands.at(0), line) + " " + model::toString(c.op) + " " + index(c.operands.at(1), line);
  case Condition::Kind::Not: return "!(" + condition(c.children.at(0), line) + ")";
  case Condition::Kind::And:
  case Condition::Kind::Or: {
    std::string out;
    for (const Condition &k : c.children)
      out += (out.empty() ? "" : (c.kind == Condition::Kind::And ? " && " : " || ")) +
             ("(" + condition(k, line) + ")");
    return out;
  }
  case Condition::Kind::Opaque:
    break;
  }
  fail("condition '" + c.text + "' is not an integer condition over iterators and parameters (" +
           c.reason + "): not supported by the adjoint generator",
       line);
}

std::string LoopBody::offset(const Access &a) const {
  const Variable &v = loop_.variables[a.variable];
  unsigned line = a.range.line;
  if (a.subscripts.size() != v.rank)
    fail("access '" + a.text + "' has " + std::to_string(a.subscripts.size()) +
             " subscripts for an array of rank " + std::to_string(v.rank),
         line);
  std::string out = index(a.subscripts[0], line);
  for (size_t d = 1; d < v.rank; ++d) {
    const IndexExpr &extent = *v.extents[d];
    std::string ext = index(extent, line);
    bool simple = extent.kind == IndexExpr::Kind::Const || extent.kind == IndexExpr::Kind::Var;
    out = "(" + out + ") * " + (simple ? ext : "(" + ext + ")") + " + " + index(a.subscripts[d], line);
  }
  return out;
}

std::string LoopBody::extent(int variable) const {
  const Variable &v = loop_.variables[variable];
  std::string out;
  for (size_t d = 0; d < v.rank; ++d) {
    if (!v.extents[d] || !isAffineForm(*v.extents[d]))
      return "";
    out += (out.empty() ? "" : " * ") + std::string("(") + index(*v.extents[d], v.declRange.line) + ")";
  }
  return out;
}

std::string LoopBody::loopHeader(const LoopHeader &h, bool reversed) const {
  unsigned line = h.range.line;
  std::string it = cIdentifier(h.iterator), lo = index(h.lower, line), hi = index(h.bound, line);
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
  const std::string &t = generated_.trip.at(h.iterator);
  return "for (long " + t + " = " + trips + " - 1, " + it + " = (" + lo + ") " + (up ? "+ " : "- ") +
         t + " * " + a + "; " + t + " >= 0; --" + t + ", " + it + (up ? " -= " : " += ") + a + ")";
}

std::vector<std::string> LoopBody::parallelHeaders(bool reversed) const {
  std::vector<std::string> out;
  for (const LoopHeader &h : loop_.iterators)
    out.push_back(loopHeader(h, reversed));
  return out;
}

std::string LoopBody::parallelFor() const {
  std::string pragma = "#pragma omp parallel for";
  if (loop_.iterators.size() > 1)
    pragma += " collapse(" + std::to_string(loop_.iterators.size()) + ")";
  return pragma;
}

std::string LoopBody::signature(Mode mode) const {
  std::vector<std::string> parts;
  for (const std::string &p : integerParameters_)
    parts.push_back("long " + p);
  for (int k : scalarInputs_)
    parts.push_back(variable(k).type + " " + variable(k).value);
  for (int k : arrays_) {
    const VariableCode &v = variable(k);
    std::string type = mode == Mode::ForwardTemplate && v.active ? generated_.real : v.type;
    parts.push_back(std::string(v.written ? "" : "const ") + type + " *" + v.value);
    if (mode == Mode::Tangent && v.active)
      parts.push_back(std::string(v.written ? "" : "const ") + type + " *" + v.tangent);
    if (mode == Mode::Adjoint && v.active)
      parts.push_back(type + " *" + v.adjoint);
  }
  std::string out;
  for (const std::string &p : parts)
    out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "void" : out;
}

std::string LoopBody::valueParameters() const {
  std::string out;
  for (const std::string &p : integerParameters_)
    out += "long " + p + ", ";
  for (int k : scalarInputs_)
    out += variable(k).type + " " + variable(k).value + ", ";
  return out;
}

std::string LoopBody::valueArguments() const {
  std::string out;
  for (const std::string &p : integerParameters_)
    out += p + ", ";
  for (int k : scalarInputs_)
    out += variable(k).value + ", ";
  return out;
}

void LoopBody::declareLocals(CodeWriter &w, Mode mode) const {
  for (const VariableCode &v : variables_) {
    if (v.role != VariableRole::Local)
      continue;
    std::string type = mode == Mode::ForwardTemplate && v.active ? generated_.real : v.type;
    std::string line = type + " " + v.value + " = 0";
    if (mode == Mode::Tangent && v.active)
      line += ", " + v.tangent + " = 0";
    if (mode == Mode::Adjoint && v.active)
      line += ", " + v.adjoint + " = 0";
    w.line(line + ";");
  }
}

ExprContext LoopBody::exprContext(unsigned line) const {
  ExprContext ctx;
  ctx.loop = &loop_;
  ctx.file = loop_.range.file;
  ctx.line = line;
  ctx.temporary = generated_.temporary;
  auto code = [this](int a) -> const VariableCode & { return variable(loop_.accesses.at(a).variable); };
  ctx.active = [this, code](int a) {
    return a >= 0 && loop_.accesses.at(a).variable >= 0 && code(a).active;
  };
  ctx.primal = [this, code](int a) {
    const Access &acc = loop_.accesses.at(a);
    if (acc.variable < 0)
      throw CodegenError("access '" + acc.text + "' names no variable", loop_.range.file, acc.range.line);
    const VariableCode &v = code(a);
    if (v.role == VariableRole::Name && acc.kind == AccessKind::Read && v.type != "long")
      return "(" + v.type + ")" + v.value; // an integer parameter (passed as long) in its own type
    return v.role == VariableRole::Array ? v.value + "[" + offset(acc) + "]" : v.value;
  };
  ctx.adjoint = [this, code](int a) {
    const VariableCode &v = code(a);
    return v.role == VariableRole::Array ? v.adjoint + "[" + offset(loop_.accesses.at(a)) + "]" : v.adjoint;
  };
  ctx.tangent = [this, code](int a) {
    const VariableCode &v = code(a);
    return v.role == VariableRole::Array ? v.tangent + "[" + offset(loop_.accesses.at(a)) + "]" : v.tangent;
  };
  ctx.skip = [](int) { return false; };
  ctx.atomicIf = [](int) { return std::string(); };
  ctx.atomic = [](int) { return false; };
  return ctx;
}

std::string LoopBody::lhsValue(const Statement &s) const { return exprContext(s.range.line).primal(s.lhs); }

} // namespace adjoint_lint::codegen
