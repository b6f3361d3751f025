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

} // namespace adjoint_lint::model
