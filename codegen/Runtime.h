// The runtime of the generated code: small C and C++ pieces that every
// generated source or numeric-check driver carries, kept as real source
// files in codegen/runtime/ (readable, compiled and tested on their own,
// unittests/codegen/RuntimeTest.cpp) and embedded at build time
// (codegen/runtime/Embed.cmake).
#pragma once

#include "codegen/AdjointRules.h"

#include <string_view>

namespace adjoint_lint::codegen {

enum class RuntimeFile {
  IndexMinMax, ///< runtime/index_minmax.h: al_min, al_max of index expressions
  IslBounds,   ///< runtime/isl_bounds.h: min, max, floord of isl's loop bounds
  Tape,        ///< runtime/tape.h: al_tape, al_push, al_pop
  VerifyChecks ///< runtime/verify.hpp: Rng, check, relError of the numeric check
};

/// The text of a runtime file below its prologue, every line ending in '\n'.
std::string_view runtimeText(RuntimeFile file);

/// Writes the text of a runtime file, one line at a time.
void writeRuntime(CodeWriter &w, RuntimeFile file);

} // namespace adjoint_lint::codegen
