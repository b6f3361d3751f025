// The access pattern of one variable over a few iterations of a loop, for
// the HTML report's picture (iterations against array cells, reads and
// writes, conflicts in red; cf. Figure 2 of Hueckelheim & Hovland 2017).
//
// It is computed from the loop model and a verdict's witness, with concrete
// numbers: the witness's parameter values, a small window of iterations
// around the two witness iterations (clipped to the loop's bounds), every
// inner loop enumerated, guards evaluated, and each access's affine
// subscripts evaluated with C's integer semantics. No Clang, no isl.
//
// What cannot be evaluated (an opaque subscript or guard, a parameter the
// witness does not fix, an inner loop too long to show) is left out and
// flagged `partial`; the witness's own two accesses are always shown.
#pragma once

#include "model/LoopModel.h"
#include "model/Verdicts.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::reports {

enum class PatternMode {
  ForwardRace,  ///< conflict: two iterations touch a cell, one of them writes
  ExclusiveRead ///< conflict: two iterations read a cell (their adjoint increments race)
};

struct PatternTouch {
  size_t row = 0, column = 0;
  bool read = false, write = false; ///< what this iteration does to this cell
  bool synchronised = false;        ///< only through atomic/critical/reduction accesses
  bool conflict = false;            ///< another iteration conflicts with it on this cell
  bool witness = false;             ///< one of the witness's two accesses
};

struct AccessPattern {
  std::string variable;
  std::vector<std::map<std::string, int64_t>> rows; ///< iterator values, in row order
  std::vector<std::string> rowLabels;               ///< "i=3", "(i=1, j=2)"
  std::vector<std::vector<int64_t>> columns;        ///< element subscripts, sorted
  std::vector<std::string> columnLabels;            ///< "x[4]", "a[1][2]", "s"
  std::vector<PatternTouch> touches;                ///< at most one per (row, column)
  std::map<std::string, int64_t> parameters;        ///< the values used
  size_t witnessRows[2] = {0, 0};
  size_t witnessColumn = 0;
  bool witnessShown = true; ///< both witness iterations are rows (witnessRows valid)
  bool partial = false;   ///< some accesses could not be evaluated and are not shown
  bool truncated = false; ///< more iterations or cells exist than are shown
};

/// The pattern of `variable` (index into loop.variables) around `witness`.
/// nullopt when the witness does not name two iterations.
std::optional<AccessPattern> accessPattern(const model::LoopModel &loop, int variable,
                                           const model::Witness &witness, PatternMode mode);

} // namespace adjoint_lint::reports
