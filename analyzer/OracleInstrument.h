// Source instrumentation for the dynamic oracle (tools/oracle-instrument,
// testsuite/tools/oracle.py; see docs/robustness.md).
//
// The oracle checks adjoint-lint's `none`/`holds` verdicts by running the
// loops. This rewriting is deliberately independent of the loop lowering
// (LoopLowering.cpp) and of the deciders: it only marks where each OpenMP
// loop starts and ends and where each of its iterations begins, and writes
// a harness that calls the functions holding the loops with small sizes.
// The memory accesses themselves are recorded by the compiler's own
// ThreadSanitizer instrumentation, linked against the oracle's runtime
// (testsuite/tools/oracle/ao_runtime.cpp) instead of TSan's.
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::analyzer {

struct OracleInstrumentation {
  bool ok = false;
  std::string error;        ///< why the file could not be instrumented
  std::string instrumented; ///< the source with loop and iteration markers
  std::string harness;      ///< a translation unit that #includes AO_SOURCE and calls its functions
  std::string meta;         ///< JSON: the loops, the callable functions and their value slots
};

/// Parses `file` with `compilerArgs` (e.g. -fopenmp) and instruments it.
OracleInstrumentation instrumentForOracle(const std::string &file,
                                          const std::vector<std::string> &compilerArgs,
                                          const std::string &resourceDir);

} // namespace adjoint_lint::analyzer
