// AST -> LoopModel. One DirectiveFinder walks the translation unit and hands
// every supported OpenMP loop directive to a LoopLowerer, which fills one
// model::LoopModel: iterators, scopes, variables with their data sharing,
// accesses, statements, clauses, assumptions and what it could not model.
#include "analyzer/LoopLowering.h"
#include "analyzer/Assumptions.h"

#include "model/ModelJson.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclOpenMP.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/OpenMPClause.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtOpenMP.h>
#include <clang/AST/StmtVisitor.h>
#include <clang/Basic/OpenMPKinds.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Regex.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>

namespace adjoint_lint::analyzer {
namespace {

using namespace clang;
namespace m = adjoint_lint::model;
using Why = m::Unsupported::Kind; ///< the kind of an unsupported construct

// ---------------------------------------------------------------------------
// Source locations and text

class Locator {
public:
  Locator(ASTContext &ctx, std::string displayFile)
      : sm_(ctx.getSourceManager()), lo_(ctx.getLangOpts()), file_(std::move(displayFile)) {}

  m::SourceRange range(clang::SourceRange r) const {
    m::SourceRange out;
    CharSourceRange cr = sm_.getExpansionRange(r);
    SourceLocation b = cr.getBegin(), e = cr.getEnd();
    if (b.isInvalid())
      return out;
    PresumedLoc pb = sm_.getPresumedLoc(b);
    if (pb.isInvalid())
      return out;
    out.file = sm_.isInMainFile(b) ? file_ : headerName(b, pb);
    out.line = pb.getLine();
    out.column = pb.getColumn();
    if (e.isValid()) {
      PresumedLoc pe = sm_.getPresumedLoc(e);
      unsigned len = cr.isTokenRange() ? Lexer::MeasureTokenLength(e, sm_, lo_) : 0;
      out.endLine = pe.getLine();
      out.endColumn = pe.getColumn() + (len ? len - 1 : 0);
      if (!cr.isTokenRange() && out.endColumn > 1)
        out.endColumn -= 1;
    }
    return out;
  }

  std::string text(clang::SourceRange r) const {
    CharSourceRange cr = sm_.getExpansionRange(r);
    bool invalid = false;
    StringRef t = Lexer::getSourceText(cr, sm_, lo_, &invalid);
    return invalid ? std::string() : t.str();
  }

  /// Text from `b` to the end of the token at `e`.
  std::string text(SourceLocation b, SourceLocation e) const {
    return text(clang::SourceRange(b, e));
  }

  bool inMainFile(SourceLocation l) const { return sm_.isInMainFile(sm_.getExpansionLoc(l)); }

  /// Whether `l` (its expansion) lies in a system header.
  bool inSystemHeader(SourceLocation l) const {
    return sm_.isInSystemHeader(sm_.getExpansionLoc(l));
  }

  /// The name an included file is reported under: its real path, relative
  /// to the current directory when it lies inside it (clang-tidy prints the
  /// name the include resolved to; a compile command's own directory would
  /// make that name unreadable from here). `#line` names stay as written.
  std::string headerName(SourceLocation expansion) const {
    return headerName(expansion, sm_.getPresumedLoc(expansion));
  }

  /// True if `l` lies inside `r` (token range, expansion locations).
  bool contains(clang::SourceRange r, SourceLocation l) const {
    SourceLocation b = sm_.getExpansionLoc(r.getBegin()), e = sm_.getExpansionLoc(r.getEnd());
    l = sm_.getExpansionLoc(l);
    if (b.isInvalid() || e.isInvalid() || l.isInvalid())
      return false;
    return !sm_.isBeforeInTranslationUnit(l, b) && !sm_.isBeforeInTranslationUnit(e, l);
  }

  const std::string &file() const { return file_; }

  /// The `#pragma omp ...` line: Clang's directive end is the end of the
  /// line (one past its last character).
  m::SourceRange pragmaRange(const OMPExecutableDirective *d) const {
    m::SourceRange out = range(clang::SourceRange(d->getBeginLoc(), d->getBeginLoc()));
    PresumedLoc pe = sm_.getPresumedLoc(sm_.getExpansionLoc(d->getEndLoc()));
    if (pe.isValid()) {
      out.endLine = pe.getLine();
      out.endColumn = pe.getColumn() > 1 ? pe.getColumn() - 1 : 1;
    }
    return out;
  }

  /// The end of statement `s`, its terminating `;` included.
  SourceLocation stmtEnd(const Stmt *s) const {
    SourceLocation e = s->getEndLoc();
    if (isa<CompoundStmt>(s) || e.isMacroID())
      return e;
    std::optional<Token> next = Lexer::findNextToken(e, sm_, lo_);
    if (next && next->is(tok::semi))
      return next->getLocation();
    return e;
  }

private:
  std::string headerName(SourceLocation expansion, const PresumedLoc &p) const {
    FileID id = sm_.getFileID(expansion);
    OptionalFileEntryRef entry = sm_.getFileEntryRefForID(id);
    StringRef presumed = p.getFilename();
    // A #line directive's name is what the user asked for.
    if (!entry || presumed != entry->getName())
      return presumed.str();
    auto cached = headerNames_.find(id.getHashValue());
    if (cached != headerNames_.end())
      return cached->second;
    std::string name = presumed.str();
    StringRef real = entry->getFileEntry().tryGetRealPathName();
    llvm::SmallString<256> cwd;
    if (!real.empty()) {
      name = real.str();
      if (!llvm::sys::fs::current_path(cwd) && real.starts_with(cwd) && real.size() > cwd.size() &&
          llvm::sys::path::is_separator(real[cwd.size()]))
        name = real.drop_front(cwd.size() + 1).str();
    }
    headerNames_.emplace(id.getHashValue(), name);
    return name;
  }

  mutable std::map<unsigned, std::string> headerNames_;
  const SourceManager &sm_;
  const LangOptions &lo_;
  std::string file_;
};

// ---------------------------------------------------------------------------
// Directive classification

bool isSupportedLoopDirective(OpenMPDirectiveKind k) {
  switch (k) {
  case llvm::omp::OMPD_for:
  case llvm::omp::OMPD_for_simd:
  case llvm::omp::OMPD_parallel_for:
  case llvm::omp::OMPD_parallel_for_simd:
  case llvm::omp::OMPD_simd:
  case llvm::omp::OMPD_distribute_parallel_for:
  case llvm::omp::OMPD_distribute_parallel_for_simd:
  case llvm::omp::OMPD_teams_distribute_parallel_for:
  case llvm::omp::OMPD_teams_distribute_parallel_for_simd:
  case llvm::omp::OMPD_target_teams_distribute_parallel_for:
  case llvm::omp::OMPD_target_teams_distribute_parallel_for_simd:
  case llvm::omp::OMPD_target_parallel_for:
  case llvm::omp::OMPD_target_parallel_for_simd:
    return true;
  default:
    return false;
  }
}

/// Directives that only matter through the loops they contain.
bool isContainerDirective(OpenMPDirectiveKind k) {
  switch (k) {
  case llvm::omp::OMPD_target:
  case llvm::omp::OMPD_teams:
  case llvm::omp::OMPD_target_teams:
  case llvm::omp::OMPD_target_parallel:
  case llvm::omp::OMPD_target_data:
    return true;
  default:
    return false;
  }
}

/// Directives that are harmless wherever they appear: the parallel region
/// itself, synchronisation the lowering models, and standalone directives.
bool isNeutralDirective(OpenMPDirectiveKind k) {
  switch (k) {
  case llvm::omp::OMPD_parallel:
  case llvm::omp::OMPD_atomic:
  case llvm::omp::OMPD_critical:
  case llvm::omp::OMPD_barrier:
  case llvm::omp::OMPD_flush:
  case llvm::omp::OMPD_taskwait:
  case llvm::omp::OMPD_taskyield:
  case llvm::omp::OMPD_target_update:
  case llvm::omp::OMPD_target_enter_data:
  case llvm::omp::OMPD_target_exit_data:
    return true;
  default:
    return false;
  }
}

std::string directiveName(OpenMPDirectiveKind k) {
  return llvm::omp::getOpenMPDirectiveName(k).str();
}

/// The statement an OpenMP directive applies to, without CapturedStmts.
const Stmt *rawBody(const OMPExecutableDirective *d) {
  if (!d->hasAssociatedStmt())
    return nullptr;
  const Stmt *s = d->getAssociatedStmt();
  while (const auto *cs = dyn_cast_or_null<CapturedStmt>(s))
    s = cs->getCapturedStmt();
  return s;
}

bool containsSupportedLoop(const Stmt *s) {
  if (!s)
    return false;
  if (const auto *d = dyn_cast<OMPExecutableDirective>(s)) {
    if (isSupportedLoopDirective(d->getDirectiveKind()))
      return true;
    return containsSupportedLoop(rawBody(d));
  }
  if (const auto *cs = dyn_cast<CapturedStmt>(s))
    return containsSupportedLoop(cs->getCapturedStmt());
  for (const Stmt *c : s->children())
    if (containsSupportedLoop(c))
      return true;
  return false;
}

/// Strips what may sit between collapsed loops: `{ for ... }`, attributes.
const Stmt *stripToLoop(const Stmt *s) {
  while (s) {
    if (const auto *c = dyn_cast<CompoundStmt>(s)) {
      if (c->size() != 1)
        return s;
      s = c->body_front();
    } else if (const auto *a = dyn_cast<AttributedStmt>(s)) {
      s = a->getSubStmt();
    } else {
      return s;
    }
  }
  return s;
}

// ---------------------------------------------------------------------------
// Small helpers on expressions and types

/// An integer constant as int64_t. An unsigned value of 2^63 or more that
/// fits in 64 bits becomes its value modulo 2^64 (callers that care flag
/// the wrap-around, see lowerIndex); values wider than 64 bits saturate
/// (they never index an array). Never APSInt::getExtValue on a value it
/// cannot represent: that asserts in LLVM's checked builds (ASan preset).
int64_t toInt64(const llvm::APSInt &v) {
  if (v.isSigned() ? v.getSignificantBits() <= 64 : v.getActiveBits() <= 64)
    return v.isSigned() ? v.getSExtValue() : static_cast<int64_t>(v.getZExtValue());
  return v.isNegative() ? INT64_MIN : INT64_MAX;
}

const VarDecl *refVar(const Expr *e) {
  if (!e)
    return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto *dr = dyn_cast<DeclRefExpr>(e))
    return dyn_cast<VarDecl>(dr->getDecl());
  return nullptr;
}

/// The variable at the root of a clause list item: `x`, `a[0:n]`, `a[2]`.
const VarDecl *clauseVar(const Expr *e) {
  while (e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *dr = dyn_cast<DeclRefExpr>(e))
      return dyn_cast<VarDecl>(dr->getDecl());
    if (const auto *as = dyn_cast<ArraySectionExpr>(e))
      e = as->getBase();
    else if (const auto *sub = dyn_cast<ArraySubscriptExpr>(e))
      e = sub->getBase();
    else
      return nullptr;
  }
  return nullptr;
}

const ClassTemplateSpecializationDecl *stdTemplate(QualType t, StringRef name) {
  const auto *rd = t->getAsCXXRecordDecl();
  const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(rd);
  if (!spec || !spec->isInStdNamespace() || spec->getName() != name)
    return nullptr;
  return spec;
}

bool isSubscriptCall(const Expr *e) {
  const auto *op = dyn_cast<CXXOperatorCallExpr>(e);
  return op && op->getOperator() == OO_Subscript && op->getNumArgs() == 2;
}

const std::set<std::string> &pureMathFunctions() {
  static const std::set<std::string> names = {
      "sin",   "cos",   "tan",   "asin",  "acos",     "atan",     "atan2",  "sinh",
      "cosh",  "tanh",  "asinh", "acosh", "atanh",    "exp",      "exp2",   "expm1",
      "log",   "log2",  "log10", "log1p", "sqrt",     "cbrt",     "pow",    "fabs",
      "abs",   "labs",  "llabs", "fmin",  "fmax",     "fmod",     "floor",  "ceil",
      "round", "trunc", "hypot", "erf",   "erfc",     "copysign", "fma",    "min",
      "max",   "omp_get_thread_num",      "omp_get_num_threads"};
  return names;
}

bool isPureMath(const FunctionDecl *fd) {
  if (!fd || !fd->getIdentifier())
    return false;
  std::string name = fd->getName().str();
  if (StringRef(name).starts_with("__builtin_"))
    name = name.substr(10);
  const auto &names = pureMathFunctions();
  if (names.count(name))
    return (name != "min" && name != "max") || fd->isInStdNamespace();
  if (name.size() > 1 && (name.back() == 'f' || name.back() == 'l'))
    return names.count(name.substr(0, name.size() - 1)) > 0;
  return false;
}

m::Condition::Op cmpOp(BinaryOperatorKind k) {
  switch (k) {
  case BO_LT: return m::Condition::Op::LT;
  case BO_LE: return m::Condition::Op::LE;
  case BO_GT: return m::Condition::Op::GT;
  case BO_GE: return m::Condition::Op::GE;
  case BO_EQ: return m::Condition::Op::EQ;
  default: return m::Condition::Op::NE;
  }
}

/// The model's operator of a unary operator that lowerUnary keeps.
m::Expr::Op exprOp(UnaryOperatorKind op) {
  switch (op) {
  case UO_Plus: return m::Expr::Op::Plus;
  case UO_Minus: return m::Expr::Op::Minus;
  case UO_LNot: return m::Expr::Op::LNot;
  case UO_Not: return m::Expr::Op::BitNot;
  default: llvm_unreachable("not a value operator of the model");
  }
}

/// The model's operator of a binary operator other than an assignment or
/// the comma.
m::Expr::Op exprOp(BinaryOperatorKind op) {
  using Op = m::Expr::Op;
  switch (op) {
  case BO_PtrMemD: return Op::PtrMemD;
  case BO_PtrMemI: return Op::PtrMemI;
  case BO_Mul: return Op::Mul;
  case BO_Div: return Op::Div;
  case BO_Rem: return Op::Rem;
  case BO_Add: return Op::Plus;
  case BO_Sub: return Op::Minus;
  case BO_Shl: return Op::Shl;
  case BO_Shr: return Op::Shr;
  case BO_Cmp: return Op::ThreeWay;
  case BO_LT: return Op::LT;
  case BO_GT: return Op::GT;
  case BO_LE: return Op::LE;
  case BO_GE: return Op::GE;
  case BO_EQ: return Op::EQ;
  case BO_NE: return Op::NE;
  case BO_And: return Op::BitAnd;
  case BO_Xor: return Op::BitXor;
  case BO_Or: return Op::BitOr;
  case BO_LAnd: return Op::LAnd;
  case BO_LOr: return Op::LOr;
  default: llvm_unreachable("not a value operator of the model");
  }
}

m::Schedule scheduleKind(OpenMPScheduleClauseKind k) {
  switch (k) {
  case OMPC_SCHEDULE_static: return m::Schedule::Static;
  case OMPC_SCHEDULE_dynamic: return m::Schedule::Dynamic;
  case OMPC_SCHEDULE_guided: return m::Schedule::Guided;
  case OMPC_SCHEDULE_auto: return m::Schedule::Auto;
  case OMPC_SCHEDULE_runtime: return m::Schedule::Runtime;
  default: return m::Schedule::None;
  }
}

m::Condition::Op swapOp(m::Condition::Op op) {
  switch (op) {
  case m::Condition::Op::LT: return m::Condition::Op::GT;
  case m::Condition::Op::LE: return m::Condition::Op::GE;
  case m::Condition::Op::GT: return m::Condition::Op::LT;
  case m::Condition::Op::GE: return m::Condition::Op::LE;
  default: return op;
  }
}

m::Condition opaqueCondition(std::string reason, std::string text) {
  m::Condition c;
  c.kind = m::Condition::Kind::Opaque;
  c.reason = std::move(reason);
  c.text = std::move(text);
  return c;
}

m::Condition notCondition(m::Condition c) {
  m::Condition n;
  n.kind = m::Condition::Kind::Not;
  n.children.push_back(std::move(c));
  return n;
}

m::Expr opaqueExpr(std::string text) {
  m::Expr e;
  e.kind = m::Expr::Kind::Opaque;
  e.text = std::move(text);
  return e;
}

// ---------------------------------------------------------------------------
// One loop directive -> one LoopModel

class ValueLowering;

/// Lowers a subexpression of an index with its own record of 64-bit
/// wrap-around (`wrap64_`): the record starts clear; on leaving, the outer
/// record comes back, merged with the inner one where keepInner() said so.
class Wrap64Scope {
public:
  explicit Wrap64Scope(bool &wrap64) : wrap64_(wrap64), outer_(wrap64) { wrap64_ = false; }
  Wrap64Scope(const Wrap64Scope &) = delete;
  Wrap64Scope &operator=(const Wrap64Scope &) = delete;
  ~Wrap64Scope() { wrap64_ = keep_ ? (wrap64_ || outer_) : outer_; }
  /// Whether the lowering inside wrapped around so far.
  bool wrapped() const { return wrap64_; }
  /// The outer record keeps the inner wrap-around (a conversion to a
  /// 64-bit or boolean type does not undo it).
  void keepInner() { keep_ = true; }

private:
  bool &wrap64_;
  bool outer_;
  bool keep_ = false;
};

class LoopLowerer {
  friend class ValueLowering;

public:
  LoopLowerer(ASTContext &ctx, const Locator &loc, const OMPLoopDirective *dir,
              const OMPExecutableDirective *region, const FunctionDecl *fn)
      : ctx_(ctx), loc_(loc), dir_(dir), region_(region), fn_(fn) {}

