// The variant table: which adjoint functions a loop gets, and how each
// increments the adjoint of each active array (docs/codegen.md,
// strategies). Choosing only: the text is written by SourceWriter.
#pragma once

#include "codegen/GatherPlan.h"
#include "codegen/LoopCodegen.h"
#include "codegen/Sweeps.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

/// The adjoint functions, in the order they are generated.
enum class VariantKind {
  Serial,      ///< the reference: iterations in reverse order
  Plain,       ///< every array plain (exclusive read holds for all)
  Gather,      ///< gather loops where built, plain where exclusive read holds
  ChunkAtomic, ///< atomics at chunk boundaries only, under schedule(static, c)
  Reduction,   ///< OpenMP array-section reductions
  Atomic,      ///< `omp atomic` increments
  Chosen       ///< per array the best valid strategy: <name>_adjoint
};

/// One row of the table: {kind, increments, comment}.
struct AdjointVariant {
  VariantKind kind = VariantKind::Serial;
  Increments increments; ///< per active array (written arrays: plain)
  std::string comment;   ///< what the function's comment says about it
  bool deterministic = false; ///< bitwise identical results for any thread count
};

struct VariantTable {
  std::vector<ArrayPlan> arrays;        ///< every active array, with its chosen strategy
  std::vector<AdjointVariant> variants; ///< serial first, chosen last
  std::vector<std::string> gaps;        ///< variants not generated, and why
  /// Chunk-boundary atomics: how many iterations at each end of a chunk
  /// may conflict with the neighbour chunk.
  int64_t boundaryIterations = 0;
};

/// "serial", "plain", "gather", "chunk_atomic", "reduction", "atomic", "chosen".
const char *variantName(VariantKind kind);

/// "<loop>_adjoint_<name>"; the chosen one is "<loop>_adjoint".
std::string variantFunction(const std::string &loop, VariantKind kind);

/// The table of a loop: the variants its verdicts and gather loops allow.
VariantTable chooseVariants(const LoopBody &body, const model::LoopVerdicts &verdicts,
                            const GatherPlan &gathers);

/// Why an array's adjoint is incremented as it is, one sentence
/// ("x: plain; exclusive read holds ..."): the certificate's reason and the
/// adjoint functions' comments.
std::string incrementComment(const LoopBody &body, int variable, Increment how,
                             int64_t boundaryIterations);

} // namespace adjoint_lint::codegen
