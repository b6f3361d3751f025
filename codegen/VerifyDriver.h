// The numeric check of one loop (docs/codegen.md, numeric check):
// <name>_verify.cpp, a C++ program that links the generated source and
// ADOL-C, runs every adjoint variant on seeded random data at two sizes and
// 1, 2 and all threads, and prints one JSON object. Its fixed part is the
// runtime file codegen/runtime/verify.hpp.
#pragma once

#include "codegen/LoopBody.h"
#include "codegen/Variants.h"
#include "model/SourceFunction.h"

#include <string>

namespace adjoint_lint::codegen {

/// The driver of the loop named `name` (loopName).
std::string writeVerifyDriver(const std::string &name, const LoopBody &body, const VariantTable &table);

/// The source check of the loop (docs/codegen.md, the source check): a
/// wrapper translation unit `<name>_source.c` (or .cpp) that #includes the
/// user's file (`include`, as an #include path) with `main` renamed and
/// defines `<name>_source` with the forward kernel's parameters, calling
/// the user's function; and the program `<name>_source_check.cpp` that
/// compares the forward kernel with it and the serial adjoint with its
/// central differences. Both empty, with `reason` set, where the driver
/// cannot call the function.
struct SourceCheckFiles {
  std::string wrapper;
  std::string wrapperFile; ///< "<name>_source.c" or "<name>_source.cpp"
  std::string program;
  std::string reason;
};
SourceCheckFiles writeSourceCheck(const std::string &name, const LoopBody &body, const VariantTable &table,
                                  const model::SourceFunction &function, const std::string &include);

} // namespace adjoint_lint::codegen
