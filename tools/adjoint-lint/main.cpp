// adjoint-lint: the command-line driver.
//
//   adjoint-lint [options] FILES... [-- COMPILER-ARGS]
//   adjoint-lint [options] --model=FILE.json
//
// Source files go through the Clang front end (analyzer/), a JSON loop model
// goes straight to the deciders (polyhedral/); either way the verdicts become
// findings (reports/) printed as Clang-style text or as the JSON report.
// No Clang AST header is included here.
#include "analyzer/ClangTextPrinter.h"
#include "analyzer/Frontend.h"
#include "tools/adjoint-lint/Generate.h"
#include "model/ModelJson.h"
#include "polyhedral/Deciders.h"
#include "reports/Findings.h"
#include "reports/JsonReport.h"
#include "reports/SarifReport.h"
#include "reports/Version.h"
#include "tools/adjoint-lint/Baseline.h"
#include "tools/adjoint-lint/Config.h"
#include "tools/adjoint-lint/Exports.h"
#include "tools/adjoint-lint/Filters.h"
#include "tools/adjoint-lint/Options.h"
#include "tools/adjoint-lint/Deadline.h"
#include "tools/adjoint-lint/Recovery.h"
#include "tools/adjoint-lint/Shard.h"
#include "tools/adjoint-lint/SolverOptions.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/Regex.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Threading.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/raw_ostream.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <string>
#include <vector>

#ifndef ADJOINT_LINT_RESOURCE_DIR
#define ADJOINT_LINT_RESOURCE_DIR ""
#endif

namespace cl = llvm::cl;
using namespace adjoint_lint;
using reports::Finding;
using reports::Level;

namespace {

enum class OutputFormat { Text, Json, Sarif };
using driver::FailOn;

/// Exit statuses; documented in --help and README.md.
enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitInputError = 2 };

/// Shared with the options defined in the driver's other files (Options.h).
cl::OptionCategory &category = driver::category();

const char overview[] = R"(data races and parallel adjoints of OpenMP loops

  adjoint-lint [options] FILES... [-- COMPILER-ARGS]
  adjoint-lint [options] --model=FILE.json

For every OpenMP parallel loop in FILES, adjoint-lint decides whether the
forward loop has a data race and how its reverse-mode (adjoint) loop can run
in parallel: as it is, as a gather loop, or only with reductions or atomics.
Compiler arguments after `--` (for example -fopenmp -I...) are used to parse
the files; with -p BUILD_DIR the compile commands come from
BUILD_DIR/compile_commands.json and FILES default to all files listed there
(-j N analyses N files at a time); with neither -p nor `--`, from the
nearest compile_commands.json above each file, as clang-tidy looks for one.
A file without OpenMP loops is clean.

As in clang-tidy: --checks selects rules by globs, `.adjoint-lint.yaml`
files (found from each file's directory upward, or --config-file) hold
Checks, WarningsAsErrors, FailOn and IslMaxOperations, and NOLINT,
NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND comments suppress findings.

Exit status:
  0  no finding at or above the --fail-on level
  1  an adjoint-lint finding at or above the --fail-on level
     (default: warning), a warning made an error by --warnings-as-errors,
     or an unmatched NOLINTBEGIN/NOLINTEND (an error-level finding:
     not with --fail-on=none)
  2  an input could not be analysed (missing file, directory, compile
     error, missing header, OpenMP not enabled, unsupported directive,
     malformed model),
     a bad command line, configuration file or baseline, or an internal
     error; 2 wins over 1 whatever the other files hold. --format=json
     (and sarif) still prints a valid report with the problems in
     "diagnostics" and each input's "analysable"
)";

cl::list<std::string> inputFiles(cl::Positional, cl::desc("FILES..."), cl::cat(category));
cl::opt<std::string> buildPath("p", cl::desc("Build directory holding compile_commands.json"),
                               cl::value_desc("BUILD_DIR"), cl::cat(category));
cl::opt<OutputFormat> format(
    "format", cl::desc("Output format (default: text)"),
    cl::values(clEnumValN(OutputFormat::Text, "text", "Clang-style diagnostics with source lines"),
               clEnumValN(OutputFormat::Json, "json", "the JSON report of loops, verdicts and findings"),
               clEnumValN(OutputFormat::Sarif, "sarif", "a SARIF 2.1.0 log of the findings")),
    cl::init(OutputFormat::Text), cl::cat(category));
cl::opt<FailOn> failOn(
    "fail-on", cl::desc("Lowest finding level that makes the exit status 1 (default: warning)"),
    cl::values(clEnumValN(FailOn::Note, "note", "notes, warnings and errors"),
               clEnumValN(FailOn::Warning, "warning", "warnings and errors"),
               clEnumValN(FailOn::Error, "error", "errors only"),
               clEnumValN(FailOn::None, "none", "never (input problems still give 2)")),
    cl::init(FailOn::Warning), cl::cat(category));
