#include "polyhedral/Schedules.h"

#include "polyhedral/Questions.h"
#include "polyhedral/Results.h"
#include "polyhedral/Smt.h"

namespace adjoint_lint::polyhedral {

using model::LoopModel;
using model::LoopVerdicts;
using model::PropertyResult;
using model::ScheduleSplit;
using model::ScheduleVerdicts;
using model::VariableVerdicts;
using model::Verdict;
using model::Witness;

namespace {

ScheduleSplit allUnknown(const std::string &why) {
  ScheduleSplit s;
  s.sameThread = s.crossThread = s.chunkBoundaryOnly = z3Result(Verdict::Unknown, why);
  return s;
}

/// The conflicting pairs of one property as one disjunction over two
/// iterations p and q, with the schedule's chunk and thread of each side.
class ScheduleQuery {
public:
  ScheduleQuery(const LoopModel &loop, smt::Encoder &enc, unsigned threads)
      : loop_(loop), enc_(enc), threads_(threads) {}

  /// false with `why` when the schedule or the pairs cannot be encoded.
  bool build(const std::vector<std::pair<int, int>> &pairs, std::string &why);
  ScheduleSplit decide(smt::Session &session, const std::string &question);

private:
  struct Pair {
    smt::Instance a, b;
    z3::expr conflict;
  };
  const LoopModel &loop_;
  smt::Encoder &enc_;
  unsigned threads_;
  std::vector<Pair> pairs_;
  std::optional<z3::expr> kp_, kq_, chunkP_, chunkQ_, size_, cross_, same_;

