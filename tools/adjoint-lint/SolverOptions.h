// The deciders' solver options: Z3 budgets, --cross-check, --threads and
// the --dump-isl / --dump-smt2 replay directories (SolverOptions.cpp).
#pragma once

#include "polyhedral/Deciders.h"

#include <string>

namespace adjoint_lint::driver {

/// Registers --threads=N (alias --omp-threads=N), taking the name over from
/// libLLVM's own "threads" option. Call before the command line is parsed.
void registerThreadsOption();

/// Copies the solver options of the command line into `options`.
void applySolverOptions(polyhedral::DeciderOptions &options);

/// Creates the dump directories that were asked for; false with `error`
/// (naming the directory and the reason) when one cannot be created or is
/// not a writable directory.
bool prepareDumpDirectories(std::string &error);

} // namespace adjoint_lint::driver