  m::LoopModel run();
  /// The replicated code of a parallel region (`region_`, with `dir_`
  /// null): `stmts`, one phase of the region's statements outside its
  /// worksharing constructs, which every thread runs. The model's parallel
  /// dimension is the thread id (m::kThreadIterator); `anchor` gives its
  /// place.
  m::LoopModel runReplicated(const std::vector<const Stmt *> &stmts, const Stmt *anchor,
                             const std::string &construct);

private:
  // Sharing and variables
  void readClauses(const OMPExecutableDirective *d);
  m::Sharing sharingOf(const VarDecl *v) const;
  bool declaredInLoop(const VarDecl *v) const;
  bool declaredInRegion(const VarDecl *v) const;
  /// Whether each thread has its own `v` that no other thread sees (a
  /// private, lastprivate or reduction copy, or a local of the region that
  /// is not shared): its value is no parameter of the loop.
  bool privateToEachThread(const VarDecl *v) const;
  int variableOf(const VarDecl *v);
  void describeType(const VarDecl *v, m::Variable &var);
  void describeType(QualType t, bool parameterArray, m::Variable &var);
  void checkPointerOrigin(const VarDecl *v, int index);
  /// The storage a local pointer or reference may point into: nullopt for
  /// fresh allocations and temporaries, else the name of the first object
  /// its initialiser mentions (empty if none).
  std::optional<std::string> aliasTarget(const VarDecl *v) const;

  // Member accesses
  /// A member access path `g->u`, `s.w`, `(*p).a.b`, `this->b`.
  struct MemberPath {
    std::string name;                      ///< the variable's name (naming rule: "member accesses" below)
    const VarDecl *root = nullptr;         ///< the base variable; nullptr: `this`
    std::vector<const FieldDecl *> fields; ///< outermost first
    /// The member's storage lies inside the root variable itself: only `.`
    /// steps from a root that is an object (not a pointer or reference),
    /// no reference member on the way, and the member is not a pointer.
    bool inObject = false;
    /// Some step goes through a pointer (`->`, `this`) or a reference, or
    /// the member itself is a pointer or a reference.
    bool indirect = false;
    /// The member holds a pointer or is a reference (its elements are
    /// stored elsewhere).
    bool pointerMember = false;
    /// A pointer or reference stored in an object lies on the way (`s.p->a`,
    /// `g->next->u`, or the member itself is one).
    bool storedPointer = false;
    /// Members with the same nonempty key live in one object, at distinct
    /// storage: the spelling up to the last `->` (`this->` for `this`).
    std::string objectKey;
  };
  /// Resolves a member access to its path; false with `why` (a phrase
  /// completing "member access X is not modelled: ...") if its base is not
  /// a variable, `this` or a member chain of them.
  bool resolveMember(const MemberExpr *me, MemberPath &path, std::string &why);
  /// The variable of a member path (made on first use), or -1 after
  /// recording why it is unsupported.
  int memberVariable(const MemberExpr *me);
  bool memberModified(const MemberPath &path) const;
  bool clashesWithVariable(const std::string &name);
  m::Expr lowerMember(const MemberExpr *me);

  // Loop headers
  bool lowerHeader(const ForStmt *f, m::LoopHeader &h, const VarDecl *&iter, std::string &why);
  bool isIterator(const VarDecl *v) const;
  bool isPrivateInnerIterator(const VarDecl *v) const;

  // Integer expressions and conditions
  m::IndexExpr lowerIndex(const Expr *e, unsigned depth = 0);
  m::IndexExpr lowerArrayRead(const Expr *e, unsigned depth);
  /// Index arrays the loop writes or that may alias: opaque (soundness).
  void opaqueWrittenIndexArrays();
  /// lowerIndex for a value whose exact integer matters (a comparison, a
  /// division, a loop bound): opaque where 64-bit wrap-around may hide it.
  m::IndexExpr exactIndex(const Expr *e, unsigned depth = 0);
  /// `v` (of type `from`) converted to integer type `to`, as C does it.
  m::IndexExpr convertIndex(m::IndexExpr v, QualType from, QualType to, const std::string &t);
  /// `v` reduced into the range of the integer type `to` (modulo 2^width).
  m::IndexExpr wrapIndex(m::IndexExpr v, QualType to);
  m::Condition lowerCondition(const Expr *e);
  /// `a < b ? a : b` (the MIN macro), `std::min(a, b)` and their max forms.
  std::optional<m::IndexExpr> lowerMinMax(const Expr *e, unsigned depth);
  void addParameter(const std::string &name);

  // Statements and values
  void collectModified(const Stmt *s);
  void lowerStmt(const Stmt *s);
  void lowerCompound(const CompoundStmt *c);
  void lowerInnerLoop(const ForStmt *f);
  void lowerIf(const IfStmt *s);
  void lowerDecl(const VarDecl *v);
  void lowerEffect(const Expr *e);
  int lowerAssign(const Expr *lhs, BinaryOperatorKind op, const Expr *rhs, const Expr *whole);
  int lowerIncDec(const UnaryOperator *u);
  /// The value of `e` as an expression tree; emits its reads (and the
  /// writes of assignments and ++/-- inside it). ValueLowering has one case
  /// per expression class.
  m::Expr lowerValue(const Expr *e);
  /// An element or scalar read `x[a][b]`, `v[i]` as a value.
  m::Expr lowerLocationRead(const Expr *e);
  m::Expr lowerVarRef(const DeclRefExpr *dr);
  m::Expr lowerUnary(const UnaryOperator *u);
  m::Expr lowerBinary(const BinaryOperator *b);
  m::Expr lowerConditional(const ConditionalOperator *c);
  m::Expr lowerMemberCall(const CXXMemberCallExpr *mc);
  m::Expr lowerConstruct(const CXXConstructExpr *ctor);
  m::Expr lowerCall(const CallExpr *call);

  /// Resolves `x[a][b]`, `v[i]`, `s` to its variable and subscripts.
  /// With `member`, a location rooted at a member access (`g->u[i]`)
  /// resolves too: `v` is then null and `*member` the member access.
  bool resolveLocation(const Expr *e, const VarDecl *&v, std::vector<const Expr *> &subs,
                       const MemberExpr **member = nullptr);
  /// Emits reads of the subscripts and then the access(es) of a location;
  /// returns the last access added (the write when `withWrite`).
  int accessLocation(const Expr *whole, const VarDecl *v, const std::vector<const Expr *> &subs,
                     bool withRead, bool withWrite, int *readIndex = nullptr);
  /// The same for a variable already made (its subscripts' reads emitted).
  int accessVariable(const Expr *whole, int var, const std::vector<const Expr *> &subs,
                     bool withRead, bool withWrite, int *readIndex = nullptr);
  /// The same for a location rooted at a member access; -1 if the member
  /// access is unsupported.
  int accessMember(const Expr *whole, const MemberExpr *me, const std::vector<const Expr *> &subs,
                   bool withRead, bool withWrite, int *readIndex = nullptr);
  int addAccess(const Expr *whole, int var, std::vector<m::IndexExpr> subs, m::AccessKind kind);
  /// `*p` / `*(p + e)`: an access of p's elements at an opaque subscript
  /// (the loop is also marked unsupported); -1 if p is not a variable.
  int derefAccess(const UnaryOperator *u, m::AccessKind kind);
  void lowerDeref(const UnaryOperator *u);
  int pushGuard(m::Condition c, clang::SourceRange r);

  void unsupported(m::Unsupported::Kind kind, const std::string &reason, clang::SourceRange r, int variable = -1);
  void checkWholeAndMembers();
  /// Context facts (origin "context"): the conditions of the `if`
  /// statements around the loop and the values of unwritten integer locals
  /// initialised from affine expressions (docs/assumptions.md).
  void addContext();
  bool contextNamesMatch(const Expr *e, const std::set<const VarDecl *> &written) const;
  void addAssumptions();
  std::string text(const Stmt *s) const { return loc_.text(s->getSourceRange()); }
  /// The C type of a value as m::Expr::type spells it: canonical,
  /// unqualified, an enumeration as its integer type.
  std::string valueType(QualType t) const {
    t = t.getCanonicalType().getUnqualifiedType();
    if (const auto *et = t->getAs<EnumType>())
      t = et->getDecl()->getIntegerType().getCanonicalType().getUnqualifiedType();
    return t.getAsString(ctx_.getPrintingPolicy());
  }

  ASTContext &ctx_;
  const Locator &loc_;
  const OMPLoopDirective *dir_;
  const OMPExecutableDirective *region_;
  /// runReplicated: the model is the region's replicated code.
  bool replicated_ = false;
  /// Where the walk for context facts and names starts: the loop
  /// directive, or the region of replicated code.
  const Stmt *origin() const { return dir_ ? static_cast<const Stmt *>(dir_) : region_; }
  const FunctionDecl *fn_;
  m::LoopModel model_;

  const ForStmt *outerLoop_ = nullptr;
  std::vector<const VarDecl *> parallelIters_;
  /// Inner loops being lowered: iterator and whether it is private.
  std::vector<std::pair<const VarDecl *, bool>> innerIters_;
  std::map<const VarDecl *, int> varIndex_;
  std::set<const VarDecl *> modified_;
  std::set<int> mayAlias_; ///< local pointers/references reported as aliases
  std::map<std::string, int> memberIndex_;  ///< member variables by name
  std::map<int, MemberPath> memberPaths_;   ///< variable index -> its member path
  std::set<std::string> modifiedMembers_;   ///< member paths assigned in the loop
  std::optional<std::set<std::string>> functionNames_; ///< for clashesWithVariable
  std::map<const VarDecl *, m::Sharing> clauseSharing_;
  std::map<const VarDecl *, std::string> reductionOps_;
  std::string defaultSharing_;

  int scope_ = -1;
  /// Set by lowerIndex when the value it returns is only congruent modulo
  /// 2^64 to the C value (64-bit unsigned arithmetic or conversions): good
  /// for an element address, not for comparisons or divisions.
  bool wrap64_ = false;
  /// Set when a value was reduced modulo 2^width (width < 64): the model
  /// then needs the ranges of the parallel iterators' types, or
  /// i and i + 2^32 look like two iterations.
  bool narrowWrap_ = false;
  void boundTypeRanges();
  /// Every name the loop's source mentions or declares, with its variables.
  std::map<std::string, std::set<const VarDecl *>> declNames_;
  /// Model names of inner iterators that share their source name with
  /// another variable of the loop (`for (int k ...)` shadowing a parameter
  /// k or the parallel iterator): the model binds names, not declarations.
  std::map<const VarDecl *, std::string> iterNames_;
  void collectNames(const Stmt *s);
  std::string modelName(const VarDecl *v) const {
    auto it = iterNames_.find(v);
    return it == iterNames_.end() ? v->getNameAsString() : it->second;
  }
  m::Sync sync_ = m::Sync::None;
  std::string syncName_;
  const Expr *atomicX_ = nullptr;
};

/// What the verdicts take for granted: distinct pointers and references do
/// not overlap (nor point into global arrays), rows of row containers do not.
/// Members reached through pointers, references or `this` join the pointers;
/// members stored in one object (`g->v` and `g->w`) never overlap each other.
void LoopLowerer::addAssumptions() {
  struct Entry {
    std::string name;
    std::vector<SourceLocation> order; ///< the root's declaration, then the members'
    bool parameter = false, pointer = false, member = false, reference = false;
    std::string object; ///< MemberPath::objectKey
  };
  std::vector<const VarDecl *> byIndex(model_.variables.size());
  for (const auto &[decl, index] : varIndex_)
    byIndex[static_cast<size_t>(index)] = decl;
  std::vector<Entry> indirect, globals;
  for (size_t index = 0; index < byIndex.size(); ++index) {
    const VarDecl *decl = byIndex[index];
    const m::Variable &v = model_.variables[index];
    Entry e;
    e.name = v.name;
    e.pointer = v.isPointer;
    bool isIndirect = false, isGlobal = false;
    auto mp = memberPaths_.find(static_cast<int>(index));
    if (mp != memberPaths_.end()) {
      // Scalars reached through a pointer count too: a pointer may point at them.
      const MemberPath &p = mp->second;
      e.member = true;
      e.object = p.objectKey;
      e.order.push_back(p.root ? p.root->getLocation()
                               : (fn_ ? fn_->getLocation() : origin()->getBeginLoc()));
      for (const FieldDecl *f : p.fields)
        e.order.push_back(f->getLocation());
      isIndirect = p.indirect;
      isGlobal = !p.indirect && v.rank > 0 && p.root && p.root->hasGlobalStorage();
    } else if (decl) {
      bool reference = decl->getType()->isReferenceType() &&
                       !(isa<OMPCapturedExprDecl>(decl) && clauseSharing_.count(decl));
      if (v.rank == 0 && !(isa<ParmVarDecl>(decl) && reference))
        continue;
      e.parameter = isa<ParmVarDecl>(decl);
      e.reference = reference;
      e.order.push_back(decl->getLocation());
      isIndirect = v.isPointer || reference;
      isGlobal = !isIndirect && decl->hasGlobalStorage();
    } else {
      continue;
    }
    if (mayAlias_.count(static_cast<int>(index)))
      continue; // already reported as a possible alias
    if (isIndirect)
      indirect.push_back(e);
    else if (isGlobal)
      globals.push_back(e);
    if (v.separateRows)
      model_.assumptions.push_back("rows of " + v.name + " do not overlap");
  }
  // In declaration order: "pointer parameters x and y", as written.
  const SourceManager &sm = ctx_.getSourceManager();
  auto declOrder = [&](const Entry &a, const Entry &b) {
    for (size_t k = 0; k < a.order.size() && k < b.order.size(); ++k)
      if (a.order[k] != b.order[k])
        return sm.isBeforeInTranslationUnit(a.order[k], b.order[k]);
    if (a.order.size() != b.order.size())
      return a.order.size() < b.order.size();
    return a.name < b.name;
  };
  std::sort(indirect.begin(), indirect.end(), declOrder);
  std::sort(globals.begin(), globals.end(), declOrder);
  auto nameList = [](const std::vector<Entry> &vars) {
    std::string list;
    for (size_t i = 0; i < vars.size(); ++i) {
      if (i)
        list += i + 1 == vars.size() ? " and " : ", ";
      list += vars[i].name;
    }
    return list;
  };
  // Two members stored in the same object are distinct storage.
  bool mayOverlap = false;
  for (size_t a = 0; a < indirect.size() && !mayOverlap; ++a)
    for (size_t b = a + 1; b < indirect.size() && !mayOverlap; ++b)
      mayOverlap = indirect[a].object.empty() || indirect[a].object != indirect[b].object;
  bool allParameters = true, allPointers = true, anyReference = false, anyMember = false;
  for (const Entry &e : indirect) {
    allParameters = allParameters && e.parameter;
    allPointers = allPointers && e.pointer;
    anyReference = anyReference || e.reference;
    anyMember = anyMember || (e.member && !e.pointer);
  }
  std::string kind = allParameters ? (allPointers ? "pointer parameters " : "parameters ")
                     : allPointers ? "pointers "
                     : anyMember   ? (anyReference ? "pointers, references and members "
                                                   : "pointers and members ")
                                   : "pointers and references ";
  std::vector<std::string> front;
  if (indirect.size() >= 2 && mayOverlap)
    front.push_back(kind + nameList(indirect) + " do not overlap");
  if (!indirect.empty() && !globals.empty())
    front.push_back(nameList(indirect) + (indirect.size() == 1 ? " does" : " do") +
                    " not point into the global " + (globals.size() == 1 ? "array " : "arrays ") +
                    nameList(globals));
  model_.assumptions.insert(model_.assumptions.begin(), front.begin(), front.end());
}

void LoopLowerer::unsupported(m::Unsupported::Kind kind, const std::string &reason, clang::SourceRange r,
                              int variable) {
  for (const m::Unsupported &u : model_.unsupported)
    if (u.reason == reason && u.variable == variable)
      return; // said once
  m::Unsupported u;
  u.kind = kind;
  u.reason = reason;
  u.range = loc_.range(r);
  u.variable = variable;
  model_.unsupported.push_back(std::move(u));
}

void LoopLowerer::addParameter(const std::string &name) {
  for (const std::string &p : model_.parameters)
    if (p == name)
      return;
  model_.parameters.push_back(name);
}

// --- clauses and sharing ----------------------------------------------------

void LoopLowerer::readClauses(const OMPExecutableDirective *d) {
  m::Clauses &c = model_.clauses;
  auto names = [&](auto *clause, std::vector<std::string> &out, m::Sharing s) {
    for (const Expr *e : clause->varlists())
      if (const VarDecl *v = clauseVar(e)) {
        out.push_back(v->getNameAsString());
        clauseSharing_[v] = s;
      }
  };
  for (const OMPClause *cl : d->clauses()) {
    if (const auto *p = dyn_cast<OMPPrivateClause>(cl)) {
      names(p, c.privates, m::Sharing::Private);
    } else if (const auto *fp = dyn_cast<OMPFirstprivateClause>(cl)) {
      names(fp, c.firstprivates, m::Sharing::FirstPrivate);
    } else if (const auto *lp = dyn_cast<OMPLastprivateClause>(cl)) {
      names(lp, c.lastprivates, m::Sharing::LastPrivate);
    } else if (const auto *sh = dyn_cast<OMPSharedClause>(cl)) {
      names(sh, c.shared, m::Sharing::Shared);
    } else if (const auto *lin = dyn_cast<OMPLinearClause>(cl)) {
      std::vector<std::string> ignored;
      names(lin, ignored, m::Sharing::Private);
    } else if (const auto *red = dyn_cast<OMPReductionClause>(cl)) {
      m::Clauses::Reduction r;
      r.op = red->getNameInfo().getName().getAsString();
      if (StringRef(r.op).starts_with("operator"))
        r.op = r.op.substr(8);
      names(red, r.vars, m::Sharing::Reduction);
      for (const Expr *e : red->varlists())
        if (const VarDecl *v = clauseVar(e))
          reductionOps_[v] = r.op;
      c.reductions.push_back(std::move(r));
    } else if (const auto *def = dyn_cast<OMPDefaultClause>(cl)) {
      switch (def->getDefaultKind()) {
      case llvm::omp::OMP_DEFAULT_none: defaultSharing_ = "none"; break;
      case llvm::omp::OMP_DEFAULT_shared: defaultSharing_ = "shared"; break;
      case llvm::omp::OMP_DEFAULT_private: defaultSharing_ = "private"; break;
      case llvm::omp::OMP_DEFAULT_firstprivate: defaultSharing_ = "firstprivate"; break;
      default: break;
      }
      c.defaultSharing = defaultSharing_;
    } else if (const auto *sch = dyn_cast<OMPScheduleClause>(cl)) {
      c.schedule = scheduleKind(sch->getScheduleKind());
      if (const Expr *chunk = sch->getChunkSize()) {
        Expr::EvalResult r;
        if (!chunk->isValueDependent() && chunk->EvaluateAsInt(r, ctx_))
          c.chunk = toInt64(r.Val.getInt());
      }
    } else if (const auto *col = dyn_cast<OMPCollapseClause>(cl)) {
      Expr::EvalResult r;
      if (col->getNumForLoops() && col->getNumForLoops()->EvaluateAsInt(r, ctx_))
        c.collapse = static_cast<unsigned>(toInt64(r.Val.getInt()));
    } else if (isa<OMPNowaitClause>(cl)) {
      c.nowait = true;
    } else if (isa<OMPOrderedClause>(cl)) {
      unsupported(Why::Clause, "'ordered' clause is not modelled", cl->getBeginLoc());
    }
  }
}

