#include "reports/StrategyText.h"

namespace adjoint_lint::reports {

std::string strategyReasonText(const model::VariableVerdicts &vv) {
  if (!vv.strategyReason)
    return "";
  using Kind = model::StrategyReason::Kind;
  const model::StrategyReason &r = *vv.strategyReason;
  const std::string &n = vv.name;
  switch (r.kind) {
  case Kind::NotActive:
    return "not active: no adjoint";
  case Kind::Privatised:
    return "not active: " + n + " is " + model::toString(r.sharing) + ", so its adjoint is thread-local";
  case Kind::ReductionVariable:
    return "reduction variable: every iteration only reads its adjoint";
  case Kind::NotRead:
    return n + " is not read, so its adjoint is not incremented";
  case Kind::ExclusiveRead:
    return "exclusive read holds: no two iterations increment one adjoint element";
  case Kind::ReadsNotExact:
    return "the read pattern of " + n + " is not exactly known: " +
           (r.cause.empty() ? std::string("some reads are not affine") : r.cause);
  case Kind::ReadsNotAffine:
    return "the read pattern of " + n + " is not affine (" +
           (r.cause.empty() ? std::string("two iterations may read one element") : r.cause) + ")";
  case Kind::SmallFootprint:
    return "the reads of " + n + " cover at most " + std::to_string(r.elements) +
           " element(s) whatever the parameters: reduce per-thread copies of its adjoint";
  case Kind::LargeFootprint:
  case Kind::GrowingFootprint:
    return "the reads of " + n + " are affine and " +
           (r.kind == Kind::LargeFootprint ? "cover " + std::to_string(r.elements) + " elements (more than " +
                                                 std::to_string(r.limit) + ", too many for per-thread copies)"
                                           : std::string("cover a footprint that grows with the parameters")) +
           ": " +
           (r.stencilShape ? "a gather loop of the stencil's own shape pulls the adjoint increments"
                           : "a transposed gather loop pulls the adjoint increments");
  case Kind::Undecided:
    return "nothing was decided (" + r.cause + ")";
  case Kind::ForwardRace:
    return "the forward loop has a data race" + (r.racingVariable.empty() ? "" : " on " + r.racingVariable) +
           ": fix it before differentiating; only the serial adjoint is meaningful";
  }
  return "";
}

} // namespace adjoint_lint::reports
