// The loop-level generator: the pipeline from a loop's model and verdicts to
// its files. The body (LoopBody) is analysed once: which values the
// reverse sweep reads (Sweeps), which arrays get gather loops (GatherPlan),
// which adjoint variants it gets (Variants); then the files are printed
// (SourceWriter, VerifyDriver).
#include "codegen/LoopCodegen.h"

#include "codegen/GatherPlan.h"
#include "codegen/LoopBody.h"
#include "codegen/SourceWriter.h"
#include "codegen/Sweeps.h"
#include "codegen/Variants.h"
#include "codegen/VerifyDriver.h"

#include <cctype>

namespace adjoint_lint::codegen {

std::string loopName(const model::LoopModel &loop) {
  std::string fn = loop.function.empty() ? "loop" : loop.function;
  std::string out;
  for (char c : fn)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (std::isdigit(static_cast<unsigned char>(out[0])))
    out = "_" + out;
  return out + "_L" + std::to_string(loop.range.line);
}

GeneratedLoop generateLoop(const model::LoopModel &loop, const model::LoopVerdicts &verdicts,
                           const SourceReference *source) {
  GeneratedLoop out;
  out.name = loopName(loop);
  LoopBody body(loop, verdicts);
  out.singlePrecision = body.singlePrecision();
  Sweeps sweeps(body, analyseValues(body));
  GatherPlan gathers = planGathers(sweeps, verdicts);
  VariantTable table = chooseVariants(body, verdicts, gathers);
  out.arrays = table.arrays;
  for (const AdjointVariant &v : table.variants)
    out.variants.push_back({variantName(v.kind), variantFunction(out.name, v.kind), v.deterministic});
  out.gaps = gathers.gaps;
  out.gaps.insert(out.gaps.end(), table.gaps.begin(), table.gaps.end());
  SourceFiles files = writeSourceFiles(out.name, sweeps, gathers, table);
  out.header = std::move(files.header);
  out.source = std::move(files.source);
  out.forwardTemplate = std::move(files.forwardTemplate);
  out.driver = writeVerifyDriver(out.name, body, table);
  if (source) {
    SourceCheckFiles check = writeSourceCheck(out.name, body, table, source->function, source->include);
    out.sourceWrapper = std::move(check.wrapper);
    out.sourceWrapperFile = std::move(check.wrapperFile);
    out.sourceCheck = std::move(check.program);
    out.sourceCheckReason = std::move(check.reason);
  }
  return out;
}

} // namespace adjoint_lint::codegen