bool LoopLowerer::declaredInLoop(const VarDecl *v) const {
  // Replicated code: the region's locals belong to each thread.
  if (replicated_)
    return declaredInRegion(v);
  return loc_.contains(clang::SourceRange(dir_->getBeginLoc(), outerLoop_->getEndLoc()),
                       v->getLocation());
}

bool LoopLowerer::declaredInRegion(const VarDecl *v) const {
  const Stmt *body = region_ ? rawBody(region_) : nullptr;
  return body && loc_.contains(body->getSourceRange(), v->getLocation());
}

bool LoopLowerer::privateToEachThread(const VarDecl *v) const {
  if (!declaredInRegion(v) && !clauseSharing_.count(v))
    return false;
  m::Sharing s = sharingOf(v);
  return s == m::Sharing::Private || s == m::Sharing::LastPrivate || s == m::Sharing::Reduction ||
         (s != m::Sharing::Shared && declaredInRegion(v));
}

m::Sharing LoopLowerer::sharingOf(const VarDecl *v) const {
  auto it = clauseSharing_.find(v);
  if (it != clauseSharing_.end())
    return it->second;
  if (v->hasAttr<OMPThreadPrivateDeclAttr>())
    return m::Sharing::Private;
  if (v->isStaticLocal() || v->hasGlobalStorage())
    return m::Sharing::Shared;
  if (declaredInLoop(v) || declaredInRegion(v))
    return m::Sharing::Private;
  // An orphaned worksharing loop: the function's automatic variables belong
  // to the thread that calls it.
  bool worksharing = dir_ && (dir_->getDirectiveKind() == llvm::omp::OMPD_for ||
                              dir_->getDirectiveKind() == llvm::omp::OMPD_for_simd);
  if (worksharing && !region_ && v->hasLocalStorage())
    return m::Sharing::Private;
  if (defaultSharing_ == "private")
    return m::Sharing::Private;
  if (defaultSharing_ == "firstprivate")
    return m::Sharing::FirstPrivate;
  return m::Sharing::Shared;
}

void LoopLowerer::describeType(const VarDecl *v, m::Variable &var) {
  QualType t = v->getType();
  bool parameterArray = false;
  if (const auto *p = dyn_cast<ParmVarDecl>(v)) {
    t = p->getOriginalType();
    parameterArray = t->isArrayType();
  }
  describeType(t, parameterArray, var);
}

void LoopLowerer::describeType(QualType t, bool parameterArray, m::Variable &var) {
  t = t.getNonReferenceType();
  bool separate = false;
  while (true) {
    if (const auto *ca = ctx_.getAsConstantArrayType(t)) {
      var.extents.push_back(m::IndexExpr::constant(toInt64(llvm::APSInt(ca->getSize(), true))));
      t = ca->getElementType();
    } else if (const auto *va = ctx_.getAsVariableArrayType(t)) {
      if (parameterArray && var.extents.empty())
        var.extents.push_back(std::nullopt); // decays to a pointer: unknown
      else
        var.extents.push_back(lowerIndex(va->getSizeExpr()));
      t = va->getElementType();
    } else if (const auto *ia = ctx_.getAsIncompleteArrayType(t)) {
      var.extents.push_back(std::nullopt);
      t = ia->getElementType();
    } else if (const auto *pt = t->getAs<PointerType>()) {
      if (var.extents.empty())
        var.isPointer = true;
      else
        separate = true;
      var.extents.push_back(std::nullopt);
      t = pt->getPointeeType();
    } else if (const auto *vec = stdTemplate(t, "vector")) {
      if (!var.extents.empty())
        separate = true;
      var.extents.push_back(std::nullopt);
      t = vec->getTemplateArgs()[0].getAsType();
    } else if (const auto *arr = stdTemplate(t, "array");
               arr && arr->getTemplateArgs().size() == 2 &&
               arr->getTemplateArgs()[1].getKind() == TemplateArgument::Integral) {
      var.extents.push_back(m::IndexExpr::constant(toInt64(arr->getTemplateArgs()[1].getAsIntegral())));
      t = arr->getTemplateArgs()[0].getAsType();
    } else {
      break;
    }
  }
  if (parameterArray && !var.extents.empty()) {
    var.extents[0] = std::nullopt;
    var.isPointer = true;
  }
  var.rank = static_cast<unsigned>(var.extents.size());
  var.separateRows = separate;
  QualType elem = t.getCanonicalType().getUnqualifiedType();
  var.elementType = elem.getAsString(ctx_.getPrintingPolicy());
  var.floating = elem->isRealFloatingType();
}

int LoopLowerer::variableOf(const VarDecl *v) {
  auto it = varIndex_.find(v);
  if (it != varIndex_.end())
    return it->second;
  m::Variable var;
  var.name = v->getNameAsString();
  describeType(v, var);
  var.isParameter = isa<ParmVarDecl>(v);
  var.sharing = sharingOf(v);
  // Elements reached through a pointer or a reference are the pointee's,
  // shared whatever the pointer's own data sharing.
  // A member listed in a private clause of a method (`private(tmp)`) is
  // a reference-typed OMPCapturedExprDecl standing for the private copy.
  bool privatisedMember = isa<OMPCapturedExprDecl>(v) && clauseSharing_.count(v);
  bool indirect = var.isPointer || (v->getType()->isReferenceType() && !privatisedMember);
  if (indirect && var.rank > 0 && var.sharing != m::Sharing::Reduction && !declaredInLoop(v))
    var.sharing = m::Sharing::Shared;
  if (var.sharing == m::Sharing::Reduction)
    var.reductionOp = reductionOps_[v];
  var.declRange = loc_.range(v->getSourceRange());
  int index = static_cast<int>(model_.variables.size());
  model_.variables.push_back(std::move(var));
  varIndex_[v] = index;
  checkPointerOrigin(v, index);
  return index;
}

/// A local pointer or reference may point into another array: only fresh
/// allocations are accepted.
void LoopLowerer::checkPointerOrigin(const VarDecl *v, int index) {
  const m::Variable &var = model_.variables[static_cast<size_t>(index)];
  // A local reference of any rank names storage of something else.
  bool indirect = (var.rank > 0 && var.isPointer) || v->getType()->isReferenceType();
  if (!indirect || isa<ParmVarDecl>(v) || v->hasGlobalStorage())
    return;
  if (isa<OMPCapturedExprDecl>(v) && clauseSharing_.count(v) && !var.isPointer)
    return; // the private copy of a member listed in a clause
  std::optional<std::string> target = aliasTarget(v);
  if (!target)
    return;
  mayAlias_.insert(index);
  // Loop-wide (-1): the accesses through var may hit the other variable's
  // elements, so no verdict about that variable holds either.
  unsupported(Why::Alias, var.name + " may alias " + (target->empty() ? "another array" : *target),
              v->getSourceRange(), -1);
}

std::optional<std::string> LoopLowerer::aliasTarget(const VarDecl *v) const {
  const Expr *init = v->getInit();
  if (init) {
    const Expr *e = init->IgnoreParens();
    if (const auto *ewc = dyn_cast<ExprWithCleanups>(e))
      e = ewc->getSubExpr()->IgnoreParens();
    if (isa<MaterializeTemporaryExpr>(e))
      return std::nullopt; // a reference bound to a temporary of its own
    e = e->IgnoreParenCasts();
    if (isa<CXXNewExpr>(e))
      return std::nullopt;
    if (const auto *call = dyn_cast<CallExpr>(e))
      if (const FunctionDecl *fd = call->getDirectCallee())
        if (fd->getIdentifier() &&
            (fd->getName() == "malloc" || fd->getName() == "calloc" ||
             fd->getName() == "aligned_alloc"))
          return std::nullopt;
  }
  // Name the storage it points into: the first variable, in source order,
  // that is an array, a pointer, a reference or an object.
  std::string target, fallback;
  std::vector<const Stmt *> work{init};
  while (!work.empty() && target.empty()) {
    const Stmt *s = work.back();
    work.pop_back();
    if (!s)
      continue;
    if (const auto *dr = dyn_cast<DeclRefExpr>(s)) {
      if (const auto *w = dyn_cast<VarDecl>(dr->getDecl())) {
        if (!w->getType()->isArithmeticType())
          target = w->getNameAsString();
        else if (fallback.empty())
          fallback = w->getNameAsString();
      }
      continue;
    }
    std::vector<const Stmt *> children(s->child_begin(), s->child_end());
    for (auto c = children.rbegin(); c != children.rend(); ++c)
      work.push_back(*c);
  }
  if (target.empty())
    target = fallback;
  return target;
}

// --- member accesses --------------------------------------------------------
//
// Each distinct member access path is one variable, named by its spelling:
// the root variable's name, then each member with `.` or `->` as in C
// (`(*p).u` is spelled `p->u`, members of anonymous structs without the
// anonymous level). Members of `this` are named without `this->`, whether
// the source writes it or not (`b` and `this->b` are one variable `b`),
// unless a variable of the enclosing function has the member's name: then
// the name keeps `this->`.

/// True if `path` extends `prefix` by one or more members (`g->a` of `g`).
static bool isPrefixPath(const std::string &prefix, const std::string &path) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0)
    return false;
  return path[prefix.size()] == '.' || path.compare(prefix.size(), 2, "->") == 0;
}

/// True if `t` holds a raw pointer (or is a reference): elements reached
/// through it are not stored in the object that holds `t`.
static bool holdsPointer(QualType t) {
  if (t->isReferenceType())
    return true;
  for (unsigned guard = 0; guard < 64; ++guard) {
    if (t->isPointerType())
      return true;
    if (const auto *at = t->getAsArrayTypeUnsafe())
      t = at->getElementType();
    else if (const auto *vec = stdTemplate(t, "vector"))
      t = vec->getTemplateArgs()[0].getAsType();
    else if (const auto *arr = stdTemplate(t, "array"))
      t = arr->getTemplateArgs()[0].getAsType();
    else
      return false;
  }
  return false;
}

bool LoopLowerer::clashesWithVariable(const std::string &name) {
  if (!functionNames_) {
    functionNames_.emplace();
    std::vector<const Stmt *> work;
    if (fn_) {
      for (const ParmVarDecl *p : fn_->parameters())
        functionNames_->insert(p->getNameAsString());
      work.push_back(fn_->getBody());
    } else {
      work.push_back(origin());
    }
    while (!work.empty()) {
      const Stmt *s = work.back();
      work.pop_back();
      if (!s)
        continue;
      if (const auto *ds = dyn_cast<DeclStmt>(s))
        for (const Decl *d : ds->decls())
          if (const auto *v = dyn_cast<VarDecl>(d))
            functionNames_->insert(v->getNameAsString());
      if (const auto *dr = dyn_cast<DeclRefExpr>(s))
        if (isa<VarDecl>(dr->getDecl()))
          functionNames_->insert(dr->getDecl()->getNameAsString());
      if (const auto *cs = dyn_cast<CapturedStmt>(s))
        work.push_back(cs->getCapturedStmt());
      for (const Stmt *c : s->children())
        work.push_back(c);
    }
  }
  return functionNames_->count(name) > 0;
}

bool LoopLowerer::resolveMember(const MemberExpr *me, MemberPath &path, std::string &why) {
  path = MemberPath();
  struct Step {
    const FieldDecl *field;
    bool arrow;
  };
  std::vector<Step> steps; // the accessed member first
  const Expr *e = me;
  while (true) {
    e = e->IgnoreParenImpCasts();
    if (const auto *m = dyn_cast<MemberExpr>(e)) {
      const auto *fd = dyn_cast<FieldDecl>(m->getMemberDecl());
      if (!fd) {
        why = "'" + m->getMemberDecl()->getNameAsString() + "' is not a data member of an object";
        return false;
      }
      if (fd->getParent()->isUnion()) {
        why = "the members of a union share their storage";
        return false;
      }
      if (fd->isBitField()) {
        why = "bit-field " + fd->getNameAsString() + " shares its storage with its neighbours";
        return false;
      }
      steps.push_back({fd, m->isArrow()});
      e = m->getBase();
      continue;
    }
    // (*p).u is p->u.
    if (const auto *u = dyn_cast<UnaryOperator>(e);
        u && u->getOpcode() == UO_Deref && !steps.empty() && !steps.back().arrow) {
      steps.back().arrow = true;
      e = u->getSubExpr();
      continue;
    }
    break;
  }
  if (steps.empty()) {
    why = "not a member access";
    return false;
  }
  bool outerArrow = steps.back().arrow;
  if (isa<CXXThisExpr>(e)) {
    path.root = nullptr;
  } else if (const auto *dr = dyn_cast<DeclRefExpr>(e); dr && isa<VarDecl>(dr->getDecl())) {
    path.root = cast<VarDecl>(dr->getDecl());
    if (outerArrow && !path.root->getType()->isPointerType()) {
      why = "its object " + text(e) + "[0] is an array element";
      return false;
    }
  } else if (isa<ArraySubscriptExpr>(e) || isSubscriptCall(e)) {
    why = "its object " + text(e) + " is an array element";
    return false;
  } else if (isa<CallExpr>(e)) {
    why = "its object is returned by the call " + text(e);
    return false;
  } else {
    why = "its object " + text(e) + " is not a variable";
    return false;
  }
  bool rootIndirect = !path.root || outerArrow || path.root->getType()->isReferenceType();
  // `full` spells `this->` out; `key` names the object the next `.` steps
  // are stored in.
  std::string full = path.root ? path.root->getNameAsString() : "this";
  std::string key = path.root && path.root->getType()->isReferenceType() ? full + "&" : full;
  std::string first, sep;
  bool arrows = false, referenceField = false;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    const FieldDecl *fd = it->field;
    path.fields.push_back(fd);
    if (it->arrow) {
      arrows = true;
      key = full + "->";
      if (it != steps.rbegin())
        path.storedPointer = true; // through a pointer member
    }
    if (sep.empty())
      sep = it->arrow ? "->" : ".";
    if (fd->isAnonymousStructOrUnion() || !fd->getIdentifier())
      continue;
    std::string name = fd->getNameAsString();
    if (first.empty())
      first = name;
    full += sep + name;
    sep.clear();
    if (fd->getType()->isReferenceType() && it + 1 != steps.rend()) {
      referenceField = true;
      key = full + "&";
    }
  }
  QualType last = path.fields.back()->getType();
  path.pointerMember = holdsPointer(last);
  path.storedPointer = path.storedPointer || referenceField || path.pointerMember;
  path.inObject = !rootIndirect && !arrows && !referenceField && !path.pointerMember;
  path.indirect = !path.inObject;
  path.objectKey = path.pointerMember ? std::string() : key;
  std::string shown = full;
  if (!path.root && StringRef(full).starts_with("this->") && !clashesWithVariable(first))
    shown = full.substr(6);
  path.name = shown;
  return true;
}

bool LoopLowerer::memberModified(const MemberPath &path) const {
  if (path.root && modified_.count(path.root))
    return true;
  for (const std::string &m : modifiedMembers_)
    if (m == path.name || isPrefixPath(m, path.name))
      return true;
  return false;
}

int LoopLowerer::memberVariable(const MemberExpr *me) {
  MemberPath path;
  std::string why;
  if (!resolveMember(me, path, why)) {
    unsupported(Why::Member, "member access " + text(me) + " is not modelled: " + why, me->getSourceRange());
    return -1;
  }
  auto it = memberIndex_.find(path.name);
  if (it != memberIndex_.end())
    return it->second;
  m::Variable var;
  var.name = path.name;
  describeType(path.fields.back()->getType(), false, var);
  // Storage inside the root object shares the object's data sharing (a
  // private copy of a struct holds private arrays); anything reached
  // through a pointer or a reference is shared.
  var.sharing = m::Sharing::Shared;
  if (path.inObject && path.root) {
    m::Sharing s = sharingOf(path.root);
    if (s != m::Sharing::Reduction)
      var.sharing = s;
  }
  var.declRange = loc_.range(path.fields.back()->getSourceRange());
  int index = static_cast<int>(model_.variables.size());
  model_.variables.push_back(std::move(var));
  memberIndex_[path.name] = index;
  memberPaths_[index] = path;
  const std::string &name = path.name;
  // Where the pointers on the way come from: a local pointer or reference
  // may point into another array, and so may a pointer stored in a local
  // object (parameters, `this` and globals join the overlap assumption).
  const VarDecl *root = path.root;
  if (root && root->hasLocalStorage() && !isa<ParmVarDecl>(root) && path.indirect) {
    bool rootIndirect = root->getType()->isPointerType() || root->getType()->isReferenceType();
    std::optional<std::string> target = rootIndirect ? aliasTarget(root) : std::nullopt;
    if (target) {
      mayAlias_.insert(index);
      unsupported(Why::Alias, name + " may alias " + (target->empty() ? "another array" : *target) + " (through " +
                      root->getNameAsString() + ")",
                  me->getSourceRange(), -1);
    } else if (path.storedPointer) {
      mayAlias_.insert(index);
      unsupported(Why::Alias, name + " may alias another array (a pointer stored in the local object " +
                      root->getNameAsString() + ")",
                  me->getSourceRange(), -1);
    }
  }
  // A pointer on the way that the loop reassigns changes what the name means.
  if (!path.inObject && !mayAlias_.count(index)) {
    bool moved = root && modified_.count(root);
    for (const std::string &m : modifiedMembers_)
      moved = moved || isPrefixPath(m, name);
    if (moved)
      unsupported(Why::Alias, name + " is reached through a pointer or object that the loop modifies",
                  me->getSourceRange(), -1);
  }
  return index;
}

