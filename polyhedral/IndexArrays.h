// Z3 for what isl cannot represent: subscripts that read index arrays
// (`x[perm[i]]`, `x[col[k]]` in `for (k = rowptr[i]; k < rowptr[i + 1]; k++)`)
// and products of parameters and iterators (`x[s * i]`).
//
// Index arrays are uninterpreted functions, products are nonlinear integer
// multiplication, division and remainder truncate as in C. Facts about
// index arrays and parameters (model::Fact: declared by `#pragma
// adjoint_lint assume(...)` or the config file, or derived from the forward
// program) are instantiated at the terms of each query; the facts in Z3's
// unsat core are the ones a proof used, and they are listed among the
// verdicts' assumptions. Sound: `holds` only on unsat; a satisfying model
// gives a witness (with the index array values it picked); anything else is
// `unknown` with the reason. No Z3 type crosses this header.
#pragma once

#include "model/LoopModel.h"
#include "model/Verdicts.h"

#include <string>
#include <vector>

namespace adjoint_lint::polyhedral {

struct IndexArrayOptions {
  /// Z3 budgets of one pass over a loop (all its queries together; see
  /// smt::Session); 0: none. Running out gives `unknown` with the reason.
  /// decide() passes DeciderOptions::z3Rlimit and z3TimeoutMs.
  unsigned rlimit = 50'000'000;
  unsigned timeoutMs = 10'000;
  /// Non-empty: every query is written there as SMT-LIB2 (`--dump-smt2`).
  std::string dumpSmt2Dir;
};

/// Which verdicts a pass re-decides.
enum class IndexArrayPass {
  /// Forward races, before the loop's race verdict is formed. Uses only
  /// declared facts: a proof of race freedom never rests on a fact derived
  /// from race freedom.
  ForwardRaces,
  /// Exclusive reads, after it. When the forward loop is not known to race,
  /// also uses the derived facts: a forward write `y[idx[i]]` without
  /// synchronisation is race-free only if idx[i] differs between iterations.
  ExclusiveReads,
};

/// Re-decides, with Z3, the `unknown` verdicts of `out` that isl left open
/// because of index arrays, products or other non-affine parts, for the
/// variables that no unsupported construct concerns. Adds the facts used to
/// `out.assumptions`; a declared fact that the program contradicts becomes
/// an entry of `out.contradicted`. A Z3 failure leaves the verdict it
/// concerns `unknown`, with Z3's message; only a bug throws.
void decideIndexArrays(const model::LoopModel &loop, model::LoopVerdicts &out, IndexArrayPass pass,
                       const IndexArrayOptions &options = {});

} // namespace adjoint_lint::polyhedral
