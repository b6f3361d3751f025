// The Clang LibTooling front end: compile commands, one parse per file,
// Clang's diagnostics collected as findings, then LoopLowering.
#include "analyzer/Frontend.h"
#include "analyzer/Assumptions.h"
#include "analyzer/LoopLowering.h"
#include "model/ModelJson.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtOpenMP.h>
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

#include <llvm/Support/JSON.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

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

/// How deep statements and expressions may nest inside an OpenMP construct.
/// The loop lowering and the deciders recurse over them, and the model keeps
/// each subexpression's source text, so a chain of n operands costs n^2:
/// deeper code (generated sums of thousands of terms) is an input error
/// instead of minutes and gigabytes (docs/robustness.md).
constexpr unsigned maxNestingInOpenMP = 1000;

/// Finds the first statement or expression that nests deeper than
/// maxNestingInOpenMP below an OpenMP directive. Clang's traversal queues
/// expressions instead of recursing; the depth count uses a worklist too.
class NestingLimit : public clang::RecursiveASTVisitor<NestingLimit> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitOMPExecutableDirective(clang::OMPExecutableDirective *d) {
    struct Entry {
      const clang::Stmt *s;
      unsigned depth;
      const clang::Stmt *outermostExpr; ///< where the expression holding `s` begins
    };
    std::vector<Entry> work{{d, 0, nullptr}};
    while (!work.empty()) {
      Entry e = work.back();
      work.pop_back();
      const clang::Stmt *top = e.outermostExpr;
      if (!top && llvm::isa<clang::Expr>(e.s))
        top = e.s;
      if (e.depth > maxNestingInOpenMP) {
        tooDeep = top ? top : e.s;
        return false; // stop at the first
      }
      for (const clang::Stmt *child : e.s->children())
        if (child)
          work.push_back({child, e.depth + 1, top});
      if (const auto *captured = llvm::dyn_cast<clang::CapturedStmt>(e.s))
        work.push_back({captured->getCapturedStmt(), e.depth + 1, top});
    }
    return true;
  }

  const clang::Stmt *tooDeep = nullptr;
};

class LoweringConsumer : public clang::ASTConsumer {
public:
  LoweringConsumer(clang::CompilerInstance &ci, TranslationUnitResult &result,
                   const HeaderFilter &headers)
      : ci_(ci), result_(result), headers_(headers) {}

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
    NestingLimit nesting;
    nesting.TraverseAST(ctx);
    if (nesting.tooDeep) {
      const clang::SourceManager &sm = ctx.getSourceManager();
      clang::PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(nesting.tooDeep->getBeginLoc()));
      result_.problems.push_back(inputError(
          file, p.isValid() ? p.getLine() : 0, p.isValid() ? p.getColumn() : 0,
          "code nests more than " + std::to_string(maxNestingInOpenMP) +
              " levels deep inside an OpenMP construct here; adjoint-lint does not analyse it "
              "(split the expression into statements)"));
      return;
    }
    LoweringResult lowered = lowerTranslationUnit(ctx, file, headers_);
    result_.loops = std::move(lowered.loops);
    bool failed = false;
    for (Finding &f : lowered.problems) {
      failed |= f.level == Level::Error;
      result_.problems.push_back(std::move(f));
    }
    // Without any loop, an unsupported directive leaves nothing analysed;
    // a file without OpenMP loops is simply clean.
    result_.analysable = !result_.loops.empty() || !failed;
  }

private:
  clang::CompilerInstance &ci_;
  TranslationUnitResult &result_;
  const HeaderFilter &headers_;
};

class LoweringAction : public clang::ASTFrontendAction {
public:
  LoweringAction(TranslationUnitResult &result, const HeaderFilter &headers)
      : result_(result), headers_(headers) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &ci) override {
    // No "N errors generated." on stderr: the library never prints.
    ci.getDiagnosticOpts().ShowCarets = false;
    ci.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    return true;
  }

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef) override {
    registerAssumptionPragmas(ci); // #pragma adjoint_lint (Assumptions.h)
    return std::make_unique<LoweringConsumer>(ci, result_, headers_);
  }

