// The loop body as the generator sees it (docs/codegen.md): whether the loop
// lies in the generator's fragment, each variable's role and C names, the
// statements as a tree (source order, nested in inner loops and guards), and
// the C spelling of the loop's index expressions, conditions, loop headers,
// parameters and locals. Everything else in codegen/ writes code through it.
// No Clang and no isl types.
#pragma once

#include "codegen/AdjointRules.h"
#include "codegen/FreshNames.h"
#include "model/LoopModel.h"
#include "model/Verdicts.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

/// What a generated function computes; its parameters and locals follow.
enum class Mode {
  Forward,         ///< the primal values
  ForwardTemplate, ///< the primal values over the number type R (ADOL-C's adouble)
  Tangent,         ///< every active value with its tangent (x, xd)
  Adjoint          ///< every active value with its adjoint (x, xb)
};

/// How a variable of the loop appears in the generated code.
enum class VariableRole {
  Array,       ///< a shared array: a pointer parameter
  Local,       ///< a private scalar: a local of each iteration
  ScalarInput, ///< a shared floating scalar the loop only reads: a value parameter, passive
  Name         ///< an iterator or an integer parameter: no storage of its own
};

struct VariableCode {
  VariableRole role = VariableRole::Name;
  bool active = false;  ///< differentiated (floating, not a passive scalar input)
  bool written = false; ///< written by the loop
  std::string value;    ///< C name of the value ("x")
  std::string adjoint;  ///< C name of the adjoint ("xb"), active variables only
  std::string tangent;  ///< C name of the tangent ("xd"), active variables only
  std::string length;   ///< C name of the length of a reduced adjoint's section ("len_xb"), active arrays only
  std::string type;     ///< C type of the value (of an element, for arrays)
};

/// The identifiers the generated source introduces besides the adjoints
/// and tangents, each handed out by the loop's FreshNames (docs/codegen.md,
/// names): the base named here where the loop does not use it.
struct GeneratedNames {
  std::string temporary; ///< prefix of the numbered temporaries of the reverse rules ("t": t0, t1, ...)
  std::string sum;       ///< a gather statement's sum of partials ("al_sum")
  std::string tape;      ///< an adjoint iteration's tape ("tape")
  std::string position;  ///< the iteration's position in its chunk ("al_pos")
  std::string edge;      ///< whether it lies at a chunk boundary ("al_edge")
  std::string extent;    ///< the footprint's result, and the reduction's copy of it ("extent")
  std::string ok;        ///< the footprint's status ("ok")
  std::string offset;    ///< the footprint's offset of one access ("o")
  std::string real;      ///< the forward template's number type ("R")
  /// The trip counter of the loop over each iterator (by source name) with
  /// a step other than 1 or -1, reversed ("i_trip").
  std::map<std::string, std::string> trip;
};

/// One node of the body tree: a statement, or a scope (an inner loop or a
/// guard) holding nodes.
struct BodyNode {
  int statement = -1; ///< index into LoopModel::statements, or -1 for a scope
  int scope = -1;     ///< index into LoopModel::scopes, or -1 for a statement
  std::vector<BodyNode> children;
};

class LoopBody {
public:
  /// Checks the fragment, classifies the variables and builds the tree.
  /// Throws CodegenError naming the construct and its line for a loop
  /// outside the fragment (an unproven forward race included).
  LoopBody(const model::LoopModel &loop, const model::LoopVerdicts &verdicts);

