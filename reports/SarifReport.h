// The SARIF 2.1.0 log of the findings (`--format=sarif`), for code-scanning
// dashboards. It carries the findings only; the verdicts are in the JSON
// report.
#pragma once

#include "reports/Finding.h"
#include "reports/JsonReport.h"

#include <vector>

namespace adjoint_lint::reports {

/// One run of adjoint-lint: the four rules, one result per finding (notes
/// as related locations), and whether every input could be analysed.
Json buildSarif(const std::vector<Finding> &findings, const std::vector<InputStatus> &inputs,
                bool executionSuccessful);

} // namespace adjoint_lint::reports
