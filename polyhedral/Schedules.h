// OpenMP static schedules (schedule(static) and schedule(static, c)): which
// conflicting iteration pairs of each array run on one thread and which on
// two, and whether the cross-thread ones sit only at chunk boundaries (so an
// adjoint needs atomics only there). Decided with Z3 (Smt.h) over the
// normalised iteration number k of the parallel loop: with chunk c, k runs
// on thread floor(k / c) mod T; without c, in contiguous blocks of
// ceil(N / T) iterations. No Z3 type crosses this header.
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/SmtResult.h"
#include "model/Verdicts.h"

#include <string>

namespace adjoint_lint::polyhedral {

/// Fills `VariableVerdicts::schedule` of every array of `out` when the loop
/// has schedule(static[, c]). `threads` 0: any number of threads (the
/// verdicts hold for all). Never throws: failures are `unknown`.
void decideSchedules(const model::LoopModel &loop, model::LoopVerdicts &out, unsigned threads, const smt::Budget &budget,
                     const std::string &dumpDir = "");

} // namespace adjoint_lint::polyhedral
