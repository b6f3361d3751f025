// Which arrays get a gather loop (docs/codegen.md, gather loops), and the
// bodies of its statements: a read's contribution at one statement
// instance, from its statement's seed where that is known without running
// the reverse sweep, else by rerunning the iteration's sweeps focused on
// the read. The loops themselves come from isl's AST generator (Gather.h).
#pragma once

#include "codegen/Gather.h"
#include "codegen/Sweeps.h"

#include <map>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

struct GatherPlan {
  std::map<int, GatherLoop> loops; ///< by array variable: the arrays with a gather loop
  std::vector<std::string> gaps;   ///< "no gather loop for x: <why>; reduction instead"
};

/// Gather loops for the active arrays the loop only reads whose reads
/// overlap (exclusive read does not hold: plain is better otherwise).
GatherPlan planGathers(const Sweeps &sweeps, const model::LoopVerdicts &verdicts);

} // namespace adjoint_lint::codegen
