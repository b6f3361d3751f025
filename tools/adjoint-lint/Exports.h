// Report files written beside the main output: --export-sarif=FILE,
// --export-html=DIR, --sarif-srcroot=DIR (the %SRCROOT% of SARIF logs,
// also for --format=sarif) and --sarif-help-uri-base=URL. The options live
// in Exports.cpp.
#pragma once

#include "reports/Finding.h"
#include "reports/JsonReport.h"
#include "reports/SarifReport.h"

#include <string>
#include <vector>

namespace adjoint_lint::driver {

/// The SARIF options the command line asks for.
reports::SarifOptions sarifOptions();

/// Checks the export options' values (--sarif-help-uri-base is an absolute
/// URI); false with the message otherwise (a bad command line).
bool checkExportOptions(std::string &error);

/// Writes the requested report files (each one atomically: a reader never
/// sees a half-written file). Returns false with one message per file that
/// could not be written.
bool writeExports(const std::vector<reports::AnalysedLoop> &loops,
                  const std::vector<reports::Finding> &findings,
                  const std::vector<reports::InputStatus> &inputs, bool executionSuccessful,
                  std::vector<std::string> &errors);

} // namespace adjoint_lint::driver
