// Cross-check mode (--cross-check): Z3 re-decides the forward race and the
// exclusive read of every variable that isl decided, with its own encoding
// of the loop (Smt.h: C semantics, memory offsets), and the two must agree.
// A disagreement (one says holds, the other violated; `unknown` from either
// side is no disagreement) is an internal error. No Z3 type crosses this
// header.
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/SmtResult.h"
#include "model/Verdicts.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace adjoint_lint::polyhedral {

/// Z3's verdicts on one variable.
struct SmtVariableVerdicts {
  int variable = -1;
  model::PropertyResult forwardRace;
  model::PropertyResult exclusiveRead;
};

/// Decides the forward race and the exclusive read of every shared,
/// non-reduction variable of `loop` with Z3 alone (privatised and reduction
/// variables are left out: their verdicts come from the data-sharing
/// clauses). `dumpDir` non-empty: every query is written there as
/// SMT-LIB2. Never throws.
std::vector<SmtVariableVerdicts> decideWithZ3(const model::LoopModel &loop, const smt::Budget &budget,
                                              const std::string &dumpDir = "");

/// The disagreement between two decisions of one property, worded for the
/// internal-error message, or nullopt when they agree. Only Holds against
/// Violated disagrees; Unknown and NotApplicable agree with everything.
std::optional<std::string> disagreement(const model::PropertyResult &isl, const model::PropertyResult &z3);

/// A disagreement between isl and Z3: an internal error that fails the run.
struct CrossCheckError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Compares isl's verdicts (those decided by isl) with Z3's; throws
/// CrossCheckError naming the loop, the variable and the property on the
/// first disagreement.
void compareVerdicts(const model::LoopModel &loop, const model::LoopVerdicts &isl,
                     const std::vector<SmtVariableVerdicts> &z3);

} // namespace adjoint_lint::polyhedral
