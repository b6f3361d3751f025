// `--baseline OLD.sarif`: the findings an earlier run already reported, by
// their partialFingerprints (reports/Fingerprint.h), so that a run reports
// only new ones.
#pragma once

#include "reports/Finding.h"

#include <set>
#include <string>
#include <vector>

namespace adjoint_lint::driver {

class Baseline {
public:
  /// Reads a SARIF log written by adjoint-lint. False with `error` set when
  /// it cannot be read, is not JSON (the message gives the line and
  /// column), or is not a SARIF log of adjoint-lint. The caller names the
  /// file.
  bool read(const std::string &path, std::string &error);

  /// For each finding, whether its fingerprint (within `findings`, numbered
  /// as the SARIF log numbers them) is in the baseline. Findings without an
  /// adjoint-lint rule (input problems) are never known.
  std::vector<bool> known(const std::vector<reports::Finding> &findings,
                          const std::string &srcRoot) const;

  size_t size() const { return fingerprints_.size(); }

private:
  std::set<std::string> fingerprints_;
};

} // namespace adjoint_lint::driver
