// Renders findings through Clang's diagnostic machinery (TextDiagnostic on a
// SourceManager that loads the files), so that they look exactly like
// compiler and clang-tidy diagnostics: location, level, message, [rule], the
// source line and a caret with the access's range underlined.
//
// TextDiagnostic rather than DiagnosticsEngine::Report: the engine drops a
// note that follows no warning (a note-level finding, or the notes of a
// finding whose file could not be read), and findings are already filtered.
//
// Only Basic/ and Frontend/ headers: no AST, no ASTMatchers.
#include "analyzer/ClangTextPrinter.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticIDs.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/FileSystemOptions.h>
#include <clang/Basic/LangOptions.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/TextDiagnostic.h>
#include <llvm/ADT/IntrusiveRefCntPtr.h>
#include <llvm/Support/raw_ostream.h>

#include <map>
#include <optional>
#include <string>

namespace adjoint_lint::analyzer {

using reports::Finding;
using reports::Level;
using reports::Location;

namespace {

// Local rather than reports::levelName: al_analyzer does not link al_reports.
const char *levelText(Level l) {
  switch (l) {
  case Level::Note: return "note";
  case Level::Warning: return "warning";
  case Level::Error: return "error";
  }
  return "warning";
}

/// The first line of a diagnostic without Clang: `file:line:col: level: message`.
void printPlain(llvm::raw_ostream &os, const Location &loc, Level level, const std::string &message) {
  if (!loc.file.empty()) {
    os << loc.file;
    if (loc.line) {
      os << ":" << loc.line;
      if (loc.column)
        os << ":" << loc.column;
    }
    os << ": ";
  }
  os << levelText(level) << ": " << message << "\n";
}

clang::DiagnosticsEngine::Level clangLevel(Level l) {
  switch (l) {
  case Level::Note: return clang::DiagnosticsEngine::Note;
  case Level::Warning: return clang::DiagnosticsEngine::Warning;
  case Level::Error: return clang::DiagnosticsEngine::Error;
  }
  return clang::DiagnosticsEngine::Warning;
}

/// A TextDiagnostic over a SourceManager that loads the findings' files on
/// demand.
class ClangRenderer {
public:
  ClangRenderer(llvm::raw_ostream &os, bool colors)
      : options_(makeOptions(colors)),
        engine_(new clang::DiagnosticIDs(), options_, new clang::IgnoringDiagConsumer(),
                /*ShouldOwnClient=*/true),
        files_(clang::FileSystemOptions()),
        sources_(engine_, files_),
        text_(os, langOptions_, options_.get()) {}

  /// Prints one diagnostic; false if its location cannot be shown with
  /// Clang (file unreadable, line out of range), so the caller falls back.
  bool print(const Location &loc, Level level, const std::string &message) {
    std::optional<clang::CharSourceRange> range = rangeOf(loc);
    if (!range)
      return false;
    llvm::SmallVector<clang::CharSourceRange, 1> ranges;
    if (range->getBegin() != range->getEnd())
      ranges.push_back(*range);
    text_.emitDiagnostic(clang::FullSourceLoc(range->getBegin(), sources_), clangLevel(level),
                         message, ranges, {});
    return true;
  }

private:
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> options_;
  clang::LangOptions langOptions_;
  clang::DiagnosticsEngine engine_; ///< only because SourceManager needs one
  clang::FileManager files_;
  clang::SourceManager sources_;
  clang::TextDiagnostic text_;
  std::map<std::string, clang::FileID> loaded_;

  static llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> makeOptions(bool colors) {
    llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> options(new clang::DiagnosticOptions());
    options->ShowColors = colors;
    return options;
  }

  /// The file's FileID, loading it once; invalid if it cannot be read.
  clang::FileID fileFor(const std::string &path) {
    auto it = loaded_.find(path);
    if (it != loaded_.end())
      return it->second;
    clang::FileID id;
    if (llvm::Expected<clang::FileEntryRef> entry = files_.getFileRef(path))
      id = sources_.getOrCreateFileID(*entry, clang::SrcMgr::C_User);
    else
      llvm::consumeError(entry.takeError());
    loaded_[path] = id;
    return id;
  }

  std::optional<clang::SourceLocation> locationAt(clang::FileID file, unsigned line, unsigned column) {
    bool invalid = false;
    llvm::StringRef buffer = sources_.getBufferData(file, &invalid);
    if (invalid)
      return std::nullopt;
    // translateLineCol clamps out-of-range positions; refuse them instead.
    unsigned lines = static_cast<unsigned>(buffer.count('\n')) +
                     (buffer.empty() || buffer.back() == '\n' ? 0 : 1);
    if (line == 0 || line > lines)
      return std::nullopt;
    clang::SourceLocation loc = sources_.translateLineCol(file, line, column ? column : 1);
    if (loc.isInvalid())
      return std::nullopt;
    return loc;
  }

  std::optional<clang::CharSourceRange> rangeOf(const Location &loc) {
    if (loc.file.empty() || loc.line == 0)
      return std::nullopt;
    clang::FileID file = fileFor(loc.file);
    if (file.isInvalid())
      return std::nullopt;
    std::optional<clang::SourceLocation> begin = locationAt(file, loc.line, loc.column);
    if (!begin)
      return std::nullopt;
    clang::SourceLocation end = *begin;
    if (loc.endLine && loc.column &&
        (loc.endLine > loc.line || (loc.endLine == loc.line && loc.endColumn >= loc.column)))
      if (std::optional<clang::SourceLocation> last = locationAt(file, loc.endLine, loc.endColumn))
        end = last->getLocWithOffset(1); // the range's end is inclusive; CharRange's is not
    return clang::CharSourceRange::getCharRange(*begin, end);
  }
};

std::string withRule(const Finding &f) {
  return f.rule.empty() ? f.message : f.message + " [" + f.rule + "]";
}

} // namespace

void printFindingsClangStyle(const std::vector<Finding> &findings, llvm::raw_ostream &os,
                             bool colors) {
  if (colors)
    os.enable_colors(true);
  ClangRenderer renderer(os, colors);
  for (const Finding &f : findings) {
    if (!renderer.print(f.loc, f.level, withRule(f)))
      printPlain(os, f.loc, f.level, withRule(f));
    for (const reports::Note &n : f.notes)
      if (!renderer.print(n.loc, Level::Note, n.message))
        printPlain(os, n.loc, Level::Note, n.message);
  }
  os.flush();
}

} // namespace adjoint_lint::analyzer
