// The loop model: adjoint-lint's own small IR of one OpenMP parallel loop.
//
// It holds no Clang and no isl types. The front end (analyzer/) fills it from
// the Clang AST; the deciders (polyhedral/) read it; it serialises to and from
// JSON (`--dump-model`) so the deciders are tested without Clang.
//
// Conventions
// - Every name of an integer variable used in an IndexExpr is either an
//   iterator (of a parallel loop in `iterators` or of an inner loop scope) or
//   a parameter listed in `parameters` (an integer that the loop does not
//   modify: function arguments, globals, locals defined before the loop).
//   Macro constants arrive already folded to `Const`.
// - Division and remainder are C's: truncating toward zero.
// - Anything the front end cannot express exactly becomes `Opaque` (an index
//   expression or a condition) carrying the reason and the source text; the
//   deciders then over-approximate and never claim a proof that depends on it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::model {

struct SourceRange {
  std::string file;
  unsigned line = 0, column = 0;       ///< 1-based start
  unsigned endLine = 0, endColumn = 0; ///< 1-based, inclusive last character
};

/// Why an expression or condition is Opaque, as data; the reason is its
/// wording for people.
enum class OpaqueKind {
  Other,
  /// It reads an array element that the deciders cannot treat as a function
  /// of the iteration ("data-dependent subscript idx[i]", or an ArrayRead
  /// made opaque by opaqueArrayReads).
  DataDependent,
};

/// An integer expression: subscripts, loop bounds, guard operands.
struct IndexExpr {
  /// ArrayRead: the value of an element of an integer array that the loop
  /// does not write (an index array: `perm[i]`, `rowptr[i + 1]`, `col[k]`);
  /// `name` is the array (a variable of the loop), `ops` its subscripts.
  /// The front end makes it Opaque when the loop writes the array or the
  /// array may alias one that the loop writes.
  enum class Kind { Const, Var, Add, Sub, Mul, Div, Mod, Neg, Min, Max, Opaque, ArrayRead };
  Kind kind = Kind::Const;
  int64_t value = 0;          ///< Const
  std::string name;           ///< Var: an iterator or a parameter; ArrayRead: the array
  std::vector<IndexExpr> ops; ///< operands: two for binary kinds, one for Neg; ArrayRead: subscripts
  std::string reason;         ///< Opaque: why it cannot be analysed
  std::string text;           ///< Opaque: the source text
  OpaqueKind opaqueKind = OpaqueKind::Other; ///< Opaque
  /// Opaque, DataDependent: why the array read is not a function the
  /// deciders may use, where opaqueArrayReads said (e.g. "perm is written in
  /// the loop, in perm[i]"); empty otherwise.
  std::string dataDependence;

  static IndexExpr constant(int64_t v);
  static IndexExpr var(std::string name);
  static IndexExpr binary(Kind k, IndexExpr a, IndexExpr b);
  static IndexExpr neg(IndexExpr a);
  static IndexExpr opaque(std::string reason, std::string text, OpaqueKind kind = OpaqueKind::Other);
  /// An array read made opaque because `why` (opaqueArrayReads): the reason
  /// reads "data-dependent: WHY, in TEXT".
  static IndexExpr dataDependent(const std::string &why, std::string text);
  static IndexExpr arrayRead(std::string array, std::vector<IndexExpr> subscripts);

  bool isOpaque() const; ///< true if this or any operand is Opaque
  /// true if this or any operand is an ArrayRead (data-dependent, outside
  /// isl's fragment; Z3 decides with the array as a function)
  bool readsArray() const;
  /// The index arrays this expression reads, sorted, without repetition.
  std::vector<std::string> arraysRead() const;
  std::string str() const; ///< C-like rendering, for messages
};

/// A boolean condition over integers: `if` guards and ternary conditions.
struct Condition {
  enum class Kind { Cmp, And, Or, Not, True, Opaque };
  enum class Op { LT, LE, GT, GE, EQ, NE };
  Kind kind = Kind::True;
  Op op = Op::LT;                  ///< Cmp
  std::vector<IndexExpr> operands; ///< Cmp: lhs, rhs
  std::vector<Condition> children; ///< And/Or: two or more; Not: one
  std::string reason, text;        ///< Opaque
  OpaqueKind opaqueKind = OpaqueKind::Other; ///< Opaque
  std::string dataDependence;      ///< Opaque, DataDependent: as IndexExpr's

