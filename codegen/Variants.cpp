#include "codegen/Variants.h"

#include "reports/StrategyText.h"

#include <algorithm>

namespace adjoint_lint::codegen {

using model::Strategy;
using model::Verdict;

namespace {

/// The fixed part of the table: each kind's name and comment ("<chunk>"
/// stands for the chunk of the loop's schedule).
struct VariantText {
  VariantKind kind;
  const char *name;
  const char *comment;
};

const VariantText variantTexts[] = {
    {VariantKind::Serial, "serial",
     "Serial adjoint (the reference): iterations in reverse order, each a forward sweep then a "
     "reverse sweep."},
    {VariantKind::Plain, "plain",
     "Parallel adjoint, strategy plain: the reverse loop runs in parallel as it is."},
    {VariantKind::Gather, "gather",
     "Parallel adjoint, strategy gather: loops over the elements of each array whose reads "
     "overlap pull their contributions; deterministic."},
    {VariantKind::ChunkAtomic, "chunk_atomic",
     "Parallel adjoint, strategy atomic at chunk boundaries only, under the forward loop's "
     "schedule(static, <chunk>)."},
    {VariantKind::Reduction, "reduction",
     "Parallel adjoint, strategy reduction (OpenMP array sections): memory x threads; the "
     "summation order depends on the threads."},
    {VariantKind::Atomic, "atomic",
     "Parallel adjoint, strategy atomic: contention; the summation order depends on the threads."},
    {VariantKind::Chosen, "chosen",
     "Parallel adjoint with the chosen strategy per array (plain or gather over reduction over "
     "atomic)."},
};

const VariantText &textOf(VariantKind kind) {
  for (const VariantText &t : variantTexts)
    if (t.kind == kind)
      return t;
  return variantTexts[0];
}

/// Results are bitwise identical for any thread count when no increment
/// depends on the threads' order.
bool isDeterministic(const Increments &increments) {
  return std::all_of(increments.begin(), increments.end(), [](const auto &entry) {
    return entry.second == Increment::Plain || entry.second == Increment::Gather;
  });
}

class VariantChooser {
public:
  VariantChooser(const LoopBody &body, const model::LoopVerdicts &verdicts,
                 const GatherPlan &gathers)
      : body_(body), loop_(body.loop()), verdicts_(verdicts), gathers_(gathers) {}

  VariantTable choose();

private:
  const model::VariableVerdicts *verdictOf(int variable) const;
  bool exclusiveRead(int variable) const;
  Increment chooseIncrement(int variable, ArrayPlan &plan) const;
  Increments chunkBoundaryIncrements(int64_t &boundaryIterations) const;
  void add(VariantKind kind, Increments increments);

