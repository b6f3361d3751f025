#include "tools/adjoint-lint/Shard.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Path.h>

namespace adjoint_lint::driver {

std::optional<Shard> parseShard(const std::string &text) {
  llvm::StringRef k, n;
  std::tie(k, n) = llvm::StringRef(text).split('/');
  Shard shard;
  // getAsInteger is true on failure; it rejects signs, spaces and trailers.
  if (k.empty() || n.empty() || k.getAsInteger(10, shard.index) || n.getAsInteger(10, shard.count))
    return std::nullopt;
  if (shard.count == 0 || shard.index == 0 || shard.index > shard.count)
    return std::nullopt;
  return shard;
}

std::uint64_t pathHash(const std::string &path) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool inShard(const std::string &key, const Shard &shard) {
  return pathHash(key) % shard.count == shard.index - 1;
}

std::string shardKey(const std::string &file, const std::string &workingDirectory) {
  llvm::SmallString<256> abs(file);
  if (llvm::sys::path::is_relative(abs)) {
    llvm::SmallString<256> joined(workingDirectory);
    llvm::sys::path::append(joined, file);
    abs = joined;
  }
  llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
  llvm::SmallString<256> root(workingDirectory);
  llvm::sys::path::remove_dots(root, /*remove_dot_dot=*/true);
  llvm::StringRef path = abs;
  if (!root.empty() && path.starts_with(root) && path.size() > root.size() &&
      llvm::sys::path::is_separator(path[root.size()]))
    return path.drop_front(root.size() + 1).str();
  return path.str();
}

} // namespace adjoint_lint::driver
