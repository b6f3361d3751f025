#include "reports/Findings.h"

#include "reports/StrategyText.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace adjoint_lint::reports {

using model::Access;
using model::AccessKind;
using model::LoopModel;
using model::PropertyResult;
using model::Strategy;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;
using AssignOp = model::Statement::Op;
using ExprOp = model::Expr::Op;

namespace {

using Values = std::map<std::string, int64_t>;

Location locationOf(const model::SourceRange &r) {
  return {r.file, r.line, r.column, r.endLine, r.endColumn};
}

/// The loop's pragma; the anchor of findings that concern the whole loop.
Location pragmaOf(const LoopModel &m) { return locationOf(m.range); }

/// The pragma as the anchor of a note: a caret, without the range, so the
/// directive is not underlined again and again.
Location pragmaNoteOf(const LoopModel &m) {
  Location loc = pragmaOf(m);
  loc.endLine = loc.endColumn = 0;
  return loc;
}

const Access *accessAt(const LoopModel &m, int index) {
  if (index < 0 || index >= static_cast<int>(m.accesses.size()))
    return nullptr;
  return &m.accesses[static_cast<size_t>(index)];
}

/// The access to `variable` of `kind` that comes first in the source.
const Access *firstAccess(const LoopModel &m, int variable, std::optional<AccessKind> kind) {
  const Access *best = nullptr;
  for (const Access &a : m.accesses) {
    if (a.variable != variable || (kind && a.kind != *kind))
      continue;
    if (!best || std::tie(a.range.line, a.range.column) < std::tie(best->range.line, best->range.column))
      best = &a;
  }
  return best;
}

int variableIndex(const LoopModel &m, const VariableVerdicts &vv) {
  if (vv.variable >= 0 && vv.variable < static_cast<int>(m.variables.size()))
    return vv.variable;
  return m.findVariable(vv.name);
}

/// "i=1" or "i=1, j=2": the loop's iterators in their order, then any other
/// names the decider reported.
std::string valuesText(const Values &values, const std::vector<std::string> &order) {
  std::string out;
  auto add = [&](const std::string &name, int64_t v) {
    if (!out.empty())
      out += ", ";
    out += name + "=" + std::to_string(v);
  };
  for (const std::string &name : order)
    if (auto it = values.find(name); it != values.end())
      add(name, it->second);
  for (const auto &[name, v] : values)
    if (std::find(order.begin(), order.end(), name) == order.end())
      add(name, v);
  return out;
}

/// An iteration's values in the loop's iterator order, for comparing.
std::vector<int64_t> iterationKey(const LoopModel &m, const Values &values) {
  std::vector<int64_t> key;
  for (const model::LoopHeader &h : m.iterators)
    if (auto it = values.find(h.iterator); it != values.end())
      key.push_back(it->second);
  return key;
}

/// One iteration of the witness: "i=1", "(i=1, j=2)" for collapsed loops,
/// with inner-loop iterators as "i=1 (inner k=0)".
std::string iterationText(const LoopModel &m, const Witness &w, size_t which) {
  const std::vector<std::string> order = iteratorNames(m);
  std::string text = which < w.iterations.size() ? valuesText(w.iterations[which], order) : "?";
  if (which < w.iterations.size() && w.iterations[which].size() > 1)
    text = "(" + text + ")";
  if (which < w.inner.size() && !w.inner[which].empty())
    text += " (inner " + valuesText(w.inner[which], order) + ")";
  return text;
}

/// "iterations i=1 and i=2", the lower first (the sentence is symmetric;
/// the iteration note pairs each iteration with its access).
std::string iterationsText(const LoopModel &m, const Witness &w) {
  size_t lower = w.iterations.size() == 2 &&
                         iterationKey(m, w.iterations[1]) < iterationKey(m, w.iterations[0])
                     ? 1
                     : 0;
  return "iterations " + iterationText(m, w, lower) + " and " + iterationText(m, w, 1 - lower);
}

/// "x[2]", "a[1][3]", or "s" for a scalar.
std::string elementText(const std::string &name, const Witness &w, unsigned rank) {
  if (rank == 0)
    return name;
  if (w.element.empty())
    return "the same element of " + name;
  std::string out = name;
  for (int64_t e : w.element)
    out += "[" + std::to_string(e) + "]";
  return out;
}

/// "perm[3] = perm[4] = 7, col[0] = 2": index-array values grouped by array
/// and value, as the solver picked them.
std::string arrayValuesText(const Witness &w) {
  std::map<std::pair<std::string, int64_t>, std::vector<std::string>> groups;
  for (const auto &[element, value] : w.arrayValues)
    groups[{element.substr(0, element.find('[')), value}].push_back(element);
  std::string out;
  for (const auto &[key, elements] : groups) {
    out += out.empty() ? "" : ", ";
    for (const std::string &e : elements)
      out += e + " = ";
    out += std::to_string(key.second);
  }
  return out;
}

std::string parametersText(const LoopModel &m, const Witness &w) {
  std::string values = w.parameters.empty() ? "" : valuesText(w.parameters, m.parameters);
  if (!w.arrayValues.empty())
    values += (values.empty() ? "" : "; ") + arrayValuesText(w);
  return values.empty() ? "" : " (with " + values + ")";
}

const char *verb(AccessKind k) { return k == AccessKind::Read ? "reads" : "writes"; }

/// "in iteration i=1 'x[i + 1]' writes x[2]; in iteration i=2 'x[i]' reads
/// x[2] (with n=4)"; for a scalar "in iteration i=0 sum is written; ...".
std::string iterationNote(const LoopModel &m, const Witness &w, const Access &a, const Access &b,
                          const std::string &element) {
  auto one = [&](size_t which, const Access &acc) {
    std::string text = "in iteration " + iterationText(m, w, which) + " ";
    if (acc.text.empty() || acc.text == element)
      return text + element + (acc.kind == AccessKind::Read ? " is read" : " is written");
    return text + "'" + acc.text + "' " + verb(acc.kind) + " " + element;
  };
  return one(0, a) + "; " + one(1, b) + parametersText(m, w);
}

/// The witness as two steps, one per iteration, for SARIF thread flows and
/// the HTML report: "'x[i + 1]' writes x[2]" in iteration "i=1".
std::vector<WitnessStep> witnessSteps(const LoopModel &m, const Witness &w, const Access &a,
                                      const Access &b, const std::string &element) {
  auto one = [&](size_t which, const Access &acc) {
    WitnessStep step;
    step.loc = locationOf(acc.range);
    step.iteration = iterationText(m, w, which);
    if (acc.text.empty() || acc.text == element)
      step.message = element + (acc.kind == AccessKind::Read ? " is read" : " is written");
    else
      step.message = "'" + acc.text + "' " + verb(acc.kind) + " " + element;
    step.message += " in iteration " + step.iteration;
    step.access = acc.text;
    step.element = element;
    step.write = acc.kind == AccessKind::Write;
    return step;
  };
  return {one(0, a), one(1, b)};
}

/// The OpenMP reduction operator of a scalar update `s op= e` or
/// `s = s op e`; empty if the statement writing `write` is not one.
std::string reductionOperator(const LoopModel &m, int write) {
  for (const model::Statement &st : m.statements) {
    if (st.lhs != write)
      continue;
    if (st.op == AssignOp::AddAssign || st.op == AssignOp::SubAssign)
      return "+";
    if (st.op == AssignOp::MulAssign)
      return "*";
    const model::Expr &e = st.rhs;
    if (st.op != AssignOp::Assign || e.kind != model::Expr::Kind::Binary || (e.op != ExprOp::Plus && e.op != ExprOp::Mul))
      return "";
    const Access *target = accessAt(m, write);
    for (const model::Expr &operand : e.operands)
      if (operand.kind == model::Expr::Kind::Access)
        if (const Access *read = accessAt(m, operand.access); read && target && read->variable == target->variable)
          return model::toString(e.op);
  }
  return "";
}

/// What to do about a shared scalar that iterations both write.
std::string scalarAdvice(const LoopModel &m, const std::string &name, int write) {
  std::string op = reductionOperator(m, write);
  // A member access (`g->count`, `s.total`) cannot be a clause's list item.
  bool member = name.find('.') != std::string::npos || name.find("->") != std::string::npos;
  if (!op.empty() && member)
    return "accumulate into a local variable with reduction(" + op + ": ...) and add it to '" + name +
           "' after the loop";
  if (member)
    return "if every iteration assigns '" + name + "' before reading it, use a local variable "
           "instead; otherwise it needs a reduction into a local variable or synchronisation";
  if (!op.empty())
    return "make '" + name + "' a reduction variable: add reduction(" + op + ": " + name +
           ") to the directive";
  return "if every iteration assigns '" + name + "' before reading it, declare it private(" + name +
         "); otherwise it needs a reduction or synchronisation";
}

std::string reasonOf(const PropertyResult &r) {
  return r.reason.empty() ? std::string("the decider gave no reason") : r.reason;
}

Finding makeFinding(const char *rule, Level level, Location loc, std::string message,
                    const LoopModel &m) {
  Finding f;
  f.rule = rule;
  f.level = level;
  f.loc = std::move(loc);
  f.message = std::move(message);
  f.loopId = m.id;
  f.function = m.function;
  return f;
}

/// A witness with its accesses put in order: the write first when one of
/// the two accesses writes, else the one first in the source, else (one
/// access in two iterations) the lower iteration first.
struct OrderedWitness {
  Witness w;
  const Access *first = nullptr, *second = nullptr;
};

std::optional<OrderedWitness> orderWitness(const LoopModel &m, const PropertyResult &r) {
  if (!r.witness)
    return std::nullopt;
  OrderedWitness o{*r.witness, accessAt(m, r.witness->firstAccess),
                   accessAt(m, r.witness->secondAccess)};
  if (!o.first || !o.second)
    return std::nullopt;
  bool swap = false;
  if (o.first->kind != o.second->kind)
    swap = o.first->kind == AccessKind::Read; // the write first
  else if (o.w.firstAccess != o.w.secondAccess)
    swap = std::tie(o.second->range.line, o.second->range.column) <
           std::tie(o.first->range.line, o.first->range.column); // the first in the source first
  else if (o.w.iterations.size() == 2)
    swap = iterationKey(m, o.w.iterations[1]) < iterationKey(m, o.w.iterations[0]); // the lower first
  if (swap) {
    std::swap(o.first, o.second);
    std::swap(o.w.firstAccess, o.w.secondAccess);
    if (o.w.iterations.size() == 2)
      std::swap(o.w.iterations[0], o.w.iterations[1]);
    if (o.w.inner.size() == 2)
      std::swap(o.w.inner[0], o.w.inner[1]);
  }
  return o;
}

// ---------------------------------------------------------------------------
// adjoint-lint-forward-race

Finding forwardRaceFinding(const LoopModel &m, const std::string &name, int var,
                           const PropertyResult &r) {
  unsigned rank = var >= 0 ? m.variables[static_cast<size_t>(var)].rank : 0;
  std::optional<OrderedWitness> o = orderWitness(m, r);
  if (!o) {
    const Access *w = firstAccess(m, var, AccessKind::Write);
    Finding f = makeFinding(kRuleForwardRace, Level::Warning, w ? locationOf(w->range) : pragmaOf(m),
                            "accesses to '" + name + "' race between iterations of this loop", m);
    f.variable = name;
    return f;
  }
  const Access &a = *o->first, &b = *o->second;
  const bool same = o->w.firstAccess == o->w.secondAccess;
  const std::string element = elementText(name, o->w, rank);
  std::string message = std::string(a.kind == AccessKind::Write ? "write to '" : "read of '") + name +
                        "' races with " + (same ? "the same " : "a ") + model::toString(b.kind) +
                        " in another iteration: " + iterationsText(m, o->w) + " both access " +
                        element;
  Finding f = makeFinding(kRuleForwardRace, Level::Warning, locationOf(a.range), message, m);
  f.variable = name;
  f.witness = witnessSteps(m, o->w, a, b, element);
  if (!same)
    f.notes.push_back({locationOf(b.range),
                       std::string("conflicting ") + model::toString(b.kind) + " of '" + name + "' here"});
  f.notes.push_back({pragmaNoteOf(m), iterationNote(m, o->w, a, b, element)});
  if (rank == 0 && var >= 0 && (a.kind == AccessKind::Write || b.kind == AccessKind::Write))
    f.notes.push_back({pragmaNoteOf(m), scalarAdvice(m, name, o->w.firstAccess)});
  return f;
}

// ---------------------------------------------------------------------------
// adjoint-lint-shared-adjoint and the strategy advice

/// How the adjoint of `name` should run, in one sentence.
std::string strategyAdvice(const VariableVerdicts &vv) {
  const std::string &n = vv.name;
  std::string advice;
  std::string how;
  if (vv.strategy == Strategy::Gather) {
    advice = "use a gather (transposed) adjoint for '" + n + "'";
    how = "a parallel loop over the elements of " + n + " pulls their contributions";
    if (vv.reflexive.verdict == Verdict::Holds)
      how += "; the stencil is reflexive" +
             (vv.reflexive.with.empty() ? std::string() : " with '" + vv.reflexive.with + "'") +
             ", so that loop has the forward loop's shape";
  } else if (vv.strategy == Strategy::Reduction) {
    advice = "use an array reduction for the adjoint of '" + n + "'";
    how = "each thread increments a private copy of the adjoint, summed at the end";
  } else if (vv.strategy == Strategy::Atomic) {
    advice = "use atomic increments for the adjoint of '" + n + "'";
    how = "correct, but contended and not bitwise reproducible";
  } else if (vv.strategy == Strategy::Serial) {
    advice = "run the adjoint of '" + n + "' serially";
  } else if (vv.strategy == Strategy::Plain) {
    advice = "the adjoint of '" + n + "' can run in parallel as it is";
  } else {
    advice = "no parallel adjoint strategy was chosen for '" + n + "'";
  }
  if (vv.strategyReason)
    how = strategyReasonText(vv);
  return how.empty() ? advice : advice + ": " + how;
}

std::optional<Note> symmetricNote(const LoopModel &m, const VariableVerdicts &vv) {
  if (vv.symmetricUpdate.verdict != Verdict::Holds || vv.symmetricUpdate.with.empty())
    return std::nullopt;
  const std::string &y = vv.symmetricUpdate.with;
  return Note{pragmaNoteOf(m), "the reads of '" + vv.name + "' match the writes to '" + y +
                               "' (symmetric update): whatever keeps the writes to '" + y +
                               "' apart also keeps the increments to the adjoint of '" + vv.name +
                               "' apart"};
}

Finding sharedAdjointFinding(const LoopModel &m, const VariableVerdicts &vv, int var) {
  const PropertyResult &r = vv.exclusiveRead;
  unsigned rank = var >= 0 ? m.variables[static_cast<size_t>(var)].rank : 0;
  std::optional<OrderedWitness> o = orderWitness(m, r);
  Finding f;
  if (!o) {
    const Access *read = firstAccess(m, var, AccessKind::Read);
    f = makeFinding(kRuleSharedAdjoint, Level::Warning, read ? locationOf(read->range) : pragmaOf(m),
                    "adjoint of '" + vv.name +
                        "' needs synchronisation: two iterations read the same element, so their "
                        "increments to its adjoint would race",
                    m);
  } else {
    const Access &a = *o->first, &b = *o->second;
    const std::string element = elementText(vv.name, o->w, rank);
    f = makeFinding(kRuleSharedAdjoint, Level::Warning, locationOf(a.range),
                    "adjoint of '" + vv.name + "' needs synchronisation: " + iterationsText(m, o->w) +
                        " both read " + element + ", so their increments to the adjoint of " +
                        element + " would race",
                    m);
    f.witness = witnessSteps(m, o->w, a, b, element);
    if (o->w.firstAccess != o->w.secondAccess)
      f.notes.push_back({locationOf(b.range), "other read of '" + vv.name + "' here"});
    f.notes.push_back({pragmaNoteOf(m), iterationNote(m, o->w, a, b, element)});
  }
  f.variable = vv.name;
  if (std::optional<Note> n = symmetricNote(m, vv))
    f.notes.push_back(*n);
  f.notes.push_back({pragmaNoteOf(m), strategyAdvice(vv)});
  return f;
}

// ---------------------------------------------------------------------------
// adjoint-lint-unknown

/// Where an unknown verdict is best shown: at what caused it (the access
/// whose subscript, guard or bounds defeat the analysis, or the unmodelled
/// construct), else at `fallback`.
Location causeOf(const LoopModel &m, const model::PropertyResult &r, const Access *fallback) {
  if (const Access *a = accessAt(m, r.causeAccess))
    return locationOf(a->range);
  if (r.causeUnsupported >= 0 && static_cast<size_t>(r.causeUnsupported) < m.unsupported.size() &&
      m.unsupported[static_cast<size_t>(r.causeUnsupported)].range.line > 0)
    return locationOf(m.unsupported[static_cast<size_t>(r.causeUnsupported)].range);
  return fallback ? locationOf(fallback->range) : pragmaOf(m);
}

/// True when `r` is unknown only because of a construct that concerns the
/// whole loop: one finding per such construct says so (loopWideFindings).
bool causedLoopWide(const LoopModel &m, const model::PropertyResult &r) {
  return r.verdict == Verdict::Unknown && r.causeUnsupported >= 0 &&
         static_cast<size_t>(r.causeUnsupported) < m.unsupported.size() &&
         m.unsupported[static_cast<size_t>(r.causeUnsupported)].variable == -1;
}

/// One warning per construct the front end could not model for the whole
/// loop (a call, a member access, a modified iterator...), at the construct,
/// instead of one per variable and question it leaves undecided.
std::vector<Finding> loopWideFindings(const LoopModel &m, const model::LoopVerdicts &v) {
  std::vector<Finding> out;
  std::vector<bool> used(m.unsupported.size(), false);
  auto mark = [&](const model::PropertyResult &r) {
    if (causedLoopWide(m, r))
      used[static_cast<size_t>(r.causeUnsupported)] = true;
  };
  mark(v.forwardRace);
  for (const VariableVerdicts &vv : v.variables) {
    mark(vv.forwardRace);
    if (vv.active && vv.array)
      mark(vv.exclusiveRead);
  }
  for (size_t k = 0; k < m.unsupported.size(); ++k) {
    if (!used[k])
      continue;
    const model::Unsupported &u = m.unsupported[k];
    out.push_back(makeFinding(kRuleUnknown, Level::Warning,
                              u.range.line > 0 ? locationOf(u.range) : pragmaOf(m),
                              "cannot decide whether this loop has a data race or whether its adjoint "
                              "needs synchronisation: " + u.reason,
                              m));
  }
  return out;
}

Finding unknownRaceFinding(const LoopModel &m, const VariableVerdicts &vv, int var) {
  const Access *at = firstAccess(m, var, AccessKind::Write);
  if (!at)
    at = firstAccess(m, var, std::nullopt);
  Finding f = makeFinding(kRuleUnknown, Level::Warning, causeOf(m, vv.forwardRace, at),
                          "cannot decide whether the accesses to '" + vv.name +
                              "' race between iterations: " + reasonOf(vv.forwardRace),
                          m);
  f.variable = vv.name;
  return f;
}

Finding unknownExclusiveReadFinding(const LoopModel &m, const VariableVerdicts &vv, int var) {
  const Access *at = firstAccess(m, var, AccessKind::Read);
  Finding f = makeFinding(kRuleUnknown, Level::Warning, causeOf(m, vv.exclusiveRead, at),
                          "cannot decide whether the adjoint of '" + vv.name +
                              "' needs synchronisation: " + reasonOf(vv.exclusiveRead),
                          m);
  f.variable = vv.name;
  f.notes.push_back({pragmaNoteOf(m), strategyAdvice(vv)});
  return f;
}

// ---------------------------------------------------------------------------
// adjoint-lint-gather-available

Finding gatherFinding(const LoopModel &m, const VariableVerdicts &vv) {
  std::string message = "the adjoint of '" + vv.name + "' can run in parallel as a gather (transposed) loop";
  if (vv.reflexive.verdict == Verdict::Holds)
    message += " of the forward stencil's shape";
  Finding f = makeFinding(kRuleGatherAvailable, Level::Note, pragmaOf(m), message, m);
  f.variable = vv.name;
  if (vv.strategyReason)
    f.notes.push_back({pragmaNoteOf(m), strategyReasonText(vv)});
  return f;
}

/// A fact used is worded whole ("assumed s > 0 (declared ...)"); the rest
/// are premises.
std::string assumptionNote(const model::Assumption &a) {
  if (a.kind == model::Assumption::Kind::DeclaredFact)
    return a.text;
  return "assuming " + a.text;
}

} // namespace