  const model::LoopModel &loop() const { return loop_; }
  /// Indexed like LoopModel::variables.
  const VariableCode &variable(int v) const { return variables_.at(static_cast<size_t>(v)); }
  size_t variableCount() const { return variables_.size(); }
  /// C names of the integer parameters: the first parameters of every
  /// generated function, in this order.
  const std::vector<std::string> &integerParameters() const { return integerParameters_; }
  /// Variables passed as passive floating values, after the integer parameters.
  const std::vector<int> &scalarInputs() const { return scalarInputs_; }
  /// Array variables, in model order: the pointer parameters, last.
  const std::vector<int> &arrays() const { return arrays_; }
  /// The body: the root's children, in source order.
  const BodyNode &root() const { return root_; }
  /// The names the generated code introduces (its source and header).
  const GeneratedNames &generated() const { return generated_; }
  /// Whether the loop's least precise floating type is float (a float
  /// array, local or scalar, a cast to float, a float math function): the
  /// numeric check's tolerance.
  bool singlePrecision() const { return singlePrecision_; }
  /// Whether the forward template converts a value of the number type to
  /// double (kTemplateValue): an integer variable set from a floating
  /// expression, a cast of one to an integer type.
  bool templateValue() const { return templateValue_; }
  /// Whether the generated code spells `bool` (a _Bool variable, constant
  /// or cast): the C files include <stdbool.h>.
  bool usesBool() const { return usesBool_; }

  /// The variable a statement assigns.
  int lhsVariable(const model::Statement &s) const;
  /// Adds to `out` the variables that `e` reads (its accesses' variables).
  void readVariables(const model::Expr &e, std::set<int> &out) const;
  /// Whether `scope` (-1: none) lies in an inner loop.
  bool inInnerLoop(int scope) const;
  /// Whether `node` holds a statement assigning one of `only` (any
  /// statement when null).
  bool containsStatement(const BodyNode &node, const std::set<int> *only) const;

  [[noreturn]] void fail(const std::string &what, unsigned line) const;

  // The C spelling of the loop's pieces. They throw CodegenError for what
  // cannot be spelled (non-affine indices, opaque conditions).
  std::string index(const model::IndexExpr &e, unsigned line) const;
  std::string condition(const model::Condition &c, unsigned line) const;
  /// The flat offset of an array access: "(i) * n + j".
  std::string offset(const model::Access &a) const;
  /// The number of elements of an array (the product of its extents), ""
  /// when an extent is unknown.
  std::string extent(int variable) const;
  /// A `for` header over the iterations of `h`, forward or in reverse order.
  std::string loopHeader(const model::LoopHeader &h, bool reversed) const;
  /// The headers of the parallel loops, outermost first.
  std::vector<std::string> parallelHeaders(bool reversed) const;
  /// "#pragma omp parallel for", collapsed over the parallel loops.
  std::string parallelFor() const;
  /// The parameter list of a generated function ("void" when empty).
  std::string signature(Mode mode) const;
  /// "long n, double c, ": the integer parameters and the scalar inputs
  /// with their types, each followed by ", ".
  std::string valueParameters() const;
  /// "n, c, ": the same as call arguments.
  std::string valueArguments() const;
  /// One line declaring the locals of an iteration (with their tangents or
  /// adjoints), zero-initialised.
  void declareLocals(CodeWriter &w, Mode mode) const;
  /// How the accesses are named in C (ExprContext): primal values, adjoints
  /// and tangents; no increment is skipped or atomic.
  ExprContext exprContext(unsigned line) const;
  /// The C lvalue a statement assigns.
  std::string lhsValue(const model::Statement &s) const;

private:
  void checkSupported(const model::LoopVerdicts &verdicts) const;
  void classify();
  void classifyVariable(int k, const std::vector<bool> &written);
  std::string integerType(const model::Variable &v, const char *what);
  void checkNoInPlaceUpdate() const;
  void collectNames(const model::IndexExpr &e);
  void collectNames(const model::Condition &c);
  void buildTree();
  void chooseNames();

  const model::LoopModel &loop_;
  std::vector<VariableCode> variables_;
  std::vector<std::string> integerParameters_;
  std::vector<int> scalarInputs_;
  std::vector<int> arrays_;
  std::set<std::string> iterators_; ///< source names of every iterator (parallel and inner)
  BodyNode root_;
  FreshNames names_;
  GeneratedNames generated_;
  bool singlePrecision_ = false;
  bool templateValue_ = false;
  bool usesBool_ = false;
};

} // namespace adjoint_lint::codegen
