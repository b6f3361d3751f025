// No crash reaches the user (docs/robustness.md): every input is parsed,
// and every loop decided, on a thread of its own with a large stack
// (--stack-size) under LLVM's CrashRecoveryContext. A crash there (a stack
// overflow on deeply nested code, a failed check or abort inside Clang,
// isl or Z3, LLVM's report_fatal_error) ends that piece of work only: the
// driver reports it as an internal error of the input or loop and goes on
// with the others.
#pragma once

#include <llvm/ADT/STLFunctionalExtras.h>

#include <string>

namespace adjoint_lint::driver {

/// --stack-size in bytes: the stack of the threads that parse and decide.
unsigned workStackBytes();
/// --stack-size as given, in MiB, for messages.
unsigned workStackMiB();

/// Installs the crash handlers (once; later calls do nothing). Call before
/// any worker thread starts.
void enableCrashRecovery();

/// Runs `work` on the calling thread under crash recovery. Returns an empty
/// string when it returned or threw (the exception passes through), else how
/// it crashed ("signal 11 (Segmentation fault)", "LLVM ERROR: ..."). A
/// crashed `work` leaks what it had allocated and does not run destructors.
std::string runRecoveringHere(llvm::function_ref<void()> work);

/// runRecoveringHere() on a new thread with workStackBytes() of stack; waits
/// for it.
std::string runRecovering(llvm::function_ref<void()> work);

/// Where --inject-crash (testing) may crash.
enum class CrashPoint { Parse, Decide };

/// --inject-crash: crashes the calling thread at `point` as the option asks
/// (a stack overflow, abort(), LLVM's report_fatal_error), so that the tests
/// reach every recovery path; does nothing without the option.
void injectCrash(CrashPoint point);

} // namespace adjoint_lint::driver
