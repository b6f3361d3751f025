// The one owner of an isl_ctx. isl::ctx is a non-owning handle; this class
// allocates the context, makes isl report errors through exceptions only
// (never abort, never print), and frees it last.
#pragma once

#include <isl/cpp.h>
#include <isl/options.h>
#include <isl/val.h>

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