  PropertyResult ask(smt::Session &session, const std::string &question, const z3::expr &extra,
                     const char *violated, const char *holds, std::optional<Witness> *witness = nullptr);
  z3::expr anyConflict() const {
    z3::expr_vector v(enc_.ctx());
    for (const Pair &p : pairs_)
      v.push_back(p.conflict);
    return z3::mk_or(v);
  }
};

bool ScheduleQuery::build(const std::vector<std::pair<int, int>> &pairs, std::string &why) {
  z3::context &c = enc_.ctx();
  const model::LoopHeader &h = loop_.iterators.at(0);
  for (const auto &[a, b] : pairs) {
    smt::Instance ia = enc_.instance(a, "p"), ib = enc_.instance(b, "q");
    auto ea = enc_.element(ia, why), eb = enc_.element(ib, why);
    if (!ea || !eb)
      return false;
    for (const smt::Instance *in : {&ia, &ib})
      if (!in->must()) {
        const model::Access &acc = loop_.accesses[static_cast<size_t>(in->access)];
        why = (acc.text.empty() ? std::string("an access") : acc.text) + " is only a may-access, because " +
              in->inexactReason;
        return false;
      }
    z3::expr same = c.bool_val(true);
    for (size_t d = 0; d < ea->size(); ++d)
      same = same && (*ea)[d] == (*eb)[d];
    z3::expr conflict = ia.domain && ib.domain && enc_.differentIterations(ia, ib) && same;
    pairs_.push_back({ia, ib, conflict});
  }
  if (pairs_.empty())
    return true;
  // The normalised iteration number k of each side: (i - lower) / |step|.
  std::string w;
  auto lower = enc_.term(h.lower, pairs_[0].a.env, w);
  if (!lower) {
    why = "the start of loop " + h.iterator + " is " + w;
    return false;
  }
  int64_t stride = h.step > 0 ? h.step : -h.step;
  z3::expr ip = pairs_[0].a.env.at(h.iterator), iq = pairs_[0].b.env.at(h.iterator);
  kp_ = h.step > 0 ? (ip - *lower) / c.int_val(stride) : (*lower - ip) / c.int_val(stride);
  kq_ = h.step > 0 ? (iq - *lower) / c.int_val(stride) : (*lower - iq) / c.int_val(stride);
  // The chunk size: c, or ceil(N / T) for a given T, or any size for any T.
  const model::Clauses &cl = loop_.clauses;
  z3::expr extra = c.bool_val(true);
  if (cl.chunk) {
    if (*cl.chunk < 1) {
      why = "the chunk size " + std::to_string(*cl.chunk) + " is not positive";
      return false;
    }
    size_ = c.int_val(*cl.chunk);
  } else if (threads_) {
    auto bound = enc_.term(h.bound, pairs_[0].a.env, w);
    if (!bound) {
      why = "the bound of loop " + h.iterator + " is " + w;
      return false;
    }
    bool inclusive = h.op == model::Condition::Op::LE || h.op == model::Condition::Op::GE;
    z3::expr span = h.step > 0 ? *bound - *lower : *lower - *bound;
    z3::expr n = (span + c.int_val(inclusive ? stride : stride - 1)) / c.int_val(stride);
    z3::expr trips = z3::ite(n > 0, n, c.int_val(0));
    size_ = (trips + c.int_val(static_cast<int64_t>(threads_) - 1)) / c.int_val(static_cast<int64_t>(threads_));
    extra = extra && *size_ >= 1;
  } else {
    size_ = c.int_const("chunk!size");
    extra = extra && *size_ >= 1;
  }
  chunkP_ = *kp_ / *size_;
  chunkQ_ = *kq_ / *size_;
  if (threads_) {
    z3::expr t = c.int_val(static_cast<int64_t>(threads_));
    cross_ = z3::mod(*chunkP_, t) != z3::mod(*chunkQ_, t) && extra;
    same_ = z3::mod(*chunkP_, t) == z3::mod(*chunkQ_, t) && extra;
  } else {
    // Any number of threads: some T puts different chunks on different
    // threads, and T = 1 puts every pair on one.
    cross_ = *chunkP_ != *chunkQ_ && extra;
    same_ = extra;
  }
  return true;
}

PropertyResult ScheduleQuery::ask(smt::Session &session, const std::string &question, const z3::expr &extra,
                                  const char *violated, const char *holds, std::optional<Witness> *witness) {
  z3::solver s = enc_.newQuery(/*fast=*/true);
  s.add(anyConflict());
  s.add(extra);
  smt::Session::Result r = session.check(s, question);
  switch (r.interpretation.answer) {
  case smt::Answer::Proved:
    return z3Result(Verdict::Holds, holds);
  case smt::Answer::Refuted: {
    PropertyResult out = z3Result(Verdict::Violated, violated);
    for (Pair &p : pairs_)
      if (r.model->eval(p.conflict, true).is_true()) {
        out.witness = enc_.witness(*r.model, p.a, p.b);
        break;
      }
    if (witness)
      *witness = out.witness;
    return out;
  }
  case smt::Answer::Unknown:
    break;
  }
  return z3Result(Verdict::Unknown, r.interpretation.reason);
}

ScheduleSplit ScheduleQuery::decide(smt::Session &session, const std::string &question) {
  ScheduleSplit out;
  if (pairs_.empty()) {
    out.sameThread = out.crossThread = z3Result(Verdict::Holds, "no conflicting pair of accesses");
    out.chunkBoundaryOnly = notApplicable("no cross-thread conflict");
    return out;
  }
  out.sameThread = ask(session, question + ".same-thread", *same_, "some conflicting iterations run on one thread",
                       "no conflicting iterations run on one thread");
  out.crossThread = ask(session, question + ".cross-thread", *cross_,
                        "some conflicting iterations run on different threads",
                        "no conflicting iterations run on different threads");
  if (out.crossThread.verdict != Verdict::Violated) {
    out.chunkBoundaryOnly = out.crossThread.verdict == Verdict::Holds
                                ? z3Result(Verdict::NotApplicable, "no cross-thread conflict")
                                : z3Result(Verdict::Unknown, out.crossThread.reason);
    return out;
  }
  // The smallest width w (1, 2, 4, ...) such that every cross-thread pair
  // lies in adjacent chunks, the earlier iteration among the last w of its
  // chunk and the later among the first w of the next.
  z3::context &c = enc_.ctx();
  int64_t limit = loop_.clauses.chunk ? *loop_.clauses.chunk / 2 : 64;
  z3::expr rp = *kp_ - *chunkP_ * *size_, rq = *kq_ - *chunkQ_ * *size_; // position in the chunk
  PropertyResult last = z3Result(Verdict::Violated, "");
  for (int64_t w = 1; w <= limit; w *= 2) {
    z3::expr W = c.int_val(w);
    z3::expr atBoundary = (*chunkQ_ == *chunkP_ + 1 && rp >= *size_ - W && rq < W) ||
                          (*chunkP_ == *chunkQ_ + 1 && rq >= *size_ - W && rp < W);
    last = ask(session, question + ".boundary-" + std::to_string(w), *cross_ && !atBoundary,
               "some cross-thread conflict is not at a chunk boundary", "");
    if (last.verdict == Verdict::Holds) {
      out.chunkBoundaryOnly =
          z3Result(Verdict::Holds, "every cross-thread conflict joins adjacent chunks, within " + std::to_string(w) +
                                     " iteration(s) of their common boundary");
      out.boundaryIterations = w;
      return out;
    }
    if (last.verdict == Verdict::Unknown)
      break;
  }
  if (last.verdict == Verdict::Violated) {
    last.reason = limit >= 1 ? "some cross-thread conflict is more than " + std::to_string(limit) +
                                   " iteration(s) from a boundary between adjacent chunks"
                             : "with chunks of one iteration every conflict crosses chunks";
    if (limit < 1) {
      // Chunk size 1: a witness of any cross-thread pair not between adjacent chunks.
      PropertyResult far = ask(session, question + ".boundary-0", *cross_ && *chunkP_ != *chunkQ_ + 1 &&
                                                                      *chunkQ_ != *chunkP_ + 1,
                               "some cross-thread conflict joins chunks that are not adjacent", "");
      if (far.verdict != Verdict::Unknown) {
        if (far.verdict == Verdict::Holds) {
          out.chunkBoundaryOnly = z3Result(Verdict::Holds, "every cross-thread conflict joins adjacent chunks of "
                                                         "one iteration");
          out.boundaryIterations = 1;
          return out;
        }
        last = far;
      }
    }
  }
  out.chunkBoundaryOnly = last;
  return out;
}

} // namespace

void decideSchedules(const LoopModel &loop, LoopVerdicts &out, unsigned threads, const smt::Budget &budget,
                     const std::string &dumpDir) {
  if (loop.clauses.schedule != model::Schedule::Static)
    return;
  try {
    z3::context &ctx = smt::threadContext();
    smt::Encoder enc(ctx, loop);
    smt::Session session(ctx, budget, dumpDir, loop.id);
    for (VariableVerdicts &vv : out.variables) {
      if (vv.variable < 0 || static_cast<size_t>(vv.variable) >= loop.variables.size() || !vv.array)
        continue;
      if (decidedByClauses(loop.variables[static_cast<size_t>(vv.variable)]))
        continue;
      ScheduleVerdicts &s = vv.schedule;
      s.analysed = true;
      s.kind = "static";
      s.chunk = loop.clauses.chunk;
      s.threads = threads;
      if (loop.iterators.size() != 1) {
        std::string why = "the schedule analysis covers one parallel loop, not collapse(" +
                          std::to_string(loop.iterators.size()) + ")";
        s.forwardRace = s.exclusiveRead = allUnknown(why);
        continue;
      }
      bool unsupported = false;
      for (const model::Unsupported &u : loop.unsupported)
        if (u.variable == -1 || u.variable == vv.variable) {
          s.forwardRace = s.exclusiveRead = allUnknown(u.reason);
          unsupported = true;
          break;
        }
      if (unsupported)
        continue;
      for (bool forward : {true, false}) {
        ScheduleQuery q(loop, enc, threads);
        std::string why;
        ScheduleSplit &split = forward ? s.forwardRace : s.exclusiveRead;
        if (!q.build(conflictPairs(loop, vv.variable, forward ? Question::ForwardRace : Question::ExclusiveRead), why))
          split = allUnknown(why);
        else
          split = q.decide(session, vv.name + (forward ? ".schedule-forward-race" : ".schedule-exclusive-read"));
      }
    }
  } catch (const z3::exception &e) {
    for (VariableVerdicts &vv : out.variables)
      if (vv.schedule.analysed)
        vv.schedule.forwardRace = vv.schedule.exclusiveRead = allUnknown(std::string("Z3 failed: ") + e.msg());
  }
}

} // namespace adjoint_lint::polyhedral