cl::opt<bool> dumpModel("dump-model",
                        cl::desc("Print the loop models of all loops as JSON and exit"),
                        cl::cat(category));
cl::opt<std::string> modelPath("model",
                               cl::desc("Decide the loops of a JSON loop model instead of C/C++ "
                                        "source (the format --dump-model prints)"),
                               cl::value_desc("FILE.json"), cl::cat(category));
cl::opt<unsigned long> islMaxOperations(
    "isl-max-operations",
    cl::desc("isl operation budget per loop; running out gives 'unknown' (0: no limit)"),
    cl::value_desc("N"), cl::init(polyhedral::DeciderOptions{}.islMaxOperations),
    cl::cat(category));

cl::opt<unsigned> jobs("j",
                       cl::desc("Analyse N files at a time (default: 1; 0: one per hardware "
                                "thread). The output does not depend on N"),
                       cl::value_desc("N"), cl::init(1), cl::cat(category));
cl::opt<std::string> headerFilter(
    "header-filter",
    cl::desc("Report the loops of the included non-system headers whose name matches REGEX "
             "(default: every non-system header), as clang-tidy's option"),
    cl::value_desc("REGEX"), cl::init(".*"), cl::cat(category));
cl::opt<std::string> excludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Do not report the loops of the headers whose name matches REGEX (applied after "
             "--header-filter; default: none)"),
    cl::value_desc("REGEX"), cl::cat(category));
cl::opt<std::string> shardOption(
    "shard",
    cl::desc("Analyse only shard K of N of the files (1 <= K <= N): a split by path hash that "
             "is disjoint and covers them, for CI matrices; the shards' reports together are "
             "the whole run's"),
    cl::value_desc("K/N"), cl::cat(category));
cl::list<std::string> extraArgs(
    "extra-arg",
    cl::desc("Argument to append to each compile command, as clang-tidy's (repeatable; "
             "e.g. --extra-arg=-fopenmp where FILES must come last, as in pre-commit hooks)"),
    cl::value_desc("ARG"), cl::cat(category));
cl::opt<std::string> checks(
    "checks",
    cl::desc("Rules to report, as clang-tidy globs appended to the configuration's Checks, "
             "e.g. '-*,adjoint-lint-forward-race' (default: adjoint-lint-*)"),
    cl::value_desc("GLOBS"), cl::cat(category));
cl::opt<std::string> warningsAsErrors(
    "warnings-as-errors",
    cl::desc("Warnings of the rules matching these globs become errors (and give exit "
             "status 1); appended to the configuration's WarningsAsErrors"),
    cl::value_desc("GLOBS"), cl::cat(category));
cl::opt<std::string> configFile(
    "config-file",
    cl::desc("Read the configuration from this YAML file for every input instead of the "
             "nearest .adjoint-lint.yaml"),
    cl::value_desc("PATH"), cl::cat(category));
cl::opt<bool> dumpConfig("dump-config",
                         cl::desc("Print the configuration that applies to the first FILE (or "
                                  "the current directory) as YAML and exit"),
                         cl::cat(category));
cl::opt<std::string> baselinePath(
    "baseline",
    cl::desc("Report only findings whose partialFingerprint is not in this SARIF log of an "
             "earlier run"),
    cl::value_desc("OLD.sarif"), cl::cat(category));
cl::opt<bool> timeLoops(
    "time-loops",
    cl::desc("Add wall-clock timings to the JSON report: each loop's analysis_seconds (its "
             "deciders) and each input's frontend_seconds (parsing, loop models)"),
    cl::cat(category));

/// Seconds since `start`, for --time-loops.
double secondsSince(driver::Clock::time_point start) {
  return std::chrono::duration<double>(driver::Clock::now() - start).count();
}

Finding inputError(const std::string &file, std::string message) {
  Finding f;
  f.level = Level::Error;
  f.loc.file = file;
  f.message = std::move(message);
  return f;
}

/// An error about one loop, at the loop (in `file` when the loop names none).
Finding loopError(const model::LoopModel &loop, const std::string &file, std::string message) {
  Finding f = inputError(loop.range.file.empty() ? file : loop.range.file, std::move(message));
  f.loc.line = loop.range.line;
  f.loc.column = loop.range.column;
  f.loopId = loop.id;
  return f;
}

