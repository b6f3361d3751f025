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
#include "model/ModelJson.h"
#include "polyhedral/Deciders.h"
#include "reports/Findings.h"
#include "reports/JsonReport.h"
#include "reports/SarifReport.h"
#include "reports/Version.h"
#include "tools/adjoint-lint/Options.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/raw_ostream.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
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
enum class FailOn { Note, Warning, Error, None };

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
BUILD_DIR/compile_commands.json and FILES default to all files listed there.

Exit status:
  0  no finding at or above the --fail-on level
  1  an adjoint-lint finding at or above the --fail-on level
     (default: warning)
  2  an input could not be analysed (missing file, compile error, missing
     header, no OpenMP loop, unsupported directive, malformed model), a bad
     command line, or an internal error; --format=json (and sarif) still
     prints a valid report with the problems in "diagnostics"
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

Finding inputError(const std::string &file, std::string message) {
  Finding f;
  f.level = Level::Error;
  f.loc.file = file;
  f.message = std::move(message);
  return f;
}

/// Everything the run found out, before it is printed.
struct Run {
  std::vector<reports::InputStatus> inputs;
  std::vector<model::LoopModel> loops;
  std::vector<reports::AnalysedLoop> analysed;
  std::vector<Finding> findings; ///< input problems and loop findings
  bool inputFailed = false;
};

void addProblem(Run &run, Finding f) {
  if (f.level == Level::Error)
    run.inputFailed = true;
  run.findings.push_back(std::move(f));
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

void analyzeSources(Run &run, std::vector<std::string> files,
                    const std::vector<std::string> &compilerArgs, bool hasDoubleDash) {
  if (files.empty() && !buildPath.empty()) {
    std::string error;
    files = analyzer::filesInDatabase(buildPath, error);
    if (!error.empty()) {
      addProblem(run, inputError(buildPath, "cannot read the compilation database: " + error));
      return;
    }
  }
  if (files.empty()) {
    addProblem(run, inputError("", "no input files (give FILES, -p BUILD_DIR or --model=FILE.json)"));
    return;
  }
  analyzer::FrontendOptions options;
  options.buildPath = buildPath;
  options.extraArgs = compilerArgs;
  options.hasDoubleDash = hasDoubleDash;
  options.resourceDir = ADJOINT_LINT_RESOURCE_DIR;
  for (analyzer::TranslationUnitResult &tu : analyzer::analyzeFiles(files, options)) {
    run.inputs.push_back({tu.file, tu.analysable});
    if (!tu.analysable) {
      run.inputFailed = true;
      if (tu.problems.empty())
        tu.problems.push_back(inputError(tu.file, "cannot analyse " + tu.file));
    }
    for (Finding &f : tu.problems)
      addProblem(run, std::move(f));
    for (model::LoopModel &loop : tu.loops)
      run.loops.push_back(std::move(loop));
  }
}

void decideLoops(Run &run) {
  polyhedral::DeciderOptions options;
  options.islMaxOperations = islMaxOperations;
  for (const model::LoopModel &loop : run.loops) {
    try {
      polyhedral::LoopVerdicts verdicts = polyhedral::decide(loop, options);
      std::vector<Finding> findings = reports::buildFindings(loop, verdicts);
      run.findings.insert(run.findings.end(), findings.begin(), findings.end());
      run.analysed.push_back({loop, std::move(verdicts)});
    } catch (const std::exception &e) {
      Finding f = inputError(loop.range.file, std::string("internal error while deciding loop ") +
                                                  loop.id + ": " + e.what());
      f.loc.line = loop.range.line;
      f.loc.column = loop.range.column;
      f.loopId = loop.id;
      addProblem(run, std::move(f));
    }
  }
}

bool atOrAbove(Level level, FailOn threshold) {
  switch (threshold) {
  case FailOn::Note: return true;
  case FailOn::Warning: return level != Level::Note;
  case FailOn::Error: return level == Level::Error;
  case FailOn::None: return false;
  }
  return false;
}

int exitStatus(const Run &run) {
  if (run.inputFailed)
    return ExitInputError;
  for (const Finding &f : run.findings)
    if (reports::isAdjointLintRule(f.rule) && atOrAbove(f.level, failOn))
      return ExitFindings;
  return ExitClean;
}

/// "2 warnings generated.", "1 warning and 1 error generated."
void printSummary(const std::vector<Finding> &findings) {
  unsigned warnings = 0, errors = 0;
  for (const Finding &f : findings) {
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

  Run run;
  if (!modelPath.empty() && !inputFiles.empty())
    addProblem(run, inputError("", "--model=FILE.json cannot be combined with source files"));
  else if (!modelPath.empty())
    loadModel(run, modelPath);
  else
    analyzeSources(run, inputFiles, compilerArgs, hasDoubleDash);

  if (dumpModel) {
    model::ModelFile file;
    file.loops = run.loops;
    llvm::outs() << model::toJson(file).dump(2) << "\n";
    llvm::outs().flush();
    std::vector<Finding> problems = run.findings;
    reports::sortFindings(problems);
    analyzer::printFindingsClangStyle(problems, llvm::errs(), llvm::errs().has_colors());
    return run.inputFailed ? ExitInputError : ExitClean;
  }

  decideLoops(run);
  reports::sortFindings(run.findings);
  if (format == OutputFormat::Json) {
    llvm::outs() << reports::buildReport(run.analysed, run.findings, run.inputs).dump(2) << "\n";
    jsonPrinted = true;
  } else if (format == OutputFormat::Sarif) {
    llvm::outs() << reports::buildSarif(run.findings, run.inputs, !run.inputFailed).dump(2) << "\n";
    jsonPrinted = true;
  } else {
    analyzer::printFindingsClangStyle(run.findings, llvm::outs(), llvm::outs().has_colors());
    llvm::outs().flush();
    printSummary(run.findings);
  }
  return exitStatus(run);
}

} // namespace

int main(int argc, const char **argv) {
  try {
    int status = runTool(argc, argv);
    llvm::outs().flush();
    return status;
  } catch (const std::exception &e) {
    reportInternalError(e.what());
  } catch (...) {
    reportInternalError("unknown exception");
  }
  llvm::outs().flush();
  return ExitInputError;
}
