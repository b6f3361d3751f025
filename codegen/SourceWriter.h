// The generated C files of one loop (docs/codegen.md, generated code):
// <name>.h, <name>.c (forward, tangent, footprint, one adjoint per row of
// the variant table) and <name>_forward.hpp (the forward kernel as a C++
// template). Printing only: what to print is chosen in LoopBody, Sweeps,
// GatherPlan and Variants.
#pragma once

#include "codegen/GatherPlan.h"
#include "codegen/Sweeps.h"
#include "codegen/Variants.h"

#include <string>

namespace adjoint_lint::codegen {

struct SourceFiles {
  std::string header;          ///< <name>.h
  std::string source;          ///< <name>.c
  std::string forwardTemplate; ///< <name>_forward.hpp
};

/// The files of the loop named `name` (loopName).
SourceFiles writeSourceFiles(const std::string &name, const Sweeps &sweeps, const GatherPlan &gathers,
                             const VariantTable &table);

} // namespace adjoint_lint::codegen