int LoopLowerer::accessMember(const Expr *whole, const MemberExpr *me,
                              const std::vector<const Expr *> &subs, bool withRead, bool withWrite,
                              int *readIndex) {
  for (const Expr *s : subs)
    lowerValue(s);
  int var = memberVariable(me);
  if (var < 0)
    return -1;
  const m::Variable &info = model_.variables[static_cast<size_t>(var)];
  if (withWrite && info.isPointer && subs.size() < info.rank)
    unsupported(Why::Member, "pointer member " + info.name + " is reassigned in the loop", whole->getSourceRange());
  return accessVariable(whole, var, subs, withRead, withWrite, readIndex);
}

m::Expr LoopLowerer::lowerMember(const MemberExpr *me) {
  std::string t = text(me);
  int var = memberVariable(me);
  if (var < 0)
    return opaqueExpr(t);
  const m::Variable &info = model_.variables[static_cast<size_t>(var)];
  if (info.rank > 0) {
    if (info.isPointer)
      unsupported(Why::Pointer, "pointer " + info.name + " is used outside a subscript (" + t + ")",
                  me->getSourceRange(), var);
    else if (info.sharing != m::Sharing::Private && info.sharing != m::Sharing::FirstPrivate)
      unsupported(Why::AddressTaken, "address of " + info.name + " is taken (" + t + ")", me->getSourceRange(), var);
    return opaqueExpr(t);
  }
  m::Expr out;
  out.kind = m::Expr::Kind::Access;
  out.access = accessVariable(me, var, {}, true, false);
  out.text = t;
  return out;
}

// --- loop headers -----------------------------------------------------------

bool LoopLowerer::isIterator(const VarDecl *v) const {
  for (const VarDecl *p : parallelIters_)
    if (p == v)
      return true;
  for (const auto &it : innerIters_)
    if (it.first == v)
      return true;
  return false;
}

bool LoopLowerer::isPrivateInnerIterator(const VarDecl *v) const {
  for (const VarDecl *p : parallelIters_)
    if (p == v)
      return true;
  for (const auto &it : innerIters_)
    if (it.first == v && it.second)
      return true;
  return false;
}

bool LoopLowerer::lowerHeader(const ForStmt *f, m::LoopHeader &h, const VarDecl *&iter,
                              std::string &why) {
  iter = nullptr;
  const Expr *lower = nullptr;
  if (const auto *ds = dyn_cast_or_null<DeclStmt>(f->getInit())) {
    if (ds->isSingleDecl())
      if (const auto *v = dyn_cast<VarDecl>(ds->getSingleDecl())) {
        iter = v;
        lower = v->getInit();
      }
  } else if (const auto *bo = dyn_cast_or_null<BinaryOperator>(f->getInit())) {
    if (bo->getOpcode() == BO_Assign) {
      iter = refVar(bo->getLHS());
      lower = bo->getRHS();
    }
  }
  if (!iter || !lower) {
    why = "loop initialisation is not of the form 'i = lower'";
    return false;
  }
  if (!iter->getType()->isIntegerType()) {
    why = "loop iterator " + iter->getNameAsString() + " is not an integer";
    return false;
  }
  h.iterator = iter->getNameAsString();
  h.range = loc_.range(f->getSourceRange());

  // step
  std::optional<int64_t> step;
  auto constant = [&](const Expr *e) -> std::optional<int64_t> {
    Expr::EvalResult r;
    if (e && !e->isValueDependent() && e->EvaluateAsInt(r, ctx_))
      return toInt64(r.Val.getInt());
    return std::nullopt;
  };
  const Expr *inc = f->getInc() ? f->getInc()->IgnoreParenImpCasts() : nullptr;
  if (const auto *u = dyn_cast_or_null<UnaryOperator>(inc)) {
    if (u->isIncrementDecrementOp() && refVar(u->getSubExpr()) == iter)
      step = u->isIncrementOp() ? 1 : -1;
  } else if (const auto *ca = dyn_cast_or_null<CompoundAssignOperator>(inc)) {
    if (refVar(ca->getLHS()) == iter) {
      std::optional<int64_t> c = constant(ca->getRHS());
      if (c && ca->getOpcode() == BO_AddAssign)
        step = *c;
      else if (c && ca->getOpcode() == BO_SubAssign)
        step = -*c;
    }
  } else if (const auto *as = dyn_cast_or_null<BinaryOperator>(inc)) {
    const auto *rhs = dyn_cast<BinaryOperator>(as->getRHS()->IgnoreParenImpCasts());
    if (as->getOpcode() == BO_Assign && refVar(as->getLHS()) == iter && rhs) {
      if (rhs->getOpcode() == BO_Add && refVar(rhs->getLHS()) == iter)
        step = constant(rhs->getRHS());
      else if (rhs->getOpcode() == BO_Add && refVar(rhs->getRHS()) == iter)
        step = constant(rhs->getLHS());
      else if (rhs->getOpcode() == BO_Sub && refVar(rhs->getLHS()) == iter) {
        step = constant(rhs->getRHS());
        if (step)
          step = -*step;
      }
    }
  }
  if (!step || *step == 0) {
    why = "loop increment of " + h.iterator + " is not a nonzero constant step";
    return false;
  }
  h.step = *step;

  // condition
  const auto *cond = dyn_cast_or_null<BinaryOperator>(
      f->getCond() ? f->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!cond || !cond->isComparisonOp()) {
    why = "loop condition is not a comparison of " + h.iterator;
    return false;
  }
  const Expr *bound = nullptr;
  if (refVar(cond->getLHS()) == iter) {
    h.op = cmpOp(cond->getOpcode());
    bound = cond->getRHS();
  } else if (refVar(cond->getRHS()) == iter) {
    h.op = swapOp(cmpOp(cond->getOpcode()));
    bound = cond->getLHS();
  } else {
    why = "loop condition does not compare " + h.iterator + " with a bound";
    return false;
  }
  if (cond->getOpcode() == BO_EQ) {
    why = "loop condition '==' is not supported";
    return false;
  }
  if (h.op == m::Condition::Op::NE) {
    // `!=` on a type that wraps (unsigned, or narrower than int) passes its
    // bound through the wrap-around: not the range lower..bound.
    QualType it = iter->getType();
    if (it->isUnsignedIntegerOrEnumerationType() || ctx_.getIntWidth(it) < ctx_.getIntWidth(ctx_.IntTy)) {
      why = "loop condition '!=' on " + h.iterator + " of type '" + it.getAsString() +
            "' may wrap around";
      return false;
    }
    if (h.step == 1)
      h.op = m::Condition::Op::LT;
    else if (h.step == -1)
      h.op = m::Condition::Op::GT;
    else {
      why = "loop condition '!=' with a step other than 1 or -1";
      return false;
    }
  }
  h.lower = exactIndex(lower);
  h.bound = exactIndex(bound);
  return true;
}

m::IndexExpr LoopLowerer::exactIndex(const Expr *e, unsigned depth) {
  m::IndexExpr v;
  bool wraps = false;
  {
    Wrap64Scope scope(wrap64_);
    v = lowerIndex(e, depth);
    wraps = scope.wrapped();
  }
  if (wraps && !v.isOpaque()) {
    std::string t = e ? text(e) : std::string();
    return m::IndexExpr::opaque("64-bit unsigned arithmetic or conversion in " + t + " may wrap around", t);
  }
  return v;
}

m::IndexExpr LoopLowerer::wrapIndex(m::IndexExpr v, QualType to) {
  using K = m::IndexExpr::Kind;
  unsigned width = ctx_.getIntWidth(to);
  if (width >= 63) {
    wrap64_ = true; // congruent modulo 2^64 only
    return v;
  }
  narrowWrap_ = true;
  // floor remainder by M = 2^width from truncating ones: ((v % M) + M) % M;
  // signed targets are shifted by half the range first.
  int64_t modulus = int64_t(1) << width;
  int64_t shift = to->isSignedIntegerOrEnumerationType() ? modulus / 2 : 0;
  if (shift)
    v = m::IndexExpr::binary(K::Add, std::move(v), m::IndexExpr::constant(shift));
  m::IndexExpr r = m::IndexExpr::binary(
      K::Mod,
      m::IndexExpr::binary(K::Add, m::IndexExpr::binary(K::Mod, std::move(v), m::IndexExpr::constant(modulus)),
                           m::IndexExpr::constant(modulus)),
      m::IndexExpr::constant(modulus));
  if (shift)
    r = m::IndexExpr::binary(K::Sub, std::move(r), m::IndexExpr::constant(shift));
  return r;
}

m::IndexExpr LoopLowerer::convertIndex(m::IndexExpr v, QualType from, QualType to, const std::string &t) {
  if (!from->isIntegralOrEnumerationType() || !to->isIntegralOrEnumerationType() || v.isOpaque())
    return v;
  if (to->isBooleanType() && !from->isBooleanType())
    return m::IndexExpr::opaque("conversion of " + t + " to bool", t);
  unsigned wf = ctx_.getIntWidth(from), wt = ctx_.getIntWidth(to);
  bool sf = from->isSignedIntegerOrEnumerationType(), st = to->isSignedIntegerOrEnumerationType();
  // Every value of `from` is a value of `to`: nothing changes.
  bool contained = sf ? (st && wf <= wt) : (st ? wf < wt : wf <= wt);
  if (contained)
    return v;
  return wrapIndex(std::move(v), to);
}

// --- integer expressions ----------------------------------------------------

m::IndexExpr LoopLowerer::lowerIndex(const Expr *e, unsigned depth) {
  using K = m::IndexExpr::Kind;
  if (!e)
    return m::IndexExpr::opaque("missing expression", "");
  e = e->IgnoreParens();
  std::string t = text(e);
  if (const auto *mt = dyn_cast<MaterializeTemporaryExpr>(e))
    return lowerIndex(mt->getSubExpr(), depth);
  // Constants first: their conversions are C's.
  if (!e->isValueDependent() && e->getType()->isIntegralOrEnumerationType() &&
      !e->HasSideEffects(ctx_)) {
    Expr::EvalResult r;
    if (e->EvaluateAsInt(r, ctx_)) {
      const llvm::APSInt &value = r.Val.getInt();
      if (value.getBitWidth() > 64 && value.getSignificantBits() > 64)
        return m::IndexExpr::opaque("constant " + t + " does not fit in 64 bits", t);
      // An unsigned constant of 2^63 or more reads as negative: equal to
      // the C value modulo 2^64 only.
      if (value.isUnsigned() && value.getBitWidth() >= 64 &&
          value.getActiveBits() > 63)
        wrap64_ = true;
      return m::IndexExpr::constant(toInt64(value));
    }
  }
  if (const auto *ice = dyn_cast<ImplicitCastExpr>(e)) {
    if (ice->getCastKind() == CK_FloatingToIntegral)
      return m::IndexExpr::opaque("floating-point value " + t, t);
    if (ice->getCastKind() == CK_IntegralCast || ice->getCastKind() == CK_IntegralToBoolean) {
      // A conversion to a narrower type keeps only the low bits: exact
      // again, whatever 64-bit wrap-around happened inside.
      Wrap64Scope scope(wrap64_);
      const Expr *sub = ice->getSubExpr();
      m::IndexExpr v = convertIndex(lowerIndex(sub, depth), sub->getType(), ice->getType(), t);
      if (ctx_.getIntWidth(ice->getType()) >= 63 || ice->getType()->isBooleanType())
        scope.keepInner();
      return v;
    }
    return lowerIndex(ice->getSubExpr(), depth);
  }
  if (!e->getType()->isIntegralOrEnumerationType())
    return m::IndexExpr::opaque("non-integer value " + t, t);
  if (const auto *b = dyn_cast<BinaryOperator>(e)) {
    K k;
    switch (b->getOpcode()) {
    case BO_Add: k = K::Add; break;
    case BO_Sub: k = K::Sub; break;
    case BO_Mul: k = K::Mul; break;
    case BO_Div: k = K::Div; break;
    case BO_Rem: k = K::Mod; break;
    case BO_Shl: {
      // i << c is i * 2^c (shifts of negative values are undefined in C).
      Expr::EvalResult r;
      if (!b->getRHS()->isValueDependent() && b->getRHS()->EvaluateAsInt(r, ctx_)) {
        int64_t c = toInt64(r.Val.getInt());
        if (c >= 0 && c < 62) {
          m::IndexExpr v = m::IndexExpr::binary(K::Mul, lowerIndex(b->getLHS(), depth),
                                                m::IndexExpr::constant(int64_t(1) << c));
          return e->getType()->isUnsignedIntegerOrEnumerationType() ? wrapIndex(std::move(v), e->getType()) : v;
        }
      }
      return m::IndexExpr::opaque("unsupported integer operator in " + t, t);
    }
    default:
      return m::IndexExpr::opaque("unsupported integer operator in " + t, t);
    }
    if (k == K::Div || k == K::Mod)
      return m::IndexExpr::binary(k, exactIndex(b->getLHS(), depth), exactIndex(b->getRHS(), depth));
    m::IndexExpr v = m::IndexExpr::binary(k, lowerIndex(b->getLHS(), depth), lowerIndex(b->getRHS(), depth));
    // Unsigned arithmetic is modulo 2^width.
    return e->getType()->isUnsignedIntegerOrEnumerationType() ? wrapIndex(std::move(v), e->getType()) : v;
  }
  if (const auto *u = dyn_cast<UnaryOperator>(e)) {
    if (u->getOpcode() == UO_Minus) {
      m::IndexExpr v = m::IndexExpr::neg(lowerIndex(u->getSubExpr(), depth));
      return e->getType()->isUnsignedIntegerOrEnumerationType() ? wrapIndex(std::move(v), e->getType()) : v;
    }
    if (u->getOpcode() == UO_Plus)
      return lowerIndex(u->getSubExpr(), depth);
    if (u->isIncrementDecrementOp())
      return m::IndexExpr::opaque("side effect in " + t, t);
    return m::IndexExpr::opaque("unsupported integer operator in " + t, t);
  }
  if (const auto *c = dyn_cast<ExplicitCastExpr>(e)) {
    const Expr *sub = c->getSubExpr();
    if (!sub->getType()->isIntegralOrEnumerationType())
      return m::IndexExpr::opaque("floating-point value " + t, t);
    Wrap64Scope scope(wrap64_);
    m::IndexExpr v = convertIndex(lowerIndex(sub, depth), sub->getType(), c->getType(), t);
    if (ctx_.getIntWidth(c->getType()) >= 63 || c->getType()->isBooleanType())
      scope.keepInner();
    return v;
  }
  if (const auto *dr = dyn_cast<DeclRefExpr>(e)) {
    const auto *v = dyn_cast<VarDecl>(dr->getDecl());
    if (!v)
      return m::IndexExpr::opaque("unsupported name " + t, t);
    std::string name = v->getNameAsString();
    if (isIterator(v))
      return m::IndexExpr::var(modelName(v));
    if (declaredInLoop(v)) {
      if (!modified_.count(v) && v->getInit() && depth < 8 && !v->getType()->isReferenceType())
        return lowerIndex(v->getInit(), depth + 1);
      return m::IndexExpr::opaque(name + " is modified inside the loop", t);
    }
    if (modified_.count(v))
      return m::IndexExpr::opaque(name + " is modified inside the loop", t);
    if (!v->hasGlobalStorage() && privateToEachThread(v))
      return m::IndexExpr::opaque(name + " is private to each thread", t);
    addParameter(name);
    return m::IndexExpr::var(name);
  }
  if (isa<ArraySubscriptExpr>(e) || isSubscriptCall(e))
    return lowerArrayRead(e, depth);
  if (std::optional<m::IndexExpr> mm = lowerMinMax(e, depth))
    return *mm;
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    // An integer member the loop does not modify is a parameter named by
    // its spelling (`g->n`, `n` for `this->n`).
    MemberPath path;
    std::string why;
    if (!resolveMember(me, path, why))
      return m::IndexExpr::opaque("member " + t + " is not modelled: " + why, t);
    if (memberModified(path))
      return m::IndexExpr::opaque(path.name + " is modified inside the loop", t);
    if (const VarDecl *r = path.root; r && path.inObject && !r->hasGlobalStorage()) {
      if (declaredInLoop(r))
        return m::IndexExpr::opaque(path.name + " belongs to an object of each iteration", t);
      if (privateToEachThread(r))
        return m::IndexExpr::opaque(path.name + " is private to each thread", t);
    }
    addParameter(path.name);
    return m::IndexExpr::var(path.name);
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    // In replicated code, the thread id and the team's size.
    const FunctionDecl *fd = call->getDirectCallee();
    if (replicated_ && fd && call->getNumArgs() == 0 && fd->getDeclName().isIdentifier()) {
      if (fd->getName() == "omp_get_thread_num")
        return m::IndexExpr::var(m::kThreadIterator);
      if (fd->getName() == "omp_get_num_threads") {
        addParameter(m::kThreadCount);
        return m::IndexExpr::var(m::kThreadCount);
      }
    }
    return m::IndexExpr::opaque("call " + t, t);
  }
  return m::IndexExpr::opaque("unsupported integer expression " + t, t);
}