private:
  TranslationUnitResult &result_;
  const HeaderFilter &headers_;
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

/// The compile commands for `file` (several when the database lists it
/// more than once), or an error message.
bool compileCommandsFor(const std::string &file, const FrontendOptions &options,
                        const clang::tooling::CompilationDatabase *database,
                        const std::string &databasePath,
                        std::vector<clang::tooling::CompileCommand> &commands,
                        std::string &error) {
  if (database) {
    commands = database->getCompileCommands(absolutePath(file));
    if (commands.empty()) {
      error = "no compile command for " + file + " in " + databasePath;
      return false;
    }
    return true;
  }
  commands.resize(1);
  clang::tooling::CompileCommand &command = commands.front();
  command.Directory = ".";
  command.Filename = file;
  command.CommandLine.push_back("clang-tool");
  for (const std::string &a : options.extraArgs)
    command.CommandLine.push_back(a);
  command.CommandLine.push_back(file);
  return true;
}

/// The command line a compile command runs as here: no output or
/// dependency files, syntax only, `--` arguments and the resource directory
/// added.
std::vector<std::string> adjustedCommandLine(const clang::tooling::CompileCommand &command,
                                             const FrontendOptions &options, bool fromDatabase) {
  using namespace clang::tooling;
  ArgumentsAdjuster adjust = combineAdjusters(
      getClangStripOutputAdjuster(),
      combineAdjusters(getClangStripDependencyFileAdjuster(), getClangSyntaxOnlyAdjuster()));
  if (fromDatabase && !options.extraArgs.empty())
    adjust = combineAdjusters(adjust, getInsertArgumentAdjuster(options.extraArgs,
                                                                ArgumentInsertPosition::END));
  adjust = combineAdjusters(adjust, resourceDirAdjuster(options.resourceDir));
  return adjust(command.CommandLine, command.Filename);
}

/// Parses `file` with one compile command.
TranslationUnitResult parseWith(const std::string &file, const clang::tooling::CompileCommand &command,
                                const std::vector<std::string> &commandLine,
                                const FrontendOptions &options) {
  HeaderFilter headers;
  headers.include = options.headerFilter;
  headers.exclude = options.excludeHeaderFilter;
  headers.headers = options.analyseHeaders;
  using namespace clang::tooling;
  TranslationUnitResult result;
  result.file = file;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs = llvm::vfs::createPhysicalFileSystem();
  if (!command.Directory.empty() && command.Directory != ".")
    fs->setCurrentWorkingDirectory(command.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), fs));

  CollectingDiagnostics diagnostics(file, command.Directory == "." ? "" : command.Directory);
  ToolInvocation invocation(commandLine, std::make_unique<LoweringAction>(result, headers),
                            files.get());
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

/// Why `file` cannot be read as a source file ("file not found", a
/// directory, a FIFO...); empty when it can.
std::string whyNotASourceFile(const std::string &file) {
  namespace fs = llvm::sys::fs;
  fs::file_status status;
  if (std::error_code ec = fs::status(file, status)) {
    if (ec == std::errc::no_such_file_or_directory)
      return "file not found";
    return "cannot read " + file + ": " + ec.message();
  }
  switch (status.type()) {
  case fs::file_type::regular_file:
    break;
  case fs::file_type::directory_file:
    return file + " is a directory, not a source file (give the files, or -p BUILD_DIR to analyse "
                  "every file of a compilation database)";
  case fs::file_type::fifo_file:
    return file + " is a FIFO, not a source file (adjoint-lint reads each file once per compile "
                  "command: give a regular file)";
  default:
    return file + " is not a regular file (a socket or device): give a source file";
  }
  fs::file_t handle;
  if (llvm::Expected<fs::file_t> opened = fs::openNativeFileForRead(file)) {
    handle = *opened;
    fs::closeFile(handle);
  } else {
    return "cannot read " + file + ": " + llvm::toString(opened.takeError());
  }
  return "";
}

