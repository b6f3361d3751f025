// What the two encodings of a loop model share (isl: AccessRelations.h,
// Z3: Smt.h): the value conditions each access is evaluated under, and the
// wording of what cannot be encoded. Plain: model types only.
#pragma once

#include "model/LoopModel.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace adjoint_lint::polyhedral {

/// The conditions one access is evaluated under, outermost first, each with
/// its polarity (true: the access runs when the condition holds).
using ValueConditions = std::vector<std::pair<model::Condition, bool>>;

/// Per access of `loop`: the value conditions of the statements' right-hand
/// sides it sits in (the branches of `c ? a : b`, the right operands of &&
/// and ||). A condition the deciders cannot use (a non-integer `c`, the
/// left operand of && and ||) is Opaque: the access becomes a may-access.
std::vector<ValueConditions> valueConditions(const model::LoopModel &loop);

/// Sets `why` to `reason` unless it holds one already: the first reason is
/// kept, later ones are usually consequences.
void note(std::string &why, const std::string &reason);

/// Notes (`note`) what keeps loop header `h` from being encoded exactly, in
/// the order both encodings find it: its start (`startWhy`: why it is not
/// encodable, nullopt when it is), its bound (`boundWhy`, likewise), a step
/// away from the bound.
void noteLoopHeader(std::string &why, const model::LoopHeader &h, const std::optional<std::string> &startWhy,
                    const std::optional<std::string> &boundWhy);

/// How much of the front end's reason for a data-dependent expression an
/// encoding repeats.
enum class DataDependence {
  /// "data-dependent (perm is written in the loop, in perm[i])": the isl
  /// encoding, whose reasons the deciders' verdicts carry.
  Detailed,
  /// "data-dependent": the Z3 encoding.
  Brief,
};

/// Completes "... is <phrase>" for an Opaque index expression or condition
/// from its kind and reason, e.g. "data-dependent" or "not analysable (call
/// to 'g' may access shared memory)".
std::string opaquePhrase(const model::IndexExpr &e, DataDependence detail);
std::string opaquePhrase(const model::Condition &c, DataDependence detail);

} // namespace adjoint_lint::polyhedral
