// The Clang front end's public face. No Clang type appears here: the driver
// passes file names and compiler arguments and gets loop models back.
#pragma once

#include "model/LoopModel.h"
#include "reports/Finding.h"

#include <string>
#include <vector>

namespace adjoint_lint::analyzer {

struct FrontendOptions {
  /// Directory holding compile_commands.json (`-p`); empty: none.
  std::string buildPath;
  /// Compiler arguments given after `--` (used when there is no database,
  /// or in addition to the database's command, as clang-tidy does).
  std::vector<std::string> extraArgs;
  bool hasDoubleDash = false;
  /// Clang's resource directory (builtin headers such as omp.h).
  std::string resourceDir;
};

/// What the front end made of one input file.
struct TranslationUnitResult {
  std::string file;
  /// False when the file could not be analysed at all (missing file, compile
  /// errors, no compile command, OpenMP not enabled...). `problems` says why.
  bool analysable = false;
  std::vector<model::LoopModel> loops;
  /// Compiler diagnostics (errors and warnings of the parse) and the front
  /// end's own problems (unsupported directives...), already worded.
  std::vector<reports::Finding> problems;
};

/// Parses each file with Clang and lowers every OpenMP loop to a LoopModel.
/// Never throws for bad input: problems are reported in the results.
std::vector<TranslationUnitResult> analyzeFiles(const std::vector<std::string> &files,
                                                const FrontendOptions &options);

/// All source files listed in BUILD_PATH/compile_commands.json.
std::vector<std::string> filesInDatabase(const std::string &buildPath, std::string &error);

} // namespace adjoint_lint::analyzer
