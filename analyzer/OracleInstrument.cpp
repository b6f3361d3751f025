// The dynamic oracle's source instrumentation; see OracleInstrument.h.
//
// For every OpenMP loop directive in the main file (outside macro
// expansions) it inserts
//   { __ao_loop_begin(LINE);        before the directive's line (then #line),
//   __ao_iter(LINE, frame);          first in the body of the innermost
//                                    collapsed loop (one per iteration),
//   __ao_loop_end(LINE); }           after the loop,
// where LINE is the directive's line: the key the oracle matches with
// adjoint-lint's JSON report. Nothing here looks at subscripts: the
// accesses are recorded at run time from the compiler's own memory
// instrumentation. Line numbers of the original text are kept (#line).
#include "analyzer/OracleInstrument.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/StmtOpenMP.h>
#include <clang/Basic/OpenMPKinds.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Rewrite/Core/Rewriter.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

#include <map>
#include <set>

namespace adjoint_lint::analyzer {
namespace {

using namespace clang;

struct FunctionHarness {
  std::string name;
  std::vector<std::string> slots; ///< integer values the oracle chooses
  std::string body;               ///< C/C++ statements; the call is last
  std::set<unsigned> loops;       ///< directive lines inside it
};

class Instrumenter : public RecursiveASTVisitor<Instrumenter> {
public:
  Instrumenter(ASTContext &ctx, Rewriter &rw, OracleInstrumentation &out)
      : ctx_(ctx), sm_(ctx.getSourceManager()), rw_(rw), out_(out),
        policy_(ctx.getPrintingPolicy()) {
    policy_.SuppressTagKeyword = false;
    policy_.FullyQualifiedName = true;
    policy_.SuppressScope = false;
    policy_.PrintCanonicalTypes = false;
  }

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    FunctionDecl *saved = current_;
    current_ = fd;
    bool r = RecursiveASTVisitor::TraverseFunctionDecl(fd);
    current_ = saved;
    return r;
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *fd) {
    FunctionDecl *saved = current_;
    current_ = fd;
    bool r = RecursiveASTVisitor::TraverseCXXMethodDecl(fd);
    current_ = saved;
    return r;
  }
  bool TraverseLambdaExpr(LambdaExpr *e) {
    FunctionDecl *saved = current_;
    current_ = nullptr; // a loop in a lambda: not callable from the harness
    bool r = RecursiveASTVisitor::TraverseLambdaExpr(e);
    current_ = saved;
    return r;
  }

