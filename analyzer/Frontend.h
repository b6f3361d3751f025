// The Clang front end's public face. No Clang type appears here: the driver
// passes file names and compiler arguments and gets loop models back.
#pragma once

#include "model/LoopModel.h"
#include "reports/Finding.h"

#include <memory>
#include <string>
#include <vector>

namespace adjoint_lint::analyzer {

struct FrontendOptions {
  /// Directory holding compile_commands.json (`-p`); empty: none, and
  /// without `--` either the nearest compile_commands.json above each file
  /// is used, as clang-tidy does (a file it does not list, and a header
  /// given as FILE, gets the command of the listed file most like it).
  std::string buildPath;
  /// Compiler arguments given after `--` (used when there is no database,
  /// or in addition to the database's command, as clang-tidy does).
  std::vector<std::string> extraArgs;
  /// Whether the command line had `--` (then, without -p, no database is
  /// searched for: the files are parsed with extraArgs alone).
  bool hasDoubleDash = false;
  /// Clang's resource directory (builtin headers such as omp.h).
  std::string resourceDir;
  /// The loops of included non-system headers are reported too, those whose
  /// name matches `headerFilter` (empty: every one) and not
  /// `excludeHeaderFilter` (clang-tidy's --header-filter and
  /// --exclude-header-filter, as llvm::Regex).
  std::string headerFilter;
  std::string excludeHeaderFilter;
  bool analyseHeaders = true; ///< false: the main file's loops only
};

/// What the front end made of one input file.
struct TranslationUnitResult {
  std::string file;
  /// False when the file could not be analysed at all (missing file, compile
  /// errors, no compile command, OpenMP not enabled...). `problems` says why.
  /// A file that parses and holds no OpenMP loop is analysable (and clean),
  /// as clang-tidy treats a file none of its checks applies to.
  bool analysable = false;
  std::vector<model::LoopModel> loops;
  /// Compiler diagnostics (errors and warnings of the parse) and the front
  /// end's own problems (unsupported directives...), already worded.
  std::vector<reports::Finding> problems;
};

/// The front end for one run: reads the compilation database once, then
/// parses files, possibly from several threads at once.
///
/// Compilation database: a relative "directory" is taken relative to the
/// directory holding compile_commands.json, a relative "file" relative to
/// its "directory". A file listed with several compile commands is parsed
/// with each distinct one (after dropping output and dependency-file
/// flags); its loops are the union, identical models counted once, and it
/// is analysable only when every command parses.
class SourceFrontend {
public:
  explicit SourceFrontend(FrontendOptions options);
  ~SourceFrontend();
  SourceFrontend(const SourceFrontend &) = delete;
  SourceFrontend &operator=(const SourceFrontend &) = delete;

  /// Why the database given by `buildPath` could not be read; empty when it
  /// was, or when there is none.
  const std::string &databaseError() const;

  /// Every file of the database, each once, sorted (absolute paths).
  std::vector<std::string> databaseFiles() const;

  /// Parses `file` and lowers every OpenMP loop to a LoopModel. Never throws
  /// for bad input: problems are reported in the result. Safe to call from
  /// several threads at once.
  TranslationUnitResult analyze(const std::string &file) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses each file with Clang and lowers every OpenMP loop to a LoopModel
/// (one SourceFrontend, one file after the other).
std::vector<TranslationUnitResult> analyzeFiles(const std::vector<std::string> &files,
                                                const FrontendOptions &options);

} // namespace adjoint_lint::analyzer
