// What a Z3 answer means, as a pure function of plain data (no Z3 types), so
// that unit tests can feed it made-up solver results.
//
// Every query the deciders ask Z3 is "is there a counterexample?": `unsat`
// proves the property, `sat` refutes it (the model is the witness), and
// everything else (`unknown` with Z3's reason, an exhausted budget, a Z3
// error) is `unknown` with a reason a person can act on.
#pragma once

#include <string>

namespace adjoint_lint::polyhedral::smt {

enum class Answer { Proved, Refuted, Unknown };

/// The raw outcome of one check, as Z3 reported it.
struct SolverOutcome {
  enum class Status { Unsat, Sat, Unknown, Error };
  Status status = Status::Unknown;
  /// Unknown: Z3's reason_unknown() ("timeout", "canceled", "max. resource
  /// limit exceeded", "(incomplete (theory arithmetic))", ...);
  /// Error: the z3::exception's message.
  std::string detail;
};

/// Budgets of one loop's Z3 queries; 0 means no limit.
struct Budget {
  unsigned rlimit = 0;    ///< Z3 resource units (rlimit), all queries of the loop together
  unsigned timeoutMs = 0; ///< milliseconds, all queries of the loop together
};

struct Interpretation {
  Answer answer = Answer::Unknown;
  std::string reason;     ///< Unknown: why, e.g. "Z3 timeout of 10000 ms per loop exhausted"
  bool exhausted = false; ///< Unknown because a budget ran out
};

/// Maps a solver outcome to proved / refuted / unknown with a reason.
Interpretation interpret(const SolverOutcome &outcome, const Budget &budget);

/// The outcome of a check that did not start because the loop's budget was
/// already spent (the reason names the budget).
SolverOutcome budgetSpent(bool rlimit);

/// A file-name-safe rendering of `text` ("a.c:3:9" -> "a.c_3_9").
std::string fileSafe(const std::string &text);

} // namespace adjoint_lint::polyhedral::smt