  bool VisitOMPLoopDirective(OMPLoopDirective *d) {
    SourceLocation begin = d->getBeginLoc();
    if (begin.isInvalid() || begin.isMacroID() || !sm_.isInMainFile(begin)) {
      skip(begin, "the directive is not written in the main file outside macros");
      return true;
    }
    unsigned line = sm_.getSpellingLineNumber(begin);
    Stmt *loop = d->getInnermostCapturedStmt() ? d->getInnermostCapturedStmt()->getCapturedStmt()
                                               : nullptr;
    Stmt *outer = nullptr, *body = nullptr;
    Stmt *s = loop;
    for (unsigned k = 0; s && k < d->getLoopsNumber(); ++k) {
      s = s->IgnoreContainers(/*IgnoreCaptured=*/true);
      Stmt *b = nullptr;
      if (auto *f = dyn_cast<ForStmt>(s))
        b = f->getBody();
      else if (auto *r = dyn_cast<CXXForRangeStmt>(s))
        b = r->getBody();
      if (!b) {
        s = nullptr;
        break;
      }
      if (k == 0)
        outer = s;
      body = b;
      s = b;
    }
    if (!outer || !body || outer->getBeginLoc().isMacroID() || outer->getEndLoc().isMacroID() ||
        body->getBeginLoc().isMacroID() || body->getEndLoc().isMacroID()) {
      skip(begin, "the loop or its body comes from a macro or is not a for loop");
      return true;
    }
    std::string id = std::to_string(line);
    // Closers: inserted before earlier insertions at the same place, so that
    // an inner loop ending where its outer one ends closes first.
    SourceLocation loopEnd = afterStatement(outer);
    rw_.InsertTextBefore(loopEnd, " __ao_loop_end(" + id + "); }");
    std::string iter = "__ao_iter(" + id + ", __builtin_frame_address(0));";
    if (auto *cs = dyn_cast<CompoundStmt>(body)) {
      rw_.InsertTextAfter(cs->getLBracLoc().getLocWithOffset(1), " " + iter);
    } else {
      rw_.InsertTextBefore(afterStatement(body), " }");
      insertBeforeStatement(body->getBeginLoc(), "{ " + iter);
    }
    insertAtLineStart(begin, "{ __ao_loop_begin(" + id + ");");
    // One iteration per chunk, so that neighbouring iterations run on
    // different threads in the ThreadSanitizer build (a race does not
    // depend on the schedule; TSan only sees it across threads).
    if (isOpenMPWorksharingDirective(d->getDirectiveKind()) &&
        !isOpenMPGenericLoopDirective(d->getDirectiveKind()) && !d->hasClausesOfKind<OMPScheduleClause>() &&
        !d->hasClausesOfKind<OMPOrderedClause>() && d->getEndLoc().isValid() && !d->getEndLoc().isMacroID())
      rw_.InsertTextBefore(d->getEndLoc(), " schedule(static, 1)");
    loops_.push_back(line);
    // Whether the loop runs on a team of threads when its function is
    // called from outside any parallel region (an orphaned `for` does not).
    bool threaded = isOpenMPParallelDirective(d->getDirectiveKind()) ||
                    isOpenMPTeamsDirective(d->getDirectiveKind()) ||
                    isOpenMPTargetExecutionDirective(d->getDirectiveKind());
    for (DynTypedNodeList parents = ctx_.getParents(*d); !threaded && !parents.empty();
         parents = ctx_.getParents(parents[0])) {
      if (const auto *p = parents[0].get<OMPExecutableDirective>())
        threaded = isOpenMPParallelDirective(p->getDirectiveKind()) ||
                   isOpenMPTeamsDirective(p->getDirectiveKind());
      if (parents[0].get<FunctionDecl>())
        break;
    }
    if (threaded)
      threaded_.push_back(line);
    if (current_)
      functionsWithLoops_[current_->getCanonicalDecl()].insert(line);
    else
      skip(begin, "the loop is inside a lambda", /*instrumented=*/true);
    return true;
  }

  /// A `parallel` region without a loop directive (replicated code, a
  /// plain loop): its function is called by the harness too, for the
  /// ThreadSanitizer check of the region's entries.
  bool VisitOMPParallelDirective(OMPParallelDirective *d) {
    SourceLocation begin = d->getBeginLoc();
    if (current_ && begin.isValid() && !begin.isMacroID() && sm_.isInMainFile(begin))
      functionsWithLoops_[current_->getCanonicalDecl()].insert(sm_.getSpellingLineNumber(begin));
    return true;
  }

  void finish(const std::string &sourceName);

private:
  void skip(SourceLocation loc, const std::string &why, bool instrumented = false) {
    unsigned line = loc.isValid() ? sm_.getPresumedLineNumber(sm_.getExpansionLoc(loc)) : 0;
    skipped_.push_back(llvm::json::Object{{"line", line}, {"reason", why}, {"instrumented", instrumented}});
  }

  /// The location just after `s`, including a `;` that ends it.
  SourceLocation afterStatement(const Stmt *s) {
    SourceLocation end = Lexer::getLocForEndOfToken(s->getEndLoc(), 0, sm_, ctx_.getLangOpts());
    bool invalid = false;
    const char *p = sm_.getCharacterData(end, &invalid);
    if (invalid)
      return end;
    unsigned skipped = 0;
    while (p[skipped] == ' ' || p[skipped] == '\t')
      ++skipped;
    if (p[skipped] == ';')
      return end.getLocWithOffset(skipped + 1);
    return end;
  }