/// `perm[i]`, `rowptr[i + 1]`, `col[k]`: an element of an integer array
/// that is shared by the threads and not declared in the loop becomes an
/// ArrayRead; run() turns it opaque again if the loop writes the array or
/// the array may alias one (opaqueArrayReads).
m::IndexExpr LoopLowerer::lowerArrayRead(const Expr *e, unsigned depth) {
  std::string t = text(e);
  const VarDecl *v = nullptr;
  std::vector<const Expr *> subs;
  if (!resolveLocation(e, v, subs) || !v || subs.empty())
    return m::IndexExpr::opaque("data-dependent subscript " + t, t, m::OpaqueKind::DataDependent);
  if (declaredInLoop(v))
    return m::IndexExpr::opaque("data-dependent subscript " + t + ": " + v->getNameAsString() +
                                    " is declared in the loop",
                                t, m::OpaqueKind::DataDependent);
  int index = variableOf(v);
  const m::Variable &var = model_.variables[static_cast<size_t>(index)];
  if (var.sharing != m::Sharing::Shared || var.rank != subs.size() || var.floating)
    return m::IndexExpr::opaque("data-dependent subscript " + t, t, m::OpaqueKind::DataDependent);
  std::vector<m::IndexExpr> ops;
  for (const Expr *s : subs)
    ops.push_back(lowerIndex(s, depth + 1));
  return m::IndexExpr::arrayRead(var.name, std::move(ops));
}

std::optional<m::IndexExpr> LoopLowerer::lowerMinMax(const Expr *e, unsigned depth) {
  using K = m::IndexExpr::Kind;
  auto spelling = [&](const Expr *x) {
    std::string out;
    for (char ch : text(x->IgnoreParenImpCasts()))
      if (!std::isspace(static_cast<unsigned char>(ch)) && ch != '(' && ch != ')')
        out += ch;
    return out;
  };
  if (const auto *c = dyn_cast<ConditionalOperator>(e)) {
    const auto *cmp = dyn_cast<BinaryOperator>(c->getCond()->IgnoreParenImpCasts());
    if (!cmp || !cmp->isRelationalOp())
      return std::nullopt;
    std::string l = spelling(cmp->getLHS()), r = spelling(cmp->getRHS());
    std::string a = spelling(c->getTrueExpr()), b = spelling(c->getFalseExpr());
    bool less = cmp->getOpcode() == BO_LT || cmp->getOpcode() == BO_LE;
    K k;
    if (a == l && b == r)
      k = less ? K::Min : K::Max;
    else if (a == r && b == l)
      k = less ? K::Max : K::Min;
    else
      return std::nullopt;
    return m::IndexExpr::binary(k, exactIndex(c->getTrueExpr(), depth),
                                exactIndex(c->getFalseExpr(), depth));
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    const FunctionDecl *fd = call->getDirectCallee();
    if (!fd || !fd->isInStdNamespace() || !fd->getIdentifier() || call->getNumArgs() != 2)
      return std::nullopt;
    if (fd->getName() != "min" && fd->getName() != "max")
      return std::nullopt;
    return m::IndexExpr::binary(fd->getName() == "min" ? K::Min : K::Max,
                                exactIndex(call->getArg(0), depth),
                                exactIndex(call->getArg(1), depth));
  }
  return std::nullopt;
}

m::Condition LoopLowerer::lowerCondition(const Expr *e) {
  e = e->IgnoreParenImpCasts();
  std::string t = text(e);
  if (const auto *b = dyn_cast<BinaryOperator>(e)) {
    if (b->isComparisonOp()) {
      if (!b->getLHS()->IgnoreParenImpCasts()->getType()->isIntegralOrEnumerationType() ||
          !b->getRHS()->IgnoreParenImpCasts()->getType()->isIntegralOrEnumerationType())
        return opaqueCondition("floating-point comparison " + t, t);
      m::Condition c;
      c.kind = m::Condition::Kind::Cmp;
      c.op = cmpOp(b->getOpcode());
      c.operands.push_back(exactIndex(b->getLHS()));
      c.operands.push_back(exactIndex(b->getRHS()));
      return c;
    }
    if (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr) {
      m::Condition c;
      c.kind = b->getOpcode() == BO_LAnd ? m::Condition::Kind::And : m::Condition::Kind::Or;
      for (const Expr *side : {b->getLHS(), b->getRHS()}) {
        m::Condition s = lowerCondition(side);
        if (s.kind == c.kind)
          for (m::Condition &g : s.children)
            c.children.push_back(std::move(g));
        else
          c.children.push_back(std::move(s));
      }
      return c;
    }
  }
  if (const auto *u = dyn_cast<UnaryOperator>(e))
    if (u->getOpcode() == UO_LNot)
      return notCondition(lowerCondition(u->getSubExpr()));
  if (e->getType()->isIntegralOrEnumerationType()) {
    m::Condition c;
    c.kind = m::Condition::Kind::Cmp;
    c.op = m::Condition::Op::NE;
    c.operands.push_back(exactIndex(e));
    c.operands.push_back(m::IndexExpr::constant(0));
    return c;
  }
  return opaqueCondition("unsupported condition " + t, t);
}

// --- statements -------------------------------------------------------------

void LoopLowerer::collectModified(const Stmt *s) {
  if (!s)
    return;
  auto mark = [&](const Expr *e) {
    if (const VarDecl *v = refVar(e)) {
      modified_.insert(v);
    } else if (const auto *me = dyn_cast_or_null<MemberExpr>(e ? e->IgnoreParenImpCasts() : nullptr)) {
      MemberPath path;
      std::string why;
      if (resolveMember(me, path, why))
        modifiedMembers_.insert(path.name);
    }
  };
  if (const auto *b = dyn_cast<BinaryOperator>(s)) {
    if (b->isAssignmentOp())
      mark(b->getLHS());
  } else if (const auto *u = dyn_cast<UnaryOperator>(s)) {
    if (u->isIncrementDecrementOp() || u->getOpcode() == UO_AddrOf)
      mark(u->getSubExpr());
  } else if (const auto *call = dyn_cast<CallExpr>(s)) {
    if (const FunctionDecl *fd = call->getDirectCallee()) {
      unsigned first = isa<CXXOperatorCallExpr>(call) && isa<CXXMethodDecl>(fd) ? 1 : 0;
      for (unsigned i = first; i < call->getNumArgs(); ++i) {
        unsigned pi = i - first;
        if (pi < fd->getNumParams()) {
          QualType pt = fd->getParamDecl(pi)->getType();
          if (pt->isReferenceType() && !pt.getNonReferenceType().isConstQualified())
            mark(call->getArg(i));
        }
      }
    }
  } else if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *v = dyn_cast<VarDecl>(d))
        if (v->getType()->isReferenceType() && !v->getType().getNonReferenceType().isConstQualified())
          mark(v->getInit());
  }
  for (const Stmt *c : s->children())
    collectModified(c);
  if (const auto *cs = dyn_cast<CapturedStmt>(s))
    collectModified(cs->getCapturedStmt());
}

int LoopLowerer::pushGuard(m::Condition c, clang::SourceRange r) {
  m::Scope sc;
  sc.kind = m::Scope::Kind::Guard;
  sc.parent = scope_;
  sc.guard = std::move(c);
  sc.range = loc_.range(r);
  model_.scopes.push_back(std::move(sc));
  return static_cast<int>(model_.scopes.size()) - 1;
}

void LoopLowerer::lowerStmt(const Stmt *s) {
  if (!s)
    return;
  if (const auto *c = dyn_cast<CompoundStmt>(s))
    return lowerCompound(c);
  if (const auto *f = dyn_cast<ForStmt>(s))
    return lowerInnerLoop(f);
  if (const auto *i = dyn_cast<IfStmt>(s))
    return lowerIf(i);
  if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *v = dyn_cast<VarDecl>(d))
        lowerDecl(v);
    return;
  }
  if (const auto *e = dyn_cast<Expr>(s))
    return lowerEffect(e);
  if (isa<NullStmt>(s) || isa<ContinueStmt>(s) || isa<BreakStmt>(s))
    return;
  if (const auto *a = dyn_cast<AttributedStmt>(s))
    return lowerStmt(a->getSubStmt());
  // Labels and cases: the jump to them (goto, switch) is what is unsupported.
  if (const auto *sc = dyn_cast<SwitchCase>(s))
    return lowerStmt(sc->getSubStmt());
  if (const auto *l = dyn_cast<LabelStmt>(s))
    return lowerStmt(l->getSubStmt());
  if (const auto *cs = dyn_cast<CapturedStmt>(s))
    return lowerStmt(cs->getCapturedStmt());
  if (const auto *d = dyn_cast<OMPExecutableDirective>(s)) {
    OpenMPDirectiveKind k = d->getDirectiveKind();
    m::Sync savedSync = sync_;
    std::string savedName = syncName_;
    const Expr *savedX = atomicX_;
    if (const auto *at = dyn_cast<OMPAtomicDirective>(d)) {
      sync_ = m::Sync::Atomic;
      atomicX_ = at->getX();
      syncName_.clear();
    } else if (const auto *cr = dyn_cast<OMPCriticalDirective>(d)) {
      if (sync_ != m::Sync::Atomic) {
        sync_ = m::Sync::Critical;
        syncName_ = cr->getDirectiveName().getAsString();
      }
    } else if (replicated_ && k != llvm::omp::OMPD_simd &&
               (isSupportedLoopDirective(k) || k == llvm::omp::OMPD_single ||
                k == llvm::omp::OMPD_sections || k == llvm::omp::OMPD_section ||
                k == llvm::omp::OMPD_taskwait)) {
      // Replicated code: worksharing loops have their own models, and a
      // `single` or a section runs on one thread.
      return;
    } else if (isSupportedLoopDirective(k)) {
      // A nested loop directive (e.g. `simd`) is an inner loop here.
    } else if (k == llvm::omp::OMPD_flush || k == llvm::omp::OMPD_barrier) {
      return;
    } else if (replicated_ && (k == llvm::omp::OMPD_master || k == llvm::omp::OMPD_masked)) {
      // Run by the thread its filter names (the primary thread: 0).
      m::IndexExpr which = m::IndexExpr::constant(0);
      if (const auto *filter = d->getSingleClause<OMPFilterClause>())
        which = exactIndex(filter->getThreadID());
      m::Condition c;
      c.kind = m::Condition::Kind::Cmp;
      c.op = m::Condition::Op::EQ;
      c.operands = {m::IndexExpr::var(m::kThreadIterator), std::move(which)};
      int saved = scope_;
      scope_ = pushGuard(std::move(c), d->getSourceRange());
      lowerStmt(rawBody(d));
      scope_ = saved;
      return;
    } else {
      unsupported(Why::Directive, "OpenMP directive '" + directiveName(k) + "' inside the loop is not modelled",
                  d->getSourceRange());
    }
    const Stmt *body = rawBody(d);
    if (const auto *loop = dyn_cast_or_null<OMPLoopDirective>(d))
      body = stripToLoop(loop->getInnermostCapturedStmt()->getCapturedStmt());
    lowerStmt(body);
    sync_ = savedSync;
    syncName_ = savedName;
    atomicX_ = savedX;
    return;
  }
  std::string what = s->getStmtClassName();
  if (isa<WhileStmt>(s) || isa<DoStmt>(s))
    what = "while loop";
  else if (isa<SwitchStmt>(s))
    what = "switch statement";
  else if (isa<CXXForRangeStmt>(s))
    what = "range-based for loop";
  else if (isa<ReturnStmt>(s) || isa<GotoStmt>(s))
    what = "jump out of the loop body";
  unsupported(Why::Statement, what + " is not modelled", s->getSourceRange());
  // Its accesses still count, under a condition nobody can evaluate.
  int saved = scope_;
  scope_ = pushGuard(opaqueCondition(what + " is not modelled", ""), s->getSourceRange());
  for (const Stmt *c : s->children())
    lowerStmt(c);
  scope_ = saved;
}

/// `if (c) continue;` guards the rest of the block with !c.
static const Expr *skipCondition(const Stmt *s) {
  const auto *i = dyn_cast<IfStmt>(s);
  if (!i || i->getElse() || i->getInit() || i->getConditionVariable())
    return nullptr;
  const Stmt *t = i->getThen();
  if (const auto *c = dyn_cast<CompoundStmt>(t))
    t = c->size() ? c->body_back() : nullptr;
  if (t && (isa<ContinueStmt>(t) || isa<BreakStmt>(t)))
    return i->getCond();
  return nullptr;
}

/// True if `s` holds a `break` or `continue` of the loop it sits in (not one
/// of a loop or switch nested in `s`).
static bool jumpsOutOf(const Stmt *s, bool breakCounts = true) {
  if (!s)
    return false;
  if (isa<ContinueStmt>(s))
    return true;
  if (isa<BreakStmt>(s))
    return breakCounts;
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s))
    return false;
  if (isa<SwitchStmt>(s))
    breakCounts = false;
  for (const Stmt *c : s->children())
    if (jumpsOutOf(c, breakCounts))
      return true;
  return false;
}

/// True if `s` holds a `break` of the loop it sits in.
static bool breaksOutOf(const Stmt *s) {
  if (!s || isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s) ||
      isa<SwitchStmt>(s))
    return false;
  if (isa<BreakStmt>(s))
    return true;
  for (const Stmt *c : s->children())
    if (breaksOutOf(c))
      return true;
  return false;
}

void LoopLowerer::lowerCompound(const CompoundStmt *c) {
  int saved = scope_;
  for (const Stmt *s : c->body()) {
    lowerStmt(s);
    clang::SourceRange rest(s->getEndLoc(), c->getEndLoc());
    if (const Expr *cond = skipCondition(s))
      scope_ = pushGuard(notCondition(lowerCondition(cond)), rest);
    else if (jumpsOutOf(s))
      scope_ = pushGuard(opaqueCondition("may be skipped by a break or continue", ""), rest);
  }
  scope_ = saved;
}

void LoopLowerer::lowerIf(const IfStmt *s) {
  if (s->getInit())
    lowerStmt(s->getInit());
  if (const VarDecl *cv = s->getConditionVariable())
    lowerDecl(cv);
  else
    lowerValue(s->getCond()); // reads of the condition
  m::Condition c = lowerCondition(s->getCond());
  int saved = scope_;
  scope_ = pushGuard(c, s->getThen()->getSourceRange());
  lowerStmt(s->getThen());
  scope_ = saved;
  if (s->getElse()) {
    scope_ = pushGuard(notCondition(c), s->getElse()->getSourceRange());
    lowerStmt(s->getElse());
    scope_ = saved;
  }
}

void LoopLowerer::lowerInnerLoop(const ForStmt *f) {
  m::LoopHeader h;
  const VarDecl *iter = nullptr;
  std::string why;
  if (!lowerHeader(f, h, iter, why)) {
    unsupported(Why::LoopForm, "inner loop: " + why, f->getSourceRange());
    int saved = scope_;
    scope_ = pushGuard(opaqueCondition(why, ""), f->getSourceRange());
    lowerStmt(f->getInit());
    if (f->getCond())
      lowerValue(f->getCond());
    lowerStmt(f->getBody());
    if (f->getInc())
      lowerEffect(f->getInc());
    scope_ = saved;
    return;
  }
  // A name shared with another variable of the loop gets a fresh model name.
  if (declNames_[h.iterator].size() > 1) {
    std::string fresh = h.iterator;
    do
      fresh += "'";
    while (declNames_.count(fresh));
    declNames_[fresh].insert(iter);
    iterNames_[iter] = fresh;
    h.iterator = fresh;
  }
  bool privateIter = isa<DeclStmt>(f->getInit());
  if (!privateIter) {
    m::Sharing s = sharingOf(iter);
    privateIter = s == m::Sharing::Private || s == m::Sharing::FirstPrivate ||
                  s == m::Sharing::LastPrivate;
  }
  // Initialisation: reads of the lower bound and, for a shared iterator, a
  // write of it, before the loop.
  const auto *initAssign = dyn_cast_or_null<BinaryOperator>(f->getInit());
  const Expr *lowerExpr = initAssign ? initAssign->getRHS() : iter->getInit();
  lowerValue(lowerExpr);
  if (!privateIter && initAssign)
    accessLocation(initAssign->getLHS(), iter, {}, false, true);

  m::Scope sc;
  sc.kind = m::Scope::Kind::Loop;
  sc.parent = scope_;
  sc.loop = h;
  sc.range = h.range;
  model_.scopes.push_back(std::move(sc));
  int saved = scope_;
  scope_ = static_cast<int>(model_.scopes.size()) - 1;
  innerIters_.emplace_back(iter, privateIter);
  // A break ends the loop early: its later iterations may not run.
  bool mayBreak = breaksOutOf(f->getBody());
  int loopScope = scope_;

  if (privateIter) {
    const auto *cond = cast<BinaryOperator>(f->getCond()->IgnoreParenImpCasts());
    lowerValue(refVar(cond->getLHS()) == iter ? cond->getRHS() : cond->getLHS());
  } else {
    lowerValue(f->getCond());
  }
  if (mayBreak)
    scope_ = pushGuard(opaqueCondition("the loop over " + h.iterator + " may end early (break)", ""),
                       f->getBody()->getSourceRange());
  lowerStmt(f->getBody());
  scope_ = loopScope;
  if (!privateIter) {
    const Expr *inc = f->getInc()->IgnoreParenImpCasts();
    const Expr *target = nullptr;
    if (const auto *u = dyn_cast<UnaryOperator>(inc))
      target = u->getSubExpr();
    else if (const auto *b = dyn_cast<BinaryOperator>(inc))
      target = b->getLHS();
    if (target)
      accessLocation(target, iter, {}, true, true);
  }

  innerIters_.pop_back();
  scope_ = saved;
}

void LoopLowerer::lowerDecl(const VarDecl *v) {
  const Expr *init = v->getInit();
  QualType t = v->getType();
  if ((t->isReferenceType() || t->isPointerType()) && init) {
    // An alias of some other storage (checked when the variable is made):
    // only fresh allocations and temporaries are safe.
    variableOf(v);
    lowerValue(init);
    return;
  }
  if (!init)
    return;
  if (t->isArithmeticType() || (t->isReferenceType() && t.getNonReferenceType()->isArithmeticType())) {
    int var = variableOf(v);
    m::Access a;
    a.variable = var;
    a.kind = m::AccessKind::Write;
    a.scope = scope_;
    a.range = loc_.range(clang::SourceRange(v->getLocation(), v->getLocation()));
    a.text = v->getNameAsString();
    model_.accesses.push_back(std::move(a));
    m::Statement st;
    st.lhs = static_cast<int>(model_.accesses.size()) - 1;
    st.op = m::Statement::Op::Assign;
    st.rhs = lowerValue(init);
    st.scope = scope_;
    st.range = loc_.range(v->getSourceRange());
    model_.statements.push_back(std::move(st));
    return;
  }
  lowerValue(init); // arrays with initialiser lists, objects: their reads
}

