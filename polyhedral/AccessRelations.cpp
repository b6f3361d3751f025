#include "polyhedral/AccessRelations.h"

#include "polyhedral/Encoding.h"
#include "polyhedral/Polynomial.h"

#include <set>

namespace adjoint_lint::polyhedral {

using model::Condition;
using model::IndexExpr;
using model::LoopHeader;

namespace {

isl::set compare(const isl::pw_aff &a, Condition::Op op, const isl::pw_aff &b) {
  switch (op) {
  case Condition::Op::LT: return a.lt_set(b);
  case Condition::Op::LE: return a.le_set(b);
  case Condition::Op::GT: return a.gt_set(b);
  case Condition::Op::GE: return a.ge_set(b);
  case Condition::Op::EQ: return a.eq_set(b);
  case Condition::Op::NE: return a.ne_set(b);
  }
  return a.eq_set(b);
}

std::string dimList(const std::string &prefix, unsigned n) {
  std::string out;
  for (unsigned d = 0; d < n; ++d)
    out += (d ? ", " : "") + prefix + std::to_string(d);
  return out;
}

} // namespace

/// Affine (quasi-affine) functions on one statement-instance space, with
/// the source names bound to isl expressions.
class Translator {
public:
  explicit Translator(isl::set universe) : universe_(std::move(universe)) {}

  void bind(const std::string &name, isl::pw_aff value) { values_.insert_or_assign(name, value); }
  const isl::set &universe() const { return universe_; }

  /// `e` as a piecewise quasi-affine function, or nullopt with `why` set to
  /// a phrase that completes "... is <why>".
  std::optional<isl::pw_aff> affine(const IndexExpr &e, std::string &why) const;
  /// The instances where `c` holds: a superset if `over` (else a subset)
  /// when `c` is not affine; `why` then says why.
  isl::set condition(const Condition &c, bool over, std::string &why) const;
  /// The values of iterator `it` that loop `h` visits (a superset when a
  /// bound is not affine; `why` then says why).
  isl::set loopHeader(const LoopHeader &h, const isl::pw_aff &it, std::string &why) const;

private:
  isl::set universe_;
  std::map<std::string, isl::pw_aff> values_;