  /// Whether only blanks precede `loc` on its line.
  bool startsLine(SourceLocation loc) {
    FileID fid;
    unsigned offset;
    std::tie(fid, offset) = sm_.getDecomposedLoc(loc);
    bool invalid = false;
    llvm::StringRef buf = sm_.getBufferData(fid, &invalid);
    if (invalid)
      return false;
    for (unsigned i = offset; i > 0; --i) {
      char c = buf[i - 1];
      if (c == '\n')
        return true;
      if (c != ' ' && c != '\t')
        return false;
    }
    return true;
  }

  void insertAtLineStart(SourceLocation loc, const std::string &text) {
    FileID fid;
    unsigned offset;
    std::tie(fid, offset) = sm_.getDecomposedLoc(loc);
    bool invalid = false;
    llvm::StringRef buf = sm_.getBufferData(fid, &invalid);
    unsigned start = offset;
    while (start > 0 && buf[start - 1] != '\n')
      --start;
    unsigned line = sm_.getSpellingLineNumber(loc);
    rw_.InsertTextAfter(sm_.getLocForStartOfFile(fid).getLocWithOffset(start),
                        text + "\n#line " + std::to_string(line) + "\n");
  }

  /// Before a statement: on its own line when it starts one (a #pragma
  /// must), inline otherwise.
  void insertBeforeStatement(SourceLocation loc, const std::string &text) {
    if (startsLine(loc))
      insertAtLineStart(loc, text);
    else
      rw_.InsertTextAfter(loc, text + " ");
  }

  std::string typeText(QualType t) const { return t.getAsString(policy_); }
  std::string declText(QualType t, const std::string &name) const {
    std::string s;
    llvm::raw_string_ostream os(s);
    t.print(os, policy_, name);
    return os.str();
  }

  static const char *elementKind(QualType t) {
    while (const ArrayType *a = t->getAsArrayTypeUnsafe())
      t = a->getElementType();
    if (t->isRealFloatingType())
      return "AO_FLOAT";
    if (t->isIntegralOrEnumerationType())
      return "AO_INT";
    return "AO_ZERO";
  }

  /// Statements that make `target` (an lvalue of type `t`, named `name` in
  /// adjoint-lint's spelling) hold test data. Empty with `why` set when the
  /// type is not supported.
  bool fill(const std::string &target, QualType t, const std::string &name,
            FunctionHarness &h, std::string &code, std::string &why, int depth);

