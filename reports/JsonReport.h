// The JSON report (the shared report-format.md is the contract: field names and
// meanings are fixed there; fields added here are extras).
#pragma once

#include "model/LoopModel.h"
#include "model/Verdicts.h"
#include "reports/Finding.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::reports {

/// Insertion-ordered, so that "tool" comes first and iterators keep the
/// loop's order.
using Json = nlohmann::ordered_json;

struct AnalysedLoop {
  model::LoopModel loop;
  model::LoopVerdicts verdicts;
  /// Wall-clock seconds its deciders took (--time-loops); the report's
  /// "analysis_seconds". Unset otherwise: the report stays deterministic.
  std::optional<double> seconds = std::nullopt;
  /// A loop of an included header: the inputs (translation units) it was
  /// seen from, in input order; the report's "translation_units". Empty
  /// for a loop of the input itself (the field is then left out).
  std::vector<std::string> translationUnits = {};
};

/// One input (source file or model file) and whether it could be analysed.
struct InputStatus {
  std::string file;
  bool analysable = false;
  /// Wall-clock seconds of the front end (parsing, loop models) for this
  /// file (--time-loops); the report's "frontend_seconds".
  std::optional<double> frontendSeconds = std::nullopt;
};

/// `{"name": "adjoint-lint", "version": ...}`: the "tool" of a report and of
/// a certificate.
Json toolToJson();

/// `{"verdict": ..., "decided_by": ...}`: how every property entry begins, in
/// the report and in a certificate. `race` selects the race vocabulary
/// (none/race/unknown) over the property one (holds/violated/unknown/
/// not-applicable).
Json verdictToJson(const model::PropertyResult &r, bool race);

/// `{"iterations": [{"i": 1}, {"i": 2}], "element": [2], "accesses": [...]}`
Json witnessToJson(const model::LoopModel &loop, const model::Witness &w);

/// `{"verdict": ..., "decided_by": ..., "reason"?, "witness"?, "with"?, "proof"?}`
/// (verdictToJson, then the details). An unknown always gets a reason.
Json propertyToJson(const model::LoopModel &loop, const model::PropertyResult &r, bool race);

/// One entry of "loops".
Json loopToJson(const model::LoopModel &loop, const model::LoopVerdicts &verdicts);

/// One entry of "diagnostics".
Json findingToJson(const Finding &f);

/// The whole report: tool, inputs, loops, diagnostics, summary.
Json buildReport(const std::vector<AnalysedLoop> &loops, const std::vector<Finding> &diagnostics,
                 const std::vector<InputStatus> &inputs = {});

} // namespace adjoint_lint::reports
