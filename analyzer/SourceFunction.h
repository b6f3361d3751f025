// The source check's view of a loop's function (docs/codegen.md, the source
// check): parses the user's file once more, with the user's compiler
// arguments, and describes the function that holds the OpenMP loop at a
// line: its parameters by kind and whether a driver can call it alone.
// Independent of the lowering on purpose (like OracleInstrument.h): the
// check it serves compares the generated code with what the compiler makes
// of the user's own function.
#pragma once

#include "model/SourceFunction.h"

#include <string>
#include <vector>

namespace adjoint_lint::analyzer {

/// A loop by its function's name and the line of its directive.
struct LoopPlace {
  std::string function;
  unsigned line = 0;
};

/// Describes, per loop, the definition of its function in `file` that holds
/// the OpenMP directive on its line (one parse for all). `reason` says why
/// it cannot be called (also when the file does not parse or no such
/// function exists).
std::vector<model::SourceFunction> describeSourceFunctions(const std::string &file,
                                                           const std::vector<std::string> &compilerArgs,
                                                           const std::string &resourceDir,
                                                           const std::vector<LoopPlace> &loops);

} // namespace adjoint_lint::analyzer
