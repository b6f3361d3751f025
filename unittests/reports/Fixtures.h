// Made-up loop models and verdicts shared by the reports tests.
#pragma once

#include "model/ModelJson.h"
#include "model/Verdicts.h"

namespace adjoint_lint::reports::testing {

/// stencil.c:
///   12 | #pragma omp parallel for
///   13 |     y[i] = x[i] + x[i + 1];
inline model::LoopModel stencilLoop() {
  return model::loopFromJson(nlohmann::json::parse(R"({
    "id": "stencil.c:12:1",
    "range": {"file": "stencil.c", "line": 12, "column": 1, "end_line": 12, "end_column": 24},
    "function": "heat_step", "directive": "parallel for", "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n - 1"}],
    "variables": [
      {"name": "x", "element_type": "double", "extents": [null], "pointer": true, "parameter": true},
      {"name": "y", "element_type": "double", "extents": [null], "pointer": true, "parameter": true}
    ],
    "accesses": [
      {"variable": 1, "kind": "write", "subscripts": ["i"], "text": "y[i]",
       "range": {"file": "stencil.c", "line": 13, "column": 5, "end_line": 13, "end_column": 8}},
      {"variable": 0, "kind": "read", "subscripts": ["i"], "text": "x[i]",
       "range": {"file": "stencil.c", "line": 13, "column": 12, "end_line": 13, "end_column": 15}},
      {"variable": 0, "kind": "read", "subscripts": ["i + 1"], "text": "x[i + 1]",
       "range": {"file": "stencil.c", "line": 13, "column": 19, "end_line": 13, "end_column": 26}}
    ],
    "assumptions": ["pointer parameters x and y do not overlap"]
  })"));
}

inline model::PropertyResult result(model::Verdict v, model::DecidedBy by = model::DecidedBy::Isl) {
  model::PropertyResult r;
  r.verdict = v;
  r.decidedBy = by;
  return r;
}

inline model::Witness witness(int first, int64_t i1, int second, int64_t i2,
                                   std::vector<int64_t> element) {
  model::Witness w;
  w.iterations = {{{"i", i1}}, {{"i", i2}}};
  w.element = std::move(element);
  w.firstAccess = first;
  w.secondAccess = second;
  return w;
}

/// The stencil's verdicts: no race; x read by neighbouring iterations
/// (exclusive read violated), gather adjoint; y written once per iteration.
inline model::LoopVerdicts stencilVerdicts() {
  using model::Verdict;
  model::LoopVerdicts v;
  v.forwardRace = result(Verdict::Holds);
  model::VariableVerdicts x;
  x.variable = 0;
  x.name = "x";
  x.active = true;
  x.forwardRace = result(Verdict::Holds);
  x.exclusiveRead = result(Verdict::Violated);
  x.exclusiveRead.witness = witness(2, 1, 1, 2, {2});
  x.symmetricUpdate = result(Verdict::Violated);
  x.symmetricUpdate.with = "y";
  x.reflexive = result(Verdict::Violated);
  x.reflexive.with = "y";
  x.strategy = model::Strategy::Gather;
  model::VariableVerdicts y;
  y.variable = 1;
  y.name = "y";
  y.active = true;
  y.forwardRace = result(Verdict::Holds);
  y.exclusiveRead = result(Verdict::Holds);
  y.symmetricUpdate = result(Verdict::NotApplicable);
  y.symmetricUpdate.reason = "y is not read";
  y.reflexive = result(Verdict::NotApplicable);
  y.reflexive.reason = "y is not read";
  y.strategy = model::Strategy::Plain;
  v.variables = {x, y};
  return v;
}

/// shift.c:
///    5 | #pragma omp parallel for
///    6 |   x[i + 1] = 2 * x[i];
inline model::LoopModel shiftLoop() {
  return model::loopFromJson(nlohmann::json::parse(R"({
    "id": "shift.c:5:1",
    "range": {"file": "shift.c", "line": 5, "column": 1, "end_line": 5, "end_column": 24},
    "function": "shift", "directive": "parallel for", "parameters": ["n"],
    "iterators": [{"iterator": "i", "lower": 0, "op": "<", "bound": "n"}],
    "variables": [{"name": "x", "element_type": "double", "extents": [null], "pointer": true}],
    "accesses": [
      {"variable": 0, "kind": "write", "subscripts": ["i + 1"], "text": "x[i + 1]",
       "range": {"file": "shift.c", "line": 6, "column": 3, "end_line": 6, "end_column": 10}},
      {"variable": 0, "kind": "read", "subscripts": ["i"], "text": "x[i]",
       "range": {"file": "shift.c", "line": 6, "column": 18, "end_line": 6, "end_column": 21}}
    ]
  })"));
}

/// The shift's verdicts: a race on x, witnessed read-first (iteration i=2
/// reads x[2], iteration i=1 writes it) with n=4.
inline model::LoopVerdicts shiftVerdicts() {
  using model::Verdict;
  model::LoopVerdicts v;
  model::Witness w = witness(1, 2, 0, 1, {2});
  w.parameters = {{"n", 4}};
  v.forwardRace = result(Verdict::Violated);
  v.forwardRace.witness = w;
  model::VariableVerdicts x;
  x.variable = 0;
  x.name = "x";
  x.active = true;
  x.forwardRace = v.forwardRace;
  x.exclusiveRead = result(Verdict::Holds);
  x.symmetricUpdate = result(Verdict::NotApplicable);
  x.reflexive = result(Verdict::NotApplicable);
  x.strategy = model::Strategy::Serial;
  x.strategyReason = model::StrategyReason{};
  x.strategyReason->kind = model::StrategyReason::Kind::ForwardRace;
  v.variables = {x};
  return v;
}

} // namespace adjoint_lint::reports::testing
