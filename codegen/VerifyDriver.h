// The numeric check of one loop (docs/codegen.md, numeric check):
// <name>_verify.cpp, a C++ program that links the generated source and
// ADOL-C, runs every adjoint variant on seeded random data at two sizes and
// 1, 2 and all threads, and prints one JSON object. Its fixed part is the
// runtime file codegen/runtime/verify.hpp.
#pragma once

#include "codegen/LoopBody.h"
#include "codegen/Variants.h"

#include <string>

namespace adjoint_lint::codegen {

/// The driver of the loop named `name` (loopName).
std::string writeVerifyDriver(const std::string &name, const LoopBody &body, const VariantTable &table);

} // namespace adjoint_lint::codegen
