#include "reports/SarifReport.h"

#include "reports/Findings.h"
#include "reports/Version.h"

#include <utility>

namespace adjoint_lint::reports {

namespace {

struct RuleInfo {
  const char *id;
  const char *level;
  const char *description;
};

constexpr RuleInfo rules[] = {
    {kRuleForwardRace, "warning",
     "Two iterations of a parallel loop access one element and one of them writes it."},
    {kRuleSharedAdjoint, "warning",
     "Two iterations read one element of an active array, so the increments of the naive adjoint "
     "loop race."},
    {kRuleUnknown, "warning", "A race or exclusive-read question could not be decided."},
    {kRuleGatherAvailable, "note",
     "The adjoint of an array can run in parallel as a gather (transposed) loop."},
};

int ruleIndex(const std::string &rule) {
  for (size_t i = 0; i < std::size(rules); ++i)
    if (rule == rules[i].id)
      return static_cast<int>(i);
  return -1;
}

/// SARIF wants URI references: absolute paths become file:// URIs.
std::string uriOf(const std::string &path) {
  std::string uri = path.rfind('/', 0) == 0 ? "file://" : "";
  for (char c : path) {
    if (c == ' ')
      uri += "%20";
    else if (c == '%')
      uri += "%25";
    else
      uri += c;
  }
  return uri;
}

/// A physicalLocation; SARIF regions are 1-based with an exclusive end
/// column, ours are inclusive.
Json physicalLocation(const Location &loc) {
  Json physical = {{"artifactLocation", {{"uri", uriOf(loc.file)}}}};
  if (loc.line) {
    Json region = {{"startLine", loc.line}};
    if (loc.column)
      region["startColumn"] = loc.column;
    if (loc.endLine >= loc.line && loc.endLine && loc.endColumn) {
      region["endLine"] = loc.endLine;
      region["endColumn"] = loc.endColumn + 1;
    }
    physical["region"] = region;
  }
  return physical;
}

Json resultOf(const Finding &f) {
  Json result = Json::object();
  if (!f.rule.empty()) {
    result["ruleId"] = f.rule;
    if (int index = ruleIndex(f.rule); index >= 0)
      result["ruleIndex"] = index;
  }
  result["level"] = levelName(f.level);
  result["message"] = {{"text", f.message}};
  if (!f.loc.file.empty())
    result["locations"] = Json::array({{{"physicalLocation", physicalLocation(f.loc)}}});
  Json related = Json::array();
  for (const Note &n : f.notes) {
    Json r = {{"id", related.size()}, {"message", {{"text", n.message}}}};
    if (!n.loc.file.empty())
      r["physicalLocation"] = physicalLocation(n.loc);
    related.push_back(std::move(r));
  }
  if (!related.empty())
    result["relatedLocations"] = related;
  if (!f.loopId.empty())
    result["properties"] = {{"loop", f.loopId}};
  return result;
}

} // namespace

Json buildSarif(const std::vector<Finding> &findings, const std::vector<InputStatus> &inputs,
                bool executionSuccessful) {
  Json jrules = Json::array();
  for (const RuleInfo &r : rules)
    jrules.push_back({{"id", r.id},
                      {"shortDescription", {{"text", r.description}}},
                      {"defaultConfiguration", {{"level", r.level}}}});
  Json results = Json::array();
  for (const Finding &f : findings)
    results.push_back(resultOf(f));
  Json artifacts = Json::array();
  for (const InputStatus &in : inputs)
    artifacts.push_back({{"location", {{"uri", uriOf(in.file)}}}});
  Json run = {{"tool", {{"driver", {{"name", toolName()}, {"version", toolVersion()}, {"rules", jrules}}}}}};
  if (!artifacts.empty())
    run["artifacts"] = artifacts;
  run["results"] = results;
  run["invocations"] = Json::array({{{"executionSuccessful", executionSuccessful}}});
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", Json::array({run})}};
}

} // namespace adjoint_lint::reports
