// `#pragma adjoint_lint assume(...)`: a Clang pragma handler records the
// pragmas while the preprocessor runs; after the parse, each loop gets the
// facts in scope at its directive (Assumptions.h).
#include "analyzer/Assumptions.h"

#include "reports/Findings.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtOpenMP.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Lex/Pragma.h>
#include <clang/Lex/Preprocessor.h>

#include <map>
#include <mutex>

namespace adjoint_lint::analyzer {
namespace {

using namespace clang;
namespace m = adjoint_lint::model;

struct RawPragma {
  SourceLocation loc; ///< expansion location of `#pragma` (or `_Pragma`)
  std::string text;   ///< the tokens after `adjoint_lint`, macro-expanded
};

/// Pragmas per translation unit, keyed by its source manager (parses may
/// run on several threads).
std::mutex registryMutex;
std::map<const SourceManager *, std::vector<RawPragma>> registry;

class AssumePragmaHandler : public PragmaHandler {
public:
  explicit AssumePragmaHandler(const SourceManager &sm) : PragmaHandler("adjoint_lint"), sm_(sm) {
    std::lock_guard<std::mutex> lock(registryMutex);
    registry[&sm_].clear();
  }
  ~AssumePragmaHandler() override {
    std::lock_guard<std::mutex> lock(registryMutex);
    registry.erase(&sm_);
  }

  void HandlePragma(Preprocessor &pp, PragmaIntroducer introducer, Token &) override {
    RawPragma p;
    p.loc = pp.getSourceManager().getExpansionLoc(introducer.Loc);
    Token t;
    pp.Lex(t); // expands macros
    while (t.isNot(tok::eod) && t.isNot(tok::eof)) {
      if (!p.text.empty() && t.hasLeadingSpace())
        p.text += ' ';
      p.text += pp.getSpelling(t);
      pp.Lex(t);
    }
    std::lock_guard<std::mutex> lock(registryMutex);
    registry[&sm_].push_back(std::move(p));
  }

private:
  const SourceManager &sm_;
};

std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// The facts of `assume(F1, F2, ...)`, or an error phrase.
std::vector<m::Fact> parsePragma(const std::string &text, std::string &error) {
  std::string t = trim(text);
  const std::string keyword = "assume";
  size_t word = 0;
  while (word < t.size() && (std::isalnum(static_cast<unsigned char>(t[word])) || t[word] == '_'))
    ++word;
  if (t.substr(0, word) != keyword) {
    error = t.empty() ? "empty '#pragma adjoint_lint': expected assume(FACT, ...)"
                      : "unknown '#pragma adjoint_lint " + t.substr(0, word) + "': expected assume(FACT, ...)";
    return {};
  }
  std::string rest = trim(t.substr(word));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') {
    error = "'assume' takes its facts in parentheses: assume(FACT, ...)";
    return {};
  }
  std::string inner = rest.substr(1, rest.size() - 2);
  std::vector<std::string> parts;
  int depth = 0;
  std::string cur;
  for (char c : inner) {
    if (c == '(' || c == '[')
      ++depth;
    if (c == ')' || c == ']')
      --depth;
    if (depth < 0) {
      error = "unbalanced parentheses in assume(" + inner + ")";
      return {};
    }
    if (c == ',' && depth == 0) {
      parts.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  parts.push_back(cur);
  if (depth != 0) {
    error = "unbalanced parentheses in assume(" + inner + ")";
    return {};
  }
  std::vector<m::Fact> out;
  for (const std::string &p : parts) {
    std::string why;
    std::optional<m::Fact> f = m::parseFact(trim(p), why);
    if (!f) {
      error = "bad fact '" + trim(p) + "': " + why;
      return {};
    }
    out.push_back(std::move(*f));
  }
  return out;
}

/// Every block of the main file, and every OpenMP loop directive.
class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(const SourceManager &sm) : sm_(sm) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCompoundStmt(CompoundStmt *c) {
    if (sm_.isInMainFile(sm_.getExpansionLoc(c->getBeginLoc())))
      blocks.push_back(c);
    return true;
  }
  bool VisitOMPLoopDirective(OMPLoopDirective *d) {
    if (sm_.isInMainFile(sm_.getExpansionLoc(d->getBeginLoc())))
      directives.push_back(d);
    return true;
  }
  bool VisitVarDecl(VarDecl *v) {
    variables.push_back(v);
    return true;
  }
  std::vector<const CompoundStmt *> blocks;
  std::vector<const OMPLoopDirective *> directives;
  std::vector<const VarDecl *> variables;

private:
  const SourceManager &sm_;
};

class Attacher {
public:
  Attacher(ASTContext &ctx, const std::string &file) : ctx_(ctx), sm_(ctx.getSourceManager()), file_(file) {}

  void run(std::vector<RawPragma> pragmas, std::vector<m::LoopModel> &loops, std::vector<reports::Finding> &problems);

private:
  ASTContext &ctx_;
  const SourceManager &sm_;
  std::string file_;