  ASTContext &ctx_;
  SourceManager &sm_;
  Rewriter &rw_;
  OracleInstrumentation &out_;
  PrintingPolicy policy_;
  FunctionDecl *current_ = nullptr;
  std::vector<unsigned> loops_;
  std::vector<unsigned> threaded_; ///< loops that run on a team of threads
  llvm::json::Array skipped_;
  std::map<const FunctionDecl *, std::set<unsigned>> functionsWithLoops_;
};

bool Instrumenter::fill(const std::string &target, QualType t, const std::string &name,
                        FunctionHarness &h, std::string &code, std::string &why, int depth) {
  t = t.getNonReferenceType();
  QualType canon = t.getCanonicalType();
  bool cxx = ctx_.getLangOpts().CPlusPlus;
  if (canon->isIntegralOrEnumerationType()) {
    h.slots.push_back(name);
    code += target + " = (" + typeText(t.getUnqualifiedType()) + ")__v[" +
            std::to_string(h.slots.size() - 1) + "];\n";
    return true;
  }
  if (canon->isRealFloatingType()) {
    code += target + " = 0.75;\n";
    return true;
  }
  if (const auto *pt = canon->getAs<PointerType>()) {
    QualType q = pt->getPointeeType();
    std::string cast = cxx ? "(" + typeText(t.getUnqualifiedType()) + ")" : "";
    if (q->isFunctionType()) {
      why = name + " is a function pointer";
      return false;
    }
    if (q->isPointerType()) {
      QualType e = q->getPointeeType();
      if (e->isPointerType() || e->isRecordType() || e->isFunctionType()) {
        why = name + " points to pointers to " + typeText(e);
        return false;
      }
      code += target + " = " + cast + "__ao_rows(\"" + name + "\", " + elementKind(e) + ", " +
              (e->isVoidType() || e->isIncompleteType() ? std::string("1")
                                                        : "sizeof(" + typeText(e.getUnqualifiedType()) + ")") +
              ");\n";
      return true;
    }
    if (const auto *rt = q->getAs<RecordType>()) {
      const RecordDecl *rd = rt->getDecl()->getDefinition();
      if (!rd) {
        why = name + " points to an incomplete type";
        return false;
      }
      if (depth > 0) {
        why = name + " points to structures inside structures";
        return false;
      }
      if (const auto *crd = dyn_cast<CXXRecordDecl>(rd); crd && !crd->isTrivial()) {
        why = name + " points to a non-trivial class";
        return false;
      }
      std::string rec = "__ao_r" + std::to_string(h.body.size() + code.size());
      std::string recType = typeText(q.getUnqualifiedType());
      code += recType + " *" + rec + " = (" + recType + " *)__ao_buffer(\"*" + name +
              "\", AO_ZERO, sizeof(" + recType + "));\n";
      for (const FieldDecl *f : rd->fields()) {
        if (f->getType().isConstQualified() || f->isBitField() || f->getName().empty())
          continue;
        if (!fill(rec + "->" + f->getNameAsString(), f->getType(), name + "->" + f->getNameAsString(),
                  h, code, why, depth + 1)) {
          // A field the harness cannot fill stays zero; accesses through it
          // are outside what this run checks.
          why.clear();
        }
      }
      code += target + " = " + rec + ";\n";
      return true;
    }
    code += target + " = " + cast + "__ao_buffer(\"" + name + "\", " + elementKind(q) + ", " +
            (q->isVoidType() || q->isIncompleteType() || q->isVariablyModifiedType()
                 ? std::string("1")
                 : "sizeof(" + typeText(q.getUnqualifiedType()) + ")") +
            ");\n";
    return true;
  }
  if (const auto *rt = canon->getAs<RecordType>()) {
    const RecordDecl *rd = rt->getDecl()->getDefinition();
    if (cxx) {
      if (const auto *crd = dyn_cast_or_null<CXXRecordDecl>(rd)) {
        std::string qn = crd->getQualifiedNameAsString();
        if (qn == "std::vector") {
          code += "__ao_fill_vector(" + target + ", \"" + name + "\");\n";
          return true;
        }
      }
    }
    if (!rd || depth > 1) {
      why = name + " has an unsupported structure type";
      return false;
    }
    if (const auto *crd = dyn_cast<CXXRecordDecl>(rd); crd && !crd->isTrivial()) {
      why = name + " is of a non-trivial class " + typeText(t);
      return false;
    }
    code += "memset(&" + target + ", 0, sizeof(" + target + "));\n";
    for (const FieldDecl *f : rd->fields()) {
      if (f->getType().isConstQualified() || f->isBitField() || f->getName().empty() ||
          f->getType()->isArrayType())
        continue;
      if (!fill(target + "." + f->getNameAsString(), f->getType(), name + "." + f->getNameAsString(), h,
                code, why, depth + 1))
        why.clear();
    }
    return true;
  }
  why = name + " has the unsupported type " + typeText(t);
  return false;
}

void Instrumenter::finish(const std::string &sourceName) {
  bool cxx = ctx_.getLangOpts().CPlusPlus;
  std::string harness;
  harness += "// Generated by oracle-instrument for " + sourceName + ": calls the functions that\n"
             "// hold OpenMP loops with the integer values given on the command line.\n"
             "#include \"ao_harness.h\"\n#include AO_SOURCE\n";
  llvm::json::Array functions;
  int index = 0;
  std::string table;
  for (auto &[fd, lines] : functionsWithLoops_) {
    const FunctionDecl *def = fd->getDefinition();
    llvm::json::Array loopLines;
    for (unsigned l : lines)
      loopLines.push_back(l);
    std::string why;
    if (!def)
      why = "no definition";
    else if (isa<CXXMethodDecl>(def))
      why = "a member function";
    else if (def->getTemplatedKind() != FunctionDecl::TK_NonTemplate || def->isDependentContext())
      why = "a template";
    else if (def->isVariadic())
      why = "variadic";
    else if (def->isMain())
      why = "main itself";
    FunctionHarness h;
    h.name = def ? def->getNameAsString() : "";
    std::string code;
    std::vector<std::string> args;
    if (why.empty()) {
      for (unsigned i = 0; i < def->getNumParams(); ++i) {
        const ParmVarDecl *p = def->getParamDecl(i);
        std::string pname = p->getName().empty() ? "p" + std::to_string(i) : p->getNameAsString();
        std::string var = "__a" + std::to_string(i);
        QualType t = p->getType();
        QualType vt = t.getNonReferenceType().getUnqualifiedType();
        if (vt->isVariablyModifiedType() && !vt->isPointerType()) {
          why = pname + " has a variably modified type";
          break;
        }
        code += (vt->isPointerType() && !cxx ? std::string("void *") + var
                                              : declText(vt, var)) +
                ";\n";
        if (!fill(var, t, pname, h, code, why, 0))
          break;
        args.push_back(var);
      }
    }
    if (!why.empty()) {
      functions.push_back(llvm::json::Object{
          {"name", h.name}, {"loops", std::move(loopLines)}, {"callable", false}, {"reason", why}});
      continue;
    }
    std::string call = h.name + "(";
    for (size_t i = 0; i < args.size(); ++i)
      call += (i ? ", " : "") + args[i];
    call += ");\n";
    harness += "static void __ao_call" + std::to_string(index) + "(const long *__v) {\n  (void)__v;\n" +
               code + call + "}\n";
    table += "  {\"" + h.name + "\", " + std::to_string(h.slots.size()) + ", __ao_call" +
             std::to_string(index) + "},\n";
    llvm::json::Array slots;
    for (const std::string &s : h.slots)
      slots.push_back(s);
    functions.push_back(llvm::json::Object{{"name", h.name},
                                           {"index", index},
                                           {"loops", std::move(loopLines)},
                                           {"callable", true},
                                           {"slots", std::move(slots)}});
    ++index;
  }

  // Globals of the main file: named regions, pointers get buffers;
  // functions declared but not defined get stubs.
  std::string globals, stubs;
  bool hasMain = false;
  for (Decl *d : ctx_.getTranslationUnitDecl()->decls()) {
    if (!sm_.isInMainFile(sm_.getExpansionLoc(d->getLocation())))
      continue;
    if (auto *vd = dyn_cast<VarDecl>(d)) {
      if (!vd->hasGlobalStorage() || vd->getType()->isReferenceType())
        continue;
      if (vd != vd->getCanonicalDecl())
        continue;
      std::string n = vd->getNameAsString();
      if (!vd->getDefinition(ctx_) && !vd->hasDefinition()) {
        stubs += declText(vd->getType(), n) + ";\n";
      }
      QualType t = vd->getType().getCanonicalType();
      if (t->isPointerType() && !t.isConstQualified() && !t->getPointeeType()->isFunctionType() &&
          !t->getPointeeType()->isRecordType() && !t->getPointeeType()->isPointerType())
        globals += "  " + n + " = (" + typeText(vd->getType().getUnqualifiedType()) + ")__ao_buffer(\"" +
                   n + "\", " + elementKind(t->getPointeeType()) + ", " +
                   (t->getPointeeType()->isVoidType() || t->getPointeeType()->isIncompleteType()
                        ? std::string("1")
                        : "sizeof(*" + n + ")") +
                   ");\n";
      else if (!t->isIncompleteType())
        globals += "  __ao_region(\"" + n + "\", (const void *)&" + n + ", sizeof(" + n + "));\n";
    } else if (auto *fd = dyn_cast<FunctionDecl>(d)) {
      if (fd->isMain() && fd->hasBody())
        hasMain = true;
      if (fd != fd->getCanonicalDecl() || fd->getDefinition() || fd->isMain() || isa<CXXMethodDecl>(fd) ||
          fd->getBuiltinID() || fd->getTemplatedKind() != FunctionDecl::TK_NonTemplate)
        continue;
      std::string sig = declText(fd->getReturnType(), fd->getNameAsString()) + "(";
      for (unsigned i = 0; i < fd->getNumParams(); ++i)
        sig += (i ? ", " : "") + declText(fd->getParamDecl(i)->getType(), "__p" + std::to_string(i));
      if (fd->isVariadic())
        sig += fd->getNumParams() ? ", ..." : "...";
      else if (!fd->getNumParams() && !cxx)
        sig += "void";
      sig += ")";
      std::string ret = fd->getReturnType()->isVoidType()
                            ? ""
                            : (cxx ? " return " + typeText(fd->getReturnType()) + "();"
                                   : " " + declText(fd->getReturnType(), "__r") +
                                         "; memset(&__r, 0, sizeof __r); return __r;");
      if (fd->getReturnType()->isRecordType() && cxx)
        continue;
      stubs += "__attribute__((weak)) " + sig + " {" + ret + " }\n";
    }
  }
  harness += "// Stubs of functions (and variables) declared but not defined.\n" + stubs;
  harness += "void __ao_globals(void) {\n" + globals + "}\n";
  harness += "const struct __ao_function __ao_functions[] = {\n" + table + "  {0, 0, 0}\n};\n";
  out_.harness = harness;

  llvm::json::Array loops;
  for (unsigned l : loops_)
    loops.push_back(l);
  llvm::json::Array threaded;
  for (unsigned l : threaded_)
    threaded.push_back(l);
  llvm::json::Object meta{{"file", sourceName},
                          {"threaded_loops", std::move(threaded)},
                          {"language", cxx ? "c++" : "c"},
                          {"loops", std::move(loops)},
                          {"functions", std::move(functions)},
                          {"skipped", std::move(skipped_)},
                          {"defines_main", hasMain}};
  std::string m;
  llvm::raw_string_ostream os(m);
  os << llvm::json::Value(std::move(meta));
  out_.meta = os.str();

  const RewriteBuffer *buf = rw_.getRewriteBufferFor(sm_.getMainFileID());
  out_.instrumented = buf ? std::string(buf->begin(), buf->end())
                          : std::string(sm_.getBufferData(sm_.getMainFileID()));
  out_.ok = true;
}

class InstrumentConsumer : public ASTConsumer {
public:
  InstrumentConsumer(OracleInstrumentation &out, std::string name) : out_(out), name_(std::move(name)) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred()) {
      out_.error = "the file does not compile";
      return;
    }
    Rewriter rw(ctx.getSourceManager(), ctx.getLangOpts());
    Instrumenter v(ctx, rw, out_);
    v.TraverseDecl(ctx.getTranslationUnitDecl());
    v.finish(name_);
  }

