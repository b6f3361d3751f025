#include "codegen/FreshNames.h"

#include <cctype>

namespace adjoint_lint::codegen {

namespace {

/// Whether text[from..] is one or more decimal digits.
bool allDigits(const std::string &text, size_t from) {
  if (from >= text.size())
    return false;
  for (size_t k = from; k < text.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(text[k])))
      return false;
  return true;
}

} // namespace

const std::set<std::string> &FreshNames::reservedNames() {
  static const std::set<std::string> names = {
      // C keywords (C23 included)
      "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
      "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
      "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
      "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
      "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof", "bool",
      "constexpr", "false", "nullptr", "static_assert", "thread_local", "true", "typeof",
      "typeof_unqual",
      // C++ keywords (the forward template and the driver are C++)
      "and", "and_eq", "asm", "bitand", "bitor", "catch", "char8_t", "char16_t", "char32_t", "class",
      "compl", "concept", "consteval", "constinit", "const_cast", "co_await", "co_return", "co_yield",
      "decltype", "delete", "dynamic_cast", "explicit", "export", "friend", "mutable", "namespace", "new",
      "noexcept", "not", "not_eq", "operator", "or", "or_eq", "private", "protected", "public",
      "reinterpret_cast", "requires", "static_cast", "template", "this", "throw", "try", "typeid",
      "typename", "using", "virtual", "wchar_t", "xor", "xor_eq", "final", "override",
      // the runtime (codegen/runtime/)
      "al_min", "al_max", "al_value", "min", "max", "floord", "al_tape", "al_push", "al_pop", "Rng", "checks",
      "passed", "num", "check", "relError",
      // the library the generated code calls
      "sin", "cos", "tan", "exp", "log", "sqrt", "pow", "fabs", "fmin", "fmax", "tanh", "sinf", "cosf",
      "tanf", "expf", "logf", "sqrtf", "powf", "fabsf", "fminf", "fmaxf", "tanhf", "free", "realloc",
      "malloc", "abort", "printf", "snprintf", "size_t", "uint64_t", "INFINITY", "NULL", "main", "std",
      "omp_get_num_procs", "omp_set_num_threads", "omp_default_mem_alloc", "adouble", "trace_on",
      "trace_off", "vec_jac"};
  return names;
}

FreshNames::FreshNames() : used_(reservedNames()) {}

void FreshNames::reserve(const std::string &name) { used_.insert(name); }

bool FreshNames::inFamily(const std::string &name) const {
  for (const std::string &p : families_)
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0 && allDigits(name, p.size()))
      return true;
  return false;
}

bool FreshNames::taken(const std::string &name) const { return used_.count(name) || inFamily(name); }

std::string FreshNames::fresh(const std::string &base) {
  std::string name = base;
  for (unsigned k = 1; taken(name); ++k)
    name = base + "_" + std::to_string(k);
  used_.insert(name);
  return name;
}

std::string FreshNames::freshAmong(const std::vector<std::string> &preferred) {
  for (const std::string &name : preferred)
    if (!taken(name)) {
      used_.insert(name);
      return name;
    }
  return fresh(preferred.back());
}

std::string FreshNames::family(const std::string &base) {
  auto blocked = [this](const std::string &prefix) {
    for (const std::string &u : used_)
      if (u.size() > prefix.size() && u.compare(0, prefix.size(), prefix) == 0 && allDigits(u, prefix.size()))
        return true;
    return inFamily(prefix + "0"); // overlaps a family handed out before
  };
  std::string prefix = base;
  if (prefix.empty() || !std::isalpha(static_cast<unsigned char>(prefix.back())))
    prefix += "t"; // a prefix ending in a letter covers no base_<k> of fresh()
  while (blocked(prefix))
    prefix = "al_" + prefix;
  families_.push_back(prefix);
  return prefix;
}

} // namespace adjoint_lint::codegen
