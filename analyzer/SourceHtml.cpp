// Clang's HTMLRewrite behind a Clang-free API (SourceHtml.h).
#include "analyzer/SourceHtml.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/LangOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Basic/TargetInfo.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Rewrite/Core/HTMLRewrite.h>
#include <clang/Rewrite/Core/Rewriter.h>
#include <llvm/Support/Path.h>
#include <llvm/TargetParser/Host.h>

namespace adjoint_lint::analyzer {

namespace {

/// A class attribute value made safe: letters, digits, '-', '_', ' '.
std::string safeClass(const std::string &cls) {
  std::string out;
  for (char c : cls)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == ' ')
      out += c;
  return out;
}

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      if (start < text.size())
        lines.push_back(text.substr(start));
      break;
    }
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

} // namespace

std::string balanceSpans(const std::string &line) {
  std::string out;
  unsigned open = 0;
  size_t i = 0;
  static const std::string close = "</span>";
  while (i < line.size()) {
    if (line.compare(i, close.size(), close) == 0) {
      if (open > 0) {
        out += close;
        --open;
      }
      i += close.size();
      continue;
    }
    if (line.compare(i, 5, "<span") == 0)
      ++open;
    out += line[i++];
  }
  while (open-- > 0)
    out += close;
  return out;
}

std::optional<std::vector<std::string>> highlightSourceLines(const std::string &file,
                                                             const std::vector<reports::SourceMark> &marks,
                                                             std::string &error) {
  clang::CompilerInstance ci;
  ci.createDiagnostics(new clang::IgnoringDiagConsumer(), /*ShouldOwnClient=*/true);
  const bool isC = llvm::sys::path::extension(file) == ".c";
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  std::vector<std::string> includes;
  clang::LangOptions::setLangDefaults(ci.getLangOpts(), isC ? clang::Language::C : clang::Language::CXX,
                                      triple, includes,
                                      isC ? clang::LangStandard::lang_c17 : clang::LangStandard::lang_cxx17);
  ci.getLangOpts().OpenMP = 51;
  ci.getTargetOpts().Triple = triple.str();
  ci.setTarget(clang::TargetInfo::CreateTargetInfo(ci.getDiagnostics(), ci.getInvocation().TargetOpts));
  if (!ci.hasTarget()) {
    error = "cannot highlight '" + file + "': no target for " + triple.str();
    return std::nullopt;
  }
  ci.createFileManager();
  ci.createSourceManager(ci.getFileManager());
  llvm::Expected<clang::FileEntryRef> entry = ci.getFileManager().getFileRef(file);
  if (!entry) {
    error = "cannot read '" + file + "': " + llvm::toString(entry.takeError());
    return std::nullopt;
  }
  clang::SourceManager &sm = ci.getSourceManager();
  clang::FileID fid = sm.createFileID(*entry, clang::SourceLocation(), clang::SrcMgr::C_User);
  sm.setMainFileID(fid);
  std::optional<llvm::MemoryBufferRef> buffer = sm.getBufferOrNone(fid);
  if (!buffer) {
    error = "cannot read '" + file + "'";
    return std::nullopt;
  }
  ci.createPreprocessor(clang::TU_Complete);

  clang::Rewriter rewriter(sm, ci.getLangOpts());
  clang::html::EscapeText(rewriter, fid);
  const unsigned lineCount = static_cast<unsigned>(splitLines(buffer->getBuffer().str()).size());
  for (const reports::SourceMark &m : marks) {
    if (m.line == 0 || m.column == 0 || m.line > lineCount)
      continue;
    unsigned endLine = m.endLine ? m.endLine : m.line;
    unsigned endColumn = m.endLine ? m.endColumn : m.column;
    if (endLine < m.line || endLine > lineCount || (endLine == m.line && endColumn < m.column))
      continue;
    clang::SourceLocation b = sm.translateLineCol(fid, m.line, m.column);
    clang::SourceLocation e = sm.translateLineCol(fid, endLine, endColumn + 1);
    if (b.isInvalid() || e.isInvalid() || !(b < e))
      continue;
    std::string start = "<span class=\"" + safeClass(m.cssClass) + "\">";
    clang::html::HighlightRange(rewriter, b, e, start.c_str(), "</span>", /*IsTokenRange=*/false);
  }
  clang::html::SyntaxHighlight(rewriter, fid, ci.getPreprocessor());

  std::string html;
  if (const clang::RewriteBuffer *rb = rewriter.getRewriteBufferFor(fid))
    html.assign(rb->begin(), rb->end());
  else
    html = buffer->getBuffer().str(); // nothing to escape or colour
  std::vector<std::string> lines = splitLines(html);
  for (std::string &line : lines)
    line = balanceSpans(line);
  return lines;
}

} // namespace adjoint_lint::analyzer
