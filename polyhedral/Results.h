// Making PropertyResults: the few shapes the deciders return.
#pragma once

#include "polyhedral/Verdicts.h"

#include <string>
#include <utility>
#include <vector>

namespace adjoint_lint::polyhedral {

/// Verdict `v`, decided by `decidedBy`, with `reason`; no proof, no witness.
inline PropertyResult decided(Verdict v, std::string decidedBy, std::string reason) {
  PropertyResult r;
  r.verdict = v;
  r.decidedBy = std::move(decidedBy);
  r.reason = std::move(reason);
  return r;
}

/// A verdict of Z3's (the cross-check, the schedule analysis).
inline PropertyResult z3Result(Verdict v, std::string reason) { return decided(v, "z3", std::move(reason)); }

/// Holds, with the proof artifacts.
inline PropertyResult holds(std::string decidedBy, std::vector<std::string> proof, std::string reason = "") {
  PropertyResult r = decided(Verdict::Holds, std::move(decidedBy), std::move(reason));
  r.proof = std::move(proof);
  return r;
}

/// Unknown, decided by nobody, for `reason`.
inline PropertyResult unknown(std::string reason) { return decided(Verdict::Unknown, "", std::move(reason)); }

/// The question does not apply, for `reason`.
inline PropertyResult notApplicable(std::string reason) {
  return decided(Verdict::NotApplicable, "", std::move(reason));
}

} // namespace adjoint_lint::polyhedral
