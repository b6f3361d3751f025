// The Clang LibTooling front end: compile commands, one parse per file,
// Clang's diagnostics collected as findings, then LoopLowering.
#include "analyzer/Frontend.h"
#include "analyzer/LoopLowering.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Regex.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>

namespace adjoint_lint::analyzer {
namespace {

using reports::Finding;
using reports::Level;

Finding inputError(const std::string &file, unsigned line, unsigned column, std::string message,
                   std::string rule = "") {
  Finding f;
  f.rule = std::move(rule);
  f.level = Level::Error;
  f.loc.file = file;
  f.loc.line = line;
  f.loc.column = column;
  f.message = std::move(message);
  return f;
}

std::string absolutePath(const std::string &path) {
  llvm::SmallString<256> abs(path);
  llvm::sys::fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
  return std::string(abs);
}

/// Collects Clang's errors as findings. Warnings are dropped: without -W
/// flags Clang warns about little, and the findings list is for problems
/// that stop the analysis.
class CollectingDiagnostics : public clang::DiagnosticConsumer {
public:
  /// `commandDirectory`: where relative names in the compile command live.
  CollectingDiagnostics(std::string givenPath, std::string commandDirectory)
      : givenPath_(std::move(givenPath)), absPath_(absolutePath(givenPath_)),
        directory_(std::move(commandDirectory)) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic &info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error)
      return;
    llvm::SmallString<256> message;
    info.FormatDiagnostic(message);
    Finding f = inputError(givenPath_, 0, 0, std::string(message), "clang-diagnostic-error");
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const clang::SourceManager &sm = info.getSourceManager();
      clang::PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(info.getLocation()));
      if (p.isValid()) {
        f.loc.file = displayName(p.getFilename());
        f.loc.line = p.getLine();
        f.loc.column = p.getColumn();
      }
    }
    findings.push_back(std::move(f));
  }

  std::vector<Finding> findings;

private:
  std::string displayName(llvm::StringRef name) const {
    if (name == givenPath_ || absolutePath(std::string(name)) == absPath_)
      return givenPath_;
    if (!directory_.empty() && llvm::sys::path::is_relative(name)) {
      llvm::SmallString<256> inDirectory(directory_);
      llvm::sys::path::append(inDirectory, name);
      if (absolutePath(std::string(inDirectory)) == absPath_)
        return givenPath_;
    }
    return std::string(name);
  }

  std::string givenPath_, absPath_, directory_;
};

/// The line of the first `#pragma omp` in the file, 0 if there is none.
unsigned firstOpenMPPragmaLine(const std::string &path) {
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf)
    return 0;
  llvm::Regex pragma("^[ \t]*#[ \t]*pragma[ \t]+omp|_Pragma[ \t]*\\([ \t]*\"omp",
                     llvm::Regex::Newline);
  llvm::SmallVector<llvm::StringRef, 1> match;
  llvm::StringRef text = (*buf)->getBuffer();
  if (!pragma.match(text, &match))
    return 0;
  return 1 + static_cast<unsigned>(text.substr(0, match[0].data() - text.data()).count('\n'));
}

class LoweringConsumer : public clang::ASTConsumer {
public:
  LoweringConsumer(clang::CompilerInstance &ci, TranslationUnitResult &result)
      : ci_(ci), result_(result) {}

  void HandleTranslationUnit(clang::ASTContext &ctx) override {
    if (ci_.getDiagnostics().hasErrorOccurred())
      return; // the AST may be incomplete; Clang's errors say why
    const std::string &file = result_.file;
    if (!ci_.getLangOpts().OpenMP && !ci_.getLangOpts().OpenMPSimd) {
      if (unsigned line = firstOpenMPPragmaLine(file)) {
        result_.problems.push_back(
            inputError(file, line, 1, "OpenMP is not enabled for " + file + ": pass -fopenmp"));
        return;
      }
    }
    LoweringResult lowered = lowerTranslationUnit(ctx, file);
    result_.loops = std::move(lowered.loops);
    for (Finding &f : lowered.problems)
      result_.problems.push_back(std::move(f));
    if (result_.loops.empty()) {
      result_.problems.push_back(
          inputError(file, 1, 1, "no OpenMP parallel loop found in " + file));
      return;
    }
    result_.analysable = true;
  }

private:
  clang::CompilerInstance &ci_;
  TranslationUnitResult &result_;
};

class LoweringAction : public clang::ASTFrontendAction {
public:
  explicit LoweringAction(TranslationUnitResult &result) : result_(result) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &ci) override {
    // No "N errors generated." on stderr: the library never prints.
    ci.getDiagnosticOpts().ShowCarets = false;
    ci.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    return true;
  }

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef) override {
    return std::make_unique<LoweringConsumer>(ci, result_);
  }

private:
  TranslationUnitResult &result_;
};

