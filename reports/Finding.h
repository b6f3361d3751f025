// A finding: one warning (or error, or note) plus the notes that explain it,
// as clang-tidy shows them. The reports/ layer builds findings from loop
// models and verdicts and formats every message; renderers (the Clang text
// printer in analyzer/, JSON, ...) only place them.
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::reports {

enum class Level { Note, Warning, Error };

struct Location {
  std::string file;
  unsigned line = 0, column = 0;       ///< 1-based; 0 when unknown
  unsigned endLine = 0, endColumn = 0; ///< 1-based, inclusive; 0 when unknown
};

struct Note {
  Location loc;
  std::string message;
};

/// One of the two accesses of a race or exclusive-read witness, in the
/// iteration that performs it (SARIF threadFlows, the HTML report).
struct WitnessStep {
  Location loc;          ///< the access
  std::string iteration; ///< "i=1", "(i=1, j=2)", "i=1 (inner k=0)"
  std::string message;   ///< "'x[i + 1]' writes x[2] in iteration i=1"
  std::string access;    ///< the access's source text, "x[i + 1]"
  std::string element;   ///< the element, "x[2]" (the variable's name for a scalar)
  bool write = false;    ///< the access writes (else reads)
};

struct Finding {
  std::string rule; ///< e.g. "adjoint-lint-forward-race"; empty for input errors
  Level level = Level::Warning;
  Location loc;
  std::string message;
  std::vector<Note> notes;
  std::string loopId;   ///< the loop it concerns, if any
  std::string function; ///< the function holding that loop, if known
  std::string variable; ///< the variable (array or scalar) it concerns, if one
  /// The witness's two accesses, one per iteration; empty when the finding
  /// has no witness.
  std::vector<WitnessStep> witness;
  /// The assumptions the verdicts of its loop rest on (loopAssumptions);
  /// also shown as "assuming ..." notes.
  std::vector<std::string> assumptions;
};

const char *levelName(Level l); ///< "note" | "warning" | "error"

/// What tells findings apart, which is also the order they are reported in:
/// file, line, column, rule, level, message. Two findings equal in these are
/// one (a header's loop seen from two files is reported once).
struct FindingOrder {
  bool operator()(const Finding &a, const Finding &b) const;
};
bool sameFinding(const Finding &a, const Finding &b);

} // namespace adjoint_lint::reports
