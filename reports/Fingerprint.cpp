#include "reports/Fingerprint.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace adjoint_lint::reports {

namespace fs = std::filesystem;

namespace {

/// FNV-1a, 64 bit, from `basis`.
uint64_t fnv1a(const std::string &data, uint64_t basis) {
  uint64_t h = basis;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string hex128(const std::string &data) {
  // The standard offset basis, and a second one for the other half.
  uint64_t a = fnv1a(data, 0xcbf29ce484222325ULL);
  uint64_t b = fnv1a(data, 0x84222325cbf29ce4ULL);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

/// The lines of the files read so far (fingerprints of one run usually hit
/// the same few files). Guarded: findings may be fingerprinted from threads.
std::mutex cacheMutex;
std::map<std::string, std::optional<std::vector<std::string>>> lineCache;

std::optional<std::string> sourceLine(const std::string &file, unsigned line) {
  if (file.empty() || line == 0)
    return std::nullopt;
  std::lock_guard<std::mutex> lock(cacheMutex);
  auto it = lineCache.find(file);
  if (it == lineCache.end()) {
    std::optional<std::vector<std::string>> lines;
    std::ifstream in(file, std::ios::binary);
    if (in) {
      lines.emplace();
      std::string l;
      while (std::getline(in, l))
        lines->push_back(l);
    }
    it = lineCache.emplace(file, std::move(lines)).first;
  }
  if (!it->second || line > it->second->size())
    return std::nullopt;
  return (*it->second)[line - 1];
}

std::string withoutWhitespace(const std::string &s) {
  std::string out;
  for (unsigned char c : s)
    if (!std::isspace(c))
      out += static_cast<char>(c);
  return out;
}

std::string hashInput(const Finding &f, const std::string &srcRoot) {
  std::string path;
  if (std::optional<std::string> rel = relativeToSrcRoot(f.loc.file, srcRoot))
    path = *rel;
  else if (!f.loc.file.empty())
    path = absolutePath(f.loc.file);
  std::string text;
  if (std::optional<std::string> line = sourceLine(f.loc.file, f.loc.line))
    text = withoutWhitespace(*line);
  else
    text = "@line " + std::to_string(f.loc.line);
  std::string in;
  for (const std::string *part : {&f.rule, static_cast<const std::string *>(&path), &f.function, &f.variable}) {
    in += *part;
    in += '\0';
  }
  in += text;
  // Input errors have no rule: their message is what tells them apart.
  if (f.rule.empty()) {
    in += '\0';
    in += f.message;
  }
  return in;
}

} // namespace

std::string absolutePath(const std::string &path) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  if (ec)
    p = fs::path(path);
  return p.lexically_normal().generic_string();
}

std::optional<std::string> relativeToSrcRoot(const std::string &path, const std::string &srcRoot) {
  if (path.empty())
    return std::nullopt;
  fs::path file(absolutePath(path));
  fs::path root(absolutePath(srcRoot.empty() ? std::string(".") : srcRoot));
  fs::path rel = file.lexically_relative(root);
  if (rel.empty())
    return std::nullopt;
  std::string s = rel.generic_string();
  if (s == "." || s == ".." || s.rfind("../", 0) == 0)
    return std::nullopt;
  return s;
}

std::string partialFingerprint(const Finding &f, const std::string &srcRoot) {
  return hex128(hashInput(f, srcRoot));
}

std::vector<std::string> partialFingerprints(const std::vector<Finding> &findings,
                                             const std::string &srcRoot) {
  std::vector<std::string> out;
  std::map<std::string, unsigned> seen;
  for (const Finding &f : findings) {
    std::string in = hashInput(f, srcRoot);
    unsigned k = ++seen[in];
    if (k > 1) {
      in += '\0';
      in += "#" + std::to_string(k);
    }
    out.push_back(hex128(in));
  }
  return out;
}

} // namespace adjoint_lint::reports
