#include "polyhedral/Strategy.h"

namespace adjoint_lint::polyhedral {

using model::Strategy;
using model::StrategyReason;
using model::Verdict;
using Kind = StrategyReason::Kind;

namespace {

void set(model::VariableVerdicts &out, Strategy strategy, StrategyReason reason) {
  out.strategy = strategy;
  out.strategyReason = std::move(reason);
}

StrategyReason reason(Kind kind, std::string cause = "") {
  StrategyReason r;
  r.kind = kind;
  r.cause = std::move(cause);
  return r;
}

} // namespace

void chooseStrategy(const StrategyFacts &facts, model::VariableVerdicts &out) {
  // serial: the forward loop races.
  if (facts.forwardLoopRaces && facts.active) {
    StrategyReason r = reason(Kind::ForwardRace);
    r.racingVariable = facts.racingVariable;
    return set(out, Strategy::Serial, r);
  }
  if (facts.undecided)
    return facts.active ? set(out, Strategy::Atomic, reason(Kind::Undecided, *facts.undecided))
                        : set(out, Strategy::Plain, reason(Kind::NotActive));
  // plain: not active (integer data, private copies), or a reduction variable.
  if (facts.privatised) {
    StrategyReason r = reason(Kind::Privatised);
    r.sharing = facts.sharing;
    return set(out, Strategy::Plain, r);
  }
  if (!facts.active)
    return set(out, Strategy::Plain, reason(Kind::NotActive));
  if (facts.sharing == model::Sharing::Reduction)
    return set(out, Strategy::Plain, reason(Kind::ReductionVariable));
  // Reads that isl could not model, decided by Z3: plain or atomic.
  if (facts.exclusiveReadByZ3)
    return facts.exclusiveRead == Verdict::Holds
               ? set(out, Strategy::Plain, reason(Kind::ExclusiveRead))
               : set(out, Strategy::Atomic, reason(Kind::ReadsNotAffine, facts.exclusiveReadReason));
  // plain: exclusive read holds.
  if (facts.exclusiveRead == Verdict::Holds || facts.exclusiveRead == Verdict::NotApplicable)
    return set(out, Strategy::Plain, reason(facts.read ? Kind::ExclusiveRead : Kind::NotRead));
  // atomic: exclusive read unknown, or reads that are not exact.
  if (facts.exclusiveRead != Verdict::Violated || !facts.readsExact)
    return set(out, Strategy::Atomic, reason(Kind::ReadsNotExact, facts.exclusiveReadReason));
  // reduction: a small fixed footprint; gather: one that grows (or is large).
  std::optional<int64_t> elements = facts.constantFootprint ? facts.constantFootprint() : std::nullopt;
  if (elements && *elements <= facts.maxReductionElements) {
    StrategyReason r = reason(Kind::SmallFootprint);
    r.elements = *elements;
    return set(out, Strategy::Reduction, r);
  }
  StrategyReason r = reason(elements ? Kind::LargeFootprint : Kind::GrowingFootprint);
  r.elements = elements.value_or(0);
  r.limit = facts.maxReductionElements;
  r.stencilShape = facts.reflexive;
  set(out, Strategy::Gather, r);
}

} // namespace adjoint_lint::polyhedral