/// Parses `file` with each of its distinct compile commands and merges the
/// results: loops and problems each once, analysable when every parse is.
TranslationUnitResult analyzeOne(const std::string &file, const FrontendOptions &options,
                                 const clang::tooling::CompilationDatabase *database,
                                 const std::string &databasePath) {
  TranslationUnitResult result;
  result.file = file;
  std::string notReadable = whyNotASourceFile(file);
  if (!notReadable.empty()) {
    result.problems.push_back(inputError(file, 0, 0, notReadable));
    return result;
  }

  std::vector<clang::tooling::CompileCommand> commands;
  std::string error;
  if (!compileCommandsFor(file, options, database, databasePath, commands, error)) {
    result.problems.push_back(inputError(file, 0, 0, error));
    return result;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> done;
  std::vector<std::string> loopsSeen; // JSON of the models kept
  result.analysable = true;
  for (const clang::tooling::CompileCommand &command : commands) {
    std::vector<std::string> commandLine = adjustedCommandLine(command, options, database);
    std::pair<std::string, std::vector<std::string>> key{command.Directory, commandLine};
    if (std::find(done.begin(), done.end(), key) != done.end())
      continue;
    done.push_back(std::move(key));
    TranslationUnitResult one = parseWith(file, command, commandLine, options);
    result.analysable &= one.analysable;
    for (model::LoopModel &loop : one.loops) {
      // error_handler_t::replace: source text that is not UTF-8 must not throw.
      std::string text =
          model::toJson(loop).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (std::find(loopsSeen.begin(), loopsSeen.end(), text) != loopsSeen.end())
        continue;
      loopsSeen.push_back(std::move(text));
      result.loops.push_back(std::move(loop));
    }
    for (Finding &f : one.problems) {
      bool seen = false;
      for (const Finding &g : result.problems)
        seen |= sameFinding(f, g);
      if (!seen)
        result.problems.push_back(std::move(f));
    }
  }
  if (!result.analysable)
    result.loops.clear();
  return result;
}

/// A database whose lookups take a lock, so threads may share it.
class LockedDatabase : public clang::tooling::CompilationDatabase {
public:
  LockedDatabase(const clang::tooling::CompilationDatabase &db, std::mutex &lock)
      : db_(db), lock_(lock) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef file) const override {
    std::lock_guard<std::mutex> guard(lock_);
    return db_.getCompileCommands(file);
  }
  std::vector<std::string> getAllFiles() const override {
    std::lock_guard<std::mutex> guard(lock_);
    return db_.getAllFiles();
  }

private:
  const clang::tooling::CompilationDatabase &db_;
  std::mutex &lock_;
};

/// Reads BUILD_PATH/compile_commands.json. A relative "directory" is made
/// absolute against the database's own directory first (Clang's loader
/// would leave it relative to wherever the tool runs).
std::unique_ptr<clang::tooling::CompilationDatabase> loadDatabase(const std::string &buildPath,
                                                                  std::string &error) {
  llvm::SmallString<256> path(buildPath);
  llvm::sys::path::append(path, "compile_commands.json");
  if (!llvm::sys::fs::exists(path)) {
    error = std::string(path) + " not found";
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = "cannot read " + std::string(path) + ": " + buffer.getError().message();
    return nullptr;
  }
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse((*buffer)->getBuffer());
  if (!parsed) {
    error = "cannot read " + std::string(path) + ": " + llvm::toString(parsed.takeError());
    return nullptr;
  }
  std::string base = absolutePath(buildPath);
  if (llvm::json::Array *entries = parsed->getAsArray())
    for (llvm::json::Value &entry : *entries)
      if (llvm::json::Object *object = entry.getAsObject())
        if (std::optional<llvm::StringRef> dir = object->getString("directory"))
          if (llvm::sys::path::is_relative(*dir)) {
            llvm::SmallString<256> abs(base);
            llvm::sys::path::append(abs, *dir);
            llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
            (*object)["directory"] = std::string(abs);
          }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << *parsed;
  os.flush();
  std::string why;
  std::unique_ptr<clang::tooling::CompilationDatabase> database =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          text, why, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!database) {
    error = "cannot read " + std::string(path) + ": " + why;
    return nullptr;
  }
  // A file the database does not list (a header, a new file) gets the
  // command of the listed file most like it, as clang-tidy and clangd do.
  return clang::tooling::inferMissingCompileCommands(std::move(database));
}