/// A declared fact the program contradicts, at its pragma: proofs from a
/// false premise prove anything.
Finding contradictedFinding(const LoopModel &m, const model::ContradictedFact &c) {
  const model::Fact *fact =
      c.index >= 0 && static_cast<size_t>(c.index) < m.facts.size() ? &m.facts[static_cast<size_t>(c.index)] : nullptr;
  Location at = fact && fact->range.line ? locationOf(fact->range) : pragmaOf(m);
  std::string where = c.origin == model::Fact::Origin::Config ? " (declared in the config file)" : "";
  Finding f = makeFinding(kRuleAssumptionContradicted, Level::Error, at,
                          "assumption '" + c.fact + "'" + where + " is contradicted by the program: " + c.why +
                              "; no verdict of this loop uses it",
                          m);
  f.notes.push_back({pragmaNoteOf(m), "for the loop here"});
  return f;
}

std::vector<std::string> iteratorNames(const LoopModel &m) {
  std::vector<std::string> names;
  for (const model::LoopHeader &h : m.iterators)
    names.push_back(h.iterator);
  for (const model::Scope &s : m.scopes)
    if (s.kind == model::Scope::Kind::Loop)
      names.push_back(s.loop.iterator);
  return names;
}

std::vector<model::Assumption> loopAssumptions(const LoopModel &m, const model::LoopVerdicts &v) {
  std::vector<model::Assumption> all;
  for (const std::string &a : m.assumptions)
    all.push_back({model::Assumption::Kind::Premise, a});
  all.insert(all.end(), v.assumptions.begin(), v.assumptions.end());
  std::vector<model::Assumption> out;
  for (const model::Assumption &a : all)
    if (!a.text.empty() && std::none_of(out.begin(), out.end(),
                                        [&](const model::Assumption &o) { return o.text == a.text; }))
      out.push_back(a);
  return out;
}

