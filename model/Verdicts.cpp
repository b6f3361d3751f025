#include "model/Verdicts.h"

namespace adjoint_lint::model {

const char *raceVerdictName(Verdict v) {
  switch (v) {
  case Verdict::Holds: return "none";
  case Verdict::Violated: return "race";
  case Verdict::Unknown: return "unknown";
  case Verdict::NotApplicable: return "not-applicable";
  }
  return "unknown";
}

const char *propertyVerdictName(Verdict v) {
  switch (v) {
  case Verdict::Holds: return "holds";
  case Verdict::Violated: return "violated";
  case Verdict::Unknown: return "unknown";
  case Verdict::NotApplicable: return "not-applicable";
  }
  return "unknown";
}

const char *toString(DecidedBy d) {
  switch (d) {
  case DecidedBy::Nobody: return "";
  case DecidedBy::Isl: return "isl";
  case DecidedBy::Z3: return "z3";
  case DecidedBy::FrontEnd: return "front end";
  case DecidedBy::DataSharing: return "data-sharing";
  case DecidedBy::Timeout: return "timeout";
  case DecidedBy::InternalError: return "internal-error";
  }
  return "";
}

const char *toString(Strategy s) {
  switch (s) {
  case Strategy::Plain: return "plain";
  case Strategy::Gather: return "gather";
  case Strategy::Reduction: return "reduction";
  case Strategy::Atomic: return "atomic";
  case Strategy::Serial: return "serial";
  }
  return "plain";
}

} // namespace adjoint_lint::model
