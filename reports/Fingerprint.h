// Stable identities of findings, for SARIF's partialFingerprints (GitHub
// code scanning tracks alerts across commits by them) and for `--baseline`
// (a finding is new when its fingerprint is not in the old SARIF log).
//
// Scheme "adjointLint/v1" (documented in README.md, "SARIF"): the hex digest
// of a 128-bit hash (two FNV-1a 64 passes with different offsets) of
//
//   rule NUL path NUL function NUL variable NUL line-text [NUL "#" k]
//
// - path: the file relative to the source root (`--sarif-srcroot`, default
//   the current directory), '/'-separated; the lexically normal absolute
//   path for files outside it. Never the absolute path of a file inside the
//   root, so checkouts in different directories agree.
// - function, variable: Finding::function and Finding::variable (the loop's
//   function and the array or scalar concerned; empty when none).
// - line-text: the text of the finding's line with all whitespace removed,
//   so that findings keep their fingerprint when lines above them are
//   added or removed, or the line is re-indented. When the file cannot be
//   read (a --model run) it is "@line N" instead.
// - k: the k-th (k >= 2) finding of a run with the same hash input gets
//   "#k" appended, so that fingerprints within one run are distinct; the
//   first keeps the plain input, so partialFingerprint() of a finding that
//   is alone with its input equals its entry in partialFingerprints().
//
// The message is not part of it: it names witness values, which may change
// with the decider while the defect stays the same.
#pragma once

#include "reports/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::reports {

/// The partialFingerprints key under which SARIF logs carry ours.
inline constexpr const char kFingerprintKey[] = "adjointLint/v1";

/// The fingerprint of one finding, as if it were the only one with its
/// hash input (see above). `srcRoot` may be relative (to the current
/// directory) or empty (the current directory).
std::string partialFingerprint(const Finding &f, const std::string &srcRoot);

/// The fingerprints of all findings of one run, in order, with duplicates
/// told apart by occurrence ("#k"). Use this to compare runs (--baseline).
std::vector<std::string> partialFingerprints(const std::vector<Finding> &findings,
                                             const std::string &srcRoot);

/// `path` relative to `srcRoot`, '/'-separated and lexically normal, when it
/// lies inside it; nullopt otherwise (or for an empty path). Relative paths
/// are taken relative to the current directory.
std::optional<std::string> relativeToSrcRoot(const std::string &path, const std::string &srcRoot);

/// The lexically normal absolute form of `path` (relative to the current
/// directory), '/'-separated.
std::string absolutePath(const std::string &path);

} // namespace adjoint_lint::reports