  bool isOpaque() const;
  std::string str() const;
};

/// One counted loop: `for (it = lower; it OP bound; it += step)`.
/// `step` is a nonzero constant; `op` is how the iterator is compared with
/// `bound` (`!=` is normalised by the front end to `<` or `>` for steps of 1
/// and -1).
struct LoopHeader {
  std::string iterator;
  IndexExpr lower;
  Condition::Op op = Condition::Op::LT;
  IndexExpr bound;
  int64_t step = 1;
  SourceRange range; ///< the `for` statement
};

/// An inner loop or a guard inside one iteration of the parallel loop.
/// Scopes form a tree through `parent` (-1: directly in the loop body).
struct Scope {
  enum class Kind { Loop, Guard };
  Kind kind = Kind::Loop;
  int parent = -1;
  LoopHeader loop;    ///< Loop
  Condition guard;    ///< Guard: the condition under which the body runs
  SourceRange range;
};

enum class Sharing { Shared, Private, FirstPrivate, LastPrivate, Reduction };

/// A variable the loop reads or writes: an array (rank >= 1, also a pointer
/// used as an array, a std::vector, a std::array) or a scalar (rank 0).
struct Variable {
  std::string name;
  std::string elementType; ///< "double", "float", "int", ...
  bool floating = false;   ///< element type is a floating-point type
  unsigned rank = 0;
  /// Extent of each dimension, outermost first; nullopt where unknown (a
  /// pointer's or a parameter array's first dimension). Used to map
  /// subscripts to memory offsets (writes past a row's end alias the next row).
  std::vector<std::optional<IndexExpr>> extents;
  bool isPointer = false;  ///< a pointer (or pointer parameter) used as an array
  /// Each row is an object of its own (std::vector of std::vector, `double **`):
  /// elements are identified by their subscript tuple, not by a memory offset,
  /// and rows are assumed not to overlap (an assumption the report lists).
  bool separateRows = false;
  bool isParameter = false;///< a function parameter
  Sharing sharing = Sharing::Shared;
  std::string reductionOp; ///< Sharing::Reduction: "+", "*", "max", ...
  SourceRange declRange;
};

enum class AccessKind { Read, Write };
enum class Sync { None, Atomic, Critical, Reduction };

/// One array element or scalar access at one source location.
struct Access {
  int variable = -1;  ///< index into LoopModel::variables
  AccessKind kind = AccessKind::Read;
  std::vector<IndexExpr> subscripts; ///< one per dimension (empty for scalars)
  int scope = -1;     ///< innermost enclosing Scope (-1: the loop body)
  Sync sync = Sync::None;
  std::string syncName; ///< the name of a named `critical`
  SourceRange range;
  std::string text;   ///< the access's source text, e.g. "x[i + 1]"
};

/// A value expression (right-hand sides), for the adjoint generator.
struct Expr {
  enum class Kind { FloatConst, IntConst, Access, Unary, Binary, Call, Conditional, Cast, Opaque };
  /// The unary and binary operators of C and C++ that the front end keeps
  /// (every one but assignments and the comma), spelt by toString(Op):
  /// Plus and Minus are unary or binary by the expression's kind; LNot and
  /// BitNot are unary only.
  enum class Op {
    Plus, Minus, Mul, Div, Rem,          ///< + - * / %
    Shl, Shr,                            ///< << >>
    ThreeWay,                            ///< <=>
    LT, GT, LE, GE, EQ, NE,              ///< < > <= >= == !=
    BitAnd, BitXor, BitOr, LAnd, LOr,    ///< & ^ | && ||
    LNot, BitNot,                        ///< ! ~
    PtrMemD, PtrMemI,                    ///< .* ->*
  };
  Kind kind = Kind::Opaque;
  double floatValue = 0;
  int64_t intValue = 0;
  int access = -1;            ///< Access: index into LoopModel::accesses
  Op op = Op::Plus;           ///< Unary/Binary
  std::string callee;         ///< Call: the function's name (or the callee's text)
  std::string castType;       ///< Cast: the type as written, e.g. "double"
  /// IntConst, Cast: the C type of the value (the literal's, with its
  /// suffix: "unsigned int" for `1u`; the cast's), canonical: typedefs
  /// resolved, an enumeration as its integer type, plain `char` as "char"
  /// (LoopModel::charSigned says which); empty where unknown (int).
  std::string type;
  std::vector<Expr> operands; ///< Conditional: cond, then, else
  Condition condition;        ///< Conditional over integers, if representable
  std::string text;           ///< the source text
};

