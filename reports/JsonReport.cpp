#include "reports/JsonReport.h"

#include "reports/Findings.h"
#include "reports/StrategyText.h"
#include "reports/Version.h"

#include <algorithm>
#include <cmath>

namespace adjoint_lint::reports {

using model::LoopModel;
using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;

namespace {

/// Iterator values in the loop's order (parallel iterators, then inner
/// loops), then any other names.
Json valuesToJson(const LoopModel &m, const std::map<std::string, int64_t> &values) {
  std::vector<std::string> order = iteratorNames(m);
  for (const std::string &p : m.parameters)
    order.push_back(p);
  Json j = Json::object();
  for (const std::string &name : order)
    if (auto it = values.find(name); it != values.end() && !j.contains(name))
      j[name] = it->second;
  for (const auto &[name, v] : values)
    if (!j.contains(name))
      j[name] = v;
  return j;
}

Json accessToJson(const LoopModel &m, int index) {
  if (index < 0 || index >= static_cast<int>(m.accesses.size()))
    return nullptr;
  const model::Access &a = m.accesses[static_cast<size_t>(index)];
  Json j = {{"line", a.range.line}, {"column", a.range.column}, {"kind", model::toString(a.kind)},
            {"text", a.text}};
  j["file"] = a.range.file;
  j["end_line"] = a.range.endLine;
  j["end_column"] = a.range.endColumn;
  if (a.variable >= 0 && a.variable < static_cast<int>(m.variables.size()))
    j["variable"] = m.variables[static_cast<size_t>(a.variable)].name;
  j["access"] = index;
  return j;
}

const model::Variable *modelVariable(const LoopModel &m, const VariableVerdicts &vv) {
  if (vv.variable >= 0 && vv.variable < static_cast<int>(m.variables.size()))
    return &m.variables[static_cast<size_t>(vv.variable)];
  int i = m.findVariable(vv.name);
  return i < 0 ? nullptr : &m.variables[static_cast<size_t>(i)];
}

bool isAccessed(const LoopModel &m, size_t variable) {
  return std::any_of(m.accesses.begin(), m.accesses.end(),
                     [&](const model::Access &a) { return a.variable == static_cast<int>(variable); });
}

Json notApplicable(const std::string &reason) {
  return {{"verdict", model::propertyVerdictName(Verdict::NotApplicable)},
          {"decided_by", model::toString(model::DecidedBy::FrontEnd)},
          {"reason", reason}};
}

Json arrayToJson(const LoopModel &m, const VariableVerdicts &vv) {
  const model::Variable *var = modelVariable(m, vv);
  Json j = {{"name", vv.name}, {"active", vv.active}};
  if (var) {
    j["sharing"] = model::toString(var->sharing);
    j["element_type"] = var->elementType;
    j["rank"] = var->rank;
  }
  j["forward_race"] = propertyToJson(m, vv.forwardRace, true);
  j["exclusive_read"] = propertyToJson(m, vv.exclusiveRead, false);
  j["symmetric_update"] = propertyToJson(m, vv.symmetricUpdate, false);
  j["reflexive"] = propertyToJson(m, vv.reflexive, false);
  // The contract requires a strategy; without a decision, the safe one.
  model::Strategy strategy = vv.strategy.value_or(vv.active ? model::Strategy::Serial : model::Strategy::Plain);
  std::string reason = strategyReasonText(vv);
  if (!vv.strategy && reason.empty())
    reason = vv.active ? "no parallel strategy was decided" : "not active: there is no adjoint to compute";
  j["strategy"] = model::toString(strategy);
  if (!reason.empty())
    j["strategy_reason"] = reason;
  // Whether the adjoint can run as a gather (transposed) loop: the inverse
  // read relation is computable (docs/z3.md, "Symmetric updates, reflexive
  // stencils, gather adjoints").
  if (vv.gatherAvailable.verdict != Verdict::Unknown || !vv.gatherAvailable.reason.empty())
    j["gather_available"] = propertyToJson(m, vv.gatherAvailable, false);
  // schedule(static[, c]): conflicts on one thread / across threads, and
  // whether the cross-thread ones sit at chunk boundaries only.
  if (vv.schedule.analysed) {
    const model::ScheduleVerdicts &sc = vv.schedule;
    auto split = [&m](const model::ScheduleSplit &s) {
      Json o = {{"same_thread", propertyToJson(m, s.sameThread, false)},
                {"cross_thread", propertyToJson(m, s.crossThread, false)},
                {"chunk_boundary_only", propertyToJson(m, s.chunkBoundaryOnly, false)}};
      if (s.chunkBoundaryOnly.verdict == Verdict::Holds)
        o["boundary_iterations"] = s.boundaryIterations;
      return o;
    };
    Json o = {{"kind", sc.kind},
              {"chunk", sc.chunk ? Json(*sc.chunk) : Json(nullptr)},
              {"threads", sc.threads ? Json(sc.threads) : Json("any")},
              {"forward_race", split(sc.forwardRace)},
              {"exclusive_read", split(sc.exclusiveRead)}};
    j["schedule"] = o;
  }
  return j;
}

Json scalarToJson(const LoopModel &m, const VariableVerdicts &vv) {
  Json j = {{"name", vv.name}, {"active", vv.active}};
  if (const model::Variable *var = modelVariable(m, vv)) {
    j["sharing"] = model::toString(var->sharing);
    j["element_type"] = var->elementType;
  }
  j["forward_race"] = propertyToJson(m, vv.forwardRace, true);
  return j;
}

/// A variable the deciders did not report (private, firstprivate, ...).
Json unreportedToJson(const model::Variable &v) {
  const std::string why = "'" + v.name + "' is " + model::toString(v.sharing) + " to each iteration";
  Json j = {{"name", v.name}, {"active", v.floating}, {"sharing", model::toString(v.sharing)},
            {"element_type", v.elementType}};
  if (v.rank > 0)
    j["rank"] = v.rank;
  j["forward_race"] = {{"verdict", model::raceVerdictName(Verdict::NotApplicable)},
                       {"decided_by", model::toString(model::DecidedBy::FrontEnd)},
                       {"reason", why}};
  if (v.rank == 0)
    return j;
  j["exclusive_read"] = notApplicable(why);
  j["symmetric_update"] = notApplicable(why);
  j["reflexive"] = notApplicable(why);
  j["strategy"] = model::toString(model::Strategy::Plain);
  j["strategy_reason"] = why + ": its adjoint is private too";
  return j;
}

bool isSingleIteration(const model::Witness &w) {
  return w.iterations.size() == 2 && w.iterations[0] == w.iterations[1] &&
         (w.inner.size() < 2 || w.inner[0] == w.inner[1]);
}

Json locationFields(Json j, const Location &loc) {
  j["file"] = loc.file;
  j["line"] = loc.line;
  j["column"] = loc.column;
  if (loc.endLine) {
    j["end_line"] = loc.endLine;
    j["end_column"] = loc.endColumn;
  }
  return j;
}

} // namespace

Json witnessToJson(const LoopModel &m, const model::Witness &w) {
  Json iterations = Json::array();
  for (const auto &it : w.iterations)
    iterations.push_back(valuesToJson(m, it));
  Json j = {{"iterations", iterations}, {"element", w.element}};
  Json accesses = Json::array();
  for (int index : {w.firstAccess, w.secondAccess}) {
    Json a = accessToJson(m, index);
    if (!a.is_null())
      accesses.push_back(a);
  }
  j["accesses"] = accesses;
  if (std::any_of(w.inner.begin(), w.inner.end(), [](const auto &v) { return !v.empty(); })) {
    Json inner = Json::array();
    for (const auto &it : w.inner)
      inner.push_back(valuesToJson(m, it));
    j["inner"] = inner;
  }
  if (!w.secondElement.empty())
    j["second_element"] = w.secondElement;
  if (!w.parameters.empty())
    j["parameters"] = valuesToJson(m, w.parameters);
  // Index-array elements as the solver chose them: {"perm[3]": 7, "perm[4]": 7}.
  if (!w.arrayValues.empty())
    j["array_values"] = w.arrayValues;
  return j;
}

/// `{"iteration": {"i": 0}, "element": [...], "accesses": [...]}`
static Json counterexampleToJson(const LoopModel &m, const model::Witness &w) {
  Json j = witnessToJson(m, w);
  Json iteration = j["iterations"].empty() ? Json::object() : j["iterations"][0];
  j.erase("iterations");
  j.erase("inner");
  Json out = {{"iteration", iteration}};
  for (auto it = j.begin(); it != j.end(); ++it)
    out[it.key()] = it.value();
  return out;
}

Json toolToJson() { return {{"name", toolName()}, {"version", toolVersion()}}; }

Json verdictToJson(const PropertyResult &r, bool race) {
  return {{"verdict", race ? model::raceVerdictName(r.verdict)
                           : model::propertyVerdictName(r.verdict)},
          {"decided_by", model::toString(r.decidedBy)}};
}

Json propertyToJson(const LoopModel &m, const PropertyResult &r, bool race) {
  Json j = verdictToJson(r, race);
  if (!r.with.empty())
    j["with"] = r.with;
  if (r.verdict == Verdict::Unknown) {
    j["reason"] = r.reason.empty() ? std::string("the decider gave no reason") : r.reason;
    // Where the undecidable construct is: the access, or the unmodelled code.
    Json cause = accessToJson(m, r.causeAccess);
    if (cause.is_null() && r.causeUnsupported >= 0 &&
        static_cast<size_t>(r.causeUnsupported) < m.unsupported.size()) {
      const model::SourceRange &at = m.unsupported[static_cast<size_t>(r.causeUnsupported)].range;
      if (at.line > 0)
        cause = {{"line", at.line}, {"column", at.column}};
    }
    if (!cause.is_null())
      j["cause"] = cause;
  } else if (!r.reason.empty()) {
    j["reason"] = r.reason;
  }
  // A witness names two distinct iterations. A property of one iteration
  // (symmetric update: R_X(p) != W_Y(p)) has a one-iteration
  // counterexample instead.
  // An unknown verdict may come with a possible witness: a conflict that
  // index-array values the program does not show would cause.
  if (r.witness && r.verdict == Verdict::Unknown)
    j["possible_witness"] = witnessToJson(m, *r.witness);
  else if (r.witness && isSingleIteration(*r.witness))
    j["counterexample"] = counterexampleToJson(m, *r.witness);
  else if (r.witness)
    j["witness"] = witnessToJson(m, *r.witness);
  if (!r.proof.empty())
    j["proof"] = r.proof;
  return j;
}

Json loopToJson(const LoopModel &m, const model::LoopVerdicts &v) {
  Json iterators = Json::array();
  for (const model::LoopHeader &h : m.iterators)
    iterators.push_back(h.iterator);
  std::string id = m.id;
  if (id.empty())
    id = m.range.file + ":" + std::to_string(m.range.line) + ":" + std::to_string(m.range.column);
  Json j = {{"id", id},
            {"file", m.range.file},
            {"line", m.range.line},
            {"column", m.range.column},
            {"function", m.function},
            {"directive", m.directive},
            {"iterators", iterators},
            {"forward_race", propertyToJson(m, v.forwardRace, true)}};
  if (!m.construct.empty())
    j["construct"] = m.construct;
  Json arrays = Json::array(), scalars = Json::array();
  std::vector<bool> reported(m.variables.size(), false);
  for (const VariableVerdicts &vv : v.variables) {
    const model::Variable *var = modelVariable(m, vv);
    if (var)
      reported[static_cast<size_t>(var - m.variables.data())] = true;
    bool array = var ? var->rank > 0 : vv.array;
    (array ? arrays : scalars).push_back(array ? arrayToJson(m, vv) : scalarToJson(m, vv));
  }
  for (size_t i = 0; i < m.variables.size(); ++i)
    if (!reported[i] && isAccessed(m, i))
      (m.variables[i].rank > 0 ? arrays : scalars).push_back(unreportedToJson(m.variables[i]));
  j["arrays"] = arrays;
  j["scalars"] = scalars;
  j["assumptions"] = assumptionTexts(loopAssumptions(m, v));
  // Context facts (docs/assumptions.md): what the isl deciders took as known
  // about the parameters wherever the loop runs.
  Json context = Json::array();
  for (const model::Fact &f : m.facts)
    if (f.origin == model::Fact::Origin::Context)
      context.push_back(locationFields({{"fact", f.str()}}, {f.range.file, f.range.line, f.range.column, 0, 0}));
  if (!context.empty())
    j["context"] = context;
  Json unsupported = Json::array();
  for (const model::Unsupported &u : m.unsupported)
    unsupported.push_back(locationFields({{"reason", u.reason}},
                                         {u.range.file, u.range.line, u.range.column, 0, 0}));
  if (!unsupported.empty())
    j["unsupported"] = unsupported;
  return j;
}

Json findingToJson(const Finding &f) {
  Json j = {{"rule", f.rule}, {"level", levelName(f.level)}};
  j = locationFields(std::move(j), f.loc);
  j["message"] = f.message;
  Json notes = Json::array();
  for (const Note &n : f.notes) {
    Json jn = locationFields(Json::object(), n.loc);
    jn["message"] = n.message;
    notes.push_back(jn);
  }
  j["notes"] = notes;
  if (!f.loopId.empty())
    j["loop"] = f.loopId;
  return j;
}

Json buildReport(const std::vector<AnalysedLoop> &loops, const std::vector<Finding> &diagnostics,
                 const std::vector<InputStatus> &inputs) {
  Json report = {{"tool", toolToJson()}};
  Json jinputs = Json::array();
  // Timings (--time-loops) to the microsecond: finer digits are noise.
  auto seconds = [](double s) { return std::round(s * 1e6) / 1e6; };
  for (const InputStatus &in : inputs) {
    Json j = {{"file", in.file}, {"analysable", in.analysable}};
    if (in.frontendSeconds)
      j["frontend_seconds"] = seconds(*in.frontendSeconds);
    jinputs.push_back(std::move(j));
  }
  report["inputs"] = jinputs;
  Json jloops = Json::array();
  for (const AnalysedLoop &l : loops) {
    Json j = loopToJson(l.loop, l.verdicts);
    if (l.seconds)
      j["analysis_seconds"] = seconds(*l.seconds);
    if (!l.translationUnits.empty())
      j["translation_units"] = l.translationUnits;
    jloops.push_back(std::move(j));
  }
  report["loops"] = jloops;
  Json jdiags = Json::array();
  unsigned counts[3] = {0, 0, 0};
  for (const Finding &f : diagnostics) {
    jdiags.push_back(findingToJson(f));
    ++counts[static_cast<int>(f.level)];
  }
  report["diagnostics"] = jdiags;
  report["summary"] = {{"errors", counts[static_cast<int>(Level::Error)]},
                       {"warnings", counts[static_cast<int>(Level::Warning)]},
                       {"notes", counts[static_cast<int>(Level::Note)]}};
  return report;
}

} // namespace adjoint_lint::reports