std::vector<std::string> assumptionTexts(const std::vector<model::Assumption> &assumptions) {
  std::vector<std::string> out;
  for (const model::Assumption &a : assumptions)
    out.push_back(a.text);
  return out;
}

bool raceFreeUnderAssumptions(const LoopModel &m, const model::LoopVerdicts &v) {
  return v.forwardRace.verdict == Verdict::Holds && !loopAssumptions(m, v).empty();
}

std::vector<Finding> buildFindings(const LoopModel &m, const model::LoopVerdicts &v) {
  std::vector<Finding> out = loopWideFindings(m, v);
  for (const model::ContradictedFact &c : v.contradicted)
    out.push_back(contradictedFinding(m, c));
  bool variableRace = false, variableUnknown = !out.empty();
  for (const VariableVerdicts &vv : v.variables) {
    const int var = variableIndex(m, vv);
    if (vv.forwardRace.verdict == Verdict::Violated) {
      variableRace = true;
      out.push_back(forwardRaceFinding(m, vv.name, var, vv.forwardRace));
    } else if (vv.forwardRace.verdict == Verdict::Unknown) {
      variableUnknown = true;
      if (!causedLoopWide(m, vv.forwardRace))
        out.push_back(unknownRaceFinding(m, vv, var));
    }
    // Adjoint advice for a loop whose forward iterations race would be noise:
    // the race findings come first.
    if (!vv.active || !vv.array || v.forwardRace.verdict == Verdict::Violated)
      continue;
    if (vv.exclusiveRead.verdict == Verdict::Violated)
      out.push_back(sharedAdjointFinding(m, vv, var));
    else if (vv.exclusiveRead.verdict == Verdict::Unknown && !causedLoopWide(m, vv.exclusiveRead))
      out.push_back(unknownExclusiveReadFinding(m, vv, var));
    if (vv.strategy == Strategy::Gather)
      out.push_back(gatherFinding(m, vv));
  }
  // The loop-level verdict, where no variable's verdict already explains it.
  if (v.forwardRace.verdict == Verdict::Violated && !variableRace) {
    int var = -1;
    std::string name = "?";
    if (v.forwardRace.witness)
      if (const Access *a = accessAt(m, v.forwardRace.witness->firstAccess)) {
        var = a->variable;
        name = m.variables.at(static_cast<size_t>(var)).name;
      }
    out.push_back(forwardRaceFinding(m, name, var, v.forwardRace));
  } else if (v.forwardRace.verdict == Verdict::Unknown && !variableUnknown) {
    out.push_back(makeFinding(kRuleUnknown, Level::Warning, causeOf(m, v.forwardRace, nullptr),
                              "cannot decide whether this loop has a data race: " +
                                  reasonOf(v.forwardRace),
                              m));
  }
  const std::vector<model::Assumption> assumptions = loopAssumptions(m, v);
  const std::vector<std::string> texts = assumptionTexts(assumptions);
  for (Finding &f : out) {
    f.assumptions = texts;
    for (const model::Assumption &a : assumptions)
      f.notes.push_back({pragmaNoteOf(m), assumptionNote(a)});
  }
  sortFindings(out);
  return out;
}

void sortFindings(std::vector<Finding> &findings) {
  std::stable_sort(findings.begin(), findings.end(), FindingOrder());
}

bool isAdjointLintRule(const std::string &rule) { return rule.rfind("adjoint-lint-", 0) == 0; }

} // namespace adjoint_lint::reports
