// Z3 behind a small interface: the encoding of a LoopModel's accesses as
// integer terms, and checks with per-loop budgets that answer proved /
// refuted (with a model) / unknown (with the reason). Z3 types stay inside
// polyhedral/ (this header is not included outside it).
//
// Encoding of two iterations (the usual question "do two different
// iterations p and q touch one element?"):
// - parameters are shared Int constants named by their source names;
// - each side ("p", "q") has its own copy of the parallel iterators
//   (`i!p`, `i!q`), each access instance its own copy of its inner
//   iterators (`j!p!3` for access 3 on side p);
// - subscripts and bounds are Int terms with C semantics: / and % truncate
//   toward zero (Z3's div/mod are Euclidean), products are nonlinear
//   multiplication;
// - the iteration domain comes from the loop headers (start, stride, bound),
//   the enclosing guards and the conditions an access is evaluated under
//   (`c ? a : b`, the right operand of && and ||); a part that cannot be
//   encoded is dropped (a superset) and the instance becomes a may-access;
// - element identity is the memory offset (row-major, inner extents
//   needed), or the subscript tuple for separate rows.
// Extension points: a term hook for index expressions the base encoding
// does not handle (index arrays as uninterpreted functions), and facts
// asserted in every query (assumptions).
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/Encoding.h"
#include "polyhedral/SmtResult.h"
#include "model/Verdicts.h"

#include <z3++.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::polyhedral::smt {

using Env = std::map<std::string, z3::expr>;

/// One access's statement instance on one side of the pair.
struct Instance {
  int access = -1;
  std::string side;                  ///< "p" or "q"
  Env env;                           ///< source names -> terms (parameters, iterators)
  std::vector<std::string> parallel; ///< parallel iterator names, outermost first
  std::vector<std::string> inner;    ///< inner iterator names, outermost first
  z3::expr domain;                   ///< the instance exists (a superset when !exactDomain)
  bool exactDomain = true;
  bool exactSubscripts = true;
  std::string inexactReason; ///< why it is only a may-access (a phrase: "... because <reason>")
  explicit Instance(z3::context &c) : domain(c.bool_val(true)) {}
  bool must() const { return exactDomain && exactSubscripts; }
};

class Encoder {
public:
  /// For an index expression the base encoding does not handle (Opaque, or a
  /// kind it does not know): its term, or nullopt (then a fresh unconstrained
  /// integer stands for it and the access becomes a may-access).
  using TermHook =
      std::function<std::optional<z3::expr>(const model::IndexExpr &, const Env &, Encoder &)>;

  Encoder(z3::context &ctx, const model::LoopModel &loop);

  z3::context &ctx() { return ctx_; }
  const model::LoopModel &loop() const { return loop_; }
  void setTermHook(TermHook hook) { hook_ = std::move(hook); }

  /// A fact asserted in every query built by `newQuery` (an assumption; its
  /// text is what the report lists when a proof uses it).
  void addFact(const z3::expr &fact, const std::string &text);
  const std::vector<std::pair<z3::expr, std::string>> &facts() const { return facts_; }

  z3::expr parameter(const std::string &name);
  /// A fresh unconstrained integer (for what cannot be encoded).
  z3::expr fresh(const std::string &hint);

  /// `e` as an Int term in `env`; nullopt with `why` (a phrase completing
  /// "... is <why>") when some part cannot be encoded.
  std::optional<z3::expr> term(const model::IndexExpr &e, const Env &env, std::string &why);
  /// `c` in `env`; nullopt with `why` when some part cannot be encoded.
  std::optional<z3::expr> condition(const model::Condition &c, const Env &env, std::string &why);
  /// The values loop `h` gives its iterator `it` (a superset, with `why`
  /// set, where a start or a bound cannot be encoded).
  z3::expr loopHeader(const model::LoopHeader &h, const z3::expr &it, const Env &env, std::string &why);

  /// Access k's instance on side `side` ("p", "q"): the parallel iterators of
  /// that side, fresh inner iterators, the domain constraints.
  Instance instance(int k, const std::string &side);
  /// The element access `in` touches, in its variable's memory identity;
  /// nullopt with `why` when elements cannot be identified (rows of unknown
  /// length). Opaque subscripts give fresh terms and mark `in` inexact.
  std::optional<std::vector<z3::expr>> element(Instance &in, std::string &why);
  /// The subscripts as written (for witnesses), unencodable ones fresh.
  std::vector<z3::expr> subscripts(Instance &in);
  /// The two instances belong to different iterations of the parallel loop.
  z3::expr differentIterations(const Instance &a, const Instance &b) const;

  /// A solver holding the facts. `fast`: the `smt` tactic's solver, quick
  /// to set up for small queries (Z3's default solver spends milliseconds
  /// per check in setup), but it reports no unsat core; the default (Z3's
  /// default solver) reports unsat cores (which facts a proof used).
  z3::solver newQuery(bool fast = false);

  /// A witness from a model of a query over instances a and b.
  model::Witness witness(const z3::model &m, Instance &a, Instance &b);

  /// C's truncating division and remainder on Z3 integers.
  static z3::expr truncDiv(const z3::expr &a, const z3::expr &b);
  static z3::expr truncRem(const z3::expr &a, const z3::expr &b);

private:
  z3::context &ctx_;
  const model::LoopModel &loop_;
  TermHook hook_;
  std::vector<std::pair<z3::expr, std::string>> facts_;
  std::map<std::string, z3::expr> params_;
  unsigned fresh_ = 0;
  /// per access: the value conditions it is evaluated under, with polarity
  std::vector<ValueConditions> valueConditions_;
};

/// The checks of one loop: budgets shared by all its queries, the SMT-LIB2
/// dump of each query (`--dump-smt2`), Z3 errors turned into `unknown`.
class Session {
public:
  /// `dumpDir` empty: no dump. `loopKey` names the loop in dump file names.
  Session(z3::context &ctx, Budget budget, std::string dumpDir, std::string loopKey);

  struct Result {
    Interpretation interpretation;
    std::optional<z3::model> model; ///< Refuted: the counterexample
  };
  /// Checks `solver` under what is left of the budgets. `question` names the
  /// query in the dump file (`<loop>.<question>.smt2`, made file-safe).
  /// `extra`: further solver parameters for this query (e.g. unsat cores).
  /// A Z3 error (z3::exception) is `unknown` with Z3's message, never thrown.
  Result check(z3::solver &solver, const std::string &question, const z3::params *extra = nullptr);

  const Budget &budget() const { return budget_; }
  /// Dump files this session could not write (reported by the driver).
  const std::vector<std::string> &dumpErrors() const { return dumpErrors_; }

private:
  z3::context &ctx_;
  Budget budget_;
  std::string dumpDir_, loopKey_;
  unsigned long rlimitUsed_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::map<std::string, unsigned> names_;
  std::vector<std::string> dumpErrors_;

  void dump(z3::solver &solver, const std::string &question, const std::string &status);
};

/// This thread's Z3 context, reused by every loop the thread decides
/// (creating one costs milliseconds, more than a small loop's queries).
z3::context &threadContext();

/// The SMT-LIB2 text of `solver` with its status and reason as comments.
std::string smtLib2(z3::solver &solver, const std::string &header);

} // namespace adjoint_lint::polyhedral::smt
