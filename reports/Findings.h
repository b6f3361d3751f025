// Findings from verdicts: the one place that words messages for people.
//
// buildFindings turns what the deciders concluded about one loop into
// clang-tidy style findings (a warning plus the notes that explain it).
// Renderers (the Clang text printer, the JSON report) only place them.
#pragma once

#include "model/LoopModel.h"
#include "model/Verdicts.h"
#include "reports/Finding.h"

#include <vector>

namespace adjoint_lint::reports {

inline constexpr const char kRuleForwardRace[] = "adjoint-lint-forward-race";
inline constexpr const char kRuleSharedAdjoint[] = "adjoint-lint-shared-adjoint";
inline constexpr const char kRuleUnknown[] = "adjoint-lint-unknown";
inline constexpr const char kRuleGatherAvailable[] = "adjoint-lint-gather-available";
inline constexpr const char kRuleAssumptionContradicted[] = "adjoint-lint-assumption-contradicted";
/// Input problem: a malformed `#pragma adjoint_lint` (the front end reports it).
inline constexpr const char kRuleBadPragma[] = "adjoint-lint-bad-pragma";

/// The findings for one loop, in deterministic order (see sortFindings):
/// - adjoint-lint-forward-race (warning) for every variable whose forward
///   accesses race, at the write, with notes at the conflicting access and
///   naming the two iterations;
/// - adjoint-lint-shared-adjoint (warning) for every active array whose
///   exclusive read is violated, at the first read, with notes at the other
///   read and on the adjoint strategy;
/// - adjoint-lint-unknown (warning) for every forward-race or exclusive-read
///   question that could not be decided, with the reason;
/// - adjoint-lint-gather-available (note) for every active array whose
///   adjoint can run as a gather loop;
/// - adjoint-lint-assumption-contradicted (error) for every declared fact
///   (`#pragma adjoint_lint assume(...)`, config `Assumptions`) that the
///   program contradicts, at the pragma.
/// Every finding of the loop carries the loop's assumptions as notes.
std::vector<Finding> buildFindings(const model::LoopModel &loop,
                                   const model::LoopVerdicts &verdicts);

/// The loop's iterator names in order: the parallel iterators, then the
/// inner loops' (witnesses and iteration values are printed in this order).
std::vector<std::string> iteratorNames(const model::LoopModel &loop);

/// The assumptions the verdicts of one loop rest on: the model's premises,
/// then the verdicts' assumptions, each text once, in that order. The JSON
/// report's `assumptions`, the findings' "assuming ..." notes and SARIF's
/// `properties` all list these.
std::vector<model::Assumption> loopAssumptions(const model::LoopModel &loop, const model::LoopVerdicts &verdicts);

/// Their texts, in order.
std::vector<std::string> assumptionTexts(const std::vector<model::Assumption> &assumptions);

/// True when the loop's "no race" (forward race `none`) rests on
/// assumptions: the run's closing lines count these loops.
bool raceFreeUnderAssumptions(const model::LoopModel &loop, const model::LoopVerdicts &verdicts);

/// Sorts by file, line, column, rule, then level and message (stable).
void sortFindings(std::vector<Finding> &findings);

/// True when `rule` is one of adjoint-lint's own rules (not a compiler or
/// input problem).
bool isAdjointLintRule(const std::string &rule);

} // namespace adjoint_lint::reports