void LoopLowerer::lowerEffect(const Expr *e) {
  if (!e)
    return;
  e = e->IgnoreParenImpCasts();
  if (const auto *ewc = dyn_cast<ExprWithCleanups>(e))
    return lowerEffect(ewc->getSubExpr());
  if (const auto *b = dyn_cast<BinaryOperator>(e)) {
    if (b->isAssignmentOp()) {
      lowerAssign(b->getLHS(), b->getOpcode(), b->getRHS(), b);
      return;
    }
    if (b->getOpcode() == BO_Comma) {
      lowerEffect(b->getLHS());
      lowerEffect(b->getRHS());
      return;
    }
  }
  if (const auto *u = dyn_cast<UnaryOperator>(e))
    if (u->isIncrementDecrementOp()) {
      lowerIncDec(u);
      return;
    }
  lowerValue(e);
}

bool LoopLowerer::resolveLocation(const Expr *e, const VarDecl *&v,
                                  std::vector<const Expr *> &subs, const MemberExpr **member) {
  subs.clear();
  v = nullptr;
  if (member)
    *member = nullptr;
  e = e->IgnoreParenImpCasts();
  while (true) {
    if (const auto *as = dyn_cast<ArraySubscriptExpr>(e)) {
      subs.push_back(as->getIdx());
      e = as->getBase()->IgnoreParenImpCasts();
    } else if (isSubscriptCall(e)) {
      const auto *op = cast<CXXOperatorCallExpr>(e);
      subs.push_back(op->getArg(1));
      e = op->getArg(0)->IgnoreParenImpCasts();
    } else {
      break;
    }
  }
  std::reverse(subs.begin(), subs.end());
  v = refVar(e);
  if (!v && member)
    if (const auto *me = dyn_cast<MemberExpr>(e)) {
      *member = me;
      return true;
    }
  return v != nullptr;
}

int LoopLowerer::addAccess(const Expr *whole, int var, std::vector<m::IndexExpr> subs,
                           m::AccessKind kind) {
  m::Access a;
  a.variable = var;
  a.kind = kind;
  a.subscripts = std::move(subs);
  a.scope = scope_;
  if (sync_ == m::Sync::Atomic) {
    // The atomic location `x` may be spelled twice (capture blocks
    // `{v = x; x += e;}`): compare spellings, not positions.
    auto spelling = [&](const Expr *x) {
      std::string out;
      for (char ch : text(x->IgnoreParenImpCasts()))
        if (!std::isspace(static_cast<unsigned char>(ch)))
          out += ch;
      return out;
    };
    if (!atomicX_ || spelling(atomicX_) == spelling(whole))
      a.sync = m::Sync::Atomic;
  } else if (sync_ == m::Sync::Critical) {
    a.sync = m::Sync::Critical;
    a.syncName = syncName_;
  }
  if (a.sync == m::Sync::None &&
      model_.variables[static_cast<size_t>(var)].sharing == m::Sharing::Reduction)
    a.sync = m::Sync::Reduction;
  a.range = loc_.range(whole->getSourceRange());
  a.text = text(whole);
  model_.accesses.push_back(std::move(a));
  return static_cast<int>(model_.accesses.size()) - 1;
}

int LoopLowerer::accessLocation(const Expr *whole, const VarDecl *v,
                                const std::vector<const Expr *> &subs, bool withRead,
                                bool withWrite, int *readIndex) {
  for (const Expr *s : subs)
    lowerValue(s);
  return accessVariable(whole, variableOf(v), subs, withRead, withWrite, readIndex);
}

int LoopLowerer::accessVariable(const Expr *whole, int var, const std::vector<const Expr *> &subs,
                                bool withRead, bool withWrite, int *readIndex) {
  const m::Variable &info = model_.variables[static_cast<size_t>(var)];
  if (subs.size() != info.rank) {
    unsupported(Why::Pointer, text(whole) + (subs.size() < info.rank ? " is used as a pointer" : " subscripts a non-array"),
                whole->getSourceRange(), var);
  }
  std::vector<m::IndexExpr> idx;
  for (const Expr *s : subs)
    idx.push_back(lowerIndex(s));
  int last = -1;
  if (withRead) {
    last = addAccess(whole, var, idx, m::AccessKind::Read);
    if (readIndex)
      *readIndex = last;
  }
  if (withWrite)
    last = addAccess(whole, var, idx, m::AccessKind::Write);
  return last;
}

static const VarDecl *derefBase(const UnaryOperator *u) {
  const Expr *s = u->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *b = dyn_cast<BinaryOperator>(s); b && b->isAdditiveOp()) {
    if (b->getLHS()->getType()->isPointerType())
      s = b->getLHS()->IgnoreParenImpCasts();
    else if (b->getRHS()->getType()->isPointerType())
      s = b->getRHS()->IgnoreParenImpCasts();
  }
  return refVar(s);
}

int LoopLowerer::derefAccess(const UnaryOperator *u, m::AccessKind kind) {
  const VarDecl *v = derefBase(u);
  if (!v)
    return -1;
  int var = variableOf(v);
  unsigned rank = model_.variables[static_cast<size_t>(var)].rank;
  if (rank == 0)
    return -1;
  std::string t = text(u);
  std::vector<m::IndexExpr> subs(rank, m::IndexExpr::opaque("pointer dereference " + t, t));
  return addAccess(u, var, std::move(subs), kind);
}

/// The unsupported entries and the reads of a dereference's operand.
void LoopLowerer::lowerDeref(const UnaryOperator *u) {
  unsupported(Why::Pointer, "pointer dereference " + text(u) + " is not modelled", u->getSourceRange());
  lowerValue(u->getSubExpr());
}

int LoopLowerer::lowerAssign(const Expr *lhs, BinaryOperatorKind op, const Expr *rhs,
                             const Expr *whole) {
  // Accesses in source order: the left side's, then the right side's.
  const VarDecl *v = nullptr;
  const MemberExpr *member = nullptr;
  std::vector<const Expr *> subs;
  const auto *deref = dyn_cast<UnaryOperator>(lhs->IgnoreParenImpCasts());
  if (deref && deref->getOpcode() != UO_Deref)
    deref = nullptr;
  if (deref) {
    lowerDeref(deref);
  } else if (!resolveLocation(lhs, v, subs, &member)) {
    size_t known = model_.unsupported.size();
    lowerValue(lhs); // names pointer dereferences, member accesses...
    if (model_.unsupported.size() == known)
      unsupported(Why::Write, "write through " + text(lhs) + " is not modelled", lhs->getSourceRange());
    lowerValue(rhs);
    return -1;
  }
  if (v && (isPrivateInnerIterator(v) || (subs.empty() && isIterator(v)))) {
    unsupported(Why::IteratorModified, "loop iterator " + v->getNameAsString() + " is modified in the loop body",
                whole->getSourceRange());
    lowerValue(rhs);
    return -1;
  }
  bool compound = op != BO_Assign;
  int read = -1, write = -1;
  if (deref) {
    read = compound ? derefAccess(deref, m::AccessKind::Read) : -1;
    write = derefAccess(deref, m::AccessKind::Write);
  } else if (member) {
    write = accessMember(lhs, member, subs, compound, true, &read);
  } else {
    write = accessLocation(lhs, v, subs, compound, true, &read);
  }
  m::Expr value = lowerValue(rhs);
  if (write < 0)
    return -1;
  m::Statement st;
  st.lhs = write;
  st.scope = scope_;
  st.range = loc_.range(whole->getSourceRange());
  switch (op) {
  case BO_Assign: st.op = m::Statement::Op::Assign; break;
  case BO_AddAssign: st.op = m::Statement::Op::AddAssign; break;
  case BO_SubAssign: st.op = m::Statement::Op::SubAssign; break;
  case BO_MulAssign: st.op = m::Statement::Op::MulAssign; break;
  case BO_DivAssign: st.op = m::Statement::Op::DivAssign; break;
  default: {
    // x op= e  ==>  x = x op e
    m::Expr old;
    old.kind = m::Expr::Kind::Access;
    old.access = read;
    old.text = text(lhs);
    m::Expr bin;
    bin.kind = m::Expr::Kind::Binary;
    bin.op = exprOp(BinaryOperator::getOpForCompoundAssignment(op));
    bin.text = old.text + " " + m::toString(bin.op) + " " + text(rhs);
    bin.operands.push_back(std::move(old));
    bin.operands.push_back(std::move(value));
    value = std::move(bin);
    st.op = m::Statement::Op::Assign;
  }
  }
  st.rhs = std::move(value);
  model_.statements.push_back(std::move(st));
  return write;
}

int LoopLowerer::lowerIncDec(const UnaryOperator *u) {
  const Expr *sub = u->getSubExpr();
  const VarDecl *v = nullptr;
  const MemberExpr *member = nullptr;
  std::vector<const Expr *> subs;
  if (!resolveLocation(sub, v, subs, &member)) {
    size_t known = model_.unsupported.size();
    lowerValue(sub);
    if (model_.unsupported.size() == known)
      unsupported(Why::Write, "update through " + text(sub) + " is not modelled", u->getSourceRange());
    return -1;
  }
  if (sub->getType()->isPointerType()) {
    unsupported(Why::Pointer, "pointer arithmetic " + text(u), u->getSourceRange());
    return -1;
  }
  if (v && (isPrivateInnerIterator(v) || (subs.empty() && isIterator(v)))) {
    unsupported(Why::IteratorModified, "loop iterator " + v->getNameAsString() + " is modified in the loop body",
                u->getSourceRange());
    return -1;
  }
  int write = member ? accessMember(sub, member, subs, true, true) : accessLocation(sub, v, subs, true, true);
  if (write < 0)
    return -1;
  m::Statement st;
  st.lhs = write;
  st.op = u->isIncrementOp() ? m::Statement::Op::AddAssign : m::Statement::Op::SubAssign;
  st.rhs.kind = m::Expr::Kind::IntConst;
  st.rhs.intValue = 1;
  st.rhs.text = "1";
  st.scope = scope_;
  st.range = loc_.range(u->getSourceRange());
  model_.statements.push_back(std::move(st));
  return write;
}

m::Expr LoopLowerer::lowerCall(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  m::Expr out;
  out.kind = m::Expr::Kind::Call;
  out.text = text(call);
  if (!fd) {
    unsupported(Why::Call, "call through a function pointer " + text(call->getCallee()) +
                    " may access shared memory",
                call->getSourceRange());
    out.callee = text(call->getCallee());
  } else {
    out.callee = fd->getNameAsString();
    if (!isPureMath(fd))
      unsupported(Why::Call, "call to '" + fd->getNameAsString() + "' may access shared memory",
                  call->getSourceRange());
  }
  for (const Expr *arg : call->arguments())
    out.operands.push_back(lowerValue(arg));
  return out;
}

m::Expr LoopLowerer::lowerVarRef(const DeclRefExpr *dr) {
  std::string t = text(dr);
  const auto *v = dyn_cast<VarDecl>(dr->getDecl());
  if (!v) {
    m::Expr out = opaqueExpr(t);
    Expr::EvalResult r;
    if (!dr->isValueDependent() && dr->EvaluateAsInt(r, ctx_)) {
      out.kind = m::Expr::Kind::IntConst;
      out.intValue = toInt64(r.Val.getInt());
      out.type = valueType(dr->getType());
    }
    return out;
  }
  if (isPrivateInnerIterator(v))
    return opaqueExpr(t); // an iterator's value: passive
  int var = variableOf(v);
  const m::Variable &info = model_.variables[static_cast<size_t>(var)];
  if (info.rank > 0) {
    if (info.isPointer)
      unsupported(Why::Pointer, "pointer " + v->getNameAsString() + " is used outside a subscript (" + t +
                      ")",
                  dr->getSourceRange(), var);
    else if (info.sharing != m::Sharing::Private && info.sharing != m::Sharing::FirstPrivate)
      unsupported(Why::AddressTaken, "address of " + v->getNameAsString() + " is taken (" + t + ")",
                  dr->getSourceRange(), var);
    return opaqueExpr(t);
  }
  m::Expr out;
  out.kind = m::Expr::Kind::Access;
  out.access = accessLocation(dr, v, {}, true, false);
  out.text = t;
  return out;
}

m::Expr LoopLowerer::lowerUnary(const UnaryOperator *u) {
  std::string t = text(u);
  switch (u->getOpcode()) {
  case UO_Minus:
  case UO_Plus:
  case UO_LNot:
  case UO_Not: {
    m::Expr out;
    out.kind = m::Expr::Kind::Unary;
    out.op = exprOp(u->getOpcode());
    out.operands.push_back(lowerValue(u->getSubExpr()));
    out.text = t;
    return out;
  }
  case UO_Deref: {
    lowerDeref(u);
    int a = derefAccess(u, m::AccessKind::Read);
    if (a < 0)
      return opaqueExpr(t);
    m::Expr out;
    out.kind = m::Expr::Kind::Access;
    out.access = a;
    out.text = t;
    return out;
  }
  case UO_AddrOf: {
    const VarDecl *v = nullptr;
    const MemberExpr *member = nullptr;
    std::vector<const Expr *> subs;
    bool privateTarget = false;
    int target = -1;
    if (resolveLocation(u->getSubExpr(), v, subs, &member) && member) {
      target = memberVariable(member);
      if (target >= 0) {
        m::Sharing s = model_.variables[static_cast<size_t>(target)].sharing;
        privateTarget = subs.empty() && s != m::Sharing::Shared && s != m::Sharing::Reduction;
      }
    } else if (v && !isIterator(v)) {
      m::Sharing s = sharingOf(v);
      privateTarget = subs.empty() && s != m::Sharing::Shared && s != m::Sharing::Reduction;
    }
    if (!privateTarget)
      unsupported(Why::AddressTaken, "address of shared data taken (" + t + ")", u->getSourceRange(),
                  v ? variableOf(v) : target);
    for (const Expr *s : subs)
      lowerValue(s);
    return opaqueExpr(t);
  }
  default:
    if (u->isIncrementDecrementOp()) {
      lowerIncDec(u);
      return opaqueExpr(t);
    }
    lowerValue(u->getSubExpr());
    return opaqueExpr(t);
  }
}

m::Expr LoopLowerer::lowerBinary(const BinaryOperator *b) {
  std::string t = text(b);
  if (b->isAssignmentOp()) {
    lowerAssign(b->getLHS(), b->getOpcode(), b->getRHS(), b);
    return opaqueExpr(t);
  }
  if (b->getOpcode() == BO_Comma) {
    lowerEffect(b->getLHS());
    return lowerValue(b->getRHS());
  }
  if (b->getType()->isPointerType() || (b->isAdditiveOp() &&
      (b->getLHS()->getType()->isPointerType() || b->getRHS()->getType()->isPointerType())))
    unsupported(Why::Pointer, "pointer arithmetic " + t + " is not modelled", b->getSourceRange());
  m::Expr out;
  out.kind = m::Expr::Kind::Binary;
  out.op = exprOp(b->getOpcode());
  if (b->isLogicalOp()) {
    // Short circuit: the right operand runs only where the left one does
    // not decide, in an if or loop condition as much as in a value.
    out.operands.push_back(lowerValue(b->getLHS()));
    m::Condition c = lowerCondition(b->getLHS());
    int saved = scope_;
    size_t accesses = model_.accesses.size(), statements = model_.statements.size();
    scope_ = pushGuard(b->getOpcode() == BO_LAnd ? c : notCondition(c), b->getRHS()->getSourceRange());
    out.operands.push_back(lowerValue(b->getRHS()));
    // A guard over nothing is left out of the model.
    if (model_.accesses.size() == accesses && model_.statements.size() == statements &&
        model_.scopes.size() == static_cast<size_t>(scope_) + 1)
      model_.scopes.pop_back();
    scope_ = saved;
    out.text = t;
    return out;
  }
  out.operands.push_back(lowerValue(b->getLHS()));
  out.operands.push_back(lowerValue(b->getRHS()));
  out.text = t;
  return out;
}

m::Expr LoopLowerer::lowerConditional(const ConditionalOperator *c) {
  std::string t = text(c);
  m::Expr out;
  out.kind = m::Expr::Kind::Conditional;
  out.text = t;
  out.operands.push_back(lowerValue(c->getCond()));
  out.condition = lowerCondition(c->getCond());
  int saved = scope_;
  scope_ = pushGuard(out.condition, c->getTrueExpr()->getSourceRange());
  out.operands.push_back(lowerValue(c->getTrueExpr()));
  scope_ = saved;
  scope_ = pushGuard(notCondition(out.condition), c->getFalseExpr()->getSourceRange());
  out.operands.push_back(lowerValue(c->getFalseExpr()));
  scope_ = saved;
  return out;
}

m::Expr LoopLowerer::lowerMemberCall(const CXXMemberCallExpr *mc) {
  std::string t = text(mc);
  const CXXMethodDecl *md = mc->getMethodDecl();
  std::string name = md && md->getIdentifier() ? md->getName().str() : std::string();
  const Expr *objExpr = mc->getImplicitObjectArgument();
  bool obj = refVar(objExpr) != nullptr;
  if (const auto *me = dyn_cast_or_null<MemberExpr>(objExpr ? objExpr->IgnoreParenImpCasts() : nullptr)) {
    MemberPath path;
    std::string why;
    obj = resolveMember(me, path, why);
  }
  if (obj && (name == "size" || name == "empty") && mc->getNumArgs() == 0)
    return opaqueExpr(t);
  unsupported(Why::Call, "call to '" + (name.empty() ? t : name) + "' may access shared memory",
              mc->getSourceRange());
  for (const Expr *arg : mc->arguments())
    lowerValue(arg);
  return opaqueExpr(t);
}

