#include "tools/adjoint-lint/Baseline.h"

#include "reports/Fingerprint.h"
#include "reports/Findings.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace adjoint_lint::driver {

bool Baseline::read(const std::string &path, std::string &error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot open the baseline SARIF file";
    return false;
  }
  nlohmann::json log;
  try {
    log = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception &e) {
    error = std::string("the baseline is not valid JSON: ") + e.what();
    return false;
  }
  auto bad = [&](const std::string &why) {
    error = "the baseline is not a SARIF log of adjoint-lint: " + why;
    return false;
  };
  if (!log.is_object() || !log.contains("runs") || !log["runs"].is_array())
    return bad("no \"runs\" array");
  if (log["runs"].empty())
    return bad("\"runs\" is empty (a log of adjoint-lint has one run, even without findings)");
  std::set<std::string> found;
  for (size_t r = 0; r < log["runs"].size(); ++r) {
    const nlohmann::json &run = log["runs"][r];
    std::string where = "runs[" + std::to_string(r) + "]";
    if (!run.is_object())
      return bad(where + " is not an object");
    const nlohmann::json *name = nullptr;
    if (run.contains("tool") && run["tool"].is_object() && run["tool"].contains("driver") &&
        run["tool"]["driver"].is_object() && run["tool"]["driver"].contains("name"))
      name = &run["tool"]["driver"]["name"];
    if (!name || !name->is_string() || name->get<std::string>() != "adjoint-lint")
      return bad(where + ".tool.driver.name is not \"adjoint-lint\"");
    if (!run.contains("results"))
      continue;
    if (!run["results"].is_array())
      return bad(where + ".results is not an array");
    for (size_t i = 0; i < run["results"].size(); ++i) {
      const nlohmann::json &result = run["results"][i];
      std::string at = where + ".results[" + std::to_string(i) + "]";
      if (!result.is_object())
        return bad(at + " is not an object");
      if (!result.contains("partialFingerprints"))
        continue; // an input problem: nothing to match
      const nlohmann::json &prints = result["partialFingerprints"];
      if (!prints.is_object() || !prints.contains(reports::kFingerprintKey) ||
          !prints[reports::kFingerprintKey].is_string())
        return bad(at + ".partialFingerprints has no string \"" +
                   std::string(reports::kFingerprintKey) + "\"");
      found.insert(prints[reports::kFingerprintKey].get<std::string>());
    }
  }
  fingerprints_ = std::move(found);
  return true;
}

std::vector<bool> Baseline::known(const std::vector<reports::Finding> &findings,
                                 const std::string &srcRoot) const {
  std::vector<std::string> prints = reports::partialFingerprints(findings, srcRoot);
  std::vector<bool> result(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i)
    result[i] = reports::isAdjointLintRule(findings[i].rule) && fingerprints_.count(prints[i]) > 0;
  return result;
}

} // namespace adjoint_lint::driver
