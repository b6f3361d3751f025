// The questions the deciders ask about pairs of accesses, and which pairs
// each one compares: the one definition shared by the isl deciders
// (Deciders.cpp), Z3 on index arrays (IndexArrays.cpp), the cross-check
// (CrossCheck.cpp) and the schedule analysis (Schedules.cpp). Each of them
// asks, for every pair (a, b) listed here, whether instances of a and b in
// two different iterations of the parallel loop touch one element.
//
// Plain: model types only, no isl or Z3.
#pragma once

#include "model/LoopModel.h"

#include <optional>
#include <utility>
#include <vector>

namespace adjoint_lint::polyhedral {

enum class Question {
  /// Does the forward loop race? Every pair of accesses of a shared variable
  /// with at least one write, except pairs under one lock
  /// (model::synchronisedPair: both atomic, or one named critical section).
  ForwardRace,
  /// Does any element's adjoint get increments from two iterations? Every
  /// pair of the reads whose adjoints increment (incrementingReads).
  ExclusiveRead,
};

/// Whether the data-sharing clauses answer the questions about `v` without
/// looking at its accesses: each thread has its own copy (model::privatised),
/// or the runtime combines private partial results (a reduction variable).
bool decidedByClauses(const model::Variable &v);

/// The accesses of variable `v` that the questions see, in model order
/// (of one kind, if given): all but the updates of a reduction variable
/// (model::Sync::Reduction), which the runtime combines.
std::vector<int> accessesOf(const model::LoopModel &loop, int v,
                            std::optional<model::AccessKind> kind = std::nullopt);

/// The reads of `v` whose adjoints increment: accessesOf(v, Read) without
/// the read half of `+=` / `-=` (model::LoopModel::isUpdateReadHalf), whose
/// adjoint increments nothing.
std::vector<int> incrementingReads(const model::LoopModel &loop, int v);

/// The pairs (a, b), a before or equal to b in model order, that question
/// `q` compares for variable `v`; a == b stands for one access in two
/// iterations. Empty when the clauses decide `v` (decidedByClauses) or
/// nothing can conflict (no unsynchronised write; no incrementing read).
std::vector<std::pair<int, int>> conflictPairs(const model::LoopModel &loop, int v, Question q);

/// The symmetric update R_X = W_Y compares what the reads of array X touch
/// with what the writes of array Y touch, iteration by iteration. The reads
/// are all of X's (the read half of an update is an element the iteration
/// reads); Y is an update candidate (isUpdateCandidate).
struct UpdateAccesses {
  std::vector<int> reads;  ///< of X
  std::vector<int> writes; ///< of Y
};
UpdateAccesses updateAccesses(const model::LoopModel &loop, int x, int y);

/// Whether variable `y` may be the Y of a symmetric update: a shared
/// floating-point array that the loop writes. (The isl decider further
/// needs Y's elements identified, in an index space of X's rank.)
bool isUpdateCandidate(const model::LoopModel &loop, int y);

} // namespace adjoint_lint::polyhedral
