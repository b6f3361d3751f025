// The SARIF 2.1.0 log of the findings (`--format=sarif`, `--export-sarif`),
// for code-scanning dashboards (GitHub code scanning and others). It carries
// the findings only; the verdicts are in the JSON report.
//
// What a consumer finds in it (README.md, "SARIF"):
// - one run; tool.driver.rules: the four rules with short and full
//   descriptions, help (text and markdown) and, with a help URI base,
//   helpUri (an absolute URI: the base followed by <rule>.md; SARIF wants
//   `format: uri` there and GitHub rejects a relative one);
// - one result per finding, with partialFingerprints["adjointLint/v1"]
//   (reports/Fingerprint.h) and regions with start and end line and column
//   (end column exclusive, as SARIF wants);
// - artifact URIs relative to the base id %SRCROOT% (originalUriBaseIds
//   gives its absolute file:// URI); files outside it get absolute file://
//   URIs;
// - a race's (or a shared read's) two accesses as the first two
//   relatedLocations and as a codeFlow with one threadFlow per iteration;
//   the notes follow as relatedLocations;
// - "results": [] when nothing is found, so that fixed alerts close.
#pragma once

#include "reports/Finding.h"
#include "reports/JsonReport.h"

#include <string>
#include <vector>

namespace adjoint_lint::reports {

struct SarifOptions {
  /// The directory %SRCROOT% stands for; relative to the current directory;
  /// empty: the current directory.
  std::string srcRoot;
  /// An absolute URI (isAbsoluteUri) under which the rule pages
  /// docs/rules/<rule>.md are published, e.g.
  /// https://github.com/ORG/adjoint-lint/blob/main/docs/rules/; empty: the
  /// rules have no helpUri (the help text names the page instead).
  std::string helpUriBase;
};

/// Whether `text` is an absolute URI (RFC 3986: a scheme, `:`, and no
/// character that a URI may not hold), as SARIF's `format: uri` wants.
bool isAbsoluteUri(const std::string &text);

/// The base id of artifact URIs inside the source root.
inline constexpr const char kSrcRootBaseId[] = "%SRCROOT%";

/// One run of adjoint-lint: the four rules, one result per finding, and
/// whether every input could be analysed.
/// `loops`: the run's loops; those whose verdicts rest on assumptions are
/// listed in the run's `properties.assumptions` (each result also carries
/// its loop's in `properties.assumptions`).
Json buildSarif(const std::vector<Finding> &findings, const std::vector<InputStatus> &inputs,
                bool executionSuccessful, const SarifOptions &options = {},
                const std::vector<AnalysedLoop> &loops = {});

} // namespace adjoint_lint::reports
