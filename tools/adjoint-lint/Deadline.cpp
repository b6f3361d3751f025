// --timeout: see Deadline.h.
#include "tools/adjoint-lint/Deadline.h"
#include "tools/adjoint-lint/Options.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

namespace adjoint_lint::driver {
namespace {

llvm::cl::opt<double> timeoutOption(
    "timeout",
    llvm::cl::desc("Time budget per input file in seconds (default 600; 0: none). A file that "
                   "exhausts it gets an error, its undecided loops 'unknown', exit status 2"),
    llvm::cl::value_desc("SECONDS"), llvm::cl::init(600.0), llvm::cl::cat(category()));

std::atomic<bool> abandoned{false};

struct Decision {
  std::mutex lock;
  std::condition_variable done;
  bool finished = false;
  polyhedral::LoopVerdicts verdicts;
  std::exception_ptr error;
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

bool decideBefore(const model::LoopModel &loop, const polyhedral::DeciderOptions &options,
                  Clock::time_point deadline, polyhedral::LoopVerdicts &out) {
  if (Clock::now() >= deadline)
    return false;
  auto state = std::make_shared<Decision>();
  // The worker owns copies: an abandoned one outlives the caller's data.
  std::thread worker([state, loop, options] {
    polyhedral::LoopVerdicts v;
    std::exception_ptr error;
    try {
      v = polyhedral::decide(loop, options);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> guard(state->lock);
    state->verdicts = std::move(v);
    state->error = error;
    state->finished = true;
    state->done.notify_all();
  });
  std::unique_lock<std::mutex> guard(state->lock);
  if (!state->done.wait_until(guard, deadline, [&] { return state->finished; })) {
    guard.unlock();
    abandoned = true;
    worker.detach();
    return false;
  }
  guard.unlock();
  worker.join();
  if (state->error)
    std::rethrow_exception(state->error);
  out = std::move(state->verdicts);
  return true;
}

polyhedral::LoopVerdicts timedOutVerdicts(const model::LoopModel &loop) {
  polyhedral::LoopVerdicts v;
  std::ostringstream reason;
  reason << "the time budget of the file (--timeout=" << double(timeoutOption)
         << " s) ran out before this loop was decided";
  v.forwardRace.verdict = polyhedral::Verdict::Unknown;
  v.forwardRace.decidedBy = "timeout";
  v.forwardRace.reason = reason.str();
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
