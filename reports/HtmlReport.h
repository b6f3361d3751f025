// The HTML report (`--export-html=DIR`): self-contained pages (inline CSS
// and JavaScript, no network) that a browser opens from disk.
//
//   DIR/index.html             every loop, with verdict badges; sortable and
//                              filterable (a little inline JavaScript)
//   DIR/files/<name>-<h>.html  one page per source file: its loops (verdicts
//                              per array, adjoint strategies, findings with
//                              the witness in words and an SVG picture of the
//                              access pattern) and the highlighted source,
//                              the findings' accesses marked and numbered
//
// File names are deterministic (the path relative to the source root,
// flattened, plus a short hash of it); links are relative. Every piece of
// source text and every message is HTML-escaped; source lines come from a
// SourceHighlighter (analyzer/SourceHtml.h: Clang's HTMLRewrite), which
// must escape them too.
#pragma once

#include "reports/Finding.h"
#include "reports/JsonReport.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace adjoint_lint::reports {

/// A source range to mark in a highlighted listing, as
/// <span class="cssClass">...</span>. Lines and columns are 1-based, the end
/// inclusive (as in Location). cssClass: letters, digits, '-', '_', ' '.
struct SourceMark {
  unsigned line = 0, column = 0, endLine = 0, endColumn = 0;
  std::string cssClass;
};

/// The HTML of each line of `file` (escaped, syntax-highlighted, `marks`
/// wrapped in spans; every line's tags balanced), or nullopt with `error`
/// set when the file cannot be read.
using SourceHighlighter = std::function<std::optional<std::vector<std::string>>(
    const std::string &file, const std::vector<SourceMark> &marks, std::string &error)>;

/// The fallback highlighter: escaped lines, marks as spans, no syntax
/// colours (for files Clang cannot read, and for tests).
std::optional<std::vector<std::string>> plainSourceLines(const std::string &file,
                                                         const std::vector<SourceMark> &marks,
                                                         std::string &error);

struct HtmlReportInput {
  const std::vector<AnalysedLoop> &loops;
  const std::vector<Finding> &findings;
  const std::vector<InputStatus> &inputs;
  std::string srcRoot; ///< file names are shown relative to it (default: current directory)
  /// The generated adjoint code of each loop, by loop id, when the driver
  /// has it (no driver passes it yet): the loop's section then shows it.
  /// Null: none.
  const std::map<std::string, std::string> *adjointCode = nullptr;
};

/// One page of the report: its path relative to the report directory and
/// its contents.
struct HtmlPage {
  std::string path;
  std::string html;
};

/// All pages of the report, index.html first; deterministic.
std::vector<HtmlPage> buildHtmlReport(const HtmlReportInput &input, const SourceHighlighter &highlight);

/// Writes the pages into `dir` (created if missing), each one atomically.
bool writeHtmlReport(const std::string &dir, const HtmlReportInput &input,
                     const SourceHighlighter &highlight, std::string &error);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string htmlEscape(const std::string &text);

} // namespace adjoint_lint::reports
