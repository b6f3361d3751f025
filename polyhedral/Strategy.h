// The one place that chooses the adjoint strategy of a variable: the table
// "Strategies, per array" of docs/architecture.md, row by row. The deciders
// gather the facts (isl's, Z3's, the data-sharing clauses'); this decides.
// No isl or Z3 types.
#pragma once

#include "model/Verdicts.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace adjoint_lint::polyhedral {

/// What the strategy of one variable rests on.
struct StrategyFacts {
  bool active = false; ///< VariableVerdicts::active: the adjoint must carry it
  model::Sharing sharing = model::Sharing::Shared;
  bool privatised = false; ///< model::privatised: a private copy per thread
  /// The forward loop races: no parallel adjoint is meaningful. The variable
  /// it races on, where one is known.
  bool forwardLoopRaces = false;
  std::string racingVariable;
  /// The deciders failed for the whole loop (isl's budget, an error): why.
  std::optional<std::string> undecided;
  model::Verdict exclusiveRead = model::Verdict::Unknown;
  std::string exclusiveReadReason;
  /// Z3 decided the exclusive read (reads through index arrays, products):
  /// the reads are not affine, so no gather loop and no footprint.
  bool exclusiveReadByZ3 = false;
  bool read = false;       ///< some access reads it (the read half of += included)
  bool readsExact = false; ///< isl: every read is a must-access
  /// Elements of a box around the reads' footprint, where that box does not
  /// depend on the parameters; asked only where the table needs it (isl work).
  std::function<std::optional<int64_t>()> constantFootprint;
  int64_t maxReductionElements = 0; ///< DeciderOptions::maxReductionElements
  bool reflexive = false;           ///< the reflexive-stencil property holds
};

/// Sets `out.strategy` and `out.strategyReason` from `facts`.
void chooseStrategy(const StrategyFacts &facts, model::VariableVerdicts &out);

} // namespace adjoint_lint::polyhedral
