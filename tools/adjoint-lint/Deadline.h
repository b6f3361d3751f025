// --timeout: a time budget per input file (docs/robustness.md).
//
// Each loop's decision runs on a worker thread that the driver waits for
// until the file's deadline. A decision still running then (one long isl or
// Z3 call that no operation budget bounds) is abandoned: its thread keeps
// its own copies of the loop and the options and is never joined, so the
// process must end with finishProcess(), which does not run static
// destructors under it. The loops of the file that were not decided are
// `unknown`, and an error names the file and the budget (exit status 2).
// The worker has a large stack and runs under crash recovery (Recovery.h),
// with or without a deadline.
#pragma once

#include "model/LoopModel.h"
#include "polyhedral/Deciders.h"
#include "model/Verdicts.h"

#include <chrono>
#include <optional>
#include <string>

namespace adjoint_lint::driver {

using Clock = std::chrono::steady_clock;

/// The deadline of a file whose analysis starts now; none without --timeout
/// (--timeout=0).
std::optional<Clock::time_point> fileDeadline();
/// The --timeout value in seconds, for messages.
double timeoutSeconds();

enum class Decision { Decided, TimedOut, Crashed };

/// Decides `loop` on a thread of its own with a large stack, under crash
/// recovery (Recovery.h), waiting for it until `deadline` (none: as long as
/// it takes). TimedOut when the deadline passes first, Crashed (with how in
/// `crash`) when the deciders crashed; `out` is written only when Decided.
/// Exceptions of decide() pass through.
Decision decideBefore(const model::LoopModel &loop, const polyhedral::DeciderOptions &options,
                      std::optional<Clock::time_point> deadline, model::LoopVerdicts &out,
                      std::string &crash);

/// The verdicts of a loop that the budget did not leave time for.
model::LoopVerdicts timedOutVerdicts(const model::LoopModel &loop);

/// The verdicts of a loop whose deciders crashed (`crash`: how).
model::LoopVerdicts crashedVerdicts(const std::string &crash);

/// Whether a decision was abandoned (its thread still runs).
bool workAbandoned();

/// Flushes the output streams and ends the process with `status`; without
/// static destructors when work was abandoned.
[[noreturn]] void finishProcess(int status);

} // namespace adjoint_lint::driver
