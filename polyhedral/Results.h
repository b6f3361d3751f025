// Making PropertyResults: the few shapes the deciders return.
#pragma once

#include "model/Verdicts.h"

#include <string>
#include <utility>
#include <vector>

namespace adjoint_lint::polyhedral {

/// Verdict `v`, decided by `decidedBy`, with `reason`; no proof, no witness.
inline model::PropertyResult decided(model::Verdict v, model::DecidedBy decidedBy, std::string reason) {
  model::PropertyResult r;
  r.verdict = v;
  r.decidedBy = decidedBy;
  r.reason = std::move(reason);
  return r;
}

/// A verdict of Z3's (the cross-check, the schedule analysis).
inline model::PropertyResult z3Result(model::Verdict v, std::string reason) {
  return decided(v, model::DecidedBy::Z3, std::move(reason));
}

/// Holds, with the proof artifacts.
inline model::PropertyResult holds(model::DecidedBy decidedBy, std::vector<std::string> proof,
                                   std::string reason = "") {
  model::PropertyResult r = decided(model::Verdict::Holds, decidedBy, std::move(reason));
  r.proof = std::move(proof);
  return r;
}

/// Unknown, decided by nobody, for `reason`.
inline model::PropertyResult unknown(std::string reason) {
  return decided(model::Verdict::Unknown, model::DecidedBy::Nobody, std::move(reason));
}

/// The question does not apply, for `reason`.
inline model::PropertyResult notApplicable(std::string reason) {
  return decided(model::Verdict::NotApplicable, model::DecidedBy::Nobody, std::move(reason));
}

} // namespace adjoint_lint::polyhedral
