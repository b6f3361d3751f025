#include "tools/adjoint-lint/Nolint.h"

#include "tools/adjoint-lint/GlobList.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace adjoint_lint::driver {
namespace {

enum class Kind { Line, NextLine, Begin, End };

struct Marker {
  Kind kind;
  unsigned line, column;
  bool allRules;     ///< no parentheses
  std::string globs; ///< the text inside the parentheses
};

/// The markers on one line of text (1-based `line`).
void scanLine(const std::string &text, unsigned line, std::vector<Marker> &out) {
  static const std::pair<const char *, Kind> kinds[] = {{"NOLINTNEXTLINE", Kind::NextLine},
                                                        {"NOLINTBEGIN", Kind::Begin},
                                                        {"NOLINTEND", Kind::End},
                                                        {"NOLINT", Kind::Line}};
  size_t at = 0;
  while ((at = text.find("NOLINT", at)) != std::string::npos) {
    size_t start = at;
    size_t end = at;
    bool known = false;
    Kind kind = Kind::Line;
    for (const auto &[word, k] : kinds) {
      size_t n = std::char_traits<char>::length(word);
      if (text.compare(at, n, word) == 0) {
        end = at + n;
        kind = k;
        known = true;
        break;
      }
    }
    at = start + 6;
    // NOLINTFOO is no marker.
    if (!known || (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                         text[end] == '_')))
      continue;
    Marker m{kind, line, static_cast<unsigned>(start + 1), true, ""};
    if (end < text.size() && text[end] == '(') {
      size_t close = text.find(')', end + 1);
      if (close != std::string::npos) {
        m.allRules = false;
        m.globs = text.substr(end + 1, close - end - 1);
        at = close + 1;
      }
    }
    out.push_back(std::move(m));
  }
}

std::string describe(const Marker &m) {
  return m.allRules ? std::string() : "(" + m.globs + ")";
}

} // namespace

NolintIndex::NolintIndex(const std::string &text) {
  std::vector<Marker> markers;
  unsigned line = 1;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos)
      end = text.size();
    scanLine(text.substr(begin, end - begin), line, markers);
    if (end == text.size())
      break;
    begin = end + 1;
    ++line;
  }

  std::vector<Marker> open; // NOLINTBEGINs waiting for their NOLINTEND
  for (const Marker &m : markers) {
    switch (m.kind) {
    case Kind::Line:
      scopes_.push_back({m.line, m.line, m.allRules, m.globs});
      break;
    case Kind::NextLine:
      scopes_.push_back({m.line + 1, m.line + 1, m.allRules, m.globs});
      break;
    case Kind::Begin:
      open.push_back(m);
      break;
    case Kind::End: {
      auto match = open.rend();
      for (auto it = open.rbegin(); it != open.rend(); ++it)
        if (it->allRules == m.allRules && it->globs == m.globs) {
          match = it;
          break;
        }
      if (match == open.rend()) {
        problems_.push_back({m.line, m.column,
                             "unmatched 'NOLINTEND" + describe(m) +
                                 "' comment without a previous 'NOLINTBEGIN" + describe(m) +
                                 "' comment"});
        break;
      }
      scopes_.push_back({match->line, m.line, match->allRules, match->globs});
      open.erase(std::next(match).base());
      break;
    }
    }
  }
  for (const Marker &m : open)
    problems_.push_back({m.line, m.column,
                         "unmatched 'NOLINTBEGIN" + describe(m) +
                             "' comment without a subsequent 'NOLINTEND" + describe(m) +
                             "' comment"});
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const NolintProblem &a, const NolintProblem &b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
}

bool NolintIndex::suppresses(const std::string &rule, unsigned line) const {
  for (const Scope &s : scopes_)
    if (s.first <= line && line <= s.last && (s.allRules || GlobList(s.globs).contains(rule)))
      return true;
  return false;
}

} // namespace adjoint_lint::driver
