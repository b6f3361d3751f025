// AD rules of the loop model's value expressions (model::Expr): C renderings
// of the primal value, of the tangent (forward-mode derivative) and of the
// adjoint (reverse-mode) increments. One rule per IR node, the math beside
// it in AdjointRules.cpp. No Clang and no isl types.
#pragma once

#include "model/LoopModel.h"

#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

/// A construct the generator cannot differentiate or regenerate. `line` is
/// the source line of the statement (or loop) it sits in; nothing is
/// written when this is thrown.
class CodegenError : public std::runtime_error {
public:
  CodegenError(const std::string &message, std::string file, unsigned line)
      : std::runtime_error(message), file(std::move(file)), line(line) {}
  std::string file;
  unsigned line;
};

/// Lines of C with indentation.
class CodeWriter {
public:
  void line(const std::string &text);
  void open(const std::string &text);  ///< "text {" and indent
  void close(const std::string &text = "}");
  void middle(const std::string &text); ///< "} else {" between two blocks
  void append(const CodeWriter &other); ///< at the current indentation
  const std::vector<std::string> &lines() const { return lines_; }
  std::string str() const;
  bool empty() const { return lines_.empty(); }

private:
  std::vector<std::string> lines_;
  unsigned indent_ = 0;
};

/// How the accesses of one loop are named in the code being written.
struct ExprContext {
  const model::LoopModel *loop = nullptr;
  /// C lvalue of the access's primal value, e.g. "x[i - 1]" or "acc".
  std::function<std::string(int access)> primal;
  /// Whether the access reads or writes an active (differentiated) value.
  std::function<bool(int access)> active;
  /// C lvalue of the access's adjoint ("xb[i - 1]").
  std::function<std::string(int access)> adjoint;
  /// C lvalue of the access's tangent ("xd[i - 1]").
  std::function<std::string(int access)> tangent;
  /// Accesses whose adjoint increments are left out (another loop makes them).
  std::function<bool(int access)> skip;
  /// A C condition under which increments of this access's adjoint are
  /// atomic (and plain otherwise); "" for none (chunk-boundary atomics).
  std::function<std::string(int access)> atomicIf;
  /// Whether increments of this access's adjoint need `#pragma omp atomic`.
  std::function<bool(int access)> atomic;
  /// Math functions are called by their base names (sin, not sinf): for the
  /// C++ template instantiated with ADOL-C's adouble.
  bool overloadedMath = false;
  /// The type name of adjoint temporaries ("double", "float").
  std::string real = "double";
  /// Where errors point.
  std::string file;
  unsigned line = 0;
  /// Receives the accesses whose primal values the generated derivative
  /// code reads (the reverse sweep needs them restored).
  std::set<int> *valuesRead = nullptr;
  /// Counter for fresh temporaries (shared by one function).
  unsigned *temporaries = nullptr;
  /// The prefix of the temporaries: <temporary><counter> (LoopBody's
  /// GeneratedNames::temporary, "t" where the loop uses no such name).
  std::string temporary = "t";
};

/// Whether `e` reads an active (floating, differentiated) value.
bool isActive(const model::Expr &e, const ExprContext &ctx);

/// C rendering of the value of `e`. Throws CodegenError for constructs that
/// cannot be regenerated (opaque expressions, unknown calls).
std::string primalExpr(const model::Expr &e, const ExprContext &ctx);

/// C rendering of the tangent of `e` (d e = sum of partials times the
/// tangents of its active reads); "" when the tangent is zero.
std::string tangentExpr(const model::Expr &e, const ExprContext &ctx);

/// Writes the adjoint increments of `e` for the seed `seed` (the adjoint of
/// e's value, a C expression): for every active read a, `abar += seed *
/// d e / d a`.
void reverseExpr(const model::Expr &e, const std::string &seed, const ExprContext &ctx,
                 CodeWriter &out);

/// The C spelling of an integer type of the model (model::Expr::type,
/// model::Variable::elementType): the standard integer types as they are,
/// plain `char` as `signed char` or `unsigned char` as on the target
/// (`charSigned`), `_Bool` as `bool` (the generated files include
/// <stdbool.h>); "" for any other type.
std::string integerTypeSpelling(const std::string &type, bool charSigned);

/// Whether a cast converts to an integer type (its value is piecewise
/// constant in its operand: derivative 0).
bool integerCast(const model::Expr &e, const ExprContext &ctx);

/// The forward template's conversion of a value of the number type R to
/// double (ADOL-C's adouble: its value, passive), for integer variables set
/// from floating expressions and casts to integer types; defined in
/// <name>_forward.hpp where the loop needs it.
inline constexpr const char *kTemplateValue = "al_value";

/// A model name as a C identifier: members "g->n" -> "g_n", fresh names
/// "i'" -> "i_1".
std::string cIdentifier(const std::string &name);

/// Name normalisation of the math functions the rules know: "sinf" ->
/// "sin" with isFloat, "__builtin_sin" -> "sin", "max"/"min" -> "fmax"/"fmin".
/// Empty base for unknown functions.
struct MathFunction {
  std::string base;
  bool isFloat = false;
};
MathFunction mathFunction(const std::string &callee);

} // namespace adjoint_lint::codegen