/// One assignment `lhs op rhs`; the front end rewrites other compound
/// assignments (`x %= e`) as `x = x % e`.
struct Statement {
  enum class Op { Assign, AddAssign, SubAssign, MulAssign, DivAssign }; ///< = += -= *= /=
  int lhs = -1; ///< the write Access
  Op op = Op::Assign;
  Expr rhs;
  int scope = -1;
  SourceRange range;
};

/// An OpenMP loop schedule's kind; None: no schedule clause.
enum class Schedule { None, Static, Dynamic, Guided, Auto, Runtime };

struct Clauses {
  std::vector<std::string> privates, firstprivates, lastprivates, shared;
  struct Reduction {
    std::string op;
    std::vector<std::string> vars;
  };
  std::vector<Reduction> reductions;
  std::string defaultSharing; ///< "", "shared", "none", "private", "firstprivate"
  Schedule schedule = Schedule::None;
  std::optional<int64_t> chunk;
  unsigned collapse = 1;
  bool nowait = false;
};

/// Something in the loop the front end could not model. Every decision that
/// it may affect becomes `unknown` with this reason. Code tests the kind,
/// never the reason's text (which is for people).
struct Unsupported {
  enum class Kind {
    Other,             ///< anything else (and models read from JSON)
    Clause,            ///< a clause of the directive (`ordered`)
    Directive,         ///< an OpenMP directive inside the loop
    Statement,         ///< a statement not modelled (while, switch, a jump out of the body)
    LoopForm,          ///< the parallel or an inner loop's form, collapse nesting
    Alias,             ///< a variable may alias another, or is reached through modified storage
    IteratorModified,  ///< a loop iterator is written in the loop body
    Member,            ///< a member access or a pointer member reassigned
    Pointer,           ///< pointer use: dereference, arithmetic, cast, outside a subscript
    AddressTaken,      ///< the address of shared data is taken
    Write,             ///< a write or update through something not modelled
    Call,              ///< a call, constructor or overloaded operator that may access shared memory
    Expression,        ///< an access or expression not modelled
  };
  Kind kind = Kind::Other;
  std::string reason;
  SourceRange range;
  int variable = -1; ///< the variable it concerns, or -1 for all
};

/// A fact about index arrays or parameters that proofs may use
/// (docs/assumptions.md), declared by the user (`#pragma adjoint_lint
/// assume(...)` or the config file's `Assumptions`). The text form is the
/// syntax inside `assume(...)`: `injective(perm)`, `injective(src, dst)`
/// (the elements of src and dst the loop reads are pairwise distinct),
/// `nondecreasing(rowptr)`, `increasing(idx)`, or an integer condition over
/// parameters (`s > 0`). Array facts speak of the elements the loop reads.
struct Fact {
  enum class Kind { Injective, NonDecreasing, Increasing, Condition };
  Kind kind = Kind::Condition;
  /// Injective: one or more arrays; NonDecreasing / Increasing: one
  std::vector<std::string> arrays;
  /// Where it comes from: the user's pragma or config file, or the program
  /// context (the conditions under which the loop runs, from the front end).
  enum class Origin { Pragma, Config, Context };
  Condition condition; ///< Condition
  Origin origin = Origin::Pragma;
  /// As the user wrote it, when the front end put in the values of the
  /// constants it names (`s > 0` with `const int s = 0` is `0 > 0`).
  std::string written;
  SourceRange range;   ///< where it was declared (pragma), if anywhere

  std::string str() const; ///< the text form, e.g. "injective(perm)"
  /// The names the fact is about: the array, or the condition's names.
  std::vector<std::string> names() const;
};

/// Parses the text form of one fact; nullopt with `error` set (a phrase
/// such as "unknown fact 'foo(x)'") when it is malformed.
std::optional<Fact> parseFact(const std::string &text, std::string &error);