  const LoopBody &body_;
  const model::LoopModel &loop_;
  const model::LoopVerdicts &verdicts_;
  const GatherPlan &gathers_;
  VariantTable table_;
};

const model::VariableVerdicts *VariantChooser::verdictOf(int variable) const {
  for (const model::VariableVerdicts &vv : verdicts_.variables)
    if (vv.variable == variable)
      return &vv;
  return nullptr;
}

bool VariantChooser::exclusiveRead(int variable) const {
  const model::VariableVerdicts *vv = verdictOf(variable);
  return vv && vv->exclusiveRead.verdict == Verdict::Holds;
}

/// The increment of an array the loop only reads in the chosen variant:
/// plain where exclusive read holds, else the deciders' strategy, downgraded
/// only: a gather loop the generator could not build becomes a reduction
/// (the gaps say why). Fills `plan`.
Increment VariantChooser::chooseIncrement(int k, ArrayPlan &plan) const {
  const model::VariableVerdicts *vv = verdictOf(k);
  if (exclusiveRead(k)) {
    plan.strategy = Strategy::Plain;
    plan.reason = incrementComment(body_, k, Increment::Plain, table_.boundaryIterations);
    return Increment::Plain;
  }
  if (plan.verdictStrategy == Strategy::Gather && gathers_.loops.count(k)) {
    plan.strategy = Strategy::Gather;
    plan.reason = incrementComment(body_, k, Increment::Gather, table_.boundaryIterations);
    plan.proof = gathers_.loops.at(k).proof;
    return Increment::Gather;
  }
  if (plan.verdictStrategy == Strategy::Atomic) {
    plan.strategy = Strategy::Atomic;
    plan.reason = reports::strategyReasonText(*vv) + " (atomic)";
    return Increment::Atomic;
  }
  plan.strategy = Strategy::Reduction;
  plan.reason = "exclusive read does not hold for " + plan.name +
                (plan.verdictStrategy == Strategy::Gather
                     ? "; the deciders advise a gather loop, which the generator could "
                       "not build (see gaps), so the next choice: a reduction"
                     : "; reduction: " + (vv ? reports::strategyReasonText(*vv) : std::string()));
  return Increment::Reduction;
}

/// Chunk-boundary atomics: schedule(static, c) on a 1-D loop, and for every
/// array whose reads overlap, Z3 showed that the cross-thread conflicts sit
/// within B iterations of a chunk boundary (or that there are none). Empty
/// when not valid, or when no array needs an atomic.
Increments VariantChooser::chunkBoundaryIncrements(int64_t &boundaryIterations) const {
  Increments out;
  bool incremented = std::any_of(body_.arrays().begin(), body_.arrays().end(), [&](int k) {
    return body_.variable(k).active && !body_.variable(k).written;
  });
  bool valid = loop_.iterators.size() == 1 && loop_.clauses.schedule == model::Schedule::Static &&
               loop_.clauses.chunk && *loop_.clauses.chunk > 0 && incremented;
  bool anyAtomic = false;
  for (int k : body_.arrays()) {
    if (!body_.variable(k).active || !valid)
      continue;
    if (body_.variable(k).written || exclusiveRead(k)) {
      out[k] = Increment::Plain;
      continue;
    }
    const model::VariableVerdicts *vv = verdictOf(k);
    if (!vv || !vv->schedule.analysed) {
      valid = false;
      continue;
    }
    const model::ScheduleSplit &split = vv->schedule.exclusiveRead;
    if (split.crossThread.verdict == Verdict::Holds) {
      out[k] = Increment::Plain;
    } else if (split.chunkBoundaryOnly.verdict == Verdict::Holds && split.boundaryIterations > 0) {
      out[k] = Increment::ChunkBoundaryAtomic;
      boundaryIterations = std::max(boundaryIterations, split.boundaryIterations);
      anyAtomic = true;
    } else {
      valid = false;
    }
  }
  if (!valid || !anyAtomic)
    out.clear();
  return out;
}

void VariantChooser::add(VariantKind kind, Increments increments) {
  AdjointVariant v;
  v.kind = kind;
  v.comment = textOf(kind).comment;
  if (size_t at = v.comment.find("<chunk>"); at != std::string::npos)
    v.comment.replace(at, 7, std::to_string(loop_.clauses.chunk.value_or(0)));
  v.deterministic = isDeterministic(increments);
  v.increments = std::move(increments);
  table_.variants.push_back(std::move(v));
}

VariantTable VariantChooser::choose() {
  // Every array the loop writes is plain in every variant: its adjoint is
  // reset or scaled only by the iteration that writes the element.
  Increments serial, plain, reduction, atomic, gather, chosen;
  bool allPlain = true, incremented = false;
  for (int k : body_.arrays()) {
    const VariableCode &code = body_.variable(k);
    if (!code.active)
      continue;
    const model::VariableVerdicts *vv = verdictOf(k);
    ArrayPlan plan;
    plan.name = loop_.variables[k].name;
    plan.elementType = code.type;
    plan.written = code.written;
    plan.verdictStrategy = vv ? vv->strategy : std::nullopt;
    serial[k] = plain[k] = Increment::Plain;
    if (code.written) {
      reduction[k] = atomic[k] = gather[k] = chosen[k] = Increment::Plain;
      plan.strategy = Strategy::Plain;
      plan.reason = incrementComment(body_, k, Increment::Plain, table_.boundaryIterations);
    } else {
      incremented = true;
      bool exclusive = exclusiveRead(k);
      allPlain &= exclusive;
      reduction[k] = Increment::Reduction;
      atomic[k] = Increment::Atomic;
      gather[k] = exclusive                   ? Increment::Plain
                  : gathers_.loops.count(k) ? Increment::Gather
                                            : Increment::Reduction;
      chosen[k] = chooseIncrement(k, plan);
    }
    table_.arrays.push_back(plan);
  }

  add(VariantKind::Serial, serial);
  if (allPlain && incremented)
    add(VariantKind::Plain, plain);
  if (!gathers_.loops.empty())
    add(VariantKind::Gather, gather);
  Increments chunkAtomic = chunkBoundaryIncrements(table_.boundaryIterations);
  if (loop_.clauses.schedule == model::Schedule::Static && loop_.clauses.chunk && chunkAtomic.empty() && incremented)
    table_.gaps.push_back("no chunk-boundary atomic variant: the schedule analysis did not show that "
                          "every cross-thread conflict sits at a chunk boundary");
  if (!chunkAtomic.empty())
    add(VariantKind::ChunkAtomic, chunkAtomic);
  if (incremented) {
    add(VariantKind::Reduction, reduction);
    add(VariantKind::Atomic, atomic);
  }
  add(VariantKind::Chosen, chosen);
  return std::move(table_);
}

} // namespace

const char *variantName(VariantKind kind) { return textOf(kind).name; }

std::string variantFunction(const std::string &loop, VariantKind kind) {
  return kind == VariantKind::Chosen ? loop + "_adjoint" : loop + "_adjoint_" + variantName(kind);
}

VariantTable chooseVariants(const LoopBody &body, const model::LoopVerdicts &verdicts,
                            const GatherPlan &gathers) {
  return VariantChooser(body, verdicts, gathers).choose();
}

std::string incrementComment(const LoopBody &body, int variable, Increment how,
                             int64_t boundaryIterations) {
  const std::string &n = body.loop().variables[variable].name;
  const VariableCode &v = body.variable(variable);
  if (v.written)
    return n + ": plain; each element of " + v.adjoint + " is reset or scaled only by the iteration "
           "that writes it (the forward loop has no race on " + n + ")";
  switch (how) {
  case Increment::Plain:
    return n + ": plain; exclusive read holds (no two iterations read one element), so the "
           "increments of " + v.adjoint + " never collide";
  case Increment::Reduction:
    return n + ": reduction; each thread increments its own copy of " + v.adjoint +
           ", summed at the end";
  case Increment::Atomic:
    return n + ": atomic; each increment of " + v.adjoint + " is an atomic update";
  case Increment::ChunkBoundaryAtomic:
    return n + ": atomic at chunk boundaries only; with schedule(static, " +
           std::to_string(body.loop().clauses.chunk.value_or(0)) + ") every cross-thread conflict on " +
           n + " joins adjacent chunks within " + std::to_string(boundaryIterations) +
           " iteration(s) of their boundary (Z3), so iterations farther inside a chunk increment " +
           v.adjoint + " plainly";
  case Increment::Gather:
    return n + ": gather; a loop over the elements of " + n + " pulls their contributions "
           "(exclusive read does not hold, its reads are affine), built by isl's AST generator";
  }
  return "";
}

} // namespace adjoint_lint::codegen
