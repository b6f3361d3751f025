// --shard=K/N: a deterministic split of the input files for CI matrices.
// Shard K of N holds the files whose path hash is K-1 modulo N: the N
// shards of one file list are disjoint, cover it, and do not depend on the
// list's order, so N jobs running the same command with K = 1..N analyse
// every file exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace adjoint_lint::driver {

struct Shard {
  unsigned index = 1; ///< K, 1-based
  unsigned count = 1; ///< N
};

/// Parses "K/N" with 1 <= K <= N; nullopt for anything else.
std::optional<Shard> parseShard(const std::string &text);

/// The 64-bit FNV-1a hash of `path`'s bytes (stable across runs and
/// machines).
std::uint64_t pathHash(const std::string &path);

/// Whether the file named `key` (its path relative to the working
/// directory, see shardKey) belongs to `shard`.
bool inShard(const std::string &key, const Shard &shard);

/// The name a file is sharded by: its path relative to `workingDirectory`
/// when it lies inside it, else its absolute path; `.` and `..` removed.
/// CI jobs that run from the checkout's root agree on it wherever the
/// checkout is.
std::string shardKey(const std::string &file, const std::string &workingDirectory);

} // namespace adjoint_lint::driver