  bool before(SourceLocation a, SourceLocation b) const { return sm_.isBeforeInTranslationUnit(a, b); }
  bool inside(SourceLocation l, const CompoundStmt *c) const {
    SourceLocation b = sm_.getExpansionLoc(c->getBeginLoc()), e = sm_.getExpansionLoc(c->getEndLoc());
    return before(b, l) && before(l, e);
  }
  std::pair<unsigned, unsigned> lineColumn(SourceLocation l) const {
    PresumedLoc p = sm_.getPresumedLoc(l);
    return p.isValid() ? std::make_pair(p.getLine(), p.getColumn()) : std::make_pair(0u, 0u);
  }
  void substituteConstants(m::Condition &c, SourceLocation at, const std::vector<const VarDecl *> &vars) const;
  void substituteConstants(m::IndexExpr &e, SourceLocation at, const std::vector<const VarDecl *> &vars) const;
};

void Attacher::substituteConstants(m::IndexExpr &e, SourceLocation at,
                                   const std::vector<const VarDecl *> &vars) const {
  for (m::IndexExpr &o : e.ops)
    substituteConstants(o, at, vars);
  if (e.kind != m::IndexExpr::Kind::Var)
    return;
  // The last declaration of that name before the pragma: a constant with a
  // constant initialiser stands for its value.
  const VarDecl *found = nullptr;
  for (const VarDecl *v : vars)
    if (v->getName() == e.name && before(sm_.getExpansionLoc(v->getLocation()), at) &&
        (!found || before(found->getLocation(), v->getLocation())))
      found = v;
  if (!found || !(found->getType().isConstQualified() || found->isConstexpr()) || !found->getInit() ||
      !found->getType()->isIntegralOrEnumerationType() || found->getInit()->isValueDependent())
    return;
  Expr::EvalResult r;
  if (found->getInit()->EvaluateAsInt(r, ctx_) && r.Val.getInt().isRepresentableByInt64())
    e = m::IndexExpr::constant(r.Val.getInt().getExtValue());
}

void Attacher::substituteConstants(m::Condition &c, SourceLocation at,
                                   const std::vector<const VarDecl *> &vars) const {
  for (m::IndexExpr &o : c.operands)
    substituteConstants(o, at, vars);
  for (m::Condition &k : c.children)
    substituteConstants(k, at, vars);
}

void Attacher::run(std::vector<RawPragma> pragmas, std::vector<m::LoopModel> &loops,
                   std::vector<reports::Finding> &problems) {
  Collector all(sm_);
  all.TraverseDecl(ctx_.getTranslationUnitDecl());
  struct Parsed {
    RawPragma raw;
    std::vector<m::Fact> facts;
    const CompoundStmt *block = nullptr; ///< innermost block holding it; null: file scope
  };
  std::vector<Parsed> parsed;
  for (RawPragma &p : pragmas) {
    if (!sm_.isInMainFile(p.loc))
      continue;
    auto [line, column] = lineColumn(p.loc);
    std::string error;
    std::vector<m::Fact> facts = parsePragma(p.text, error);
    if (!error.empty()) {
      reports::Finding f;
      f.rule = reports::kRuleBadPragma;
      f.level = reports::Level::Error;
      f.loc.file = file_;
      f.loc.line = line;
      f.loc.column = column;
      f.message = "malformed '#pragma adjoint_lint': " + error + " (see docs/assumptions.md)";
      problems.push_back(std::move(f));
      continue;
    }
    Parsed q{p, std::move(facts), nullptr};
    for (const CompoundStmt *c : all.blocks)
      if (inside(p.loc, c) && (!q.block || inside(sm_.getExpansionLoc(c->getBeginLoc()), q.block)))
        q.block = c;
    for (m::Fact &f : q.facts) {
      f.origin = m::Fact::Origin::Pragma;
      f.range.file = file_;
      f.range.line = f.range.endLine = line;
      f.range.column = f.range.endColumn = column;
      if (f.kind == m::Fact::Kind::Condition) {
        std::string before = f.str();
        substituteConstants(f.condition, p.loc, all.variables);
        if (f.str() != before)
          f.written = before;
      }
    }
    parsed.push_back(std::move(q));
  }
  if (parsed.empty())
    return;
  for (const OMPLoopDirective *d : all.directives) {
    SourceLocation at = sm_.getExpansionLoc(d->getBeginLoc());
    auto [line, column] = lineColumn(at);
    // The blocks around the directive, by their extent (template
    // instantiations repeat the pattern's blocks).
    std::vector<std::pair<SourceLocation, SourceLocation>> around;
    DynTypedNode n = DynTypedNode::create(*static_cast<const Stmt *>(d));
    for (unsigned guard = 0; guard < 512; ++guard) {
      DynTypedNodeList parents = ctx_.getParents(n);
      if (parents.empty())
        break;
      n = parents[0];
      if (const auto *c = n.get<CompoundStmt>())
        around.emplace_back(c->getBeginLoc(), c->getEndLoc());
    }
    for (m::LoopModel &loop : loops) {
      if (loop.range.line != line || loop.range.column != column)
        continue;
      for (const Parsed &p : parsed) {
        if (!before(p.raw.loc, at))
          continue;
        bool inScope = !p.block;
        for (const auto &[b, e] : around)
          inScope = inScope || (b == p.block->getBeginLoc() && e == p.block->getEndLoc());
        if (!inScope)
          continue;
        for (const m::Fact &f : p.facts) {
          bool dup = false;
          for (const m::Fact &g : loop.facts)
            dup = dup || (g.str() == f.str() && g.range.line == f.range.line);
          if (!dup)
            loop.facts.push_back(f);
        }
      }
    }
  }
}

} // namespace

void registerAssumptionPragmas(CompilerInstance &ci) {
  ci.getPreprocessor().AddPragmaHandler(new AssumePragmaHandler(ci.getSourceManager()));
}

void attachAssumptions(ASTContext &ctx, const std::string &displayFile, std::vector<m::LoopModel> &loops,
                       std::vector<reports::Finding> &problems) {
  std::vector<RawPragma> pragmas;
  {
    std::lock_guard<std::mutex> lock(registryMutex);
    auto it = registry.find(&ctx.getSourceManager());
    if (it == registry.end())
      return;
    pragmas = it->second;
  }
  if (pragmas.empty())
    return; // no AST walk for the files without the pragma
  Attacher(ctx, displayFile).run(std::move(pragmas), loops, problems);
}

} // namespace adjoint_lint::analyzer