  std::optional<isl::pw_aff> divide(const IndexExpr &e, std::string &why) const;
};

std::optional<isl::pw_aff> Translator::affine(const IndexExpr &e, std::string &why) const {
  switch (e.kind) {
  case IndexExpr::Kind::Const:
    return universe_.pw_aff_on_domain(static_cast<long>(e.value));
  case IndexExpr::Kind::Var: {
    auto it = values_.find(e.name);
    if (it == values_.end()) {
      note(why, "not affine: '" + e.name + "' is neither an iterator nor a parameter");
      return std::nullopt;
    }
    return it->second;
  }
  case IndexExpr::Kind::Opaque:
    note(why, opaquePhrase(e, DataDependence::Detailed));
    return std::nullopt;
  case IndexExpr::Kind::ArrayRead:
    note(why, "data-dependent (it reads the index array " + e.name + ")");
    return std::nullopt;
  case IndexExpr::Kind::Neg: {
    auto a = affine(e.ops.at(0), why);
    return a ? std::optional<isl::pw_aff>(a->neg()) : std::nullopt;
  }
  case IndexExpr::Kind::Div:
  case IndexExpr::Kind::Mod:
    return divide(e, why);
  default:
    break;
  }
  if (e.kind == IndexExpr::Kind::Mul) {
    // Affine only when one factor is a constant.
    for (int side = 0; side < 2; ++side)
      if (auto c = foldConstant(e.ops.at(side))) {
        auto other = affine(e.ops.at(1 - side), why);
        return other ? std::optional<isl::pw_aff>(other->scale(static_cast<long>(*c))) : std::nullopt;
      }
    note(why, "not affine (the product " + e.str() + ")");
    return std::nullopt;
  }
  auto a = affine(e.ops.at(0), why), b = affine(e.ops.at(1), why);
  if (!a || !b)
    return std::nullopt;
  switch (e.kind) {
  case IndexExpr::Kind::Add: return a->add(*b);
  case IndexExpr::Kind::Sub: return a->sub(*b);
  case IndexExpr::Kind::Min: return a->min(*b);
  case IndexExpr::Kind::Max: return a->max(*b);
  default: return std::nullopt;
  }
}

/// C division and remainder (truncating) by a nonzero constant:
/// a / -c == -(a / c) and a % -c == a % c.
std::optional<isl::pw_aff> Translator::divide(const IndexExpr &e, std::string &why) const {
  auto divisor = foldConstant(e.ops.at(1));
  if (!divisor || *divisor == 0) {
    note(why, "not affine (" + e.str() + " divides by a non-constant)");
    return std::nullopt;
  }
  auto a = affine(e.ops.at(0), why);
  if (!a)
    return std::nullopt;
  isl::pw_aff d = universe_.pw_aff_on_domain(static_cast<long>(*divisor < 0 ? -*divisor : *divisor));
  if (e.kind == IndexExpr::Kind::Mod)
    return a->tdiv_r(d);
  isl::pw_aff q = a->tdiv_q(d);
  return *divisor < 0 ? q.neg() : q;
}

isl::set Translator::condition(const Condition &c, bool over, std::string &why) const {
  isl::set all = universe_, none = isl::set::empty(universe_.space());
  switch (c.kind) {
  case Condition::Kind::True:
    return all;
  case Condition::Kind::Opaque:
    note(why, "the condition " + (c.text.empty() ? std::string("?") : c.text) + " is " +
                  opaquePhrase(c, DataDependence::Detailed));
    return over ? all : none;
  case Condition::Kind::Cmp: {
    std::string w;
    auto a = affine(c.operands.at(0), w), b = affine(c.operands.at(1), w);
    if (a && b)
      return compare(*a, c.op, *b);
    note(why, "the condition " + c.str() + " is " + w);
    return over ? all : none;
  }
  case Condition::Kind::Not:
    return all.subtract(condition(c.children.at(0), !over, why));
  case Condition::Kind::And: {
    isl::set s = all;
    for (const Condition &k : c.children)
      s = s.intersect(condition(k, over, why));
    return s;
  }
  case Condition::Kind::Or: {
    isl::set s = none;
    for (const Condition &k : c.children)
      s = s.unite(condition(k, over, why));
    return s;
  }
  }
  return all;
}

isl::set Translator::loopHeader(const LoopHeader &h, const isl::pw_aff &it, std::string &why) const {
  isl::set s = universe_;
  std::string startWhy, boundWhy;
  std::optional<isl::pw_aff> lower = affine(h.lower, startWhy);
  if (lower) {
    s = s.intersect(h.step > 0 ? it.ge_set(*lower) : it.le_set(*lower));
    int64_t stride = h.step > 0 ? h.step : -h.step;
    if (stride > 1)
      s = s.intersect(it.sub(*lower).mod(static_cast<long>(stride)).eq_set(universe_.pw_aff_on_domain(0L)));
  }
  std::optional<isl::pw_aff> bound = affine(h.bound, boundWhy);
  if (bound)
    s = s.intersect(compare(it, h.op, *bound));
  noteLoopHeader(why, h, lower ? std::nullopt : std::optional(startWhy), bound ? std::nullopt : std::optional(boundWhy));
  return s;
}

// ---------------------------------------------------------------------------

LoopRelations::LoopRelations(isl::ctx ctx, const model::LoopModel &loop, bool useContext)
    : ctx_(ctx), loop_(loop), useContext_(useContext) {
  if (!loop.parameters.empty())
    params_ = "[" + dimList("p", paramCount()) + "] -> ";
  valueConditions_ = valueConditions(loop);
  buildParallelDomain();
  // isl::map has no move constructor and copying a null one throws: no reallocation.
  accesses_.reserve(loop.accesses.size());
  subscripts_.reserve(loop.accesses.size());
  for (size_t k = 0; k < loop.accesses.size(); ++k)
    buildAccess(static_cast<int>(k));
  variables_.resize(loop.variables.size());
  for (size_t v = 0; v < loop.variables.size(); ++v)
    buildVariable(static_cast<int>(v));
}

LoopRelations::~LoopRelations() = default;

std::string LoopRelations::tupleText(const std::string &name, unsigned parallel, unsigned inner,
                                     const std::string &prefix, const std::string &innerPrefix) const {
  std::string dims = dimList(prefix, parallel);
  if (inner)
    dims += (parallel ? ", " : "") + dimList(innerPrefix, inner);
  return name + "[" + dims + "]";
}

namespace {

/// { T[..] -> [(dim)] } on the universe of `universe`'s space.
isl::pw_aff dimension(isl::ctx ctx, const std::string &params, const std::string &tuple,
                      const std::string &dim) {
  return isl::pw_aff(ctx, params + "{ " + tuple + " -> [(" + dim + ")] }");
}

} // namespace

isl::set LoopRelations::context(const Translator &tr, const isl::set &universe) const {
  isl::set s = universe;
  if (!useContext_)
    return s;
  for (const model::Fact &f : loop_.facts) {
    if (f.origin != model::Fact::Origin::Context || f.kind != model::Fact::Kind::Condition)
      continue;
    std::string why;
    isl::set c = tr.condition(f.condition, true, why);
    if (why.empty()) // exact: a fact isl cannot state exactly is left out
      s = s.intersect(c);
  }
  return s;
}

void LoopRelations::buildParallelDomain() {
  std::string tuple = tupleText("S", parallelDims(), 0);
  isl::set universe(ctx_, params_ + "{ " + tuple + " }");
  Translator tr(universe);
  for (unsigned p = 0; p < paramCount(); ++p)
    tr.bind(loop_.parameters[p], universe.param_pw_aff_on_domain("p" + std::to_string(p)));
  for (unsigned d = 0; d < parallelDims(); ++d)
    tr.bind(loop_.iterators[d].iterator, dimension(ctx_, params_, tuple, "i" + std::to_string(d)));
  parallelDomain_ = context(tr, universe);
  for (unsigned d = 0; d < parallelDims(); ++d)
    parallelDomain_ = parallelDomain_.intersect(tr.loopHeader(
        loop_.iterators[d], dimension(ctx_, params_, tuple, "i" + std::to_string(d)), parallelReason_));
}

void LoopRelations::buildAccess(int k) {
  const model::Access &acc = loop_.accesses.at(static_cast<size_t>(k));
  AccessRelation r;
  r.access = k;
  r.tuple = "A" + std::to_string(k);
  std::vector<int> chain = loop_.scopeChain(acc.scope);
  for (int s : chain)
    if (loop_.scopes[static_cast<size_t>(s)].kind == model::Scope::Kind::Loop)
      r.inner.push_back(loop_.scopes[static_cast<size_t>(s)].loop.iterator);

  std::string tuple = tupleText(r.tuple, parallelDims(), static_cast<unsigned>(r.inner.size()));
  isl::set universe(ctx_, params_ + "{ " + tuple + " }");
  auto tr = std::make_unique<Translator>(universe);
  for (unsigned p = 0; p < paramCount(); ++p)
    tr->bind(loop_.parameters[p], universe.param_pw_aff_on_domain("p" + std::to_string(p)));
  for (unsigned d = 0; d < parallelDims(); ++d)
    tr->bind(loop_.iterators[d].iterator, dimension(ctx_, params_, tuple, "i" + std::to_string(d)));

  std::string why = parallelReason_;
  r.domain = context(*tr, universe);
  for (unsigned d = 0; d < parallelDims(); ++d)
    r.domain = r.domain.intersect(
        tr->loopHeader(loop_.iterators[d], dimension(ctx_, params_, tuple, "i" + std::to_string(d)), why));
  unsigned j = 0;
  for (int s : chain) {
    const model::Scope &scope = loop_.scopes[static_cast<size_t>(s)];
    if (scope.kind == model::Scope::Kind::Loop) {
      isl::pw_aff it = dimension(ctx_, params_, tuple, "j" + std::to_string(j++));
      tr->bind(scope.loop.iterator, it);
      r.domain = r.domain.intersect(tr->loopHeader(scope.loop, it, why));
    } else {
      r.domain = r.domain.intersect(tr->condition(scope.guard, true, why));
    }
  }
  for (const auto &[c, taken] : valueConditions_[static_cast<size_t>(k)])
    r.domain = r.domain.intersect(taken ? tr->condition(c, true, why)
                                        : universe.subtract(tr->condition(c, false, why)));
  if (!why.empty()) {
    r.exactDomain = false;
    r.inexactReason = why;
  }

  std::vector<std::optional<isl::pw_aff>> subs;
  std::vector<std::string> whys;
  for (const IndexExpr &e : acc.subscripts) {
    std::string w;
    subs.push_back(tr->affine(e, w));
    whys.push_back(w);
  }
  // Placeholders until buildVariable knows the variable's element identity
  // (copying a null isl::map throws).
  r.memory = r.index = isl::map(ctx_, params_ + "{ " + tuple + " -> v" + std::to_string(acc.variable) + "[] }");
  accesses_.push_back(std::move(r));
  translators_.push_back(std::move(tr));
  subscripts_.push_back(std::move(subs));
  subscriptWhy_.push_back(std::move(whys));
}

std::vector<int> LoopRelations::allAccessesOf(int v) const {
  std::vector<int> out;
  for (size_t k = 0; k < loop_.accesses.size(); ++k)
    if (loop_.accesses[k].variable == v)
      out.push_back(static_cast<int>(k));
  return out;
}

isl::map LoopRelations::relation(int k, const std::string &range, const std::vector<isl::pw_aff> &dims) const {
  const AccessRelation &r = access(k);
  if (dims.empty())
    return anyElement(k, range, 0);
  isl::space space = anyElement(k, range, static_cast<unsigned>(dims.size())).space();
  isl::pw_aff_list list(ctx_, static_cast<int>(dims.size()));
  for (const isl::pw_aff &d : dims)
    list = list.add(d);
  return space.multi_pw_aff(list).as_map().intersect_domain(r.domain);
}

isl::map LoopRelations::anyElement(int k, const std::string &range, unsigned rank) const {
  const AccessRelation &r = access(k);
  std::string tuple = tupleText(r.tuple, parallelDims(), static_cast<unsigned>(r.inner.size()));
  isl::map all(ctx_, params_ + "{ " + tuple + " -> " + range + "[" + dimList("e", rank) + "] }");
  return all.intersect_domain(r.domain);
}

void LoopRelations::buildVariable(int v) {
  const model::Variable &var = loop_.variables.at(static_cast<size_t>(v));
  VariableRelations &out = variables_[static_cast<size_t>(v)];
  std::string range = "v" + std::to_string(v);
  if (var.rank == 0) {
    out.identity = Identity::Scalar;
    for (int k : allAccessesOf(v))
      accesses_[static_cast<size_t>(k)].memory = accesses_[static_cast<size_t>(k)].index =
          anyElement(k, range, 0);
    return;
  }
  for (int k : allAccessesOf(v))
    if (loop_.accesses[static_cast<size_t>(k)].subscripts.size() != var.rank) {
      out.reason = "an access to " + var.name + " has " +
                   std::to_string(loop_.accesses[static_cast<size_t>(k)].subscripts.size()) +
                   " subscripts for rank " + std::to_string(var.rank);
      return;
    }
  bool needsDelinearisation = false;
  for (int k : allAccessesOf(v))
    for (size_t d = 0; d < var.rank; ++d)
      if (!subscripts_[static_cast<size_t>(k)][d] && !loop_.accesses[static_cast<size_t>(k)].subscripts[d].isOpaque() &&
          !loop_.accesses[static_cast<size_t>(k)].subscripts[d].readsArray())
        needsDelinearisation = true;
  if (var.rank == 1 && needsDelinearisation) {
    if (tryDelinearise(v, out))
      out.identity = Identity::Delinearised;
    return;
  }
  if (var.rank == 1 || var.separateRows) {
    out.identity = Identity::Tuple;
    useSubscripts(v, false);
    return;
  }
  bool allConstant = true;
  for (size_t d = 1; d < var.rank; ++d) {
    if (!var.extents[d]) {
      out.reason = "the row length of " + var.name + " is unknown";
      return;
    }
    allConstant = allConstant && foldConstant(*var.extents[d]).has_value();
  }
  if (allConstant) {
    out.identity = Identity::LinearOffset;
    useSubscripts(v, true);
    return;
  }
  if (auto leak = rowLeak(v)) {
    out.reason = *leak;
    return;
  }
  out.identity = Identity::Tuple;
  useSubscripts(v, false);
}

/// Sets memory and index relations of v's accesses from their subscripts;
/// with `linearOffset`, memory is the offset sum_d s_d * prod_{d' > d} extent_d'.
void LoopRelations::useSubscripts(int v, bool linearOffset) {
  const model::Variable &var = loop_.variables.at(static_cast<size_t>(v));
  std::string range = "v" + std::to_string(v);
  for (int k : allAccessesOf(v)) {
    AccessRelation &r = accesses_[static_cast<size_t>(k)];
    const auto &subs = subscripts_[static_cast<size_t>(k)];
    std::vector<isl::pw_aff> dims;
    for (size_t d = 0; d < subs.size(); ++d) {
      if (!subs[d]) {
        r.exactSubscripts = false;
        note(r.inexactReason, "subscript " + loop_.accesses[static_cast<size_t>(k)].subscripts[d].str() +
                                  " of " + var.name + " is " + subscriptWhy_[static_cast<size_t>(k)][d]);
        break;
      }
      dims.push_back(*subs[d]);
    }
    if (!r.exactSubscripts) {
      r.index = anyElement(k, range, var.rank);
      r.memory = anyElement(k, range, linearOffset ? 1 : var.rank);
      continue;
    }
    r.index = relation(k, range, dims);
    if (!linearOffset) {
      r.memory = r.index;
      continue;
    }
    isl::pw_aff offset = dims[0];
    for (size_t d = 1; d < dims.size(); ++d)
      offset = offset.scale(static_cast<long>(*foldConstant(*var.extents[d]))).add(dims[d]);
    r.memory = relation(k, range, {offset});
  }
}

/// Why the subscript tuple of v is not a memory identity (an access may
/// leave its row), or nullopt when isl proves 0 <= s_d < extent_d for every
/// inner dimension d of every access with affine subscripts.
std::optional<std::string> LoopRelations::rowLeak(int v) const {
  const model::Variable &var = loop_.variables.at(static_cast<size_t>(v));
  for (int k : allAccessesOf(v)) {
    const auto &subs = subscripts_[static_cast<size_t>(k)];
    const Translator &tr = *translators_[static_cast<size_t>(k)];
    const std::string &text = loop_.accesses[static_cast<size_t>(k)].text;
    for (size_t d = 1; d < var.rank; ++d) {
      if (!subs[d])
        break;
      std::string w;
      auto extent = tr.affine(*var.extents[d], w);
      if (!extent)
        return "the extent " + var.extents[d]->str() + " of " + var.name + " is " + w;
      isl::set inRow = subs[d]->ge_set(tr.universe().pw_aff_on_domain(0L)).intersect(subs[d]->lt_set(*extent));
      if (!access(k).domain.is_subset(inRow))
        return (text.empty() ? var.name : text) + " may leave its row of extent " + var.extents[d]->str();
    }
  }
  return std::nullopt;
}

/// Splits the linearised subscripts of rank-1 variable v along the chain of
/// parameter monomials (see Polynomial.h); fails with out.reason unless isl
/// proves every inner coefficient within its extent.
bool LoopRelations::tryDelinearise(int v, VariableRelations &out) {
  const model::Variable &var = loop_.variables.at(static_cast<size_t>(v));
  std::set<std::string> params(loop_.parameters.begin(), loop_.parameters.end());
  std::map<int, Polynomial> polys;
  std::set<Monomial> monomials;
  for (int k : allAccessesOf(v)) {
    const IndexExpr &sub = loop_.accesses[static_cast<size_t>(k)].subscripts[0];
    if (sub.isOpaque() || sub.readsArray())
      continue;
    auto poly = expandPolynomial(sub, params);
    if (!poly) {
      out.reason = "subscript " + sub.str() + " of " + var.name + " is " + subscriptWhy_[static_cast<size_t>(k)][0];
      out.causeAccess = k;
      return false;
    }
    for (const auto &[m, c] : *poly)
      if (!c.isConstant() || c.constant != 0)
        monomials.insert(m);
    polys[k] = *poly;
  }
  auto chain = monomialChain(monomials);
  if (!chain) {
    out.reason = "the linearised subscripts of " + var.name +
                 " do not split into rows (their parameter products do not form a chain)";
    return false;
  }
  size_t rank = chain->size() + 1;
  out.rowExtents = *chain;
  std::string range = "v" + std::to_string(v);
  std::map<int, std::vector<isl::pw_aff>> dimsOf;
  for (const auto &[k, poly] : polys) {
    const Translator &tr = *translators_[static_cast<size_t>(k)];
    std::vector<isl::pw_aff> innermostFirst;
    Monomial level;
    for (size_t l = 0; l < rank; ++l) {
      if (l > 0) {
        level.push_back((*chain)[l - 1]);
        std::sort(level.begin(), level.end());
      }
      auto it = poly.find(level);
      IndexExpr coefficient = it == poly.end() ? IndexExpr::constant(0) : it->second.toIndexExpr();
      std::string w;
      auto c = tr.affine(coefficient, w);
      if (!c) {
        out.reason = "subscript " + loop_.accesses[static_cast<size_t>(k)].subscripts[0].str() + " of " +
                     var.name + " is " + w;
        out.causeAccess = k;
        return false;
      }
      if (l + 1 < rank) {
        auto extent = tr.affine(IndexExpr::var((*chain)[l]), w);
        isl::set inRow = c->ge_set(tr.universe().pw_aff_on_domain(0L)).intersect(c->lt_set(*extent));
        if (!access(k).domain.is_subset(inRow)) {
          const std::string &text = loop_.accesses[static_cast<size_t>(k)].text;
          out.reason = (text.empty() ? var.name : text) + " may leave its row of extent " + (*chain)[l] +
                       " (cannot delinearise " + var.name + ")";
          out.causeAccess = k;
          return false;
        }
      }
      innermostFirst.push_back(*c);
    }
    dimsOf[k] = std::vector<isl::pw_aff>(innermostFirst.rbegin(), innermostFirst.rend());
  }
  for (int k : allAccessesOf(v)) {
    AccessRelation &r = accesses_[static_cast<size_t>(k)];
    auto it = dimsOf.find(k);
    if (it == dimsOf.end()) {
      r.exactSubscripts = false;
      note(r.inexactReason, "subscript " + loop_.accesses[static_cast<size_t>(k)].subscripts[0].str() + " of " +
                                var.name + " is " + subscriptWhy_[static_cast<size_t>(k)][0]);
      r.index = r.memory = anyElement(k, range, static_cast<unsigned>(rank));
    } else {
      r.index = r.memory = relation(k, range, it->second);
    }
  }
  if (!polys.empty()) {
    const auto &[k, poly] = *polys.begin();
    std::string dims;
    Monomial level;
    std::vector<std::string> parts;
    for (size_t l = 0; l < rank; ++l) {
      if (l > 0) {
        level.push_back((*chain)[l - 1]);
        std::sort(level.begin(), level.end());
      }
      auto it = poly.find(level);
      parts.push_back(it == poly.end() ? "0" : it->second.toIndexExpr().str());
    }
    for (auto p = parts.rbegin(); p != parts.rend(); ++p)
      dims += "[" + *p + "]";
    std::string rows;
    for (auto e = chain->rbegin(); e != chain->rend(); ++e)
      rows += (rows.empty() ? "" : ", ") + *e;
    out.notes.push_back("delinearised " + var.name + "[" + loop_.accesses[static_cast<size_t>(k)].subscripts[0].str() +
                        "] as " + var.name + dims + " (inner extents " + rows +
                        "; isl proves every inner subscript within its extent)");
  }
  return true;
}

isl::map LoopRelations::toParallel(int k) const {
  const AccessRelation &r = access(k);
  std::string from = tupleText(r.tuple, parallelDims(), static_cast<unsigned>(r.inner.size()));
  return isl::map(ctx_, params_ + "{ " + from + " -> " + tupleText("S", parallelDims(), 0) + " }");
}

isl::map LoopRelations::differentIterations(int a, int b) const {
  const AccessRelation &ra = access(a), &rb = access(b);
  std::string from = tupleText(ra.tuple, parallelDims(), static_cast<unsigned>(ra.inner.size()));
  std::string to = tupleText(rb.tuple, parallelDims(), static_cast<unsigned>(rb.inner.size()), "q", "k");
  std::string differ;
  for (unsigned d = 0; d < parallelDims(); ++d) {
    std::string i = "i" + std::to_string(d), q = "q" + std::to_string(d);
    differ += (d ? " or " : "") + i + " < " + q + " or " + i + " > " + q;
  }
  return isl::map(ctx_, params_ + "{ " + from + " -> " + to + " : " + differ + " }");
}

std::string LoopRelations::legend() const {
  std::string out;
  for (unsigned p = 0; p < paramCount(); ++p)
    out += (out.empty() ? "" : ", ") + std::string("p") + std::to_string(p) + " = " + loop_.parameters[p];
  for (unsigned d = 0; d < parallelDims(); ++d)
    out += (out.empty() ? "" : ", ") + std::string("i") + std::to_string(d) + " = " + loop_.iterators[d].iterator;
  return out;
}

} // namespace adjoint_lint::polyhedral
