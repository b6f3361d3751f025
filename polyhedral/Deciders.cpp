// The isl deciders: forward races, exclusive reads, symmetric updates,
// reflexive stencils and adjoint strategies (definitions: docs/architecture.md,
// "The questions, precisely" and "Strategies, per array").
#include "polyhedral/Deciders.h"

#include "model/Evaluate.h"

#include "polyhedral/AccessRelations.h"
#include "polyhedral/CrossCheck.h"
#include "polyhedral/IndexArrays.h"
#include "polyhedral/IslOwner.h"
#include "polyhedral/Polynomial.h"
#include "polyhedral/Questions.h"
#include "polyhedral/Results.h"
#include "polyhedral/Schedules.h"
#include "polyhedral/SmtResult.h"
#include "polyhedral/Strategy.h"
#include "support/OutputFile.h"

#include <isl/set.h>

#include <sstream>
#include <utility>

namespace adjoint_lint::polyhedral {

using model::Access;
using model::AccessKind;
using model::DecidedBy;
using model::LoopModel;
using model::LoopVerdicts;
using model::PropertyResult;
using model::Sharing;
using model::Variable;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;
using model::accessText;
using model::privatised;

namespace {

template <typename T> std::string islText(const T &obj) {
  std::ostringstream os;
  os << obj;
  return os.str();
}

std::string describe(const LoopModel &loop, int k) {
  return accessText(loop, k) + " (" + toString(loop.accesses.at(static_cast<size_t>(k)).kind) + ")";
}

/// Decides one loop; every isl value lives in the context of `relations`.
class LoopDecider {
public:
  LoopDecider(isl::ctx ctx, const LoopModel &loop, const LoopRelations &relations, const DeciderOptions &options)
      : ctx_(ctx), loop_(loop), rel_(relations), options_(options) {}

  LoopVerdicts run();

private:
  isl::ctx ctx_;
  const LoopModel &loop_;
  const LoopRelations &rel_;
  const DeciderOptions &options_;

