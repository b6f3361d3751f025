#include "polyhedral/SmtResult.h"

#include <algorithm>
#include <cctype>

namespace adjoint_lint::polyhedral::smt {

namespace {

bool contains(const std::string &text, const char *word) { return text.find(word) != std::string::npos; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Interpretation unknown(std::string reason, bool exhausted = false) {
  Interpretation i;
  i.answer = Answer::Unknown;
  i.reason = std::move(reason);
  i.exhausted = exhausted;
  return i;
}

} // namespace

SolverOutcome budgetSpent(bool rlimit) {
  return {SolverOutcome::Status::Unknown, rlimit ? "max. resource limit exceeded" : "timeout"};
}

Interpretation interpret(const SolverOutcome &outcome, const Budget &budget) {
  switch (outcome.status) {
  case SolverOutcome::Status::Unsat:
    return {Answer::Proved, "", false};
  case SolverOutcome::Status::Sat:
    return {Answer::Refuted, "", false};
  case SolverOutcome::Status::Error:
    return unknown("Z3 failed: " + (outcome.detail.empty() ? std::string("unspecified error") : outcome.detail));
  case SolverOutcome::Status::Unknown:
    break;
  }
  std::string why = lower(outcome.detail);
  // Z3 words an exhausted rlimit "max. resource limit exceeded" (older:
  // "resource limits reached"); a timeout "timeout", or "canceled" when the
  // timer interrupted a tactic.
  if (contains(why, "resource limit")) {
    if (budget.rlimit)
      return unknown("Z3 rlimit of " + std::to_string(budget.rlimit) + " per loop exhausted", true);
    return unknown("Z3 ran out of resources (" + outcome.detail + ")", true);
  }
  if (contains(why, "timeout") || contains(why, "canceled") || contains(why, "cancelled")) {
    if (budget.timeoutMs)
      return unknown("Z3 timeout of " + std::to_string(budget.timeoutMs) + " ms per loop exhausted", true);
    return unknown("Z3 was interrupted (" + outcome.detail + ")", true);
  }
  if (contains(why, "memory"))
    return unknown("Z3 ran out of memory (" + outcome.detail + ")", true);
  if (contains(why, "incomplete"))
    return unknown("Z3 cannot decide this query: its procedures are incomplete here (" + outcome.detail +
                   "), typically for nonlinear integer arithmetic or quantifiers");
  if (why.empty())
    return unknown("Z3 answered unknown without a reason");
  return unknown("Z3 answered unknown (" + outcome.detail + ")");
}

std::string fileSafe(const std::string &text) {
  std::string out;
  for (char c : text)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return out;
}

} // namespace adjoint_lint::polyhedral::smt
