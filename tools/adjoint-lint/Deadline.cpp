// --timeout: see Deadline.h.
#include "tools/adjoint-lint/Deadline.h"
#include "tools/adjoint-lint/Options.h"
#include "tools/adjoint-lint/Recovery.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Support/thread.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>

namespace adjoint_lint::driver {
namespace {

llvm::cl::opt<double> timeoutOption(
    "timeout",
    llvm::cl::desc("Time budget per input file in seconds (default 600; 0: none). A file that "
                   "exhausts it gets an error, its undecided loops 'unknown', exit status 2"),
    llvm::cl::value_desc("SECONDS"), llvm::cl::init(600.0), llvm::cl::cat(category()));

std::atomic<bool> abandoned{false};

/// What the worker thread of one decision hands back.
struct DecisionState {
  std::mutex lock;
  std::condition_variable done;
  bool finished = false;
  model::LoopVerdicts verdicts;
  std::exception_ptr error;
  std::string crash; ///< non-empty: the deciders crashed (Recovery.h)
};

} // namespace

double timeoutSeconds() { return timeoutOption; }

std::optional<Clock::time_point> fileDeadline() {
  if (!(timeoutOption > 0))
    return std::nullopt;
  // Budgets beyond a year are as good as none (and would overflow).
  double seconds = timeoutOption < 3.15e7 ? double(timeoutOption) : 3.15e7;
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

Decision decideBefore(const model::LoopModel &loop, const polyhedral::DeciderOptions &options,
                      std::optional<Clock::time_point> deadline, model::LoopVerdicts &out,
                      std::string &crash) {
  if (deadline && Clock::now() >= *deadline)
    return Decision::TimedOut;
  auto state = std::make_shared<DecisionState>();
  // The worker owns copies: an abandoned one outlives the caller's data.
  llvm::thread worker(std::optional<unsigned>(workStackBytes()), [state, loop, options] {
    model::LoopVerdicts v;
    std::exception_ptr error;
    std::string crashed;
    try {
      crashed = runRecoveringHere([&] {
        injectCrash(CrashPoint::Decide);
        v = polyhedral::decide(loop, options);
      });
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> guard(state->lock);
    state->verdicts = std::move(v);
    state->error = error;
    state->crash = std::move(crashed);
    state->finished = true;
    state->done.notify_all();
  });
  std::unique_lock<std::mutex> guard(state->lock);
  auto finished = [&] { return state->finished; };
  if (!deadline) {
    state->done.wait(guard, finished);
  } else if (!state->done.wait_until(guard, *deadline, finished)) {
    guard.unlock();
    abandoned = true;
    worker.detach();
    return Decision::TimedOut;
  }
  guard.unlock();
  worker.join();
  if (state->error)
    std::rethrow_exception(state->error);
  if (!state->crash.empty()) {
    crash = state->crash;
    return Decision::Crashed;
  }
  out = std::move(state->verdicts);
  return Decision::Decided;
}

model::LoopVerdicts timedOutVerdicts(const model::LoopModel &loop) {
  model::LoopVerdicts v;
  std::ostringstream reason;
  reason << "the time budget of the file (--timeout=" << double(timeoutOption)
         << " s) ran out before this loop was decided";
  v.forwardRace.verdict = model::Verdict::Unknown;
  v.forwardRace.decidedBy = model::DecidedBy::Timeout;
  v.forwardRace.reason = reason.str();
  return v;
}

model::LoopVerdicts crashedVerdicts(const std::string &crash) {
  model::LoopVerdicts v;
  v.forwardRace.verdict = model::Verdict::Unknown;
  v.forwardRace.decidedBy = model::DecidedBy::InternalError;
  v.forwardRace.reason = "the deciders crashed on this loop (" + crash + ")";
  return v;
}

bool workAbandoned() { return abandoned; }

void finishProcess(int status) {
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  if (abandoned)
    std::_Exit(status);
  std::exit(status);
}

} // namespace adjoint_lint::driver