  VariableVerdicts decideVariableGuarded(int v);
  VariableVerdicts decideVariable(int v);
  VariableVerdicts decidePrivatised(int v) const;
  PropertyResult conflicts(int v, const std::vector<std::pair<int, int>> &pairs, const std::string &what);
  PropertyResult forwardRace(int v);
  PropertyResult exclusiveRead(int v);
  void decidePairing(int v, VariableVerdicts &out);
  PropertyResult gatherAvailable(int v) const;
  PropertyResult symmetricUpdate(int x, int y, const isl::map &rx, const isl::map &wy, int read, int write) const;
  PropertyResult reflexive(int x, int y, const isl::map &rx, const isl::map &wy, int read, int write) const;
  std::map<std::string, int64_t> iterationAt(const std::vector<long> &point, size_t offset) const;
  std::string legendSuffix() const;
  /// --dump-isl: writes `relation` (isl text) for one question of the loop.
  void dumpIsl(const std::string &question, const std::string &relation, const std::string &answer) const;
  std::optional<Witness> mismatchWitness(const isl::map &from, const isl::map &other) const;
  std::string paramPrefix() const;
  static std::string tuple(const std::string &name, const std::string &prefix, unsigned n);
  static std::string differ(const std::string &a, const std::string &b, unsigned n);
  int pairedWrite(int x) const;
  /// { S[i..] -> E[e..] } the union of the accesses' index relations
  isl::map footprint(const std::vector<int> &accesses) const;
  StrategyFacts strategyFacts(int v, const VariableVerdicts &out) const;
  std::optional<long> constantFootprint(const std::vector<int> &reads) const;
  Witness witnessOf(int a, int b, const isl::map &conflict) const;
  std::vector<long> smallPoint(isl::set set) const;
  std::map<std::string, int64_t> parameterValues(const std::vector<long> &point) const;
  std::vector<int64_t> elementOf(int k, const Witness &w, size_t side) const;
  static std::vector<int64_t> delinearised(int64_t offset, const std::vector<std::string> &extents,
                                           const std::map<std::string, int64_t> &params);
  isl::set fixedPoint(const std::string &name, const std::vector<long> &point, size_t offset, unsigned n) const;
};

LoopVerdicts LoopDecider::run() {
  LoopVerdicts out;
  for (size_t v = 0; v < loop_.variables.size(); ++v) {
    bool touched = false;
    for (const Access &a : loop_.accesses)
      touched = touched || a.variable == static_cast<int>(v);
    if (touched)
      out.variables.push_back(decideVariableGuarded(static_cast<int>(v)));
  }
  return out;
}

/// An isl failure other than the (per-loop) budget leaves only this variable undecided.
VariableVerdicts LoopDecider::decideVariableGuarded(int v) {
  try {
    return decideVariable(v);
  } catch (const isl::exception_quota &) {
    throw;
  } catch (const isl::exception_abort &) { // the time limit (IslTimeLimit) ends the loop's isl work
    throw;
  } catch (const isl::exception &e) {
    if (islBudgetExhausted(ctx_)) // a quota error that isl's parser reported as a syntax error
      throw;
    const Variable &var = loop_.variables.at(static_cast<size_t>(v));
    VariableVerdicts out;
    out.variable = v;
    out.name = var.name;
    out.array = var.rank > 0;
    out.active = var.floating && !privatised(var);
    out.forwardRace = out.exclusiveRead = out.symmetricUpdate = out.reflexive = out.gatherAvailable =
        unknown(std::string("isl failed: ") + e.what());
    chooseStrategy(strategyFacts(v, out), out);
    return out;
  }
}

VariableVerdicts LoopDecider::decidePrivatised(int v) const {
  const Variable &var = loop_.variables.at(static_cast<size_t>(v));
  VariableVerdicts out;
  out.variable = v;
  out.name = var.name;
  out.array = var.rank > 0;
  out.active = false;
  std::string clause = std::string(toString(var.sharing)) + "(" + var.name + ")";
  std::string why = clause + ": every thread has its own copy";
  out.forwardRace = holds(DecidedBy::DataSharing, {why}, why);
  out.exclusiveRead = holds(DecidedBy::DataSharing, {why}, why);
  out.symmetricUpdate = notApplicable(var.name + " is " + toString(var.sharing));
  out.reflexive = out.gatherAvailable = out.symmetricUpdate;
  StrategyFacts facts;
  facts.sharing = var.sharing;
  facts.privatised = true;
  chooseStrategy(facts, out);
  return out;
}

VariableVerdicts LoopDecider::decideVariable(int v) {
  const Variable &var = loop_.variables.at(static_cast<size_t>(v));
  if (privatised(var))
    return decidePrivatised(v);
  VariableVerdicts out;
  out.variable = v;
  out.name = var.name;
  out.array = var.rank > 0;
  out.active = var.floating;
  if (var.sharing == Sharing::Reduction) {
    std::string why = "reduction(" + var.reductionOp + ": " + var.name +
                      "): the runtime combines private partial results";
    out.forwardRace = holds(DecidedBy::DataSharing, {why}, why);
    out.exclusiveRead = holds(DecidedBy::DataSharing, {why}, why);
    out.symmetricUpdate = notApplicable(var.name + " is a reduction variable");
    out.reflexive = out.gatherAvailable = out.symmetricUpdate;
  } else if (rel_.variable(v).identity == Identity::Unknown) {
    // Elements of v cannot be identified, but reads alone never race.
    out.forwardRace = accessesOf(loop_, v, AccessKind::Write).empty()
                          ? holds(DecidedBy::Isl, {var.name + " is only read in the loop: reads do not race"})
                          : unknown(rel_.variable(v).reason);
    out.exclusiveRead = unknown(rel_.variable(v).reason);
    out.symmetricUpdate = out.reflexive = out.gatherAvailable = unknown(rel_.variable(v).reason);
    for (PropertyResult *p :
         {&out.forwardRace, &out.exclusiveRead, &out.symmetricUpdate, &out.reflexive, &out.gatherAvailable})
      if (p->verdict == Verdict::Unknown)
        p->causeAccess = rel_.variable(v).causeAccess;
  } else {
    out.forwardRace = forwardRace(v);
    out.exclusiveRead = exclusiveRead(v);
    decidePairing(v, out);
    out.gatherAvailable = gatherAvailable(v);
  }
  // The first unmodelled construct that concerns v undoes every proof about v.
  for (size_t k = 0; k < loop_.unsupported.size(); ++k) {
    const model::Unsupported &u = loop_.unsupported[k];
    if (u.variable != -1 && u.variable != v)
      continue;
    for (PropertyResult *p :
         {&out.forwardRace, &out.exclusiveRead, &out.symmetricUpdate, &out.reflexive, &out.gatherAvailable})
      if (p->verdict != Verdict::NotApplicable) {
        *p = unknown(u.reason);
        p->causeUnsupported = static_cast<int>(k);
      }
    break;
  }
  chooseStrategy(strategyFacts(v, out), out);
  return out;
}

PropertyResult LoopDecider::forwardRace(int v) {
  std::vector<std::pair<int, int>> pairs = conflictPairs(loop_, v, Question::ForwardRace);
  if (pairs.empty())
    return holds(DecidedBy::Isl, {loop_.variables[static_cast<size_t>(v)].name +
                                  " has no unsynchronised write in the loop: no conflicting pair of accesses"});
  return conflicts(v, pairs, "written by one iteration and accessed by another");
}

PropertyResult LoopDecider::exclusiveRead(int v) {
  std::vector<std::pair<int, int>> pairs = conflictPairs(loop_, v, Question::ExclusiveRead);
  if (pairs.empty())
    return holds(DecidedBy::Isl, {loop_.variables[static_cast<size_t>(v)].name +
                                  " is not read in the loop (other than as the left side of += or -=, whose "
                                  "adjoint increments nothing): no element is read by two iterations"});
  return conflicts(v, pairs, "read by two iterations");
}

/// For each pair (a, b): the instances of a and b in different iterations
/// that touch one element, { A_a[..] -> A_b[..] }. Violated on an exact
/// conflict (with a witness), Unknown on a conflict through may-accesses,
/// Holds (with the emptied relations as proof) otherwise.
PropertyResult LoopDecider::conflicts(int v, const std::vector<std::pair<int, int>> &pairs,
                                      const std::string &what) {
  std::vector<std::string> proof;
  for (const std::string &n : rel_.variable(v).notes)
    proof.push_back(n);
  std::string mayReason;
  int mayCause = -1;
  for (const auto &[a, b] : pairs) {
    const AccessRelation &ra = rel_.access(a), &rb = rel_.access(b);
    /// { A_a[..] -> A_b[..] : a and b touch one element }
    isl::map same = ra.memory.apply_range(rb.memory.reverse());
    /// the same, restricted to different parallel iterations
    isl::map conflict = same.intersect(rel_.differentIterations(a, b));
    std::string question = loop_.variables[static_cast<size_t>(v)].name + "." + what.substr(0, what.find(' ')) +
                           ".A" + std::to_string(a) + "-A" + std::to_string(b);
    bool empty = false;
    try {
      empty = conflict.is_empty();
    } catch (const isl::exception_quota &) {
      dumpIsl(question, islText(conflict), "unknown (isl operation budget exhausted)");
      throw;
    }
    dumpIsl(question, islText(conflict), empty ? "empty" : "non-empty");
    if (empty) {
      /// { S[i..] -> S[q..] } the iteration pairs on one element
      isl::map iterations = same.apply_domain(rel_.toParallel(a)).apply_range(rel_.toParallel(b)).coalesce();
      proof.push_back(describe(loop_, a) + " / " + describe(loop_, b) + ": pairs of iterations on one element " +
                      islText(iterations) + " intersected with { p != q } = { }");
      continue;
    }
    if (ra.must() && rb.must()) {
      PropertyResult r =
          decided(Verdict::Violated, DecidedBy::Isl, loop_.variables[static_cast<size_t>(v)].name + " is " + what);
      r.witness = witnessOf(a, b, conflict);
      return r;
    }
    if (mayReason.empty()) {
      int inexact = ra.must() ? b : a;
      std::string between = a == b ? "a conflict of " + accessText(loop_, a) + " with itself in another iteration"
                                   : "a conflict between " + accessText(loop_, a) + " and " + accessText(loop_, b);
      mayReason = between + " is possible only through " + accessText(loop_, inexact) + ", because " +
                  rel_.access(inexact).inexactReason;
      mayCause = inexact;
    }
  }
  if (!mayReason.empty()) {
    PropertyResult r = unknown(mayReason);
    r.causeAccess = mayCause;
    return r;
  }
  if (!rel_.legend().empty())
    proof.push_back("isl names: " + rel_.legend());
  return holds(DecidedBy::Isl, proof);
}

int LoopDecider::pairedWrite(int x) const {
  unsigned rank = 0;
  std::vector<int> reads = accessesOf(loop_, x, AccessKind::Read);
  if (reads.empty())
    return -1;
  rank = rel_.access(reads[0]).index.range_tuple_dim();
  int self = -1;
  for (size_t y = 0; y < loop_.variables.size(); ++y) {
    if (!isUpdateCandidate(loop_, static_cast<int>(y)) ||
        rel_.variable(static_cast<int>(y)).identity == Identity::Unknown ||
        rel_.access(accessesOf(loop_, static_cast<int>(y), AccessKind::Write)[0]).index.range_tuple_dim() != rank)
      continue;
    if (static_cast<int>(y) != x)
      return static_cast<int>(y);
    self = x;
  }
  return self;
}

isl::map LoopDecider::footprint(const std::vector<int> &accesses) const {
  isl::map out;
  for (int k : accesses) {
    isl::map m = rel_.access(k).index.apply_domain(rel_.toParallel(k)).set_range_tuple("E");
    out = out.is_null() ? m : out.unite(m);
  }
  return out.coalesce();
}

/// Symmetric update R_X = W_Y and reflexive stencil I ∩ (E×E) = its inverse,
/// for read array X = v and the written array Y that pairedWrite picks.
void LoopDecider::decidePairing(int v, VariableVerdicts &out) {
  const Variable &var = loop_.variables.at(static_cast<size_t>(v));
  if (var.rank == 0) {
    out.symmetricUpdate = out.reflexive = notApplicable(var.name + " is a scalar");
    return;
  }
  if (!var.floating) {
    out.symmetricUpdate = out.reflexive = notApplicable(var.name + " is not active (no adjoint)");
    return;
  }
  if (accessesOf(loop_, v, AccessKind::Read).empty()) {
    out.symmetricUpdate = out.reflexive = notApplicable(var.name + " is not read in the loop");
    return;
  }
  int y = pairedWrite(v);
  if (y < 0) {
    out.symmetricUpdate = out.reflexive =
        notApplicable("no shared floating-point array with the index space of " + var.name + " is written");
    return;
  }
  auto [reads, writes] = updateAccesses(loop_, v, y);
  std::string with = loop_.variables[static_cast<size_t>(y)].name;
  for (const std::vector<int> *set : {&reads, &writes})
    for (int k : *set)
      if (!rel_.access(k).must()) {
        out.symmetricUpdate = out.reflexive =
            unknown(accessText(loop_, k) + " is only a may-access, because " + rel_.access(k).inexactReason);
        out.symmetricUpdate.with = out.reflexive.with = with;
        return;
      }
  /// { S[i..] -> E[e..] } reads of X and writes of Y
  isl::map rx = footprint(reads), wy = footprint(writes);
  out.symmetricUpdate = symmetricUpdate(v, y, rx, wy, reads[0], writes[0]);
  out.reflexive = reflexive(v, y, rx, wy, reads[0], writes[0]);
  out.symmetricUpdate.with = out.reflexive.with = with;
}

/// Whether the adjoint of read array v can run as a gather (transposed)
/// loop: the reads whose adjoints increment (not the read half of += / -=)
/// must be exact, so that the inverse read relation R^-1 (which iterations
/// read element e) is computable; it is the proof.
PropertyResult LoopDecider::gatherAvailable(int v) const {
  const Variable &var = loop_.variables.at(static_cast<size_t>(v));
  if (var.rank == 0)
    return notApplicable(var.name + " is a scalar");
  if (!var.floating)
    return notApplicable(var.name + " is not active (no adjoint)");
  std::vector<int> reads = incrementingReads(loop_, v);
  if (reads.empty())
    return notApplicable(var.name + " is not read in the loop (other than as the left side of += or -=)");
  for (int k : reads)
    if (!rel_.access(k).must()) {
      PropertyResult r = unknown("the reads of " + var.name + " are not exactly known: " + accessText(loop_, k) +
                                 " is only a may-access, because " + rel_.access(k).inexactReason);
      r.causeAccess = k;
      return r;
    }
  /// { E[e..] -> S[i..] } the iterations that read each element
  isl::map inverse = footprint(reads).reverse().coalesce();
  return holds(DecidedBy::Isl, {"R_" + var.name + "^-1 = " + islText(inverse) + legendSuffix()},
               "the reads of " + var.name + " are affine: the iterations reading each element are known");
}

/// R_X = W_Y: holds with the relation as proof, else a witness iteration p
/// and an element in the symmetric difference of R_X(p) and W_Y(p).
/// @param rx { S[i..] -> E[e..] } the reads of X
/// @param wy { S[i..] -> E[e..] } the writes of Y
PropertyResult LoopDecider::symmetricUpdate(int x, int y, const isl::map &rx, const isl::map &wy, int read,
                                            int write) const {
  const std::string &xName = loop_.variables[static_cast<size_t>(x)].name;
  const std::string &yName = loop_.variables[static_cast<size_t>(y)].name;
  bool equal = rx.is_equal(wy);
  /// { S[i..] -> E[e..] } the symmetric difference: empty iff R_X = W_Y
  dumpIsl(xName + ".symmetric-update." + yName, islText(rx.subtract(wy).unite(wy.subtract(rx))),
          equal ? "empty" : "non-empty");
  if (equal)
    return holds(DecidedBy::Isl, {"R_" + xName + " = W_" + yName + " = " + islText(rx) + legendSuffix()});
  PropertyResult r = decided(Verdict::Violated, DecidedBy::Isl,
                             "iteration p reads " + xName + " elements that it does not write in " + yName +
                                 ", or vice versa");
  // A witness with two different iterations: p reads x[e] and does not write
  // y[e], which q writes (or the converse).
  if (auto w = mismatchWitness(rx, wy)) {
    w->firstAccess = read;
    w->secondAccess = write;
    r.witness = w;
  } else if (auto w = mismatchWitness(wy, rx)) {
    w->firstAccess = write;
    w->secondAccess = read;
    r.witness = w;
  } else {
    // No other iteration touches the element: a one-iteration
    // counterexample, p and an element of R_X(p) Δ W_Y(p).
    isl::map onlyRead = rx.subtract(wy);
    bool readSide = !onlyRead.is_empty();
    std::vector<long> pt = smallPoint((readSide ? onlyRead : wy.subtract(rx)).wrap().flatten());
    unsigned np = rel_.paramCount(), nd = rel_.parallelDims();
    Witness one;
    one.parameters = parameterValues(pt);
    one.iterations = {iterationAt(pt, np), iterationAt(pt, np)};
    one.inner = {{}, {}};
    one.element.assign(pt.begin() + np + nd, pt.end());
    one.firstAccess = readSide ? read : write;
    one.secondAccess = readSide ? write : read;
    r.witness = one;
  }
  return r;
}

/// I ∩ (E×E) = its inverse, with I = { o -> j : exists p, o in W_Y(p), j in R_X(p) }
/// and E = W_Y(P). The witness: iteration p writes o and reads j, iteration
/// q writes j, but no iteration writes j while reading o.
PropertyResult LoopDecider::reflexive(int x, int y, const isl::map &rx, const isl::map &wy, int read,
                                      int write) const {
  /// { E[o] -> E[j] } output o is influenced by input j
  isl::map influence = wy.reverse().apply_range(rx);
  /// { E[e] } the written outputs
  isl::set written = wy.range();
  isl::map inside = influence.intersect_domain(written).intersect_range(written).coalesce();
  bool symmetric = inside.is_equal(inside.reverse());
  /// { E[o] -> E[j] } the unmatched pairs: empty iff I ∩ (E×E) is symmetric
  dumpIsl(loop_.variables[static_cast<size_t>(x)].name + ".reflexive." + loop_.variables[static_cast<size_t>(y)].name,
          islText(inside.subtract(inside.reverse())), symmetric ? "empty" : "non-empty");
  if (symmetric)
    return holds(DecidedBy::Isl, {"I ∩ (E×E) = " + islText(inside) + " equals its inverse" + legendSuffix()});
  PropertyResult r = decided(Verdict::Violated, DecidedBy::Isl,
                             "an output of " + loop_.variables[static_cast<size_t>(y)].name +
                                 " is influenced by an input of " + loop_.variables[static_cast<size_t>(x)].name +
                                 " that does not influence it back");
  /// { S[i..] -> [E[o] -> E[j]] } with (o, j) unmatched
  isl::map unmatched = wy.range_product(rx).intersect_range(inside.subtract(inside.reverse()).wrap());
  std::vector<long> pt = smallPoint(unmatched.wrap().flatten());
  unsigned np = rel_.paramCount(), nd = rel_.parallelDims();
  unsigned rank = static_cast<unsigned>((pt.size() - np - nd) / 2);
  /// { S[q..] } the iterations other than p that write the input's index j (j is in E)
  isl::set writers = wy.reverse()
                         .intersect_domain(fixedPoint("E", pt, np + nd + rank, rank))
                         .range()
                         .subtract(fixedPoint("S", pt, np, nd));
  Witness w;
  w.parameters = parameterValues(pt);
  auto at = [&pt](size_t from, unsigned n) { return std::vector<int64_t>(pt.begin() + from, pt.begin() + from + n); };
  w.secondElement = at(np + nd, rank);
  w.element = at(np + nd + rank, rank);
  // Every writer of j is p itself: a one-iteration counterexample (p writes
  // o and j, reads j, and does not read o).
  w.iterations = {iterationAt(pt, np), iterationAt(writers.is_empty() ? pt : smallPoint(writers), np)};
  w.inner = {{}, {}};
  w.firstAccess = write;
  w.secondAccess = read;
  r.witness = w;
  return r;
}

/// p touches e through `from` but not through `other`, and q != p touches e
/// through `other`; nullopt if there is no such pair.
/// @param from  { S[i..] -> E[e..] }
/// @param other { S[i..] -> E[e..] }
std::optional<Witness> LoopDecider::mismatchWitness(const isl::map &from, const isl::map &other) const {
  unsigned np = rel_.paramCount(), nd = rel_.parallelDims(), rank = from.range_tuple_dim();
  /// { S[p] -> [E[e] -> S[q]] : e in from(p) \ other(p), e in other(q), p != q }
  isl::map pairs = from.subtract(other)
                       .range_product(isl::map(ctx_, paramPrefix() + "{ " + tuple("S", "i", nd) + " -> " +
                                                         tuple("S", "q", nd) + " }"))
                       .intersect_range(other.reverse().wrap())
                       .intersect(isl::map(ctx_, paramPrefix() + "{ " + tuple("S", "i", nd) + " -> [" +
                                                    tuple("E", "e", rank) + " -> " + tuple("S", "q", nd) +
                                                    "] : " + differ("i", "q", nd) + " }"));
  if (pairs.is_empty())
    return std::nullopt;
  std::vector<long> pt = smallPoint(pairs.wrap().flatten());
  Witness w;
  w.parameters = parameterValues(pt);
  w.iterations = {iterationAt(pt, np), iterationAt(pt, np + nd + rank)};
  w.inner = {{}, {}};
  w.element.assign(pt.begin() + np + nd, pt.begin() + np + nd + rank);
  return w;
}

std::string LoopDecider::paramPrefix() const {
  std::string names;
  for (unsigned p = 0; p < rel_.paramCount(); ++p)
    names += (p ? ", p" : "p") + std::to_string(p);
  return names.empty() ? "" : "[" + names + "] -> ";
}

std::string LoopDecider::tuple(const std::string &name, const std::string &prefix, unsigned n) {
  std::string dims;
  for (unsigned d = 0; d < n; ++d)
    dims += (d ? ", " : "") + prefix + std::to_string(d);
  return name + "[" + dims + "]";
}

/// "a0 < b0 or a0 > b0 or ...": the tuples a and b differ
std::string LoopDecider::differ(const std::string &a, const std::string &b, unsigned n) {
  std::string out;
  for (unsigned d = 0; d < n; ++d) {
    std::string x = a + std::to_string(d), y = b + std::to_string(d);
    out += (d ? " or " : "") + x + " < " + y + " or " + x + " > " + y;
  }
  return out.empty() ? "false" : out;
}

std::map<std::string, int64_t> LoopDecider::iterationAt(const std::vector<long> &point, size_t offset) const {
  std::map<std::string, int64_t> out;
  for (unsigned d = 0; d < rel_.parallelDims(); ++d)
    out[loop_.iterators[d].iterator] = point.at(offset + d);
  return out;
}

void LoopDecider::dumpIsl(const std::string &question, const std::string &relation,
                          const std::string &answer) const {
  if (options_.dumpIslDir.empty())
    return;
  std::string text = "# adjoint-lint isl relation: loop " + loop_.id + ", " + question + "\n# answer: " + answer +
                     "\n" + (rel_.legend().empty() ? "" : "# isl names: " + rel_.legend() + "\n") + relation + "\n";
  std::string error;
  support::writeFileAtomically(options_.dumpIslDir + "/" + smt::fileSafe(loop_.id) + "." + smt::fileSafe(question) +
                                   ".isl",
                               text, error);
}

std::string LoopDecider::legendSuffix() const {
  return rel_.legend().empty() ? "" : " (isl names: " + rel_.legend() + ")";
}

/// [P] -> { T[v..] : v = point[offset..], params = point[0..] }
isl::set LoopDecider::fixedPoint(const std::string &name, const std::vector<long> &point, size_t offset,
                                 unsigned n) const {
  std::string fix, dims;
  for (unsigned p = 0; p < rel_.paramCount(); ++p)
    fix += std::string(fix.empty() ? " : " : " and ") + "p" + std::to_string(p) + " = " + std::to_string(point[p]);
  for (unsigned e = 0; e < n; ++e)
    dims += (e ? ", " : "") + std::to_string(point[offset + e]);
  return isl::set(ctx_, paramPrefix() + "{ " + name + "[" + dims + "]" + fix + " }");
}

StrategyFacts LoopDecider::strategyFacts(int v, const VariableVerdicts &out) const {
  const Variable &var = loop_.variables.at(static_cast<size_t>(v));
  std::vector<int> reads = accessesOf(loop_, v, AccessKind::Read);
  StrategyFacts facts;
  facts.active = out.active;
  facts.sharing = var.sharing;
  facts.exclusiveRead = out.exclusiveRead.verdict;
  facts.exclusiveReadReason = out.exclusiveRead.reason;
  facts.read = !reads.empty();
  facts.readsExact = std::all_of(reads.begin(), reads.end(), [this](int k) { return rel_.access(k).must(); });
  facts.constantFootprint = [this, reads] { return constantFootprint(reads); };
  facts.maxReductionElements = options_.maxReductionElements;
  facts.reflexive = out.reflexive.verdict == Verdict::Holds;
  return facts;
}

/// The number of elements of a box around the reads' footprint, if that box
/// has a size independent of the parameters (broadcast weights w[k], k < 3).
std::optional<long> LoopDecider::constantFootprint(const std::vector<int> &reads) const {
  isl::fixed_box box = footprint(reads).range().simple_fixed_box_hull();
  if (!box.is_valid())
    return std::nullopt;
  long elements = 1;
  isl::multi_val size = box.size();
  for (unsigned d = 0; d < size.size(); ++d)
    elements *= size.at(static_cast<int>(d)).num_si();
  return elements;
}

/// A small point of `set` (a flat set with parameters): the parameters are
/// moved into the tuple, boxed and minimised, so witnesses read like n = 4,
/// i = 1. Returns the parameter values followed by the set's coordinates.
std::vector<long> LoopDecider::smallPoint(isl::set set) const {
  unsigned np = rel_.paramCount();
  // The C++ interface has no move_dims.
  isl::set flat = isl::manage(isl_set_move_dims(set.release(), isl_dim_set, 0, isl_dim_param, 0, np));
  unsigned n = flat.tuple_dim();
  auto coordinates = [n](const isl::point &pt) {
    std::vector<long> out;
    isl::multi_val mv = pt.multi_val();
    for (unsigned d = 0; d < n; ++d)
      out.push_back(mv.at(static_cast<int>(d)).num_si());
    return out;
  };
  // Up to 2^62: every coordinate of a point found fits in a long (a point
  // of the unboxed set may not, and reads back as garbage).
  for (long bound : {8L, 64L, 1024L, 1L << 20, 1L << 33, 1L << 62})
    for (bool nonnegativeParams : {true, false}) {
      isl::multi_val lo = flat.space().zero_multi_val(), hi = lo;
      for (unsigned d = 0; d < n; ++d) {
        lo = lo.set_at(static_cast<int>(d), isl::val(ctx_, d < np && nonnegativeParams ? 0 : -bound));
        hi = hi.set_at(static_cast<int>(d), isl::val(ctx_, bound));
      }
      isl::set boxed = flat.lower_bound(lo).upper_bound(hi);
      if (boxed.is_empty())
        continue;
      // The lexicographic minimum reads best, but with wrapped (modulo 2^w)
      // subscripts it can take minutes even in small boxes, and isl's
      // operation budget does not bound it: only a quasi-affine-free set
      // gets it. Any point of the smallest box is small anyway.
      bool plain = true;
      boxed.foreach_basic_set([&](isl::basic_set b) {
        plain = plain && isl_basic_set_dim(b.get(), isl_dim_div) == 0;
      });
      return coordinates(plain ? boxed.lexmin().sample_point() : boxed.sample_point());
    }
  return coordinates(flat.sample_point());
}

std::map<std::string, int64_t> LoopDecider::parameterValues(const std::vector<long> &point) const {
  std::map<std::string, int64_t> out;
  for (unsigned p = 0; p < rel_.paramCount(); ++p)
    out[loop_.parameters[p]] = point[p];
  return out;
}

Witness LoopDecider::witnessOf(int a, int b, const isl::map &conflict) const {
  std::vector<long> pt = smallPoint(conflict.wrap().flatten());
  Witness w;
  w.parameters = parameterValues(pt);
  w.firstAccess = a;
  w.secondAccess = b;
  size_t pos = rel_.paramCount();
  for (int k : {a, b}) {
    std::map<std::string, int64_t> iter, inner;
    for (unsigned d = 0; d < rel_.parallelDims(); ++d)
      iter[loop_.iterators[d].iterator] = pt[pos++];
    for (const std::string &name : rel_.access(k).inner)
      inner[name] = pt[pos++];
    w.iterations.push_back(iter);
    w.inner.push_back(inner);
  }
  w.element = elementOf(a, w, 0);
  return w;
}

/// The subscripts of access k at the witness's side `side`, as written in the source.
std::vector<int64_t> LoopDecider::elementOf(int k, const Witness &w, size_t side) const {
  std::map<std::string, int64_t> env = w.parameters;
  for (const auto &[name, value] : w.iterations[side])
    env[name] = value;
  for (const auto &[name, value] : w.inner[side])
    env[name] = value;
  std::vector<int64_t> out;
  for (const model::IndexExpr &e : loop_.accesses.at(static_cast<size_t>(k)).subscripts)
    if (auto value = evaluate(e, env))
      out.push_back(*value);
  const VariableRelations &vr = rel_.variable(loop_.accesses[static_cast<size_t>(k)].variable);
  if (vr.identity == Identity::Delinearised && out.size() == 1)
    return delinearised(out[0], vr.rowExtents, w.parameters);
  return out;
}

/// The mixed-radix digits of a linear offset, outermost first: with inner
/// extents {n} (innermost first), i * n + j gives {i, j} for 0 <= j < n.
std::vector<int64_t> LoopDecider::delinearised(int64_t offset, const std::vector<std::string> &extents,
                                               const std::map<std::string, int64_t> &params) {
  std::vector<int64_t> innermostFirst;
  for (const std::string &e : extents) {
    int64_t n = params.at(e);
    if (n <= 0)
      return {offset};
    int64_t q = offset / n, r = offset % n;
    if (r < 0) {
      r += n;
      --q;
    }
    innermostFirst.push_back(r);
    offset = q;
  }
  innermostFirst.push_back(offset);
  return std::vector<int64_t>(innermostFirst.rbegin(), innermostFirst.rend());
}

/// Every property unknown for one reason (isl failed or ran out of budget).
LoopVerdicts undecided(const LoopModel &loop, const std::string &reason) {
  LoopVerdicts out;
  for (size_t v = 0; v < loop.variables.size(); ++v) {
    bool touched = false;
    for (const Access &a : loop.accesses)
      touched = touched || a.variable == static_cast<int>(v);
    if (!touched)
      continue;
    const Variable &var = loop.variables[v];
    VariableVerdicts vv;
    vv.variable = static_cast<int>(v);
    vv.name = var.name;
    vv.array = var.rank > 0;
    vv.active = var.floating && !privatised(var);
    vv.forwardRace = vv.exclusiveRead = vv.symmetricUpdate = vv.reflexive = vv.gatherAvailable = unknown(reason);
    StrategyFacts facts;
    facts.active = vv.active;
    facts.undecided = reason;
    chooseStrategy(facts, vv);
    out.variables.push_back(vv);
  }
  return out;
}

/// The loop's own race verdict from its variables'.
PropertyResult loopRace(const LoopModel &loop, const LoopVerdicts &v) {
  for (const VariableVerdicts &var : v.variables)
    if (var.forwardRace.verdict == Verdict::Violated) {
      PropertyResult r = var.forwardRace;
      r.reason = var.name + ": " + r.reason;
      return r;
    }
  for (const VariableVerdicts &var : v.variables)
    if (var.forwardRace.verdict == Verdict::Unknown) {
      PropertyResult r = var.forwardRace; // keeps the cause
      r.reason = var.name + ": " + r.reason;
      return r;
    }
  // Something the front end could not model may touch memory that no
  // variable above accounts for (a member access, a call): no proof.
  for (size_t k = 0; k < loop.unsupported.size(); ++k)
    if (loop.unsupported[k].variable == -1) {
      PropertyResult r = unknown(loop.unsupported[k].reason);
      r.causeUnsupported = static_cast<int>(k);
      return r;
    }
  std::vector<std::string> proof;
  for (const VariableVerdicts &var : v.variables)
    for (const std::string &p : var.forwardRace.proof)
      proof.push_back(var.name + ": " + p);
  if (proof.empty())
    proof.push_back("the loop accesses no variable");
  return holds(DecidedBy::Isl, proof);
}

/// An inner loop iterator that is a shared variable (declared outside the
/// parallel loop, in C) races: threads overwrite each other's values, so the
/// subscripts it indexes are not what the model says, and no proof about any
/// other variable of the loop stands.
void undoProofsThroughRacingIterators(const LoopModel &loop, LoopVerdicts &out) {
  std::string racing;
  for (const model::Scope &sc : loop.scopes)
    for (const VariableVerdicts &var : out.variables)
      if (sc.kind == model::Scope::Kind::Loop && !var.array && var.name == sc.loop.iterator &&
          var.forwardRace.verdict == Verdict::Violated)
        racing = var.name;
  if (racing.empty())
    return;
  std::string why = "the inner loop iterator " + racing +
                    " is shared and races, so the elements it indexes are not determined";
  for (VariableVerdicts &var : out.variables)
    for (PropertyResult *p :
         {&var.forwardRace, &var.exclusiveRead, &var.symmetricUpdate, &var.reflexive, &var.gatherAvailable})
      if (var.array && p->verdict == Verdict::Holds && p->decidedBy != DecidedBy::DataSharing) {
        *p = unknown(why);
      }
}

/// A loop whose forward iterations race computes nondeterministic values:
/// no parallel adjoint of it is meaningful, whatever the reads look like.
void serialiseAdjoints(LoopVerdicts &out) {
  StrategyFacts facts;
  facts.active = true;
  facts.forwardLoopRaces = true;
  // The variable whose race (with a witness) is the loop's (loopRace).
  for (const VariableVerdicts &var : out.variables)
    if (var.forwardRace.verdict == Verdict::Violated) {
      if (var.forwardRace.witness)
        facts.racingVariable = var.name;
      break;
    }
  for (VariableVerdicts &var : out.variables)
    if (var.active)
      chooseStrategy(facts, var);
}

std::vector<std::string> assumptionsOf(const LoopModel &loop) {
  std::vector<std::string> out = loop.assumptions;
  // The verdicts are about this loop's iterations; without the barrier,
  // they say nothing about code that runs concurrently after it.
  if (loop.clauses.nowait)
    out.push_back("nowait: work after this loop in the parallel region may run concurrently "
                  "with it and is not checked against it");
  for (const Variable &v : loop.variables)
    if (v.separateRows && v.rank > 1) {
      std::string a = "rows of " + v.name + " do not overlap";
      if (std::find(out.begin(), out.end(), a) == out.end())
        out.push_back(a);
    }
  return out;
}

} // namespace

LoopVerdicts decide(const LoopModel &loop, const DeciderOptions &options) {
  LoopVerdicts out;
  IslOwner isl;
  isl.setBudget(options.islMaxOperations);
  bool islDecided = false;
  {
    // The isl work only: the limit ends with this scope.
    IslTimeLimit timeLimit(isl.ctx(), options.islTimeoutMs);
    const std::string timeLimitReason = "isl time limit of " + std::to_string(options.islTimeoutMs) + " ms reached";
    try {
      LoopRelations relations(isl.ctx(), loop, /*useContext=*/true);
      out = LoopDecider(isl.ctx(), loop, relations, options).run();
      islDecided = true; // verdicts complete before the limit stand
    } catch (const isl::exception_abort &) {
      out = undecided(loop, timeLimit.expired() ? timeLimitReason : "isl aborted");
    } catch (const isl::exception_quota &) {
      out = undecided(loop, "isl operation budget of " + std::to_string(options.islMaxOperations) + " exhausted");
    } catch (const isl::exception &e) {
      out = undecided(loop, islBudgetExhausted(isl.ctx())
                                ? "isl operation budget of " + std::to_string(options.islMaxOperations) + " exhausted"
                                : std::string("isl failed: ") + e.what());
    } catch (const std::exception &e) {
      out = undecided(loop, std::string("internal error in the isl deciders: ") + e.what());
    }
  }
  for (std::string &a : assumptionsOf(loop))
    out.assumptions.push_back({model::Assumption::Kind::Premise, std::move(a)});
  // Z3 for what isl left open (index arrays, products): races first, then
  // exclusive reads, which may use facts derived from race freedom.
  IndexArrayOptions z3{options.z3Rlimit, options.z3TimeoutMs, options.dumpSmt2Dir};
  if (islDecided)
    decideIndexArrays(loop, out, IndexArrayPass::ForwardRaces, z3);
  undoProofsThroughRacingIterators(loop, out);
  out.forwardRace = loopRace(loop, out);
  if (islDecided)
    decideIndexArrays(loop, out, IndexArrayPass::ExclusiveReads, z3);
  if (out.forwardRace.verdict == Verdict::Violated)
    serialiseAdjoints(out);
  // --cross-check: Z3 re-decides what isl decided (--dump-smt2 alone runs
  // the same queries to write them).
  if (options.crossCheck || !options.dumpSmt2Dir.empty()) {
    std::vector<SmtVariableVerdicts> z3 =
        decideWithZ3(loop, {options.z3Rlimit, options.z3TimeoutMs}, options.dumpSmt2Dir);
    if (options.crossCheckInjectFault)
      for (SmtVariableVerdicts &v : z3)
        for (PropertyResult *p : {&v.forwardRace, &v.exclusiveRead})
          if (p->verdict == Verdict::Holds || p->verdict == Verdict::Violated)
            p->verdict = p->verdict == Verdict::Holds ? Verdict::Violated : Verdict::Holds;
    if (options.crossCheck)
      compareVerdicts(loop, out, z3);
  }
  // schedule(static[, c]): which conflicts cross threads (Schedules.h).
  decideSchedules(loop, out, options.threads, {options.z3Rlimit, options.z3TimeoutMs}, options.dumpSmt2Dir);
  return out;
}

} // namespace adjoint_lint::polyhedral
