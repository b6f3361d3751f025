// The one owner of an isl_ctx. isl::ctx is a non-owning handle; this class
// allocates the context, makes isl report errors through exceptions only
// (never abort, never print), and frees it last.
#pragma once

#include <isl/cpp.h>
#include <isl/ctx.h>
#include <isl/options.h>
#include <isl/val.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace adjoint_lint::polyhedral {

class IslOwner {
public:
  IslOwner() : ctx_(isl_ctx_alloc()) { isl_options_set_on_error(ctx_, ISL_ON_ERROR_CONTINUE); }
  ~IslOwner() { isl_ctx_free(ctx_); }
  IslOwner(const IslOwner &) = delete;
  IslOwner &operator=(const IslOwner &) = delete;

  isl::ctx ctx() const { return isl::ctx(ctx_); }

  /// Operation budget (0: none), counted from now.
  void setBudget(unsigned long maxOperations) {
    isl_ctx_set_max_operations(ctx_, maxOperations);
    isl_ctx_reset_operations(ctx_);
  }
  bool quotaExceeded() const { return isl_ctx_last_error(ctx_) == isl_error_quota; }

private:
  isl_ctx *ctx_;
};

/// A wall-clock limit on the isl work of one loop, the last resort behind
/// the operation budget (whose operations may each take long: quasi-affine
/// subscripts with several divisions). Once `ms` milliseconds have passed, a
/// watchdog thread calls isl_ctx_abort: every later isl operation on the
/// context fails with isl_error_abort (isl::exception_abort), which the
/// deciders turn into `unknown` with the reason. 0: no limit (no thread).
class IslTimeLimit {
public:
  IslTimeLimit(isl::ctx ctx, unsigned ms) {
    if (ms == 0)
      return;
    isl_ctx *c = ctx.get();
    // The thread shares the state: if a crash abandons this frame (crash
    // recovery, tools/adjoint-lint/Recovery.h), the destructor never runs
    // and the state outlives it; the context is then never freed either.
    std::shared_ptr<State> state = state_;
    watchdog_ = std::thread([state, c, ms] {
      std::unique_lock<std::mutex> lock(state->mutex);
      if (!state->wake.wait_for(lock, std::chrono::milliseconds(ms), [&] { return state->done; })) {
        state->expired = true;
        isl_ctx_abort(c);
      }
    });
  }
  ~IslTimeLimit() {
    if (!watchdog_.joinable())
      return;
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      state_->done = true;
    }
    state_->wake.notify_all();
    watchdog_.join();
  }
  IslTimeLimit(const IslTimeLimit &) = delete;
  IslTimeLimit &operator=(const IslTimeLimit &) = delete;

  /// Whether the limit was reached (and isl aborted).
  bool expired() const { return state_->expired; }

private:
  struct State {
    std::mutex mutex;
    std::condition_variable wake;
    bool done = false;
    std::atomic<bool> expired{false};
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  std::thread watchdog_;
};

/// Whether the operation budget of `ctx` has run out. isl's parser reports
/// an allocation that the budget refused as a syntax error (the quota error
/// it hides is overwritten), so an isl::exception of another kind may still
/// mean the budget. Once it has run out every allocation is refused with the
/// quota error: one small allocation tells (and costs one operation).
inline bool islBudgetExhausted(isl::ctx ctx) {
  isl_ctx *c = ctx.get();
  if (isl_ctx_get_max_operations(c) == 0)
    return false;
  isl_ctx_reset_error(c);
  isl_val *probe = isl_val_zero(c);
  const bool exhausted = !probe && isl_ctx_last_error(c) == isl_error_quota;
  isl_val_free(probe);
  return exhausted;
}

} // namespace adjoint_lint::polyhedral
