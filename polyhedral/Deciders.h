// The isl deciders: LoopModel in, verdicts out. isl types stay inside
// polyhedral/; this header shows none.
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/Verdicts.h"

namespace adjoint_lint::polyhedral {

struct DeciderOptions {
  /// isl operation budget per loop (isl_ctx_set_max_operations); 0: none.
  /// Running out yields `unknown` with the reason.
  unsigned long islMaxOperations = 20'000'000;
  /// Strategy choice: an active array whose reads overlap gets `reduction`
  /// (per-thread copies of its adjoint) when its read footprint has a
  /// parameter-independent size of at most this many elements (weights
  /// w[k], k < 3); larger or growing footprints get `gather`.
  long maxReductionElements = 256;
};

/// Decides forward races (per shared variable and for the loop), the
/// exclusive-read property of every array read, symmetric updates and
/// reflexive stencils, and picks an adjoint strategy per array.
/// Never throws: internal failures become `unknown` with the reason.
LoopVerdicts decide(const model::LoopModel &loop, const DeciderOptions &options = {});

} // namespace adjoint_lint::polyhedral
