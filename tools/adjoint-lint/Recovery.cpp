// Crash recovery: see Recovery.h.
#include "tools/adjoint-lint/Recovery.h"
#include "tools/adjoint-lint/Options.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/ErrorHandling.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Support/thread.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

namespace adjoint_lint::driver {
namespace {

llvm::cl::opt<unsigned> stackSizeOption(
    "stack-size",
    llvm::cl::desc("Stack of the threads that parse each input and decide each loop, in MiB "
                   "(default 512, at most 4095). Code that nests deeper than it allows is an "
                   "internal error of its input or loop (exit status 2), not a crash"),
    llvm::cl::value_desc("MIB"), llvm::cl::init(512), llvm::cl::cat(category()));

enum class InjectedCrash { None, ParseStackOverflow, ParseFatalError, DecideStackOverflow, DecideAbort };

llvm::cl::opt<InjectedCrash> injectCrashOption(
    "inject-crash", llvm::cl::desc("Testing: crash while parsing or deciding"),
    llvm::cl::values(
        clEnumValN(InjectedCrash::ParseStackOverflow, "parse-stack-overflow",
                   "unbounded recursion after parsing each input"),
        clEnumValN(InjectedCrash::ParseFatalError, "parse-fatal-error",
                   "report_fatal_error after parsing each input"),
        clEnumValN(InjectedCrash::DecideStackOverflow, "decide-stack-overflow",
                   "unbounded recursion while deciding each loop"),
        clEnumValN(InjectedCrash::DecideAbort, "decide-abort", "abort() while deciding each loop")),
    llvm::cl::init(InjectedCrash::None), llvm::cl::Hidden, llvm::cl::cat(category()));

/// Never reached: keeps the compiler from proving the recursion endless.
volatile unsigned recursionLimit = ~0u;

[[gnu::noinline]] unsigned recurse(unsigned depth) {
  volatile char frame[256];
  frame[0] = static_cast<char>(depth);
  if (depth == recursionLimit)
    return 0;
  return recurse(depth + 1) + static_cast<unsigned>(frame[0]);
}

/// What report_fatal_error said inside the crashed work of this thread.
thread_local std::string fatalReason;

/// LLVM's report_fatal_error inside recovered work ends that work only
/// (RunSafely returns false); elsewhere it ends the process as LLVM's own
/// handler would.
void onFatalError(void *, const char *reason, bool) {
  if (llvm::CrashRecoveryContext *crc = llvm::CrashRecoveryContext::GetCurrent()) {
    fatalReason = reason;
    crc->HandleExit(1);
  }
  llvm::errs() << "LLVM ERROR: " << reason << "\n";
}

/// The signals CrashRecoveryContext catches; their handler must run on the
/// alternate stack, or a stack overflow faults again inside it.
constexpr int recoveredSignals[] = {SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP};

/// An alternate signal stack for the calling thread while it lives.
class AlternateSignalStack {
public:
  AlternateSignalStack() : memory_(new char[size]) {
    stack_t stack{};
    stack.ss_sp = memory_.get();
    stack.ss_size = size;
    installed_ = sigaltstack(&stack, &previous_) == 0;
  }
  ~AlternateSignalStack() {
    if (installed_)
      sigaltstack(&previous_, nullptr);
  }
  AlternateSignalStack(const AlternateSignalStack &) = delete;
  AlternateSignalStack &operator=(const AlternateSignalStack &) = delete;

private:
  static constexpr size_t size = 256 * 1024;
  std::unique_ptr<char[]> memory_;
  stack_t previous_{};
  bool installed_ = false;
};

std::string describeCrash(int retCode) {
  if (!fatalReason.empty()) {
    std::string why = "LLVM ERROR: " + fatalReason;
    fatalReason.clear();
    return why;
  }
  if (retCode > 128) {
    const int signal = retCode - 128;
    const char *name = strsignal(signal);
    return "signal " + std::to_string(signal) + " (" + (name ? name : "unknown") + ")";
  }
  return "exit status " + std::to_string(retCode);
}

} // namespace

unsigned workStackMiB() { return std::clamp(unsigned(stackSizeOption), 1u, 4095u); }

unsigned workStackBytes() { return workStackMiB() * 1024u * 1024u; }

void enableCrashRecovery() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::install_fatal_error_handler(onFatalError);
    llvm::CrashRecoveryContext::Enable();
    for (int signal : recoveredSignals) {
      struct sigaction action;
      if (sigaction(signal, nullptr, &action) == 0) {
        action.sa_flags |= SA_ONSTACK;
        sigaction(signal, &action, nullptr);
      }
    }
  });
}

std::string runRecoveringHere(llvm::function_ref<void()> work) {
  enableCrashRecovery();
  AlternateSignalStack altStack;
  std::exception_ptr error;
  llvm::CrashRecoveryContext crc;
  const bool finished = crc.RunSafely([&] {
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
  });
  if (!finished)
    return describeCrash(crc.RetCode);
  if (error)
    std::rethrow_exception(error);
  return "";
}

std::string runRecovering(llvm::function_ref<void()> work) {
  std::string crash;
  std::exception_ptr error;
  llvm::thread worker(std::optional<unsigned>(workStackBytes()), [&] {
    try {
      crash = runRecoveringHere(work);
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  if (error)
    std::rethrow_exception(error);
  return crash;
}

void injectCrash(CrashPoint point) {
  switch (injectCrashOption) {
  case InjectedCrash::None:
    return;
  case InjectedCrash::ParseStackOverflow:
    if (point == CrashPoint::Parse)
      recurse(0);
    return;
  case InjectedCrash::ParseFatalError:
    if (point == CrashPoint::Parse)
      llvm::report_fatal_error("injected by --inject-crash", /*gen_crash_diag=*/false);
    return;
  case InjectedCrash::DecideStackOverflow:
    if (point == CrashPoint::Decide)
      recurse(0);
    return;
  case InjectedCrash::DecideAbort:
    if (point == CrashPoint::Decide)
      std::abort();
    return;
  }
}

} // namespace adjoint_lint::driver
