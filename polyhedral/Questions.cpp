#include "polyhedral/Questions.h"

namespace adjoint_lint::polyhedral {

using model::Access;
using model::AccessKind;
using model::LoopModel;

bool decidedByClauses(const model::Variable &v) {
  return model::privatised(v) || v.sharing == model::Sharing::Reduction;
}

std::vector<int> accessesOf(const LoopModel &loop, int v, std::optional<AccessKind> kind) {
  std::vector<int> out;
  for (size_t k = 0; k < loop.accesses.size(); ++k) {
    const Access &a = loop.accesses[k];
    if (a.variable == v && a.sync != model::Sync::Reduction && (!kind || a.kind == *kind))
      out.push_back(static_cast<int>(k));
  }
  return out;
}

std::vector<int> incrementingReads(const LoopModel &loop, int v) {
  std::vector<int> out;
  for (int k : accessesOf(loop, v, AccessKind::Read))
    if (!loop.isUpdateReadHalf(k))
      out.push_back(k);
  return out;
}

std::vector<std::pair<int, int>> conflictPairs(const LoopModel &loop, int v, Question q) {
  if (decidedByClauses(loop.variables.at(static_cast<size_t>(v))))
    return {};
  std::vector<int> candidates = q == Question::ForwardRace ? accessesOf(loop, v) : incrementingReads(loop, v);
  std::vector<std::pair<int, int>> pairs;
  for (size_t x = 0; x < candidates.size(); ++x)
    for (size_t y = x; y < candidates.size(); ++y) {
      const Access &a = loop.accesses[static_cast<size_t>(candidates[x])];
      const Access &b = loop.accesses[static_cast<size_t>(candidates[y])];
      bool conflicting = q == Question::ExclusiveRead ||
                         ((a.kind == AccessKind::Write || b.kind == AccessKind::Write) && !model::synchronisedPair(a, b));
      if (conflicting)
        pairs.emplace_back(candidates[x], candidates[y]);
    }
  return pairs;
}

UpdateAccesses updateAccesses(const LoopModel &loop, int x, int y) {
  return {accessesOf(loop, x, AccessKind::Read), accessesOf(loop, y, AccessKind::Write)};
}

bool isUpdateCandidate(const LoopModel &loop, int y) {
  const model::Variable &var = loop.variables.at(static_cast<size_t>(y));
  return var.sharing == model::Sharing::Shared && var.floating && var.rank > 0 &&
         !accessesOf(loop, y, AccessKind::Write).empty();
}

} // namespace adjoint_lint::polyhedral
