#include "tools/adjoint-lint/GlobList.h"

namespace adjoint_lint::driver {
namespace {

std::string trimmed(const std::string &s) {
  const char *space = " \t\r\n";
  size_t b = s.find_first_not_of(space);
  if (b == std::string::npos)
    return "";
  size_t e = s.find_last_not_of(space);
  return s.substr(b, e - b + 1);
}

} // namespace

GlobList::GlobList(const std::string &globs) {
  size_t start = 0;
  while (start <= globs.size()) {
    size_t end = globs.find_first_of(",\n", start);
    if (end == std::string::npos)
      end = globs.size();
    std::string glob = trimmed(globs.substr(start, end - start));
    start = end + 1;
    if (glob.empty())
      continue;
    bool positive = glob[0] != '-';
    if (!positive)
      glob = trimmed(glob.substr(1));
    if (!glob.empty())
      items_.push_back({positive, glob});
  }
}

bool GlobList::contains(const std::string &name) const {
  for (auto it = items_.rbegin(); it != items_.rend(); ++it)
    if (globMatches(it->pattern, name))
      return it->positive;
  return false;
}

bool globMatches(const std::string &pattern, const std::string &name) {
  // Greedy matching with backtracking to the last `*`.
  size_t p = 0, n = 0, star = std::string::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

} // namespace adjoint_lint::driver