/// Adds `-resource-dir DIR` after the program name unless the command has one.
clang::tooling::ArgumentsAdjuster resourceDirAdjuster(const std::string &dir) {
  return [dir](const clang::tooling::CommandLineArguments &args, llvm::StringRef) {
    if (dir.empty())
      return args;
    for (const std::string &a : args)
      if (a == "-resource-dir" || llvm::StringRef(a).starts_with("-resource-dir="))
        return args;
    clang::tooling::CommandLineArguments out;
    for (size_t i = 0; i < args.size(); ++i) {
      out.push_back(args[i]);
      if (i == 0) {
        out.push_back("-resource-dir");
        out.push_back(dir);
      }
    }
    return out;
  };
}

/// The compile command for `file`, or an error message.
bool compileCommandFor(const std::string &file, const FrontendOptions &options,
                       const clang::tooling::CompilationDatabase *database,
                       clang::tooling::CompileCommand &command, std::string &error) {
  if (database) {
    std::vector<clang::tooling::CompileCommand> commands =
        database->getCompileCommands(absolutePath(file));
    if (commands.empty()) {
      error = "no compile command for " + file + " in " + options.buildPath +
              "/compile_commands.json";
      return false;
    }
    command = commands.front();
    return true;
  }
  command.Directory = ".";
  command.Filename = file;
  command.CommandLine.push_back("clang-tool");
  for (const std::string &a : options.extraArgs)
    command.CommandLine.push_back(a);
  command.CommandLine.push_back(file);
  return true;
}

TranslationUnitResult analyzeOne(const std::string &file, const FrontendOptions &options,
                                 const clang::tooling::CompilationDatabase *database) {
  TranslationUnitResult result;
  result.file = file;
  if (!llvm::sys::fs::is_regular_file(file)) {
    result.problems.push_back(inputError(file, 0, 0, "file not found"));
    return result;
  }

  clang::tooling::CompileCommand command;
  std::string error;
  if (!compileCommandFor(file, options, database, command, error)) {
    result.problems.push_back(inputError(file, 0, 0, error));
    return result;
  }

  using namespace clang::tooling;
  ArgumentsAdjuster adjust = combineAdjusters(
      getClangStripOutputAdjuster(),
      combineAdjusters(getClangStripDependencyFileAdjuster(), getClangSyntaxOnlyAdjuster()));
  if (database && !options.extraArgs.empty())
    adjust = combineAdjusters(adjust, getInsertArgumentAdjuster(options.extraArgs,
                                                                ArgumentInsertPosition::END));
  adjust = combineAdjusters(adjust, resourceDirAdjuster(options.resourceDir));
  std::vector<std::string> commandLine = adjust(command.CommandLine, command.Filename);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs = llvm::vfs::createPhysicalFileSystem();
  if (!command.Directory.empty() && command.Directory != ".")
    fs->setCurrentWorkingDirectory(command.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), fs));

  CollectingDiagnostics diagnostics(file, command.Directory == "." ? "" : command.Directory);
  ToolInvocation invocation(commandLine, std::make_unique<LoweringAction>(result), files.get());
  invocation.setDiagnosticConsumer(&diagnostics);
  bool ok = invocation.run();

  if (!diagnostics.findings.empty()) {
    result.loops.clear();
    result.analysable = false;
    std::vector<Finding> problems = std::move(diagnostics.findings);
    for (Finding &f : result.problems)
      problems.push_back(std::move(f));
    result.problems = std::move(problems);
  } else if (!ok && result.problems.empty()) {
    result.analysable = false;
    result.problems.push_back(inputError(file, 0, 0, "Clang could not parse " + file));
  }
  return result;
}

std::unique_ptr<clang::tooling::CompilationDatabase> loadDatabase(const std::string &buildPath,
                                                                  std::string &error) {
  llvm::SmallString<256> path(buildPath);
  llvm::sys::path::append(path, "compile_commands.json");
  if (!llvm::sys::fs::exists(path)) {
    error = std::string(path) + " not found";
    return nullptr;
  }
  std::string why;
  auto database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      path, why, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!database)
    error = "cannot read " + std::string(path) + ": " + why;
  return database;
}

} // namespace

std::vector<TranslationUnitResult> analyzeFiles(const std::vector<std::string> &files,
                                                const FrontendOptions &options) {
  std::unique_ptr<clang::tooling::CompilationDatabase> database;
  std::string dbError;
  if (!options.buildPath.empty())
    database = loadDatabase(options.buildPath, dbError);

  std::vector<TranslationUnitResult> results;
  for (const std::string &file : files) {
    if (!options.buildPath.empty() && !database) {
      TranslationUnitResult r;
      r.file = file;
      r.problems.push_back(inputError(file, 0, 0, dbError));
      results.push_back(std::move(r));
      continue;
    }
    results.push_back(analyzeOne(file, options, database.get()));
  }
  return results;
}

std::vector<std::string> filesInDatabase(const std::string &buildPath, std::string &error) {
  std::unique_ptr<clang::tooling::CompilationDatabase> database = loadDatabase(buildPath, error);
  if (!database)
    return {};
  return database->getAllFiles();
}

} // namespace adjoint_lint::analyzer
