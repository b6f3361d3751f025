// Writing report files without ever leaving a half-written one: the
// contents go to a temporary file next to the target, which is renamed over
// it only once complete (rename is atomic within a file system). A reader
// sees the old file or the new one, never a truncated one; on any error the
// target is untouched and the temporary removed.
#pragma once

#include <string>

namespace adjoint_lint::support {

/// Writes `contents` to `path` atomically. Returns false and sets `error`
/// ("cannot write 'PATH': REASON") on failure.
bool writeFileAtomically(const std::string &path, const std::string &contents, std::string &error);

/// Creates `dir` and its missing parents. Returns false and sets `error` on
/// failure (also when `dir` exists but is not a directory).
bool makeDirectories(const std::string &dir, std::string &error);

} // namespace adjoint_lint::support
