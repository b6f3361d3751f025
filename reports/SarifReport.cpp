#include "reports/SarifReport.h"

#include "reports/Findings.h"
#include "reports/Fingerprint.h"
#include "reports/Version.h"

#include <cctype>
#include <cstdio>
#include <utility>

namespace adjoint_lint::reports {

namespace {

struct RuleInfo {
  const char *id;
  const char *name; ///< SARIF reportingDescriptor.name: an identifier
  const char *level;
  const char *shortDescription;
  const char *fullDescription;
  const char *fix; ///< how to fix it, one paragraph (help)
};

constexpr RuleInfo rules[] = {
    {kRuleForwardRace, "ForwardRace", "warning",
     "Two iterations of a parallel loop access one element and one of them writes it.",
     "Two different iterations of an OpenMP parallel loop touch the same memory location, at least "
     "one of them writes it, and nothing synchronises them: the forward loop has a data race, and "
     "no adjoint of it is meaningful. adjoint-lint reports it only with a proof: two concrete "
     "iterations, the element, and the two accesses.",
     "Make a scalar that every iteration accumulates a reduction variable; declare temporaries "
     "inside the loop body or private; run a recurrence serially; colour the iterations so that no "
     "two iterations of one parallel loop touch the same element."},
    {kRuleSharedAdjoint, "SharedAdjoint", "warning",
     "Two iterations read one element of an active array, so the increments of the naive adjoint "
     "loop race.",
     "The forward loop is race-free, but two of its iterations read the same element of an active "
     "(floating-point) array. In reverse mode every read becomes an increment of that element's "
     "adjoint, so the naive parallel adjoint loop has a data race on the adjoint array "
     "(exclusive read is violated).",
     "Use a gather (transposed) adjoint loop where adjoint-lint says one is available, an array "
     "reduction or atomic increments for the adjoint array otherwise, or run the adjoint loop "
     "serially."},
    {kRuleUnknown, "Unknown", "warning", "A race or exclusive-read question could not be decided.",
     "adjoint-lint could not prove or refute a data race or exclusive read for this loop: a "
     "subscript, bound or guard is outside the analysable fragment (a call, a non-affine index, an "
     "unmodelled construct) or the solver ran out of budget. The reason is in the message; no "
     "proof is claimed either way.",
     "Rewrite the subscript or bound in affine form, hoist the call out of the index, or state the "
     "property with an assumption pragma if it holds for reasons the analysis cannot see."},
    {kRuleGatherAvailable, "GatherAvailable", "note",
     "The adjoint of an array can run in parallel as a gather (transposed) loop.",
     "The adjoint of this array can run as a parallel gather loop: a loop over the elements of "
     "the array that pulls the contributions of every forward iteration that read the element, "
     "so that no two threads increment one adjoint element.",
     "Generate (or write) the adjoint of this loop as a gather loop over the array's elements."},
    {kRuleAssumptionContradicted, "AssumptionContradicted", "error",
     "A declared assumption is contradicted by the program.",
     "A fact declared with #pragma adjoint_lint assume(...) or in the config file's Assumptions "
     "cannot hold: the program makes it false (a name in it is a constant with another value, or "
     "no values satisfy it). Proofs from a false premise prove anything, so no verdict uses it.",
     "Correct or remove the assumption (docs/assumptions.md)."},
};

int ruleIndex(const std::string &rule) {
  for (size_t i = 0; i < std::size(rules); ++i)
    if (rule == rules[i].id)
      return static_cast<int>(i);
  return -1;
}

/// Percent-encodes a '/'-separated path for a URI reference (RFC 3986:
/// unreserved characters and '/' stay).
std::string encodePath(const std::string &path) {
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

class Builder {
public:
  explicit Builder(const SarifOptions &options) : srcRoot_(options.srcRoot) {}

  /// An artifactLocation: relative to %SRCROOT% when inside it, an absolute
  /// file:// URI otherwise.
  Json artifactLocation(const std::string &file) const {
    if (std::optional<std::string> rel = relativeToSrcRoot(file, srcRoot_))
      return {{"uri", encodePath(*rel)}, {"uriBaseId", kSrcRootBaseId}};
    return {{"uri", "file://" + encodePath(absolutePath(file))}};
  }

  Json rootUri() const {
    std::string root = absolutePath(srcRoot_.empty() ? std::string(".") : srcRoot_);
    if (root.empty() || root.back() != '/')
      root += '/';
    return {{"uri", "file://" + encodePath(root)}};
  }

  /// A physicalLocation; SARIF regions are 1-based with an exclusive end
  /// column, ours are inclusive. A location without an end (a caret) spans
  /// one character.
  Json physicalLocation(const Location &loc) const {
    Json physical = {{"artifactLocation", artifactLocation(loc.file)}};
    if (loc.line) {
      Json region = {{"startLine", loc.line}};
      if (loc.column) {
        region["startColumn"] = loc.column;
        if (loc.endLine >= loc.line && loc.endLine && loc.endColumn &&
            (loc.endLine > loc.line || loc.endColumn >= loc.column)) {
          region["endLine"] = loc.endLine;
          region["endColumn"] = loc.endColumn + 1;
        } else {
          region["endLine"] = loc.line;
          region["endColumn"] = loc.column + 1;
        }
      }
      physical["region"] = region;
    }
    return physical;
  }

  Json location(const Location &loc, const std::string &message) const {
    Json l = Json::object();
    if (!loc.file.empty())
      l["physicalLocation"] = physicalLocation(loc);
    if (!message.empty())
      l["message"] = {{"text", message}};
    return l;
  }

  Json result(const Finding &f, const std::string &fingerprint) const {
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
    result["partialFingerprints"] = {{kFingerprintKey, fingerprint}};
    Json related = Json::array();
    // The witness's two accesses first, then the notes.
    for (const WitnessStep &step : f.witness) {
      Json r = location(step.loc, step.message);
      r["id"] = related.size();
      related.push_back(std::move(r));
    }
    for (const Note &n : f.notes) {
      Json r = location(n.loc, n.message);
      r["id"] = related.size();
      related.push_back(std::move(r));
    }
    if (!related.empty())
      result["relatedLocations"] = related;
    if (!f.witness.empty()) {
      // One thread flow per iteration: each iteration runs on some thread,
      // in no order relative to the other (so no executionOrder).
      Json threadFlows = Json::array();
      for (const WitnessStep &step : f.witness) {
        Json loc = {{"location", location(step.loc, step.message)}, {"nestingLevel", 0}};
        threadFlows.push_back({{"id", "iteration " + step.iteration},
                               {"message", {{"text", "iteration " + step.iteration}}},
                               {"locations", Json::array({loc})}});
      }
      result["codeFlows"] = Json::array(
          {{{"message", {{"text", "two iterations of the parallel loop, possibly on different threads"}}},
            {"threadFlows", threadFlows}}});
    }
    Json properties = Json::object();
    if (!f.loopId.empty())
      properties["loop"] = f.loopId;
    if (!f.function.empty())
      properties["function"] = f.function;
    if (!f.variable.empty())
      properties["variable"] = f.variable;
    // What the verdicts behind it rest on (docs/assumptions.md).
    if (!f.assumptions.empty())
      properties["assumptions"] = f.assumptions;
    if (!properties.empty())
      result["properties"] = properties;
    return result;
  }

private:
  std::string srcRoot_;
};

Json ruleDescriptor(const RuleInfo &r, const std::string &helpUriBase) {
  const std::string page = std::string("docs/rules/") + r.id + ".md";
  std::string uri;
  if (!helpUriBase.empty())
    uri = helpUriBase + (helpUriBase.back() == '/' ? "" : "/") + r.id + ".md";
  const std::string link = uri.empty() ? page : uri;
  std::string text = std::string(r.fullDescription) + "\n\nHow to fix it: " + r.fix + "\n\nSee " + link + ".";
  std::string markdown = std::string("**") + r.shortDescription + "**\n\n" + r.fullDescription +
                         "\n\n**How to fix it.** " + r.fix + "\n\nSee [" + r.id + "](" + link +
                         ") for examples.";
  Json rule = {{"id", r.id},
               {"name", r.name},
               {"shortDescription", {{"text", r.shortDescription}}},
               {"fullDescription", {{"text", r.fullDescription}}},
               {"help", {{"text", text}, {"markdown", markdown}}},
               {"defaultConfiguration", {{"level", r.level}}},
               {"properties",
                {{"tags", Json::array({"concurrency", "openmp", "automatic-differentiation"})},
                 {"precision", "very-high"},
                 {"problem.severity",
                  std::string(r.level) == "note" ? "recommendation" : "warning"}}}};
  if (!uri.empty())
    rule["helpUri"] = uri;
  return rule;
}

} // namespace

bool isAbsoluteUri(const std::string &text) {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":"; the rest
  // only unreserved, reserved and percent-encoded characters.
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(text[0])))
    return false;
  for (size_t i = 1; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.')
      return false;
  }
  static const std::string allowed = "-._~:/?#[]@!$&'()*+,;=%";
  for (size_t i = colon + 1; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || (!std::isalnum(c) && allowed.find(static_cast<char>(c)) == std::string::npos))
      return false;
    if (c == '%' && (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
                     !std::isxdigit(static_cast<unsigned char>(text[i + 2]))))
      return false;
  }
  return true;
}