m::Expr LoopLowerer::lowerConstruct(const CXXConstructExpr *ctor) {
  std::string t = text(ctor);
  // A container of the standard library or a trivial object built here
  // (a private temporary) touches no shared memory; other constructors may.
  const CXXRecordDecl *rd = ctor->getConstructor()->getParent();
  bool known = ctor->getConstructor()->isTrivial() ||
               (rd->isInStdNamespace() && rd->getIdentifier() &&
                (rd->getName() == "vector" || rd->getName() == "array"));
  if (!known)
    unsupported(Why::Call, "constructor call " + t + " is not modelled", ctor->getSourceRange());
  for (const Expr *arg : ctor->arguments())
    lowerValue(arg);
  return opaqueExpr(t);
}

m::Expr LoopLowerer::lowerLocationRead(const Expr *e) {
  std::string t = text(e);
  const VarDecl *v = nullptr;
  const MemberExpr *member = nullptr;
  std::vector<const Expr *> subs;
  if (!resolveLocation(e, v, subs, &member)) {
    unsupported(Why::Expression, "access " + t + " is not modelled", e->getSourceRange());
    for (const Stmt *c : e->children())
      if (const auto *ce = dyn_cast_or_null<Expr>(c))
        lowerValue(ce);
    return opaqueExpr(t);
  }
  m::Expr out;
  out.kind = m::Expr::Kind::Access;
  out.access = member ? accessMember(e, member, subs, true, false) : accessLocation(e, v, subs, true, false);
  out.text = t;
  if (out.access < 0)
    return opaqueExpr(t);
  return out;
}

/// lowerValue's cases, one per class of expression: ConstStmtVisitor calls
/// the Visit method of the most derived class that has one (VisitExpr for
/// the rest).
class ValueLowering : public ConstStmtVisitor<ValueLowering, m::Expr> {
public:
  explicit ValueLowering(LoopLowerer &l) : l_(l) {}

  // Wrappers: the value is the operand's.
  m::Expr VisitParenExpr(const ParenExpr *p) { return l_.lowerValue(p->getSubExpr()); }
  m::Expr VisitImplicitCastExpr(const ImplicitCastExpr *ice) { return l_.lowerValue(ice->getSubExpr()); }
  m::Expr VisitExprWithCleanups(const ExprWithCleanups *ewc) { return l_.lowerValue(ewc->getSubExpr()); }
  m::Expr VisitMaterializeTemporaryExpr(const MaterializeTemporaryExpr *mt) {
    return l_.lowerValue(mt->getSubExpr());
  }

  // Constants.
  m::Expr VisitIntegerLiteral(const IntegerLiteral *il) {
    m::Expr out;
    out.kind = m::Expr::Kind::IntConst;
    out.intValue = toInt64(llvm::APSInt(il->getValue(), il->getType()->isUnsignedIntegerType()));
    out.type = l_.valueType(il->getType());
    out.text = l_.text(il);
    return out;
  }
  m::Expr VisitFloatingLiteral(const FloatingLiteral *fl) {
    m::Expr out;
    out.kind = m::Expr::Kind::FloatConst;
    out.floatValue = fl->getValueAsApproximateDouble();
    out.text = l_.text(fl);
    return out;
  }
  m::Expr VisitCharacterLiteral(const CharacterLiteral *c) { return integerConstant(c); }
  m::Expr VisitCXXBoolLiteralExpr(const CXXBoolLiteralExpr *b) { return integerConstant(b); }
  m::Expr VisitUnaryExprOrTypeTraitExpr(const UnaryExprOrTypeTraitExpr *u) { return integerConstant(u); }

  // Names, operators, calls.
  m::Expr VisitDeclRefExpr(const DeclRefExpr *dr) { return l_.lowerVarRef(dr); }
  m::Expr VisitUnaryOperator(const UnaryOperator *u) { return l_.lowerUnary(u); }
  m::Expr VisitBinaryOperator(const BinaryOperator *b) { return l_.lowerBinary(b); } // assignments too
  m::Expr VisitConditionalOperator(const ConditionalOperator *c) { return l_.lowerConditional(c); }
  m::Expr VisitCXXMemberCallExpr(const CXXMemberCallExpr *mc) { return l_.lowerMemberCall(mc); }
  m::Expr VisitCXXConstructExpr(const CXXConstructExpr *ctor) { return l_.lowerConstruct(ctor); }
  m::Expr VisitCallExpr(const CallExpr *call) { return l_.lowerCall(call); }
  m::Expr VisitMemberExpr(const MemberExpr *me) { return l_.lowerMember(me); }

  // Element reads: `x[i]`, and `v[i]` through an overloaded operator[].
  m::Expr VisitArraySubscriptExpr(const ArraySubscriptExpr *e) { return l_.lowerLocationRead(e); }
  m::Expr VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *call) {
    if (isSubscriptCall(call))
      return l_.lowerLocationRead(call);
    l_.unsupported(Why::Call, "overloaded operator " + l_.text(call) + " is not modelled", call->getSourceRange());
    for (const Expr *arg : call->arguments())
      l_.lowerValue(arg);
    return opaqueExpr(l_.text(call));
  }

  m::Expr VisitExplicitCastExpr(const ExplicitCastExpr *c) {
    std::string t = l_.text(c);
    m::Expr out;
    out.kind = m::Expr::Kind::Cast;
    out.castType = c->getTypeAsWritten().getAsString(l_.ctx_.getPrintingPolicy());
    out.type = l_.valueType(c->getType());
    out.operands.push_back(l_.lowerValue(c->getSubExprAsWritten()));
    out.text = t;
    if (c->getType()->isPointerType() && !c->getSubExpr()->getType()->isNullPtrType())
      l_.unsupported(Why::Pointer, "pointer cast " + t + " is not modelled", c->getSourceRange());
    return out;
  }

  // Defaults the source does not spell.
  m::Expr VisitCXXDefaultArgExpr(const CXXDefaultArgExpr *e) { return opaqueExpr(l_.text(e)); }
  m::Expr VisitCXXDefaultInitExpr(const CXXDefaultInitExpr *e) { return opaqueExpr(l_.text(e)); }
  m::Expr VisitImplicitValueInitExpr(const ImplicitValueInitExpr *e) { return opaqueExpr(l_.text(e)); }

  /// Anything else: its reads count; side effects we cannot see are
  /// unsupported.
  m::Expr VisitExpr(const Expr *e) {
    std::string t = l_.text(e);
    if (!e->isValueDependent() && e->HasSideEffects(l_.ctx_))
      l_.unsupported(Why::Expression, "expression " + t + " is not modelled", e->getSourceRange());
    for (const Stmt *c : e->children())
      if (const auto *ce = dyn_cast_or_null<Expr>(c))
        l_.lowerValue(ce);
    return opaqueExpr(t);
  }

private:
  /// A character, a bool, a sizeof: its value where Clang can evaluate it.
  m::Expr integerConstant(const Expr *e) {
    m::Expr out;
    out.kind = m::Expr::Kind::IntConst;
    Expr::EvalResult r;
    if (!e->isValueDependent() && e->EvaluateAsInt(r, l_.ctx_))
      out.intValue = toInt64(r.Val.getInt());
    out.type = l_.valueType(e->getType());
    out.text = l_.text(e);
    return out;
  }

  LoopLowerer &l_;
};

m::Expr LoopLowerer::lowerValue(const Expr *e) {
  if (!e)
    return opaqueExpr("");
  return ValueLowering(*this).Visit(e);
}

// --- the loop ---------------------------------------------------------------

m::LoopModel LoopLowerer::run() {
  m::LoopModel &lm = model_;
  lm.range = loc_.pragmaRange(dir_);
  lm.id = llvm::sys::path::filename(lm.range.file).str() + ":" + std::to_string(lm.range.line) +
          ":" + std::to_string(lm.range.column);
  lm.function = fn_ ? (isa<CXXMethodDecl>(fn_) ? fn_->getQualifiedNameAsString()
                                               : fn_->getNameAsString())
                    : std::string();
  lm.directive = directiveName(dir_->getDirectiveKind());
  lm.charSigned = ctx_.CharTy->isSignedIntegerType();

  if (region_ && region_ != dir_)
    readClauses(region_);
  readClauses(dir_);

  const Stmt *s = stripToLoop(dir_->getInnermostCapturedStmt()->getCapturedStmt());
  outerLoop_ = dyn_cast_or_null<ForStmt>(s);
  if (!outerLoop_) {
    lm.sourceText = loc_.text(dir_->getBeginLoc(), s ? s->getEndLoc() : dir_->getEndLoc());
    unsupported(Why::LoopForm, std::string(s ? (isa<CXXForRangeStmt>(s) ? "range-based for loop"
                                                         : "loop form")
                              : "loop") +
                    " is not modelled",
                s ? s->getSourceRange() : dir_->getSourceRange());
    return lm;
  }
  lm.sourceText = loc_.text(dir_->getBeginLoc(), loc_.stmtEnd(outerLoop_));

  // The collapsed loops, outermost first.
  unsigned n = std::max(1u, dir_->getLoopsNumber());
  const ForStmt *loop = outerLoop_;
  std::vector<const ForStmt *> loops;
  for (unsigned k = 0; k < n && loop; ++k) {
    loops.push_back(loop);
    if (k + 1 < n)
      loop = dyn_cast_or_null<ForStmt>(stripToLoop(loop->getBody()));
  }
  if (loops.size() < n) {
    unsupported(Why::LoopForm, "collapsed loops are not perfectly nested", outerLoop_->getSourceRange());
    return lm;
  }
  const Stmt *body = loops.back()->getBody();
  collectNames(outerLoop_);
  // The parallel loops' bounds are evaluated once, before the loop: lower
  // them before the body's writes make their variables opaque.
  for (const ForStmt *f : loops) {
    m::LoopHeader h;
    const VarDecl *iter = nullptr;
    std::string why;
    if (!lowerHeader(f, h, iter, why)) {
      unsupported(Why::LoopForm, "parallel loop: " + why, f->getSourceRange());
      return lm;
    }
    parallelIters_.push_back(iter);
    lm.iterators.push_back(std::move(h));
  }
  collectModified(body);
  lowerStmt(body);
  // Lowering names each assignment to an iterator at its place; this catches
  // the remaining ways (an address taken, a call's reference argument...).
  // (unsupported() says each reason once.)
  for (const VarDecl *it : parallelIters_)
    if (modified_.count(it))
      unsupported(Why::IteratorModified, "loop iterator " + it->getNameAsString() + " is modified in the loop body",
                  body->getSourceRange());

  checkWholeAndMembers();
  if (narrowWrap_)
    boundTypeRanges();
  opaqueWrittenIndexArrays();
  addAssumptions();
  addContext();
  return lm;
}

m::LoopModel LoopLowerer::runReplicated(const std::vector<const Stmt *> &stmts, const Stmt *anchor,
                                        const std::string &construct) {
  m::LoopModel &lm = model_;
  replicated_ = true;
  lm.range = loc_.range(clang::SourceRange(anchor->getBeginLoc(), anchor->getBeginLoc()));
  lm.id = llvm::sys::path::filename(lm.range.file).str() + ":" + std::to_string(lm.range.line) +
          ":" + std::to_string(lm.range.column);
  lm.function = fn_ ? (isa<CXXMethodDecl>(fn_) ? fn_->getQualifiedNameAsString()
                                               : fn_->getNameAsString())
                    : std::string();
  lm.directive = directiveName(region_->getDirectiveKind());
  lm.construct = construct;
  readClauses(region_);
  lm.sourceText = loc_.text(stmts.front()->getBeginLoc(), loc_.stmtEnd(stmts.back()));

  // The thread dimension: omp_thread in [0, omp_num_threads).
  m::LoopHeader h;
  h.iterator = m::kThreadIterator;
  h.lower = m::IndexExpr::constant(0);
  h.op = m::Condition::Op::LT;
  h.bound = m::IndexExpr::var(m::kThreadCount);
  h.step = 1;
  h.range = loc_.pragmaRange(region_);
  lm.iterators.push_back(std::move(h));
  addParameter(m::kThreadCount);

  const Stmt *body = rawBody(region_);
  collectNames(body);
  // A local of the region written anywhere in it (another phase included)
  // is no constant of this one.
  collectModified(body);
  for (const Stmt *st : stmts)
    lowerStmt(st);
  checkWholeAndMembers();
  opaqueWrittenIndexArrays();
  addAssumptions();
  addContext();
  return lm;
}

namespace {

/// The variables of `fn`'s body that may change after their initialisation:
/// every reference that is not a plain read (an lvalue-to-rvalue
/// conversion) counts as a possible write (assignment, ++/--, address
/// taken, bound to a reference, captured by reference, an OpenMP clause).
void collectPossiblyWritten(const Stmt *s, const Stmt *parent, std::set<const VarDecl *> &out) {
  if (!s)
    return;
  if (const auto *dr = dyn_cast<DeclRefExpr>(s))
    if (const auto *v = dyn_cast<VarDecl>(dr->getDecl())) {
      const auto *ice = dyn_cast_or_null<ImplicitCastExpr>(parent);
      if (!ice || ice->getCastKind() != CK_LValueToRValue)
        out.insert(v);
    }
  // An OpenMP region captures what it uses by reference (its capture
  // initialisers): the writes are those of its body.
  if (const auto *cs = dyn_cast<CapturedStmt>(s)) {
    collectPossiblyWritten(cs->getCapturedStmt(), s, out);
    return;
  }
  for (const Stmt *child : s->children())
    collectPossiblyWritten(child, s, out);
}

void referencedVars(const Stmt *s, std::set<const VarDecl *> &out) {
  if (!s)
    return;
  if (const auto *dr = dyn_cast<DeclRefExpr>(s))
    if (const auto *v = dyn_cast<VarDecl>(dr->getDecl()))
      out.insert(v);
  for (const Stmt *child : s->children())
    referencedVars(child, out);
}

/// A variable whose value a context fact may speak of: an integer
/// function parameter or local, never written after its initialisation.
bool stableVar(const VarDecl *v, const std::set<const VarDecl *> &written) {
  return v && !v->hasGlobalStorage() && !v->getType()->isReferenceType() &&
         !v->getType().isVolatileQualified() && v->getType()->isIntegralOrEnumerationType() &&
         !written.count(v);
}

/// `s` contains a goto (a jump into the branch of an `if` skips its test).
bool hasGoto(const Stmt *s) {
  if (!s)
    return false;
  if (isa<GotoStmt>(s) || isa<IndirectGotoStmt>(s))
    return true;
  for (const Stmt *child : s->children())
    if (hasGoto(child))
      return true;
  return false;
}

/// `s` holds a `case` or `default` label of a switch outside `s`: the
/// switch may jump into `s` past the test of the `if` whose branch it is.
bool hasForeignCase(const Stmt *s, unsigned switches = 0) {
  if (!s)
    return false;
  if (isa<SwitchCase>(s) && switches == 0)
    return true;
  unsigned inner = switches + (isa<SwitchStmt>(s) ? 1 : 0);
  for (const Stmt *child : s->children())
    if (hasForeignCase(child, inner))
      return true;
  return false;
}

bool plainCondition(const m::Condition &c) {
  return c.kind == m::Condition::Kind::Cmp && !c.isOpaque() && !c.operands[0].readsArray() &&
         !c.operands[1].readsArray();
}

} // namespace

/// Every variable `e` names is stable, and where the loop mentions its
/// name, the name is that variable (no shadowing, no iterator of that name).
bool LoopLowerer::contextNamesMatch(const Expr *e, const std::set<const VarDecl *> &written) const {
  std::set<const VarDecl *> vars;
  referencedVars(e, vars);
  for (const VarDecl *v : vars) {
    if (!stableVar(v, written) || isIterator(v))
      return false;
    auto it = declNames_.find(v->getNameAsString());
    if (it != declNames_.end())
      for (const VarDecl *d : it->second)
        if (d != v)
          return false;
  }
  return true;
}

