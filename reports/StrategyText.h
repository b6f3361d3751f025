// The strategy of a variable and why, worded for people: the JSON report's
// "strategy_reason", the findings' notes, the HTML report and the
// generator's certificate all use these sentences.
#pragma once

#include "model/Verdicts.h"

#include <string>

namespace adjoint_lint::reports {

/// One sentence: why `vv` has its strategy; empty when no reason was given.
std::string strategyReasonText(const model::VariableVerdicts &vv);

} // namespace adjoint_lint::reports