struct LoopModel {
  std::string id;        ///< "file.c:LINE:COL"
  SourceRange range;     ///< the `#pragma omp` directive
  std::string function;
  std::string directive; ///< "parallel for", "for", "simd", ...; "parallel" for replicated code
  /// Empty for an OpenMP loop directive. "replicated": the code of a
  /// parallel region outside its worksharing constructs, between two
  /// barriers, which every thread runs (plain loops included); the parallel
  /// dimension is then the synthetic thread id kThreadIterator in
  /// [0, kThreadCount). "simd-in-region": the same, where that code starts
  /// with a `simd` loop (every thread runs every iteration).
  std::string construct;
  std::vector<std::string> parameters;
  std::vector<LoopHeader> iterators; ///< parallel (collapsed) loops, outermost first
  std::vector<Scope> scopes;
  std::vector<Variable> variables;
  std::vector<Access> accesses;
  std::vector<Statement> statements;
  Clauses clauses;
  std::vector<std::string> assumptions;
  /// User-declared facts in scope at this loop (docs/assumptions.md); the
  /// deciders list those a proof used among the verdicts' assumptions.
  std::vector<Fact> facts;
  std::vector<Unsupported> unsupported;
  std::string sourceText; ///< the loop's source text, pragma included
  /// Whether plain `char` is signed on the target the loop was compiled
  /// for (the generator spells it `signed char` or `unsigned char`).
  bool charSigned = true;

  int findVariable(const std::string &name) const;
  /// Whether access `k` is the read half of an update `y[e] += f` or
  /// `y[e] -= f` (the same variable, scope, subscripts and source range as
  /// the update's left side): its partial derivative is 1, so the adjoint
  /// leaves the adjoint of y[e] as it is and increments nothing. The
  /// deciders do not count such reads against the exclusive-read property.
  bool isUpdateReadHalf(int k) const;
  /// The scopes enclosing `scope`, outermost first, `scope` included.
  std::vector<int> scopeChain(int scope) const;
};

/// Replaces every ArrayRead of an array for which `why` returns a reason
/// (the loop writes it, it may alias an array the loop writes) by an Opaque
/// carrying that reason, in subscripts, loop headers, guards, extents and
/// the conditions of value expressions.
void opaqueArrayReads(LoopModel &loop,
                      const std::function<std::optional<std::string>(const std::string &array)> &why);

/// The synthetic names of a replicated model (LoopModel::construct): the
/// thread id (`omp_get_thread_num()`) and the number of threads
/// (`omp_get_num_threads()`); the omp_ prefix is reserved to OpenMP, so no
/// program variable has them.
inline constexpr const char *kThreadIterator = "omp_thread";
inline constexpr const char *kThreadCount = "omp_num_threads";

/// A translation unit's worth of loops plus front-end problems.
struct ModelFile {
  std::vector<LoopModel> loops;
};

/// Whether each thread has its own copy of `v` (private, firstprivate,
/// lastprivate).
bool privatised(const Variable &v);
/// Whether accesses `a` and `b` run under one lock: both atomic, or both in
/// one named critical section.
bool synchronisedPair(const Access &a, const Access &b);
/// The source text of access `k` (the variable's name where it has none).
std::string accessText(const LoopModel &loop, int k);

const char *toString(Condition::Op op);
const char *toString(Sharing s);
const char *toString(AccessKind k);
const char *toString(Sync s);

/// The spellings of the model's enums (as C writes an operator, as OpenMP
/// and the JSON form spell the rest) and back; each enum's one definition,
/// used by the JSON form, the generator and the reports.
const char *toString(IndexExpr::Kind k); ///< operators: "+", "-", "*", "/", "%", "neg", "min", "max"; "" for the rest
const char *toString(Expr::Op op);      ///< "+", "-", "*", ..., "!", "~"
const char *toString(Statement::Op op); ///< "=", "+=", "-=", "*=", "/="
const char *toString(Schedule s);       ///< "", "static", "dynamic", "guided", "auto", "runtime"
const char *toString(Fact::Origin o);   ///< "pragma", "config", "context"
std::optional<IndexExpr::Kind> indexOperatorFromString(const std::string &s); ///< the operators only
std::optional<Expr::Op> exprOpFromString(const std::string &s);
std::optional<Statement::Op> statementOpFromString(const std::string &s);
std::optional<Schedule> scheduleFromString(const std::string &s);
std::optional<Fact::Origin> factOriginFromString(const std::string &s);

} // namespace adjoint_lint::model