Json buildSarif(const std::vector<Finding> &findings, const std::vector<InputStatus> &inputs,
                bool executionSuccessful, const SarifOptions &options,
                const std::vector<AnalysedLoop> &loops) {
  Builder b(options);
  Json jrules = Json::array();
  for (const RuleInfo &r : rules)
    jrules.push_back(ruleDescriptor(r, options.helpUriBase));
  const std::vector<std::string> fingerprints = partialFingerprints(findings, options.srcRoot);
  Json results = Json::array();
  for (size_t k = 0; k < findings.size(); ++k)
    results.push_back(b.result(findings[k], fingerprints[k]));
  Json artifacts = Json::array();
  for (const InputStatus &in : inputs)
    artifacts.push_back({{"location", b.artifactLocation(in.file)}});
  Json run = {{"tool",
               {{"driver",
                 {{"name", toolName()},
                  {"version", toolVersion()},
                  {"rules", jrules}}}}}};
  run["originalUriBaseIds"] = {{kSrcRootBaseId, b.rootUri()}};
  if (!artifacts.empty())
    run["artifacts"] = artifacts;
  run["results"] = results;
  run["invocations"] = Json::array({{{"executionSuccessful", executionSuccessful}}});
  // Every loop whose verdicts rest on assumptions, also those without a
  // finding: a "no race" under assumptions is not hidden from code scanning.
  Json assumed = Json::array();
  for (const AnalysedLoop &l : loops) {
    std::vector<std::string> assumptions = assumptionTexts(loopAssumptions(l.loop, l.verdicts));
    if (assumptions.empty())
      continue;
    assumed.push_back({{"loop", l.loop.id},
                       {"forward_race", model::raceVerdictName(l.verdicts.forwardRace.verdict)},
                       {"assumptions", assumptions}});
  }
  if (!assumed.empty())
    run["properties"] = {{"assumptions", assumed}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", Json::array({run})}};
}

} // namespace adjoint_lint::reports
