// The isl deciders: LoopModel in, verdicts out. isl types stay inside
// polyhedral/; this header shows none.
#pragma once

#include "model/LoopModel.h"
#include "model/Verdicts.h"

#include <string>

namespace adjoint_lint::polyhedral {

struct DeciderOptions {
  /// isl operation budget per loop (isl_ctx_set_max_operations); 0: none.
  /// Running out yields `unknown` with the reason.
  unsigned long islMaxOperations = 20'000'000;
  /// Wall-clock limit on the isl work of one loop in milliseconds; 0: none.
  /// The last resort behind the operation budget: reaching it yields
  /// `unknown` with the reason (docs/robustness.md, "Bounded cost").
  unsigned islTimeoutMs = 10'000;
  /// Strategy choice: an active array whose reads overlap gets `reduction`
  /// (per-thread copies of its adjoint) when its read footprint has a
  /// parameter-independent size of at most this many elements (weights
  /// w[k], k < 3); larger or growing footprints get `gather`.
  long maxReductionElements = 256;
  /// Z3 budgets per loop (all its queries together); 0: none. Running out
  /// yields `unknown` with the reason.
  unsigned z3Rlimit = 50'000'000;
  unsigned z3TimeoutMs = 10'000;
  /// Re-decide every isl verdict on forward races and exclusive reads with
  /// Z3; a disagreement throws CrossCheckError (polyhedral/CrossCheck.h).
  bool crossCheck = false;
  /// Testing only (--cross-check-inject-fault): Z3's holds and violated
  /// swap before the comparison, so the disagreement path runs.
  bool crossCheckInjectFault = false;
  /// Non-empty: write every isl relation (`--dump-isl`) and Z3 query
  /// (`--dump-smt2`) the deciders build into this directory, one file per
  /// loop and question.
  std::string dumpIslDir, dumpSmt2Dir;
  /// Threads of a schedule(static[, c]) loop (--threads); 0: any number.
  unsigned threads = 0;
};

/// Decides forward races (per shared variable and for the loop), the
/// exclusive-read property of every array read, symmetric updates and
/// reflexive stencils, and picks an adjoint strategy per array.
/// Never throws (internal failures become `unknown` with the reason), except
/// CrossCheckError when `options.crossCheck` finds isl and Z3 disagreeing.
model::LoopVerdicts decide(const model::LoopModel &loop, const DeciderOptions &options = {});

} // namespace adjoint_lint::polyhedral
