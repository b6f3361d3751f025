// The code-generation subcommands of adjoint-lint (docs/codegen.md):
//
//   adjoint-lint generate FILE [--loop=LINE] -o DIR [--verify] [-- COMPILER-ARGS]
//   adjoint-lint verify DIR
//   adjoint-lint check-certificate CERT FILE [-- COMPILER-ARGS]
#pragma once

namespace adjoint_lint::driver {

/// Whether argv[1] names one of the subcommands above.
bool isCodegenSubcommand(const char *arg);

/// Runs the subcommand argv[1]; returns the exit status.
int runCodegenSubcommand(int argc, const char **argv);

} // namespace adjoint_lint::driver
