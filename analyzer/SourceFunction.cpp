// describeSourceFunction: one more parse of the user's file, then the
// function holding the loop, its parameters by kind and what else its body
// does (docs/codegen.md, the source check).
#include "analyzer/SourceFunction.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtOpenMP.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Tooling/Tooling.h>

namespace adjoint_lint::analyzer {

namespace {

using namespace clang;
using model::SourceFunction;
using model::SourceParameter;

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
public:
  FunctionFinder(ASTContext &ctx, const std::string &name, unsigned line, SourceFunction &out, bool &found)
      : ctx_(ctx), sm_(ctx.getSourceManager()), name_(name), line_(line), out_(out), found_(found) {}

  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (found_ || !fd->doesThisDeclarationHaveABody() || fd->getNameAsString() != name_ ||
        !sm_.isInMainFile(sm_.getExpansionLoc(fd->getLocation())))
      return true;
    if (!holdsLoop(fd->getBody()))
      return true;
    found_ = true;
    describe(fd);
    return false;
  }

private:
  unsigned lineOf(SourceLocation l) const { return sm_.getExpansionLineNumber(l); }

  bool holdsLoop(const Stmt *s) const {
    if (!s)
      return false;
    if (isa<OMPExecutableDirective>(s) && lineOf(s->getBeginLoc()) == line_)
      return true;
    for (const Stmt *c : s->children())
      if (holdsLoop(c))
        return true;
    return false;
  }

  static SourceParameter::Kind kindOf(ASTContext &ctx, QualType t) {
    t = t.getCanonicalType();
    if (t->isIntegerType())
      return SourceParameter::Kind::Integer;
    if (t->isRealFloatingType())
      return SourceParameter::Kind::Floating;
    if (t->isPointerType()) {
      QualType element = ctx.getBaseElementType(t->getPointeeType());
      if (element->isArithmeticType() && !element->isAnyComplexType())
        return SourceParameter::Kind::Pointer;
    }
    return SourceParameter::Kind::Other;
  }

  /// The first statement of the body that is not the loop, a declaration
  /// without side effects, an empty statement or a bare `return;`.
  const Stmt *otherStatement(const CompoundStmt *body) const {
    for (const Stmt *s : body->body()) {
      if (isa<NullStmt>(s))
        continue;
      if (isa<OMPExecutableDirective>(s) && lineOf(s->getBeginLoc()) == line_)
        continue;
      if (const auto *r = dyn_cast<ReturnStmt>(s); r && !r->getRetValue())
        continue;
      if (const auto *d = dyn_cast<DeclStmt>(s)) {
        bool pure = true;
        for (const Decl *decl : d->decls())
          if (const auto *v = dyn_cast<VarDecl>(decl))
            if (const Expr *init = v->getInit(); init && init->HasSideEffects(ctx_))
              pure = false;
        if (pure)
          continue;
      }
      return s;
    }
    return nullptr;
  }

  void describe(FunctionDecl *fd) {
    out_.name = fd->getNameAsString();
    out_.cplusplus = ctx_.getLangOpts().CPlusPlus;
    for (const ParmVarDecl *p : fd->parameters())
      out_.parameters.push_back({p->getNameAsString(), kindOf(ctx_, p->getType()), p->getType().getAsString()});
    if (isa<CXXMethodDecl>(fd))
      out_.reason = "it is a member function";
    else if (fd->getTemplatedKind() != FunctionDecl::TK_NonTemplate || fd->isDependentContext())
      out_.reason = "it is a template";
    else if (fd->isVariadic())
      out_.reason = "it is variadic";
    else if (fd->isMain())
      out_.reason = "it is main";
    else if (fd->isInlined() && !out_.cplusplus && !fd->isInlineDefinitionExternallyVisible() &&
             fd->getStorageClass() != SC_Static)
      out_.reason = "it is an inline definition without an external one";
    if (!out_.reason.empty())
      return;
    const auto *body = dyn_cast<CompoundStmt>(fd->getBody());
    if (!body) {
      out_.reason = "its body is not a block";
      return;
    }
    bool topLevel = false;
    for (const Stmt *s : body->body())
      if (isa<OMPExecutableDirective>(s) && lineOf(s->getBeginLoc()) == line_)
        topLevel = true;
    if (!topLevel) {
      out_.reason = "the loop is nested in other statements of the function";
      return;
    }
    if (const Stmt *other = otherStatement(body))
      out_.reason = "the function does more than the loop (a statement at line " +
                    std::to_string(lineOf(other->getBeginLoc())) + ")";
  }

  ASTContext &ctx_;
  SourceManager &sm_;
  const std::string &name_;
  unsigned line_;
  SourceFunction &out_;
  bool &found_;
};

class FinderConsumer : public ASTConsumer {
public:
  FinderConsumer(const std::vector<LoopPlace> &loops, std::vector<SourceFunction> &out, std::vector<bool> &found)
      : loops_(loops), out_(out), found_(found) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    for (size_t k = 0; k < loops_.size(); ++k) {
      bool found = false;
      FunctionFinder f(ctx, loops_[k].function, loops_[k].line, out_[k], found);
      f.TraverseDecl(ctx.getTranslationUnitDecl());
      found_[k] = found;
    }
  }

private:
  const std::vector<LoopPlace> &loops_;
  std::vector<SourceFunction> &out_;
  std::vector<bool> &found_;
};

class FinderAction : public ASTFrontendAction {
public:
  FinderAction(const std::vector<LoopPlace> &loops, std::vector<SourceFunction> &out, std::vector<bool> &found)
      : loops_(loops), out_(out), found_(found) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<FinderConsumer>(loops_, out_, found_);
  }

private:
  const std::vector<LoopPlace> &loops_;
  std::vector<SourceFunction> &out_;
  std::vector<bool> &found_;
};

} // namespace

std::vector<model::SourceFunction> describeSourceFunctions(const std::string &file,
                                                           const std::vector<std::string> &compilerArgs,
                                                           const std::string &resourceDir,
                                                           const std::vector<LoopPlace> &loops) {
  std::vector<SourceFunction> out(loops.size());
  std::vector<bool> found(loops.size(), false);
  for (size_t k = 0; k < loops.size(); ++k)
    out[k].name = loops[k].function;
  if (loops.empty())
    return out;
  std::vector<std::string> commandLine = {"clang-tool", "-fsyntax-only"};
  if (!resourceDir.empty())
    commandLine.insert(commandLine.end(), {"-resource-dir", resourceDir});
  commandLine.insert(commandLine.end(), compilerArgs.begin(), compilerArgs.end());
  commandLine.push_back(file);
  llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(FileSystemOptions()));
  tooling::ToolInvocation invocation(commandLine, std::make_unique<FinderAction>(loops, out, found), files.get());
  IgnoringDiagConsumer quiet; // the analysis printed the diagnostics already
  invocation.setDiagnosticConsumer(&quiet);
  bool parsed = invocation.run();
  for (size_t k = 0; k < loops.size(); ++k)
    if (!found[k])
      out[k].reason = parsed ? "no definition of " + loops[k].function + " holds the loop"
                             : "the file does not parse again";
  return out;
}

} // namespace adjoint_lint::analyzer