/// Everything the run found out, before it is printed.
struct Run {
  std::vector<reports::InputStatus> inputs;
  std::vector<model::LoopModel> loops;
  std::vector<reports::AnalysedLoop> analysed;
  /// Input problems and loop findings, with their files' configurations;
  /// finishRun() turns them into `findings`.
  std::vector<driver::ConfiguredFinding> configured;
  std::vector<Finding> findings; ///< what is printed, sorted
  bool inputFailed = false;
  bool findingsFail = false;     ///< some finding gives exit status 1
  unsigned suppressed = 0;       ///< by NOLINT
  unsigned promoted = 0;         ///< warnings made errors
  std::set<Finding, reports::FindingOrder> promotedFindings; ///< those
  unsigned knownInBaseline = 0;  ///< dropped by --baseline
  std::vector<std::string> internalErrors; ///< FileWork::internalErrors, in input order
  driver::FindingFilter filter;
};

void addProblem(Run &run, Finding f) {
  if (f.level == Level::Error)
    run.inputFailed = true;
  run.configured.push_back({std::move(f), FailOn::Warning, false});
}

void loadModel(Run &run, const std::string &path) {
  reports::InputStatus status{path, false};
  std::ifstream in(path);
  if (!in) {
    addProblem(run, inputError(path, "cannot open model file: " + std::string(std::strerror(errno))));
  } else {
    nlohmann::json j;
    bool parsed = false;
    try {
      j = nlohmann::json::parse(in);
      parsed = true;
    } catch (const nlohmann::json::exception &e) {
      addProblem(run, inputError(path, std::string("model file is not valid JSON: ") + e.what()));
    }
    try {
      if (parsed) {
        run.loops = model::modelFileFromJson(j).loops;
        status.analysable = true;
      }
    } catch (const model::ModelJsonError &e) {
      addProblem(run, inputError(path, e.what()));
    } catch (const nlohmann::json::exception &e) {
      addProblem(run, inputError(path, std::string("loop model: ") + e.what()));
    }
  }
  run.inputs.push_back(status);
}

/// The configuration file options given on the command line.
driver::ConfigFile commandLineConfig() {
  driver::ConfigFile c;
  if (checks.getNumOccurrences())
    c.checks = checks;
  if (warningsAsErrors.getNumOccurrences())
    c.warningsAsErrors = warningsAsErrors;
  if (failOn.getNumOccurrences())
    c.failOn = failOn;
  if (islMaxOperations.getNumOccurrences())
    c.islMaxOperations = islMaxOperations;
  return c;
}

Finding configProblem(const driver::ConfigError &e) {
  Finding f = inputError(e.file, e.message);
  f.loc.line = e.line;
  f.loc.column = e.column;
  return f;
}

/// The configuration for `path`; false (and a problem reported once) when
/// it cannot be read or enables no rule.
bool configFor(Run &run, driver::ConfigResolver &resolver, const std::string &path,
               driver::Config &config, std::set<Finding, reports::FindingOrder> &reported) {
  driver::ConfigError error;
  if (!resolver.configFor(path, config, error)) {
    Finding f = configProblem(error);
    if (reported.insert(f).second)
      addProblem(run, std::move(f));
    return false;
  }
  if (!driver::enablesAnyRule(config.checks)) {
    std::string where = config.files.empty() ? std::string("the default")
                        : config.files.front();
    if (checks.getNumOccurrences())
      where += " and --checks";
    std::string message = "no adjoint-lint rule is enabled by the checks '" + config.checks +
                          "' (from " + where + ")";
    Finding f = inputError(config.files.empty() ? "" : config.files.front(), message);
    if (reported.insert(f).second)
      addProblem(run, std::move(f));
    return false;
  }
  return true;
}

/// One input file's share of the run, filled by a worker thread.
struct FileWork {
  std::string file;
  driver::Config config;
  bool configured = false; ///< false: its configuration failed, not analysed
  analyzer::TranslationUnitResult tu;
  std::vector<reports::AnalysedLoop> analysed;
  std::vector<Finding> loopFindings;
  std::vector<Finding> deciderProblems;
  /// Crashes of the parse or of a decision (Recovery.h), also printed on
  /// stderr as `adjoint-lint: error: ...` whatever the format.
  std::vector<std::string> internalErrors;
  double frontendSeconds = 0; ///< --time-loops
};