/// The directory holding the compile_commands.json nearest above `file`
/// (its own directory first), as clang-tidy looks for one without -p;
/// empty: none.
std::string findDatabaseAbove(const std::string &file) {
  llvm::SmallString<256> dir(absolutePath(file));
  llvm::sys::path::remove_filename(dir);
  while (!dir.empty()) {
    llvm::SmallString<256> candidate(dir);
    llvm::sys::path::append(candidate, "compile_commands.json");
    if (llvm::sys::fs::is_regular_file(candidate))
      return std::string(dir);
    llvm::StringRef parent = llvm::sys::path::parent_path(dir);
    if (parent == dir)
      break;
    dir = parent;
  }
  return "";
}

} // namespace

struct SourceFrontend::Impl {
  FrontendOptions options;
  std::unique_ptr<clang::tooling::CompilationDatabase> database;
  std::string databaseError;
  /// Clang's JSON database is not documented as thread-safe: one lookup at
  /// a time.
  mutable std::mutex databaseLock;

  /// Without -p and `--`: the databases found above the files, by
  /// directory (null with its error when it could not be read), loaded
  /// once and then used under databaseLock.
  struct Detected {
    std::unique_ptr<clang::tooling::CompilationDatabase> database;
    std::string error;
  };
  mutable std::map<std::string, Detected> detected;
};

SourceFrontend::SourceFrontend(FrontendOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (!impl_->options.buildPath.empty())
    impl_->database = loadDatabase(impl_->options.buildPath, impl_->databaseError);
}

SourceFrontend::~SourceFrontend() = default;

const std::string &SourceFrontend::databaseError() const { return impl_->databaseError; }

std::vector<std::string> SourceFrontend::databaseFiles() const {
  if (!impl_->database)
    return {};
  std::vector<std::string> files = impl_->database->getAllFiles();
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

TranslationUnitResult SourceFrontend::analyze(const std::string &file) const {
  if (!impl_->options.buildPath.empty() && !impl_->database) {
    TranslationUnitResult r;
    r.file = file;
    r.problems.push_back(inputError(file, 0, 0, impl_->databaseError));
    return r;
  }
  const std::string given = impl_->options.buildPath + "/compile_commands.json";
  if (impl_->database) {
    // Look the commands up under the lock; parse outside it.
    LockedDatabase locked(*impl_->database, impl_->databaseLock);
    return analyzeOne(file, impl_->options, &locked, given);
  }
  if (impl_->options.hasDoubleDash || !whyNotASourceFile(file).empty())
    return analyzeOne(file, impl_->options, nullptr, "");
  // Neither -p nor `--`: the nearest compile_commands.json above the file,
  // else the file alone with no flags (clang-tidy's search).
  const std::string dir = findDatabaseAbove(file);
  if (dir.empty())
    return analyzeOne(file, impl_->options, nullptr, "");
  const clang::tooling::CompilationDatabase *database = nullptr;
  {
    std::lock_guard<std::mutex> guard(impl_->databaseLock);
    auto it = impl_->detected.find(dir);
    if (it == impl_->detected.end()) {
      Impl::Detected d;
      d.database = loadDatabase(dir, d.error);
      it = impl_->detected.emplace(dir, std::move(d)).first;
    }
    if (!it->second.database) {
      TranslationUnitResult r;
      r.file = file;
      r.problems.push_back(inputError(
          file, 0, 0,
          "cannot read the compilation database found for " + file + ": " + it->second.error +
              " (pass -p BUILD_DIR, or -- COMPILER-ARGS to analyse the file without it)"));
      return r;
    }
    database = it->second.database.get();
  }
  LockedDatabase locked(*database, impl_->databaseLock);
  return analyzeOne(file, impl_->options, &locked, dir + "/compile_commands.json");
}

std::vector<TranslationUnitResult> analyzeFiles(const std::vector<std::string> &files,
                                                const FrontendOptions &options) {
  SourceFrontend frontend(options);
  std::vector<TranslationUnitResult> results;
  for (const std::string &file : files)
    results.push_back(frontend.analyze(file));
  return results;
}

} // namespace adjoint_lint::analyzer
