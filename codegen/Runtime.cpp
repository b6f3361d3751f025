#include "codegen/Runtime.h"

namespace adjoint_lint::codegen {

namespace {
// index_minmax_h, isl_bounds_h, tape_h, verify_hpp (codegen/CMakeLists.txt).
#include "codegen/RuntimeFiles.inc"
} // namespace

std::string_view runtimeText(RuntimeFile file) {
  switch (file) {
  case RuntimeFile::IndexMinMax: return index_minmax_h;
  case RuntimeFile::IslBounds: return isl_bounds_h;
  case RuntimeFile::Tape: return tape_h;
  case RuntimeFile::VerifyChecks: return verify_hpp;
  }
  return {};
}

void writeRuntime(CodeWriter &w, RuntimeFile file) {
  std::string_view text = runtimeText(file);
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    w.line(std::string(text.substr(start, end - start)));
    start = end + 1;
  }
}

} // namespace adjoint_lint::codegen