private:
  OracleInstrumentation &out_;
  std::string name_;
};

class InstrumentAction : public ASTFrontendAction {
public:
  InstrumentAction(OracleInstrumentation &out, std::string name) : out_(out), name_(std::move(name)) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<InstrumentConsumer>(out_, name_);
  }

private:
  OracleInstrumentation &out_;
  std::string name_;
};

} // namespace

OracleInstrumentation instrumentForOracle(const std::string &file,
                                          const std::vector<std::string> &compilerArgs,
                                          const std::string &resourceDir) {
  OracleInstrumentation out;
  std::vector<std::string> commandLine = {"clang-tool", "-fsyntax-only"};
  if (!resourceDir.empty()) {
    commandLine.push_back("-resource-dir");
    commandLine.push_back(resourceDir);
  }
  commandLine.insert(commandLine.end(), compilerArgs.begin(), compilerArgs.end());
  commandLine.push_back(file);
  llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(FileSystemOptions()));
  tooling::ToolInvocation invocation(commandLine, std::make_unique<InstrumentAction>(out, file),
                                     files.get());
  if (!invocation.run() && out.error.empty())
    out.error = "the file does not compile";
  if (!out.ok && out.error.empty())
    out.error = "nothing was instrumented";
  return out;
}

} // namespace adjoint_lint::analyzer