/// Decides the loops of one file with its configuration's budget.
void decideLoops(FileWork &work) {
  polyhedral::DeciderOptions options;
  options.islMaxOperations = work.config.islMaxOperations;
  driver::applySolverOptions(options); // Z3 budgets, --cross-check, dumps
  // --timeout (Deadline.h): the file's budget; loops it leaves no time for
  // are unknown, and the file gets an error (exit status 2).
  std::optional<driver::Clock::time_point> deadline = driver::fileDeadline();
  size_t index = 0;
  bool outOfTime = false;
  for (const model::LoopModel &declared : work.tu.loops) {
    ++index;
    model::LoopModel loop = declared;
    driver::addConfigFacts(loop, work.config); // Assumptions (docs/assumptions.md)
    try {
      model::LoopVerdicts verdicts;
      std::string crash;
      const driver::Clock::time_point start = driver::Clock::now();
      const driver::Decision decision =
          outOfTime ? driver::Decision::TimedOut
                    : driver::decideBefore(loop, options, deadline, verdicts, crash);
      const double seconds = secondsSince(start);
      if (decision == driver::Decision::Crashed) {
        work.deciderProblems.push_back(
            loopError(loop, work.file, "internal error while deciding loop " + loop.id + ": " + crash));
        work.internalErrors.push_back("internal error while deciding loop " + loop.id + " (" +
                                      crash + ")");
        verdicts = driver::crashedVerdicts(crash);
      } else if (decision == driver::Decision::TimedOut) {
        if (!outOfTime) {
          outOfTime = true;
          std::ostringstream message;
          message << "time budget exhausted (--timeout=" << driver::timeoutSeconds()
                  << " s per file) while deciding loop " << loop.id << "; it and the "
                  << work.tu.loops.size() - index << " later loop(s) of the file are unknown";
          work.deciderProblems.push_back(loopError(loop, work.file, message.str()));
        }
        verdicts = driver::timedOutVerdicts(loop);
      }
      std::vector<Finding> findings = reports::buildFindings(loop, verdicts);
      work.loopFindings.insert(work.loopFindings.end(), findings.begin(), findings.end());
      work.analysed.push_back({loop, std::move(verdicts)});
      if (timeLoops)
        work.analysed.back().seconds = seconds;
    } catch (const std::exception &e) {
      Finding f = inputError(loop.range.file, std::string("internal error while deciding loop ") +
                                                  loop.id + ": " + e.what());
      f.loc.line = loop.range.line;
      f.loc.column = loop.range.column;
      f.loopId = loop.id;
      work.deciderProblems.push_back(std::move(f));
    }
  }
}

/// Runs `task(i)` for i < n on `jobs` threads (the calling thread when 1),
/// printing `[k/n] name(i)` on stderr as each starts when stderr is a
/// terminal.
template <typename Task, typename Name>
void forEachFile(size_t n, unsigned jobs, Task task, Name name) {
  bool progress = llvm::sys::Process::StandardErrIsDisplayed();
  std::mutex progressLock;
  size_t started = 0;
  auto one = [&](size_t i) {
    if (progress) {
      std::lock_guard<std::mutex> guard(progressLock);
      llvm::errs() << "[" << ++started << "/" << n << "] " << name(i) << "\n";
    }
    task(i);
  };
  if (jobs == 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i)
      one(i);
    return;
  }
  llvm::DefaultThreadPool pool(llvm::hardware_concurrency(jobs));
  for (size_t i = 0; i < n; ++i)
    pool.async([&one, i] { one(i); });
  pool.wait();
}

/// Whether `file`'s extension is a C or C++ source's (as the Clang driver
/// sees it).
bool isCOrCxxSource(const std::string &file) {
  static const std::set<std::string> extensions = {".c",  ".C",   ".cc", ".cp", ".cpp",
                                                   ".CPP", ".cxx", ".c++", ".i",  ".ii"};
  return extensions.count(std::string(llvm::sys::path::extension(file))) > 0;
}

/// The files to analyse: FILES (each once), or every C or C++ file of the
/// database.
std::vector<std::string> allInputs(Run &run, const analyzer::SourceFrontend &frontend) {
  std::vector<std::string> files;
  if (inputFiles.empty() && !buildPath.empty()) {
    if (!frontend.databaseError().empty()) {
      addProblem(run, inputError(buildPath, "cannot read the compilation database: " +
                                                frontend.databaseError()));
      return {};
    }
    // Only C and C++ sources: a database also lists assembly and other
    // languages, which hold no OpenMP loops of ours.
    for (std::string &file : frontend.databaseFiles())
      if (isCOrCxxSource(file))
        files.push_back(std::move(file));
    if (files.empty())
      addProblem(run, inputError(buildPath, "the compilation database lists no C or C++ file"));
    return files;
  }
  std::set<std::string> seen;
  for (const std::string &file : inputFiles) {
    llvm::SmallString<256> abs(file);
    llvm::sys::fs::make_absolute(abs);
    llvm::sys::path::remove_dots(abs, true);
    if (seen.insert(std::string(abs)).second)
      files.push_back(file);
  }
  if (files.empty())
    addProblem(run, inputError("", "no input files (give FILES, -p BUILD_DIR or --model=FILE.json)"));
  return files;
}