void LoopLowerer::addContext() {
  if (!fn_ || !fn_->getBody())
    return;
  std::set<const VarDecl *> written;
  collectPossiblyWritten(fn_->getBody(), nullptr, written);
  std::set<std::string> known(model_.parameters.begin(), model_.parameters.end());
  auto add = [&](m::Condition c, SourceLocation at) {
    std::string text = c.str();
    for (const m::Fact &f : model_.facts)
      if (f.origin == m::Fact::Origin::Context && f.str() == text)
        return;
    m::Fact f;
    f.kind = m::Fact::Kind::Condition;
    f.condition = std::move(c);
    f.origin = m::Fact::Origin::Context;
    f.range = loc_.range(clang::SourceRange(at, at));
    model_.facts.push_back(std::move(f));
  };
  // (b) Unwritten integer locals initialised from affine expressions.
  for (size_t p = 0; p < model_.parameters.size() && p < 64; ++p) {
    auto names = declNames_.find(model_.parameters[p]);
    if (names == declNames_.end() || names->second.size() != 1)
      continue;
    const VarDecl *v = *names->second.begin();
    if (isa<ParmVarDecl>(v) || !v->hasLocalStorage() || !stableVar(v, written) || !v->getInit() ||
        declaredInLoop(v) || declaredInRegion(v) || !contextNamesMatch(v->getInit(), written))
      continue;
    m::IndexExpr init = exactIndex(v->getInit());
    if (init.isOpaque() || init.readsArray())
      continue;
    m::Condition c;
    c.kind = m::Condition::Kind::Cmp;
    c.op = m::Condition::Op::EQ;
    c.operands = {m::IndexExpr::var(model_.parameters[p]), init};
    add(std::move(c), v->getLocation());
  }
  // (a) The conditions of the enclosing `if`s, up to the function, a lambda
  // or an enclosing OpenMP region other than the loop's own.
  const Stmt *child = origin();
  std::vector<std::pair<const IfStmt *, bool>> ifs;
  for (unsigned guard = 0; guard < 256; ++guard) {
    auto parents = ctx_.getParents(*child);
    if (parents.size() != 1)
      break;
    const Stmt *parent = parents[0].get<Stmt>();
    if (!parent || isa<LambdaExpr>(parent) || isa<BlockExpr>(parent))
      break;
    if (const auto *d = dyn_cast<OMPExecutableDirective>(parent))
      if (d != region_ && d != origin())
        break;
    if (const auto *is = dyn_cast<IfStmt>(parent)) {
      if (is->getThen() == child)
        ifs.emplace_back(is, true);
      else if (is->getElse() == child)
        ifs.emplace_back(is, false);
    }
    child = parent;
  }
  if (hasGoto(fn_->getBody()))
    ifs.clear();
  for (const auto &[is, then] : ifs) {
    if (hasForeignCase(then ? is->getThen() : is->getElse()))
      continue;
    if (is->isConsteval() || !is->getCond() || is->getConditionVariable() || is->getInit())
      continue;
    const Expr *cond = is->getCond();
    if (!contextNamesMatch(cond, written))
      continue;
    std::set<std::string> before(model_.parameters.begin(), model_.parameters.end());
    m::Condition c = lowerCondition(cond);
    std::vector<m::Condition> conjuncts;
    if (then) {
      if (c.kind == m::Condition::Kind::And)
        conjuncts = c.children;
      else
        conjuncts.push_back(c);
    } else if (plainCondition(c)) {
      // else: the negation of a single comparison
      using Op = m::Condition::Op;
      static const std::map<Op, Op> negated = {{Op::LT, Op::GE}, {Op::LE, Op::GT}, {Op::GT, Op::LE},
                                               {Op::GE, Op::LT}, {Op::EQ, Op::NE}, {Op::NE, Op::EQ}};
      c.op = negated.at(c.op);
      conjuncts.push_back(c);
    }
    for (m::Condition &k : conjuncts) {
      if (!plainCondition(k))
        continue;
      // Only facts about names the loop uses (or that link to them).
      bool relevant = false;
      m::Fact probe;
      probe.condition = k;
      for (const std::string &n : probe.names())
        relevant = relevant || known.count(n) || before.count(n);
      if (relevant)
        add(k, is->getIfLoc());
    }
    // Names only a dropped condition mentioned stay out of the parameters.
    std::set<std::string> used;
    for (const m::Fact &f : model_.facts)
      for (const std::string &n : f.names())
        used.insert(n);
    model_.parameters.erase(std::remove_if(model_.parameters.begin(), model_.parameters.end(),
                                           [&](const std::string &n) { return !before.count(n) && !used.count(n); }),
                            model_.parameters.end());
  }
}

void LoopLowerer::opaqueWrittenIndexArrays() {
  m::opaqueArrayReads(model_, [&](const std::string &name) -> std::optional<std::string> {
    int v = model_.findVariable(name);
    if (v < 0)
      return name + " is not a variable of the loop";
    for (const m::Access &a : model_.accesses)
      if (a.variable == v && a.kind == m::AccessKind::Write)
        return name + " is written in the loop";
    if (mayAlias_.count(v))
      return name + " may alias an array the loop writes";
    for (const m::Unsupported &u : model_.unsupported)
      if (u.variable == v)
        return u.reason;
    return std::nullopt;
  });
}

/// An outermost guard: every parallel iterator of an integer type narrower
/// than 64 bits lies in its type's range. (Bounding the parameters too made
/// isl exhaust its budget on a single (unsigned) cast of a parameter sum.)
void LoopLowerer::boundTypeRanges() {
  m::Condition all;
  all.kind = m::Condition::Kind::And;
  auto bound = [&](const std::string &name, QualType t) {
    if (!t->isIntegralOrEnumerationType() || t->isBooleanType())
      return;
    unsigned width = ctx_.getIntWidth(t);
    if (width >= 63)
      return;
    bool sign = t->isSignedIntegerOrEnumerationType();
    int64_t lo = sign ? -(int64_t(1) << (width - 1)) : 0;
    int64_t hi = sign ? (int64_t(1) << (width - 1)) - 1 : (int64_t(1) << width) - 1;
    for (auto [op, value] : {std::pair{m::Condition::Op::GE, lo}, std::pair{m::Condition::Op::LE, hi}}) {
      m::Condition c;
      c.kind = m::Condition::Kind::Cmp;
      c.op = op;
      c.operands.push_back(m::IndexExpr::var(name));
      c.operands.push_back(m::IndexExpr::constant(value));
      all.children.push_back(std::move(c));
    }
  };
  for (size_t d = 0; d < parallelIters_.size() && d < model_.iterators.size(); ++d)
    bound(model_.iterators[d].iterator, parallelIters_[d]->getType());
  if (all.children.empty())
    return;
  // Insert it as scope 0 (parents come before their scopes).
  for (m::Scope &sc : model_.scopes)
    sc.parent = sc.parent + 1;
  for (m::Access &a : model_.accesses)
    a.scope = a.scope + 1;
  for (m::Statement &st : model_.statements)
    st.scope = st.scope + 1;
  m::Scope root;
  root.kind = m::Scope::Kind::Guard;
  root.parent = -1;
  root.guard = std::move(all);
  root.range = model_.range;
  model_.scopes.insert(model_.scopes.begin(), std::move(root));
}

void LoopLowerer::collectNames(const Stmt *s) {
  if (!s)
    return;
  if (const auto *dr = dyn_cast<DeclRefExpr>(s))
    if (const auto *v = dyn_cast<VarDecl>(dr->getDecl()))
      declNames_[v->getNameAsString()].insert(v);
  if (const auto *ds = dyn_cast<DeclStmt>(s))
    for (const Decl *d : ds->decls())
      if (const auto *v = dyn_cast<VarDecl>(d)) {
        declNames_[v->getNameAsString()].insert(v);
        collectNames(v->getInit());
      }
  for (const Stmt *c : s->children())
    collectNames(c);
  if (const auto *cs = dyn_cast<CapturedStmt>(s))
    collectNames(cs->getCapturedStmt());
}

/// An object used as a whole (`s`, `g[0]`, `g->sub = t`) and through a
/// member (`s.w[i]`, `g->u[i]`, `g->sub.w[i]`) is one storage under two
/// names: loop-wide unsupported.
void LoopLowerer::checkWholeAndMembers() {
  for (const auto &[index, path] : memberPaths_) {
    const std::string &name = model_.variables[static_cast<size_t>(index)].name;
    std::string whole;
    if (path.root && varIndex_.count(path.root))
      whole = path.root->getNameAsString();
    for (const auto &[other, otherIndex] : memberIndex_)
      if (whole.empty() && isPrefixPath(other, name))
        whole = other;
    if (whole.empty())
      continue;
    m::Unsupported u;
    u.kind = m::Unsupported::Kind::Member;
    u.reason = whole + " is used both as a whole and through its member " + name;
    for (const m::Access &a : model_.accesses)
      if (a.variable == index) {
        u.range = a.range;
        break;
      }
    model_.unsupported.push_back(std::move(u));
  }
}

// ---------------------------------------------------------------------------
// The walk over the translation unit

class DirectiveFinder : public RecursiveASTVisitor<DirectiveFinder> {
  using Base = RecursiveASTVisitor<DirectiveFinder>;

public:
  DirectiveFinder(ASTContext &ctx, const std::string &file, const HeaderFilter &headers)
      : ctx_(ctx), loc_(ctx, file), headers_(headers), include_(headers.include),
        exclude_(headers.exclude) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *d) {
    const auto *fn = dyn_cast_or_null<FunctionDecl>(d);
    if (!fn)
      return Base::TraverseDecl(d);
    const FunctionDecl *saved = fn_;
    fn_ = fn;
    bool ok = Base::TraverseDecl(d);
    fn_ = saved;
    return ok;
  }

  bool VisitOMPExecutableDirective(OMPExecutableDirective *d) {
    OpenMPDirectiveKind k = d->getDirectiveKind();
    if (!loc_.inMainFile(d->getBeginLoc())) {
      // A header's loops are reported (the other directives of headers are
      // left to the files that own them).
      if (!isSupportedLoopDirective(k) || !analysedHeader(d->getBeginLoc()))
        return true;
    }
    if (fn_ && fn_->isDependentContext())
      return true; // a template's pattern: its instantiations are analysed
    if (isSupportedLoopDirective(k)) {
      lowerLoop(cast<OMPLoopDirective>(d));
      return true;
    }
    if (k == llvm::omp::OMPD_parallel || k == llvm::omp::OMPD_target_parallel)
      lowerRegion(d);
    if (isNeutralDirective(k))
      return true;
    if (isContainerDirective(k) && containsSupportedLoop(rawBody(d)))
      return true;
    if (k == llvm::omp::OMPD_section)
      return true; // its `sections` is reported
    problem(d, "unsupported OpenMP directive '" + directiveName(k) + "'");
    return true;
  }

  LoweringResult result;

private:
  void problem(const OMPExecutableDirective *d, std::string message) {
    m::SourceRange r = loc_.pragmaRange(d);
    reports::Finding f;
    f.level = reports::Level::Error;
    f.loc.file = r.file;
    f.loc.line = r.line;
    f.loc.column = r.column;
    f.message = std::move(message);
    for (const reports::Finding &g : result.problems)
      if (g.loc.line == f.loc.line && g.loc.column == f.loc.column && g.message == f.message)
        return;
    result.problems.push_back(std::move(f));
  }

  const OMPExecutableDirective *enclosingParallel(const Stmt *s) {
    DynTypedNode n = DynTypedNode::create(*s);
    for (unsigned guard = 0; guard < 256; ++guard) {
      DynTypedNodeList parents = ctx_.getParents(n);
      if (parents.empty())
        return nullptr;
      n = parents[0];
      if (const auto *d = n.get<OMPExecutableDirective>())
        if (isOpenMPParallelDirective(d->getDirectiveKind()))
          return d;
      if (const auto *decl = n.get<Decl>())
        if (isa<FunctionDecl>(decl))
          return nullptr;
    }
    return nullptr;
  }

  /// The statements of a region's body at its top level (blocks opened).
  static void topLevel(const Stmt *s, std::vector<const Stmt *> &out) {
    if (const auto *c = dyn_cast_or_null<CompoundStmt>(s)) {
      for (const Stmt *child : c->body())
        topLevel(child, out);
      return;
    }
    if (s)
      out.push_back(s);
  }

  /// Whether a statement of replicated code holds a loop that every thread
  /// runs (a plain loop or a `simd` loop, not one inside a worksharing
  /// construct or a `single`).
  static bool holdsReplicatedLoop(const Stmt *s) {
    if (!s)
      return false;
    if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s))
      return true;
    if (const auto *d = dyn_cast<OMPExecutableDirective>(s)) {
      OpenMPDirectiveKind k = d->getDirectiveKind();
      if (k == llvm::omp::OMPD_simd)
        return true;
      if (k != llvm::omp::OMPD_master && k != llvm::omp::OMPD_masked && k != llvm::omp::OMPD_critical &&
          k != llvm::omp::OMPD_atomic)
        return false;
      return holdsReplicatedLoop(rawBody(d));
    }
    if (isa<LambdaExpr>(s) || isa<CapturedStmt>(s))
      return false;
    for (const Stmt *c : s->children())
      if (holdsReplicatedLoop(c))
        return true;
    return false;
  }

  /// Whether replicated code may write memory that is not a local of the
  /// region: an assignment, ++/-- or a call (outside worksharing
  /// constructs and `single`).
  bool mayWriteShared(const Stmt *s, const Stmt *regionBody) {
    if (!s)
      return false;
    if (const auto *d = dyn_cast<OMPExecutableDirective>(s)) {
      OpenMPDirectiveKind k = d->getDirectiveKind();
      if (k != llvm::omp::OMPD_master && k != llvm::omp::OMPD_masked && k != llvm::omp::OMPD_critical &&
          k != llvm::omp::OMPD_atomic && k != llvm::omp::OMPD_simd)
        return false;
      return mayWriteShared(rawBody(d), regionBody);
    }
    if (isa<LambdaExpr>(s) || isa<CapturedStmt>(s))
      return false;
    const Expr *target = nullptr;
    if (const auto *b = dyn_cast<BinaryOperator>(s); b && b->isAssignmentOp())
      target = b->getLHS();
    else if (const auto *u = dyn_cast<UnaryOperator>(s); u && u->isIncrementDecrementOp())
      target = u->getSubExpr();
    if (target) {
      const VarDecl *v = refVar(target);
      if (!v || !loc_.contains(regionBody->getSourceRange(), v->getLocation()) ||
          v->getType()->isReferenceType())
        return true;
    }
    for (const Stmt *c : s->children())
      if (mayWriteShared(c, regionBody))
        return true;
    return false;
  }

  /// One phase of a region's replicated code: a model when it holds a loop
  /// or may write shared memory (code that only declares and reads locals
  /// cannot race with itself).
  void lowerPhase(const OMPExecutableDirective *region, const std::vector<const Stmt *> &phase) {
    if (phase.empty())
      return;
    const Stmt *body = rawBody(region);
    const Stmt *anchor = nullptr;
    for (const Stmt *s : phase)
      if (holdsReplicatedLoop(s)) {
        anchor = s;
        break;
      }
    if (!anchor)
      for (const Stmt *s : phase)
        if (mayWriteShared(s, body)) {
          anchor = s;
          break;
        }
    if (!anchor)
      return;
    std::string construct = "replicated";
    if (const auto *d = dyn_cast<OMPLoopDirective>(anchor); d && d->getDirectiveKind() == llvm::omp::OMPD_simd) {
      construct = "simd-in-region";
      // The model's place is the loop under the `simd` directive (the
      // directive's own place is the simd loop's entry).
      if (const Stmt *loop = stripToLoop(d->getInnermostCapturedStmt()->getCapturedStmt()))
        anchor = loop;
    }
    LoopLowerer lowerer(ctx_, loc_, nullptr, region, fn_);
    addModel(lowerer.runReplicated(phase, anchor, construct), &regionLoops);
  }

  /// A `parallel` region: its statements outside worksharing constructs
  /// run on every thread; barriers (explicit, and the implicit ones at the
  /// end of `for`, `sections` and `single` without `nowait`) cut them into
  /// phases, each a model of its own (docs/rules/adjoint-lint-forward-race.md).
  void lowerRegion(const OMPExecutableDirective *region) {
    std::vector<const Stmt *> top, phase;
    topLevel(rawBody(region), top);
    for (const Stmt *s : top) {
      if (const auto *d = dyn_cast<OMPExecutableDirective>(s)) {
        OpenMPDirectiveKind k = d->getDirectiveKind();
        if (k == llvm::omp::OMPD_barrier) {
          lowerPhase(region, phase);
          phase.clear();
          continue;
        }
        if (k == llvm::omp::OMPD_for || k == llvm::omp::OMPD_for_simd || k == llvm::omp::OMPD_sections ||
            k == llvm::omp::OMPD_single) {
          if (!d->getSingleClause<OMPNowaitClause>()) {
            lowerPhase(region, phase);
            phase.clear();
          }
          continue;
        }
      }
      phase.push_back(s);
    }
    lowerPhase(region, phase);
  }

  void lowerLoop(const OMPLoopDirective *d) {
    OpenMPDirectiveKind k = d->getDirectiveKind();
    const OMPExecutableDirective *region = nullptr;
    if (k == llvm::omp::OMPD_for || k == llvm::omp::OMPD_for_simd)
      region = enclosingParallel(d);
    LoopLowerer lowerer(ctx_, loc_, d, region, fn_);
    addModel(lowerer.run());
  }

  /// Adds a model to `result.loops`, or to `into`.
  void addModel(m::LoopModel model, std::vector<m::LoopModel> *into = nullptr) {
    // Source text that is not UTF-8 (a Latin-1 comment inside an access)
    // must not make dump() throw.
    std::string key = m::toJson(model).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!seen_.insert(key).second)
      return;
    (into ? *into : result.loops).push_back(std::move(model));
  }

  /// Whether the loops of the header holding `l` are analysed.
  bool analysedHeader(SourceLocation l) {
    if (!headers_.headers || loc_.inSystemHeader(l))
      return false;
    std::string name = loc_.headerName(ctx_.getSourceManager().getExpansionLoc(l));
    auto [it, fresh] = headerVerdict_.try_emplace(name, false);
    if (fresh)
      it->second = (headers_.include.empty() || include_.match(name)) &&
                   (headers_.exclude.empty() || !exclude_.match(name));
    return it->second;
  }

public:
  /// Merges the models of replicated code into the loops, in source order
  /// (the walk meets a region before the loops inside it).
  void mergeRegionLoops() {
    auto before = [](const m::LoopModel &a, const m::LoopModel &b) {
      return std::tie(a.range.line, a.range.column) < std::tie(b.range.line, b.range.column);
    };
    for (m::LoopModel &r : regionLoops) {
      auto at = std::find_if(result.loops.begin(), result.loops.end(), [&](const m::LoopModel &l) {
        return l.range.file == r.range.file && before(r, l);
      });
      result.loops.insert(at, std::move(r));
    }
    regionLoops.clear();
  }

private:
  /// The models of replicated code, until mergeRegionLoops.
  std::vector<m::LoopModel> regionLoops;

  ASTContext &ctx_;
  Locator loc_;
  const HeaderFilter &headers_;
  llvm::Regex include_, exclude_;
  std::map<std::string, bool> headerVerdict_;
  const FunctionDecl *fn_ = nullptr;
  std::set<std::string> seen_;
};

} // namespace

LoweringResult lowerTranslationUnit(clang::ASTContext &ctx, const std::string &displayFile,
                                    const HeaderFilter &headers) {
  DirectiveFinder finder(ctx, displayFile, headers);
  finder.TraverseDecl(ctx.getTranslationUnitDecl());
  finder.mergeRegionLoops();
  LoweringResult out = std::move(finder.result);
  attachAssumptions(ctx, displayFile, out.loops, out.problems);
  // Report problems in source order.
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const reports::Finding &a, const reports::Finding &b) {
                     return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
                   });
  return out;
}

} // namespace adjoint_lint::analyzer
