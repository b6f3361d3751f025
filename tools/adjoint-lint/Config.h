// The configuration file `.adjoint-lint.yaml`, as clang-tidy's `.clang-tidy`:
//
//   Checks: '-*,adjoint-lint-forward-race'   # glob list over rule names
//   WarningsAsErrors: 'adjoint-lint-*'       # glob list: warnings made errors
//   FailOn: warning                          # note | warning | error | none
//   IslMaxOperations: 20000000               # isl budget per loop (0: none)
//   InheritParentConfig: true                # also read the next one upward
//   Assumptions: ['injective(perm)', 's > 0'] # facts for the Z3 deciders
//                                             # (docs/assumptions.md)
//
// For each source file the nearest `.adjoint-lint.yaml` from the file's
// directory upward applies (one for all files with --config-file=PATH).
// Command-line options override it; --checks and --warnings-as-errors are
// appended to the file's globs, as in clang-tidy. Unknown keys and values of
// the wrong type are errors naming the file, line and column.
//
// Adding a key: a member of ConfigFile and of Config, one mapOptional line
// in Config.cpp (ConfigFile's mapping), one line in merge() and one in the
// dump. No Clang type here; LLVM's YAML parser only.
#pragma once

#include "model/LoopModel.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::driver {

enum class FailOn { Note, Warning, Error, None };

/// The default isl budget (polyhedral::DeciderOptions's).
uint64_t defaultIslMaxOperations();

/// What one configuration file (or the command line) says; unset: silent.
struct ConfigFile {
  std::optional<std::string> checks;
  std::optional<std::string> warningsAsErrors;
  std::optional<FailOn> failOn;
  std::optional<uint64_t> islMaxOperations;
  std::optional<bool> inheritParentConfig;
  /// Facts in `#pragma adjoint_lint assume(...)` syntax, for every loop of
  /// the files the configuration applies to.
  std::optional<std::vector<std::string>> assumptions;
};

/// The configuration that applies to one file.
struct Config {
  std::string checks = "adjoint-lint-*";
  std::string warningsAsErrors;
  FailOn failOn = FailOn::Warning;
  uint64_t islMaxOperations = defaultIslMaxOperations();
  /// Every file's Assumptions, the farthest file's first (appended).
  std::vector<std::string> assumptions;
  /// The configuration files that contributed, nearest first (empty: none).
  std::vector<std::string> files;
};

/// A problem with a configuration file: `file:line:column: message`.
struct ConfigError {
  std::string file;
  unsigned line = 0, column = 0; ///< 1-based; 0 when unknown
  std::string message;
};

/// Parses the text of a configuration file named `path` (for messages).
bool parseConfigFile(const std::string &text, const std::string &path, ConfigFile &out,
                     ConfigError &error);

/// `over`'s values replace `base`'s; Checks and WarningsAsErrors are
/// appended (`base,over`).
void merge(Config &base, const ConfigFile &over);

/// Adds the configuration's Assumptions to `loop`'s facts (origin
/// "config"; parseConfigFile has checked that they parse).
void addConfigFacts(model::LoopModel &loop, const Config &config);

/// The effective configuration as YAML (what --dump-config prints).
std::string dumpConfig(const Config &config);

/// Finds and reads the configuration of each file. Not thread-safe: resolve
/// before starting worker threads.
class ConfigResolver {
public:
  /// `commandLine`: the options given on the command line. `configFile`: a
  /// --config-file path, used for every file instead of discovery (empty:
  /// discover).
  ConfigResolver(ConfigFile commandLine, std::string configFile);

  /// The configuration for `path` (a source file, or a directory: then its
  /// own `.adjoint-lint.yaml` counts). False with `error` set when a
  /// configuration file cannot be read or parsed.
  bool configFor(const std::string &path, Config &out, ConfigError &error);

private:
  /// The merged file configuration found from `dir` upward.
  bool fromDirectory(const std::string &dir, Config &out, ConfigError &error);
  bool readFile(const std::string &path, ConfigFile &out, ConfigError &error);

  ConfigFile commandLine_;
  std::string configFile_;
  std::map<std::string, std::pair<bool, Config>> byDirectory_;
  std::map<std::string, ConfigError> errorByDirectory_;
};

} // namespace adjoint_lint::driver
