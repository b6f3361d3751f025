#include "tools/adjoint-lint/Exports.h"

#include "analyzer/SourceHtml.h"
#include "reports/HtmlReport.h"
#include "support/OutputFile.h"
#include "tools/adjoint-lint/Options.h"

#include <llvm/Support/CommandLine.h>

namespace cl = llvm::cl;

namespace adjoint_lint::driver {

namespace {

cl::opt<std::string> exportSarif(
    "export-sarif",
    cl::desc("Also write the SARIF 2.1.0 log of the findings to FILE (whatever --format says)"),
    cl::value_desc("FILE"), cl::cat(category()));
cl::opt<std::string> sarifSrcRoot(
    "sarif-srcroot",
    cl::desc("Directory that SARIF artifact URIs are relative to (%SRCROOT%; default: the "
             "current directory); also the root of the partial fingerprints"),
    cl::value_desc("DIR"), cl::cat(category()));
cl::opt<std::string> sarifHelpUriBase(
    "sarif-help-uri-base",
    cl::desc("Absolute URI under which the rule pages docs/rules/<rule>.md are published; "
             "SARIF rules then get helpUri=URL<rule>.md (default: no helpUri)"),
    cl::value_desc("URL"), cl::cat(category()));
cl::opt<std::string> exportHtml(
    "export-html",
    cl::desc("Write an HTML report (index.html, one page per source file) to DIR"),
    cl::value_desc("DIR"), cl::cat(category()));

} // namespace

reports::SarifOptions sarifOptions() {
  reports::SarifOptions options;
  options.srcRoot = sarifSrcRoot;
  options.helpUriBase = sarifHelpUriBase;
  return options;
}

bool checkExportOptions(std::string &error) {
  if (!sarifHelpUriBase.empty() && !reports::isAbsoluteUri(sarifHelpUriBase)) {
    error = "--sarif-help-uri-base='" + sarifHelpUriBase +
            "' is not an absolute URI (it needs a scheme, e.g. https://...)";
    return false;
  }
  return true;
}

bool writeExports(const std::vector<reports::AnalysedLoop> &loops,
                  const std::vector<reports::Finding> &findings,
                  const std::vector<reports::InputStatus> &inputs, bool executionSuccessful,
                  std::vector<std::string> &errors) {
  bool ok = true;
  if (!exportSarif.empty()) {
    std::string error;
    std::string text =
        reports::buildSarif(findings, inputs, executionSuccessful, sarifOptions(), loops)
            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
        "\n";
    if (!support::writeFileAtomically(exportSarif, text, error)) {
      errors.push_back(error);
      ok = false;
    }
  }
  if (!exportHtml.empty()) {
    reports::HtmlReportInput input{loops, findings, inputs, sarifSrcRoot};
    std::string error;
    if (!reports::writeHtmlReport(exportHtml, input, analyzer::highlightSourceLines, error)) {
      errors.push_back(error);
      ok = false;
    }
  }
  return ok;
}

} // namespace adjoint_lint::driver
