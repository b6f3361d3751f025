// The code of one iteration of the loop (docs/codegen.md): its statements
// forwards (the forward kernel, its template twin, the tangent), and the
// adjoint's two sweeps: the forward sweep recomputes the values the reverse
// sweep reads (through the tape where the iteration overwrites them), the
// reverse sweep applies the statements' adjoint rules in reverse order.
// The value analysis says which values those are. No isl types.
#pragma once

#include "codegen/LoopBody.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace adjoint_lint::codegen {

/// How the reverse sweep increments the adjoint of an array.
enum class Increment {
  Plain,               ///< `xb[o] += ...`
  Reduction,           ///< plainly, on the thread's private copy (an OpenMP reduction)
  Atomic,              ///< `#pragma omp atomic` on every increment
  Gather,              ///< not at all: a gather loop before the reverse loop makes them
  ChunkBoundaryAtomic  ///< atomic in the iterations at a chunk boundary (`al_edge`), else plain
};

/// Per array variable; an array not listed is incremented plainly.
using Increments = std::map<int, Increment>;

/// What the reverse sweep reads by value (analyseValues).
struct SweepValues {
  std::set<int> needed; ///< variables the reverse sweep reads, and those their values come from
  std::set<int> pushed; ///< the needed ones an iteration overwrites: they go through the tape
};

/// A gather statement's slice of the reverse sweep (docs/codegen.md, gather
/// loops): the increments of one group of reads only, through the adjoints
/// of the locals; array adjoints are read (seeds), never reset.
struct ReverseFocus {
  std::set<int> accesses;   ///< the reads whose increments are written
  std::set<int> statements; ///< whose reverse rules run; the others only pop their values
  std::string sum;          ///< where non-empty: the reads' increments go to this temporary
};

class Sweeps {
public:
  Sweeps(const LoopBody &body, SweepValues values);

  const LoopBody &body() const { return body_; }
  const SweepValues &values() const { return values_; }
  /// Whether an iteration of the adjoint keeps a tape (`al_tape tape`).
  bool usesTape() const { return !values_.pushed.empty(); }

  /// The statements of the body in Forward, ForwardTemplate or Tangent mode
  /// (each statement's tangent before the statement itself).
  void writePrimal(CodeWriter &w, Mode mode) const;
  /// Whether the adjoint's forward sweep has a statement.
  bool hasForwardSweep() const;
  /// The adjoint's forward sweep: the statements writing the values the
  /// reverse sweep reads, each after the tape push of the value it overwrites.
  void writeForwardSweep(CodeWriter &w) const;
  /// The reverse sweep of the body, or of its slice in `focus`.
  void writeReverseSweep(CodeWriter &w, const Increments &increments, unsigned *temporaries,
                         const ReverseFocus *focus = nullptr) const;
  /// The reverse rule of one statement (`l` its left side, `l̄` its seed);
  /// `valuesRead` (when given) receives the accesses whose values it reads.
  void writeReverseStatement(int statement, CodeWriter &w, const Increments &increments,
                             unsigned *temporaries, std::set<int> *valuesRead,
                             const ReverseFocus *focus = nullptr) const;
  /// The body of one iteration of an adjoint: its locals, the position in
  /// its chunk (where an array has chunk-boundary atomics, within
  /// `boundaryIterations` of the boundary), the tape, both sweeps.
  void writeAdjointIteration(CodeWriter &w, const Increments &increments,
                             int64_t boundaryIterations) const;

private:
  void writePrimalNodes(const std::vector<BodyNode> &nodes, CodeWriter &w, Mode mode,
                        const std::set<int> *only, bool push) const;
  void writeReverseNodes(const std::vector<BodyNode> &nodes, CodeWriter &w,
                         const Increments &increments, unsigned *temporaries,
                         const ReverseFocus *focus) const;
  ExprContext reverseContext(unsigned line, const Increments &increments, std::set<int> *valuesRead,
                             unsigned *temporaries) const;

  const LoopBody &body_;
  SweepValues values_;
};

/// Which variables the reverse sweep reads by value (`needed`: what the
/// reverse rules read, closed over the statements that compute it), and
/// which of those are overwritten within one iteration and so go through
/// the tape (`pushed`). A local assigned once by `=`, outside inner loops,
/// keeps its value.
SweepValues analyseValues(const LoopBody &body);

} // namespace adjoint_lint::codegen
