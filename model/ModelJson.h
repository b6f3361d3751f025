// JSON form of the loop model (`--dump-model`, and the deciders' test input).
#pragma once

#include "model/LoopModel.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace adjoint_lint::model {

/// Thrown by fromJson on a document that is not a loop model; the message
/// names the offending field.
struct ModelJsonError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::json toJson(const LoopModel &m);
nlohmann::json toJson(const ModelFile &f);
nlohmann::json toJson(const IndexExpr &e);
nlohmann::json toJson(const Condition &c);

LoopModel loopFromJson(const nlohmann::json &j);
/// Accepts either {"loops": [...]} or a single loop object.
ModelFile modelFileFromJson(const nlohmann::json &j);
IndexExpr indexFromJson(const nlohmann::json &j);
Condition conditionFromJson(const nlohmann::json &j);

} // namespace adjoint_lint::model
