// libFuzzer target: a JSON loop model (the format --dump-model prints) in,
// the deciders and the reports run on it. Built by scripts/fuzz.sh with
// clang-19 -fsanitize=fuzzer,address,undefined; it links the model reader,
// the polyhedral deciders and the reports, not Clang's AST.
//
// Malformed models must be rejected with ModelJsonError or a JSON exception
// (the driver turns both into exit status 2); anything else (a crash, a
// sanitizer report, another exception escaping, a decider that throws
// although decide() promises not to) is a finding.
#include "model/ModelJson.h"
#include "polyhedral/Deciders.h"
#include "reports/Findings.h"
#include "reports/JsonReport.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace adjoint_lint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return -1; // not JSON: not interesting for the deciders, keep out of the corpus
  model::ModelFile file;
  try {
    file = model::modelFileFromJson(j);
  } catch (const model::ModelJsonError &) {
    return 0;
  } catch (const nlohmann::json::exception &) {
    return 0;
  }
  polyhedral::DeciderOptions options;
  // A small budget keeps each input fast; running out is a legitimate
  // 'unknown' and exercises those paths too.
  options.islMaxOperations = 200'000;
  std::vector<reports::AnalysedLoop> analysed;
  std::vector<reports::Finding> findings;
  for (const model::LoopModel &loop : file.loops) {
    model::LoopVerdicts verdicts = polyhedral::decide(loop, options);
    std::vector<reports::Finding> f = reports::buildFindings(loop, verdicts);
    findings.insert(findings.end(), f.begin(), f.end());
    analysed.push_back({loop, std::move(verdicts)});
  }
  reports::sortFindings(findings);
  std::string out = reports::buildReport(analysed, findings).dump(2);
  // The report must be valid JSON that parses back.
  if (nlohmann::json::parse(out, nullptr, false).is_discarded()) {
    std::fprintf(stderr, "model-fuzzer: the JSON report does not parse back\n");
    std::abort();
  }
  // Round trip: the model printed back must read back.
  try {
    (void)model::modelFileFromJson(model::toJson(file));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "model-fuzzer: a model that was read does not read back: %s\n", e.what());
    std::abort();
  }
  return 0;
}
