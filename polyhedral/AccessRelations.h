// Stage one of the deciders: a LoopModel as isl sets and relations; public,
// since the generator builds its gather loops from the same relations
// (codegen/Gather.cpp).
//
// Names: parameters become p0, p1, ...; the parallel iterators of an access's
// statement instance are i0, i1, ..., its inner-loop iterators j0, j1, ...;
// the instance space of access k is A<k>, the parallel iteration space S and
// the element space of variable v is v<v>. Source names never reach isl (C
// names such as `mod` or `min` are isl keywords); `sourceName` maps back.
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/Encoding.h"

#include <isl/cpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::polyhedral {

/// How the elements of a variable are told apart.
enum class Identity {
  Scalar,       ///< rank 0: one element
  Tuple,        ///< the subscript tuple (separate rows, or proven in-row)
  LinearOffset, ///< the memory offset, all inner extents constant
  Delinearised, ///< a linearised rank-1 subscript split into proven dims
  Unknown       ///< none of the above could be established
};

/// One access of the loop as isl relations.
struct AccessRelation {
  int access = -1;
  std::string tuple;              ///< "A3"
  std::vector<std::string> inner; ///< source names of its inner iterators, outermost first
  /// [P] -> { A3[i.., j..] } its statement instances (a superset if !exactDomain)
  isl::set domain;
  /// [P] -> { A3[i.., j..] -> v1[e..] } the elements it touches, in memory identity
  isl::map memory;
  /// [P] -> { A3[i.., j..] -> v1[s..] } the same, in its index space (the
  /// subscript tuple, or the delinearised one)
  isl::map index;
  bool exactDomain = true;
  bool exactSubscripts = true;
  std::string inexactReason; ///< why it is only a may-access

  bool must() const { return exactDomain && exactSubscripts; }
};

struct VariableRelations {
  Identity identity = Identity::Unknown;
  std::string reason;             ///< Identity::Unknown: why
  int causeAccess = -1;           ///< Identity::Unknown: the access at fault, if one
  std::vector<std::string> notes; ///< proven facts, e.g. the delinearisation
  /// Identity::Delinearised: the parameter that is the extent of each inner
  /// dimension, innermost first (x[i*n + j] split as x[i][j]: {"n"})
  std::vector<std::string> rowExtents;
};

class Translator;

class LoopRelations {
public:
  /// Throws isl::exception when isl fails (budget).
  /// `useContext`: intersect every domain with the loop's context facts
  /// (origin "context": what holds wherever the loop runs, from the enclosing
  /// `if`s and unwritten locals); the deciders use them, the generator not
  /// (its adjoint runs where the forward loop ran, but is generated apart).
  LoopRelations(isl::ctx ctx, const model::LoopModel &loop, bool useContext = false);
  ~LoopRelations();
  LoopRelations(const LoopRelations &) = delete;
  LoopRelations &operator=(const LoopRelations &) = delete;

  const model::LoopModel &loop() const { return loop_; }
  const AccessRelation &access(int k) const { return accesses_.at(static_cast<size_t>(k)); }
  const VariableRelations &variable(int v) const { return variables_.at(static_cast<size_t>(v)); }
  unsigned parallelDims() const { return static_cast<unsigned>(loop_.iterators.size()); }
  unsigned paramCount() const { return static_cast<unsigned>(loop_.parameters.size()); }

  /// [P] -> { S[i..] } the iterations of the parallel loop
  const isl::set &parallelDomain() const { return parallelDomain_; }
  bool exactParallelDomain() const { return parallelReason_.empty(); }
  /// { A_k[i.., j..] -> S[i..] }
  isl::map toParallel(int k) const;
  /// { A_a[i.., j..] -> A_b[i'.., j'..] : (i..) != (i'..) }
  isl::map differentIterations(int a, int b) const;
  /// isl text names -> source names, for proof artifacts ("p0 = n, i0 = i").
  std::string legend() const;

private:
  isl::ctx ctx_;
  const model::LoopModel &loop_;
  std::string params_; ///< "[p0, p1]"
  bool useContext_ = false;
  /// The context facts (useContext) on `universe`'s space.
  isl::set context(const Translator &tr, const isl::set &universe) const;
  std::vector<AccessRelation> accesses_;
  std::vector<VariableRelations> variables_;
  isl::set parallelDomain_;
  std::string parallelReason_;
  std::vector<std::unique_ptr<Translator>> translators_; ///< per access
  /// per access, per dimension: its subscript, or nullopt with subscriptWhy_
  std::vector<std::vector<std::optional<isl::pw_aff>>> subscripts_;
  std::vector<std::vector<std::string>> subscriptWhy_;
  /// per access: the value conditions it is evaluated under (the branches of
  /// `c ? a : b`, the right operands of && and ||), with their polarity
  std::vector<ValueConditions> valueConditions_;

  std::string tupleText(const std::string &name, unsigned parallel, unsigned inner,
                        const std::string &prefix = "i", const std::string &innerPrefix = "j") const;
  void buildParallelDomain();
  void buildAccess(int k);
  void buildVariable(int v);
  /// Every access of variable `v`, reduction updates included (the relations
  /// describe them all; Questions.h's accessesOf is what the questions see).
  std::vector<int> allAccessesOf(int v) const;
  isl::map relation(int k, const std::string &range, const std::vector<isl::pw_aff> &dims) const;
  isl::map anyElement(int k, const std::string &range, unsigned rank) const;
  bool tryDelinearise(int v, VariableRelations &out);
  std::optional<std::string> rowLeak(int v) const;
  void useSubscripts(int v, bool linearOffset);
};

} // namespace adjoint_lint::polyhedral