/// The files to analyse: FILES (each once), or every C or C++ file of the
/// database; with --shard=K/N, those of shard K.
std::vector<std::string> inputList(Run &run, const analyzer::SourceFrontend &frontend,
                                   const driver::Shard &shard) {
  std::vector<std::string> files = allInputs(run, frontend);
  if (shard.count == 1)
    return files;
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  std::vector<std::string> mine;
  for (std::string &file : files)
    if (driver::inShard(driver::shardKey(file, std::string(cwd)), shard))
      mine.push_back(std::move(file));
  return mine;
}

void analyzeSources(Run &run, driver::ConfigResolver &resolver,
                    const std::vector<std::string> &compilerArgs, bool hasDoubleDash,
                    const driver::Shard &shard) {
  analyzer::FrontendOptions options;
  options.buildPath = buildPath;
  options.extraArgs = compilerArgs;
  options.hasDoubleDash = hasDoubleDash;
  options.resourceDir = ADJOINT_LINT_RESOURCE_DIR;
  options.headerFilter = headerFilter == ".*" ? std::string() : headerFilter.getValue();
  options.excludeHeaderFilter = excludeHeaderFilter;
  analyzer::SourceFrontend frontend(options);
  std::vector<std::string> files = inputList(run, frontend, shard);

  // Configurations are read here, before the worker threads start.
  std::vector<FileWork> work(files.size());
  std::set<Finding, reports::FindingOrder> reported;
  for (size_t i = 0; i < files.size(); ++i) {
    work[i].file = files[i];
    work[i].configured = configFor(run, resolver, files[i], work[i].config, reported);
  }

  forEachFile(
      work.size(), jobs,
      [&](size_t i) {
        FileWork &w = work[i];
        if (!w.configured)
          return;
        try {
          const driver::Clock::time_point start = driver::Clock::now();
          // A crash in Clang or the loop lowering ends this file only
          // (Recovery.h): it is not analysable, with an internal error.
          analyzer::TranslationUnitResult tu;
          const std::string crash = driver::runRecovering([&] {
            tu = frontend.analyze(w.file);
            driver::injectCrash(driver::CrashPoint::Parse);
          });
          w.frontendSeconds = secondsSince(start);
          if (!crash.empty()) {
            w.tu = analyzer::TranslationUnitResult{};
            w.tu.file = w.file;
            w.tu.problems.push_back(
                inputError(w.file, "internal error while parsing " + w.file + ": " + crash));
            w.internalErrors.push_back("internal error while parsing " + w.file + " (" + crash +
                                       ")");
            return;
          }
          w.tu = std::move(tu);
          if (!dumpModel)
            decideLoops(w);
        } catch (const std::exception &e) {
          w.tu.analysable = false;
          w.tu.loops.clear();
          w.tu.problems.push_back(inputError(w.file, std::string("internal error: ") + e.what()));
        }
      },
      [&](size_t i) { return work[i].file; });

  // Merge in input order: the output does not depend on -j. A header's
  // loop seen from several inputs with the same model (and so the same
  // verdicts) is listed once, with the inputs it was seen from.
  std::map<std::string, size_t> headerLoops; // model JSON -> index in run.analysed
  std::set<std::string> headerModels;        // for --dump-model
  auto headerKey = [](const model::LoopModel &loop) {
    return model::toJson(loop).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  for (FileWork &w : work) {
    if (!w.configured) {
      run.inputs.push_back({w.file, false});
      continue;
    }
    analyzer::TranslationUnitResult &tu = w.tu;
    run.inputs.push_back({tu.file, tu.analysable});
    if (timeLoops)
      run.inputs.back().frontendSeconds = w.frontendSeconds;
    if (!tu.analysable) {
      run.inputFailed = true;
      if (tu.problems.empty())
        tu.problems.push_back(inputError(tu.file, "cannot analyse " + tu.file));
    }
    for (Finding &f : tu.problems)
      addProblem(run, std::move(f));
    for (Finding &f : w.deciderProblems)
      addProblem(run, std::move(f));
    run.internalErrors.insert(run.internalErrors.end(), w.internalErrors.begin(),
                              w.internalErrors.end());
    for (model::LoopModel &loop : tu.loops)
      if (loop.range.file == tu.file || headerModels.insert(headerKey(loop)).second)
        run.loops.push_back(std::move(loop));
    for (reports::AnalysedLoop &a : w.analysed) {
      if (a.loop.range.file != tu.file) {
        auto [it, fresh] = headerLoops.try_emplace(headerKey(a.loop), run.analysed.size());
        if (!fresh) {
          run.analysed[it->second].translationUnits.push_back(tu.file);
          continue;
        }
        a.translationUnits.push_back(tu.file);
      }
      run.analysed.push_back(std::move(a));
    }
    if (tu.analysable)
      run.filter.visit(tu.file);
    run.filter.apply(w.config, std::move(w.loopFindings), run.configured);
  }
}

void analyzeModel(Run &run, driver::ConfigResolver &resolver) {
  FileWork w;
  w.file = modelPath;
  std::set<Finding, reports::FindingOrder> reported;
  if (!configFor(run, resolver, modelPath, w.config, reported)) {
    run.inputs.push_back({modelPath, false});
    return;
  }
  // The model is read on a large stack under crash recovery (Recovery.h):
  // deeply nested expressions in it end this input only.
  Run loaded;
  const std::string crash = driver::runRecovering([&] { loadModel(loaded, modelPath); });
  if (!crash.empty()) {
    addProblem(run, inputError(modelPath, "internal error while reading " + modelPath + ": " + crash));
    run.internalErrors.push_back("internal error while reading " + modelPath + " (" + crash + ")");
    run.inputs.push_back({modelPath, false});
    return;
  }
  run.inputFailed |= loaded.inputFailed;
  for (driver::ConfiguredFinding &c : loaded.configured)
    run.configured.push_back(std::move(c));
  run.inputs.insert(run.inputs.end(), loaded.inputs.begin(), loaded.inputs.end());
  run.loops = std::move(loaded.loops);
  if (dumpModel)
    return;
  w.tu.loops = run.loops;
  decideLoops(w);
  for (Finding &f : w.deciderProblems)
    addProblem(run, std::move(f));
  run.internalErrors = std::move(w.internalErrors);
  run.analysed = std::move(w.analysed);
  run.filter.apply(w.config, std::move(w.loopFindings), run.configured);
}

/// The directory SARIF URIs and fingerprints are relative to
/// (--sarif-srcroot, Exports.cpp).
std::string sarifSourceRoot() { return driver::sarifOptions().srcRoot; }

bool atOrAbove(Level level, FailOn threshold) {
  switch (threshold) {
  case FailOn::Note: return true;
  case FailOn::Warning: return level != Level::Note;
  case FailOn::Error: return level == Level::Error;
  case FailOn::None: return false;
  }
  return false;
}

/// Sorts and deduplicates the findings (a header's loop seen from two
/// files is reported once), adds NOLINT misuse, drops the baseline's, and
/// decides whether they make the exit status 1.
void finishRun(Run &run, const driver::Baseline *baseline) {
  for (Finding &f : run.filter.nolintProblems())
    run.configured.push_back({std::move(f), failOn, false});
  // reports::sortFindings's order, so that equal findings are neighbours.
  std::stable_sort(run.configured.begin(), run.configured.end(),
                   [](const driver::ConfiguredFinding &x, const driver::ConfiguredFinding &y) {
                     return reports::FindingOrder()(x.finding, y.finding);
                   });
  std::vector<driver::ConfiguredFinding> unique;
  for (driver::ConfiguredFinding &c : run.configured) {
    if (!unique.empty() && reports::sameFinding(unique.back().finding, c.finding))
      continue;
    unique.push_back(std::move(c));
  }
  if (baseline) {
    std::vector<Finding> plain;
    for (const driver::ConfiguredFinding &c : unique)
      plain.push_back(c.finding);
    std::vector<bool> known = baseline->known(plain, sarifSourceRoot());
    std::vector<driver::ConfiguredFinding> fresh;
    for (size_t i = 0; i < unique.size(); ++i) {
      if (known[i]) {
        ++run.knownInBaseline;
        continue;
      }
      fresh.push_back(std::move(unique[i]));
    }
    unique = std::move(fresh);
  }
  run.findings.clear();
  for (driver::ConfiguredFinding &c : unique) {
    if (c.warningAsError) {
      ++run.promoted;
      run.promotedFindings.insert(c.finding);
      run.findingsFail = true;
    } else if (reports::isAdjointLintRule(c.finding.rule) && atOrAbove(c.finding.level, c.failOn)) {
      run.findingsFail = true;
    }
    run.findings.push_back(std::move(c.finding));
  }
  run.suppressed = run.filter.suppressed();
  run.configured.clear();
}

int exitStatus(const Run &run) {
  if (run.inputFailed)
    return ExitInputError;
  return run.findingsFail ? ExitFindings : ExitClean;
}

/// The findings as the text output shows them: a warning made an error
/// names its rule as `rule,-warnings-as-errors`, as clang-tidy does.
std::vector<Finding> textFindings(const Run &run) {
  std::vector<Finding> findings = run.findings;
  for (Finding &f : findings)
    if (run.promotedFindings.count(f))
      f.rule += ",-warnings-as-errors";
  return findings;
}

/// clang-tidy's closing lines on stderr: "2 warnings generated.",
/// "Suppressed 1 warnings (1 NOLINT).", "1 warning treated as error", and
/// which files could not be analysed.
void printSummary(const Run &run) {
  unsigned warnings = 0, errors = 0;
  for (const Finding &f : run.findings) {
    warnings += f.level == Level::Warning;
    errors += f.level == Level::Error;
  }
  auto count = [](unsigned n, const char *what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  std::string line;
  if (warnings)
    line = count(warnings, "warning");
  if (errors)
    line += (line.empty() ? "" : " and ") + count(errors, "error");
  if (!line.empty())
    llvm::errs() << line << " generated.\n";
  if (run.suppressed)
    llvm::errs() << "Suppressed " << count(run.suppressed, "finding") << " (" << run.suppressed
                 << " NOLINT).\n";
  if (run.knownInBaseline)
    llvm::errs() << "Not shown: " << count(run.knownInBaseline, "finding")
                 << " already in the baseline " << baselinePath << ".\n";
  if (run.promoted)
    llvm::errs() << count(run.promoted, "warning") << " treated as "
                 << (run.promoted == 1 ? "error" : "errors") << "\n";
  // A "no race" that rests on assumptions is never silent
  // (docs/assumptions.md): the findings' notes name them for loops with
  // findings; this line counts every such loop.
  unsigned assumed = 0;
  for (const reports::AnalysedLoop &l : run.analysed)
    assumed += reports::raceFreeUnderAssumptions(l.loop, l.verdicts);
  if (assumed)
    llvm::errs() << count(assumed, "loop") << " race-free under stated assumptions; --format=json lists them\n";
  std::vector<std::string> failed;
  for (const reports::InputStatus &input : run.inputs)
    if (!input.analysable)
      failed.push_back(input.file);
  if (!failed.empty()) {
    llvm::errs() << "adjoint-lint: error: " << failed.size() << " of " << run.inputs.size()
                 << (run.inputs.size() == 1 ? " input" : " inputs") << " could not be analysed:";
    for (const std::string &f : failed)
      llvm::errs() << " " << f;
    llvm::errs() << "\n";
  }
}

/// The crashes of the run (Recovery.h), one line each on stderr, whatever
/// the format; the report holds them as errors of their inputs or loops.
void printInternalErrors(const Run &run) {
  llvm::outs().flush();
  for (const std::string &e : run.internalErrors)
    llvm::errs() << "adjoint-lint: error: " << e << "\n";
}

/// --dump-config: the configuration of the first FILE (or the model, or the
/// current directory) as YAML.
int printConfig(driver::ConfigResolver &resolver) {
  std::string path = !inputFiles.empty() ? inputFiles.front()
                     : !modelPath.empty() ? std::string(modelPath)
                                          : std::string(".");
  driver::Config config;
  driver::ConfigError error;
  if (!resolver.configFor(path, config, error)) {
    llvm::errs() << error.file;
    if (error.line)
      llvm::errs() << ":" << error.line << ":" << error.column;
    llvm::errs() << ": error: " << error.message << "\n";
    return ExitInputError;
  }
  llvm::outs() << driver::dumpConfig(config);
  return ExitClean;
}

/// Whether the JSON (or SARIF) report is out; if not, an internal error
/// still prints one.
bool jsonPrinted = false;

void reportInternalError(const std::string &what) {
  llvm::outs().flush();
  llvm::errs() << "adjoint-lint: error: internal error: " << what << "\n";
  if (format == OutputFormat::Text || jsonPrinted)
    return;
  try {
    std::vector<Finding> problem = {inputError("", "internal error: " + what)};
    llvm::outs() << (format == OutputFormat::Json ? reports::buildReport({}, problem)
                                                  : reports::buildSarif(problem, {}, false))
                        .dump(2)
                 << "\n";
  } catch (...) {
    llvm::outs() << R"({"tool": {"name": "adjoint-lint"}, "loops": [], "diagnostics": [)"
                 << R"({"rule": "", "level": "error", "file": "", "line": 0, "column": 0, )"
                 << R"("message": "internal error", "notes": []}]})" << "\n";
  }
}

void printVersion(llvm::raw_ostream &os) {
  os << reports::toolName() << " " << reports::toolVersion() << "\n";
}

int runTool(int argc, const char **argv) {
  // Arguments after `--` are compiler arguments, not ours.
  std::vector<const char *> ours;
  std::vector<std::string> compilerArgs;
  bool hasDoubleDash = false;
  for (int i = 0; i < argc; ++i) {
    if (!hasDoubleDash && i > 0 && std::strcmp(argv[i], "--") == 0) {
      hasDoubleDash = true;
      continue;
    }
    if (hasDoubleDash)
      compilerArgs.push_back(argv[i]);
    else
      ours.push_back(argv[i]);
  }

  driver::registerThreadsOption();
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter(printVersion);
  std::string parseErrors;
  llvm::raw_string_ostream errs(parseErrors);
  if (!cl::ParseCommandLineOptions(static_cast<int>(ours.size()), ours.data(), overview, &errs)) {
    errs.flush();
    llvm::errs() << parseErrors;
    llvm::errs() << "adjoint-lint: error: bad command line (see --help)\n";
    return ExitInputError;
  }

  std::string dumpError;
  if (!driver::prepareDumpDirectories(dumpError) || !driver::checkExportOptions(dumpError)) {
    llvm::errs() << "adjoint-lint: error: " << dumpError << "\n";
    return ExitInputError;
  }
  for (const cl::opt<std::string> *filter : {&headerFilter, &excludeHeaderFilter}) {
    std::string why;
    if (!filter->getValue().empty() && !llvm::Regex(filter->getValue()).isValid(why)) {
      llvm::errs() << "adjoint-lint: error: --" << filter->ArgStr << "='" << filter->getValue()
                   << "' is not a regular expression: " << why << "\n";
      return ExitInputError;
    }
  }
  driver::Shard shard;
  if (!shardOption.empty()) {
    std::optional<driver::Shard> parsed = driver::parseShard(shardOption);
    if (!parsed) {
      llvm::errs() << "adjoint-lint: error: --shard=" << shardOption
                   << " is not K/N with 1 <= K <= N\n";
      return ExitInputError;
    }
    shard = *parsed;
  }
  if (jobs == 0)
    jobs = llvm::hardware_concurrency().compute_thread_count();
  compilerArgs.insert(compilerArgs.end(), extraArgs.begin(), extraArgs.end());
  driver::ConfigResolver resolver(commandLineConfig(), configFile);
  if (dumpConfig)
    return printConfig(resolver);

  Run run;
  driver::Baseline baseline;
  std::string baselineError;
  if (!baselinePath.empty() && !baseline.read(baselinePath, baselineError)) {
    addProblem(run, inputError(baselinePath, baselineError));
  } else if (!modelPath.empty() && !inputFiles.empty()) {
    addProblem(run, inputError("", "--model=FILE.json cannot be combined with source files"));
  } else if (!modelPath.empty()) {
    analyzeModel(run, resolver);
  } else {
    analyzeSources(run, resolver, compilerArgs, hasDoubleDash, shard);
  }

  finishRun(run, baselinePath.empty() ? nullptr : &baseline);
  reports::sortFindings(run.findings);
  if (dumpModel) {
    model::ModelFile file;
    file.loops = run.loops;
    llvm::outs() << model::toJson(file).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                 << "\n";
    llvm::outs().flush();
    analyzer::printFindingsClangStyle(run.findings, llvm::errs(), llvm::errs().has_colors());
    printInternalErrors(run);
    return run.inputFailed ? ExitInputError : ExitClean;
  }

  // --export-sarif, --export-html (tools/adjoint-lint/Exports.cpp); a file
  // that cannot be written makes the exit status 2.
  std::vector<std::string> exportErrors;
  const bool exported =
      driver::writeExports(run.analysed, run.findings, run.inputs, !run.inputFailed, exportErrors);
  if (format == OutputFormat::Json) {
    // Source text that is not UTF-8 (Latin-1 comments inside an access)
    // becomes U+FFFD instead of an exception: the report stays valid JSON.
    llvm::outs() << reports::buildReport(run.analysed, run.findings, run.inputs)
                        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                 << "\n";
    jsonPrinted = true;
  } else if (format == OutputFormat::Sarif) {
    llvm::outs() << reports::buildSarif(run.findings, run.inputs, !run.inputFailed,
                                        driver::sarifOptions(), run.analysed)
                        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                 << "\n";
    jsonPrinted = true;
  } else {
    analyzer::printFindingsClangStyle(textFindings(run), llvm::outs(),
                                      llvm::outs().has_colors());
    llvm::outs().flush();
    printSummary(run);
  }
  printInternalErrors(run);
  if (!exported) {
    llvm::outs().flush();
    for (const std::string &e : exportErrors)
      llvm::errs() << "adjoint-lint: error: " << e << "\n";
    return ExitInputError;
  }
  return exitStatus(run);
}

} // namespace

int main(int argc, const char **argv) {
  try {
    // generate / verify / check-certificate: tools/adjoint-lint/Generate.cpp
    if (argc > 1 && driver::isCodegenSubcommand(argv[1]))
      return driver::runCodegenSubcommand(argc, argv);
    int status = runTool(argc, argv);
    llvm::outs().flush();
    if (driver::workAbandoned()) // --timeout left a decision running
      driver::finishProcess(status);
    return status;
  } catch (const std::exception &e) {
    reportInternalError(e.what());
  } catch (...) {
    reportInternalError("unknown exception");
  }
  llvm::outs().flush();
  return ExitInputError;
}
