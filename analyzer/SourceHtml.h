// Source files as HTML lines, highlighted by Clang's HTMLRewrite (escaping
// and syntax colours), for the HTML report (reports/HtmlReport.h). The API
// is Clang-free; the Clang code is in SourceHtml.cpp.
#pragma once

#include "reports/HtmlReport.h"

#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::analyzer {

/// The HTML of each line of `file`: text escaped (html::EscapeText), tokens
/// wrapped in spans of HTMLRewrite's classes (keyword, comment, directive;
/// html::SyntaxHighlight), `marks` wrapped in <span class="...">, and every
/// line's tags balanced. C for ".c" files, C++ otherwise, OpenMP on.
/// nullopt with `error` set when the file cannot be read.
std::optional<std::vector<std::string>> highlightSourceLines(const std::string &file,
                                                             const std::vector<reports::SourceMark> &marks,
                                                             std::string &error);

/// Balances the <span> tags of one line: drops closing tags without an
/// opening one and closes what stays open (Clang-free; for tests).
std::string balanceSpans(const std::string &line);

} // namespace adjoint_lint::analyzer
