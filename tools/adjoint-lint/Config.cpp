#include "tools/adjoint-lint/Config.h"

#include "polyhedral/Deciders.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/YAMLTraits.h>
#include <llvm/Support/raw_ostream.h>

using adjoint_lint::driver::ConfigFile;
using adjoint_lint::driver::FailOn;

namespace llvm::yaml {

template <> struct ScalarEnumerationTraits<FailOn> {
  static void enumeration(IO &io, FailOn &value) {
    io.enumCase(value, "note", FailOn::Note);
    io.enumCase(value, "warning", FailOn::Warning);
    io.enumCase(value, "error", FailOn::Error);
    io.enumCase(value, "none", FailOn::None);
  }
};

template <> struct MappingTraits<ConfigFile> {
  static void mapping(IO &io, ConfigFile &c) {
    io.mapOptional("Checks", c.checks);
    io.mapOptional("WarningsAsErrors", c.warningsAsErrors);
    io.mapOptional("FailOn", c.failOn);
    io.mapOptional("IslMaxOperations", c.islMaxOperations);
    io.mapOptional("InheritParentConfig", c.inheritParentConfig);
    io.mapOptional("Assumptions", c.assumptions);
  }
};

} // namespace llvm::yaml

namespace adjoint_lint::driver {
namespace {

const char kConfigName[] = ".adjoint-lint.yaml";

std::string absoluteNormal(const std::string &path) {
  llvm::SmallString<256> abs(path);
  llvm::sys::fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
  return std::string(abs);
}

void keepFirstDiagnostic(const llvm::SMDiagnostic &d, void *context) {
  auto *error = static_cast<ConfigError *>(context);
  if (!error->message.empty())
    return;
  error->message = d.getMessage().str();
  if (d.getLineNo() > 0) {
    error->line = static_cast<unsigned>(d.getLineNo());
    error->column = static_cast<unsigned>(d.getColumnNo() + 1);
  }
}

} // namespace

uint64_t defaultIslMaxOperations() { return polyhedral::DeciderOptions{}.islMaxOperations; }

bool parseConfigFile(const std::string &text, const std::string &path, ConfigFile &out,
                     ConfigError &error) {
  error = ConfigError{};
  ConfigFile parsed;
  ConfigError found;
  llvm::yaml::Input in(llvm::MemoryBufferRef(text, path), nullptr, keepFirstDiagnostic, &found);
  // A file of only comments is an empty configuration (no document).
  if (!in.setCurrentDocument()) {
    out = parsed;
    return in.error() ? (error = found, error.file = path, false) : true;
  }
  // What `in >> parsed` does, without parsing the document a second time.
  llvm::yaml::EmptyContext context;
  llvm::yaml::yamlize(in, parsed, true, context);
  if (!in.error() && found.message.empty() && in.nextDocument()) {
    error.file = path;
    error.message = "a configuration file holds one YAML document, this one has several";
    return false;
  }
  if (in.error() || !found.message.empty()) {
    error = found;
    error.file = path;
    if (error.message.empty())
      error.message = "malformed YAML";
    if (error.message == "unknown enumerated scalar")
      error.message = "unknown value (FailOn is one of note, warning, error, none)";
    if (error.message.rfind("unknown key", 0) == 0)
      error.message += " (known keys: Checks, WarningsAsErrors, FailOn, IslMaxOperations, "
                       "InheritParentConfig, Assumptions)";
    return false;
  }
  for (const std::string &fact : parsed.assumptions.value_or(std::vector<std::string>{})) {
    std::string why;
    if (!model::parseFact(fact, why)) {
      error.file = path;
      error.message = "bad assumption '" + fact + "': " + why + " (see docs/assumptions.md)";
      return false;
    }
  }
  out = parsed;
  return true;
}

void merge(Config &base, const ConfigFile &over) {
  auto append = [](std::string &globs, const std::optional<std::string> &more) {
    if (!more)
      return;
    globs = globs.empty() ? *more : globs + "," + *more;
  };
  append(base.checks, over.checks);
  append(base.warningsAsErrors, over.warningsAsErrors);
  if (over.failOn)
    base.failOn = *over.failOn;
  if (over.islMaxOperations)
    base.islMaxOperations = *over.islMaxOperations;
  if (over.assumptions)
    base.assumptions.insert(base.assumptions.end(), over.assumptions->begin(), over.assumptions->end());
}

void addConfigFacts(model::LoopModel &loop, const Config &config) {
  for (const std::string &text : config.assumptions) {
    std::string why;
    std::optional<model::Fact> fact = model::parseFact(text, why);
    if (!fact)
      continue;
    fact->origin = model::Fact::Origin::Config;
    fact->range.file = config.files.empty() ? std::string() : config.files.front();
    loop.facts.push_back(std::move(*fact));
  }
}

std::string dumpConfig(const Config &config) {
  ConfigFile file;
  file.checks = config.checks;
  file.warningsAsErrors = config.warningsAsErrors;
  file.failOn = config.failOn;
  file.islMaxOperations = config.islMaxOperations;
  if (!config.assumptions.empty())
    file.assumptions = config.assumptions;
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::yaml::Output out(os);
  out << file;
  os.flush();
  return text;
}

ConfigResolver::ConfigResolver(ConfigFile commandLine, std::string configFile)
    : commandLine_(std::move(commandLine)), configFile_(std::move(configFile)) {}

bool ConfigResolver::readFile(const std::string &path, ConfigFile &out, ConfigError &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = ConfigError{path, 0, 0, "cannot read the configuration file: " +
                                        buffer.getError().message()};
    return false;
  }
  return parseConfigFile((*buffer)->getBuffer().str(), path, out, error);
}

bool ConfigResolver::fromDirectory(const std::string &dir, Config &out, ConfigError &error) {
  auto cached = byDirectory_.find(dir);
  if (cached != byDirectory_.end()) {
    if (!cached->second.first)
      error = errorByDirectory_[dir];
    out = cached->second.second;
    return cached->second.first;
  }
  Config result;
  bool ok = true;
  llvm::SmallString<256> candidate(dir);
  llvm::sys::path::append(candidate, kConfigName);
  std::string parent = std::string(llvm::sys::path::parent_path(dir));
  if (llvm::sys::fs::exists(candidate)) {
    ConfigFile here;
    ok = readFile(std::string(candidate), here, error);
    if (ok && here.inheritParentConfig.value_or(false) && !parent.empty() && parent != dir)
      ok = fromDirectory(parent, result, error);
    if (ok) {
      merge(result, here);
      result.files.insert(result.files.begin(), std::string(candidate));
    }
  } else if (!parent.empty() && parent != dir) {
    ok = fromDirectory(parent, result, error);
  }
  byDirectory_[dir] = {ok, result};
  if (!ok)
    errorByDirectory_[dir] = error;
  out = result;
  return ok;
}

bool ConfigResolver::configFor(const std::string &path, Config &out, ConfigError &error) {
  Config config;
  if (!configFile_.empty()) {
    ConfigFile file;
    if (!readFile(configFile_, file, error))
      return false;
    merge(config, file);
    config.files.push_back(configFile_);
  } else {
    std::string abs = absoluteNormal(path.empty() ? "." : path);
    std::string dir =
        llvm::sys::fs::is_directory(abs) ? abs : std::string(llvm::sys::path::parent_path(abs));
    if (!fromDirectory(dir, config, error))
      return false;
  }
  merge(config, commandLine_);
  out = std::move(config);
  return true;
}

} // namespace adjoint_lint::driver
