// A finding: one warning (or error, or note) plus the notes that explain it,
// as clang-tidy shows them. The reports/ layer builds findings from loop
// models and verdicts and formats every message; renderers (the Clang text
// printer in analyzer/, JSON, ...) only place them.
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::reports {

enum class Level { Note, Warning, Error };

struct Location {
  std::string file;
  unsigned line = 0, column = 0;       ///< 1-based; 0 when unknown
  unsigned endLine = 0, endColumn = 0; ///< 1-based, inclusive; 0 when unknown
};

struct Note {
  Location loc;
  std::string message;
};

struct Finding {
  std::string rule; ///< e.g. "adjoint-lint-forward-race"; empty for input errors
  Level level = Level::Warning;
  Location loc;
  std::string message;
  std::vector<Note> notes;
  std::string loopId; ///< the loop it concerns, if any
};

const char *levelName(Level l); ///< "note" | "warning" | "error"

} // namespace adjoint_lint::reports
