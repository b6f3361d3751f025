// The reference adjoint generator: from one loop's model and verdicts, the C
// source and header of its forward kernel, tangent-linear code, serial
// adjoint and parallel adjoints (one per valid strategy), and a C++ test
// driver that checks them numerically (serial adjoint, dot-product test,
// ADOL-C). No Clang and no isl types; text only, nothing is written here.
#pragma once

#include "codegen/AdjointRules.h"
#include "model/LoopModel.h"
#include "model/SourceFunction.h"
#include "model/Verdicts.h"

#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

/// The adjoint strategy of one active array.
struct ArrayPlan {
  std::string name;
  std::string elementType;
  bool written = false;     ///< written by the loop: its adjoint is reset/scaled by the owner
  model::Strategy strategy = model::Strategy::Plain; ///< never serial
  std::string reason;       ///< why, one sentence
  /// What the deciders advised; `strategy` differs from it only where the
  /// generator could not build it (a gather loop, see the gaps) or the array
  /// is written (its adjoint is reset by the iteration that writes it).
  std::optional<model::Strategy> verdictStrategy;
  std::string proof;        ///< gather: the isl check that the gather loop is race-free
};

/// One generated parallel (or serial) adjoint function.
struct Variant {
  std::string name;     ///< serial | plain | gather | reduction | atomic | chosen
  std::string function; ///< the C function's name
  bool deterministic = false; ///< bitwise identical results for any thread count
};

struct GeneratedLoop {
  std::string name;   ///< "<function>_L<line>": file stem and function prefix
  std::string header; ///< <name>.h
  std::string source; ///< <name>.c
  std::string driver; ///< <name>_verify.cpp: the numeric check (links ADOL-C)
  std::string forwardTemplate; ///< <name>_forward.hpp: the forward kernel as a C++ template (ADOL-C)
  bool singlePrecision = false; ///< active data is float (tolerance 1e-5, else 1e-12)
  std::vector<ArrayPlan> arrays;  ///< every active array, with its chosen strategy
  std::vector<Variant> variants;  ///< serial first, the chosen one last
  std::vector<std::string> gaps;  ///< what the generator did not do for this loop, and why
  /// The source check (docs/codegen.md): the wrapper of the user's function
  /// (`sourceWrapperFile`: <name>_source.c or .cpp) and the program
  /// <name>_source_check.cpp; both empty, with `sourceCheckReason` saying
  /// why, where the driver cannot call the function.
  std::string sourceWrapper, sourceWrapperFile, sourceCheck, sourceCheckReason;
};

/// The loop's function for the source check: as the front end describes it
/// (analyzer/SourceFunction.h), and the user's file as an #include path
/// from the output directory.
struct SourceReference {
  model::SourceFunction function;
  std::string include;
};

/// Generates the code of one loop. Throws CodegenError naming the construct
/// and its line for anything outside the supported fragment (docs/codegen.md).
/// With `source`, the files of the source check too.
GeneratedLoop generateLoop(const model::LoopModel &loop, const model::LoopVerdicts &verdicts,
                           const SourceReference *source = nullptr);

/// "<function>_L<line>", a C identifier.
std::string loopName(const model::LoopModel &loop);

} // namespace adjoint_lint::codegen
