#include "tools/adjoint-lint/SolverOptions.h"

#include "tools/adjoint-lint/Options.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>

#include <cstdlib>
#include <string>

namespace cl = llvm::cl;

namespace adjoint_lint::driver {

namespace {

const polyhedral::DeciderOptions defaults;

cl::opt<unsigned> z3Rlimit("z3-rlimit",
                           cl::desc("Z3 resource limit (rlimit) per loop, all its queries together; "
                                    "running out gives 'unknown' (0: no limit)"),
                           cl::value_desc("N"), cl::init(defaults.z3Rlimit), cl::cat(category()));
cl::opt<unsigned> z3Timeout("z3-timeout",
                            cl::desc("Z3 time limit per loop in milliseconds, all its queries together; "
                                     "running out gives 'unknown' (0: no limit)"),
                            cl::value_desc("MS"), cl::init(defaults.z3TimeoutMs), cl::cat(category()));
cl::opt<unsigned> islTimeout("isl-timeout",
                             cl::desc("Wall-clock limit on the isl work of one loop in milliseconds, the last "
                                      "resort behind --isl-max-operations; reaching it gives 'unknown' "
                                      "(0: no limit)"),
                             cl::value_desc("MS"), cl::init(defaults.islTimeoutMs), cl::cat(category()));
/// ADJOINT_LINT_CROSS_CHECK=1 in the environment turns --cross-check on by
/// default (the lit suite runs that way: testsuite/lit.cfg.py).
bool crossCheckFromEnvironment() {
  const char *v = std::getenv("ADJOINT_LINT_CROSS_CHECK");
  return v && *v && std::string(v) != "0";
}

cl::opt<bool> crossCheck("cross-check",
                         cl::desc("Re-decide every isl verdict on forward races and exclusive reads with Z3; "
                                  "a disagreement is an internal error (exit status 2). Default: on when "
                                  "ADJOINT_LINT_CROSS_CHECK is set (not to 0)"),
                         cl::init(crossCheckFromEnvironment()), cl::cat(category()));
cl::opt<bool> crossCheckInjectFault("cross-check-inject-fault",
                                    cl::desc("Testing: swap Z3's holds and violated before the cross-check "
                                             "compares them, so that it fails"),
                                    cl::Hidden, cl::cat(category()));
// --threads is made by registerThreadsOption(): libLLVM registers an option
// of that name itself, so ours cannot be a static of this file.
cl::opt<unsigned> *threads = nullptr;
cl::opt<std::string> dumpIsl("dump-isl",
                             cl::desc("Write the isl relations of every loop and question into DIR "
                                      "(one text file each, isl syntax)"),
                             cl::value_desc("DIR"), cl::cat(category()));
cl::opt<std::string> dumpSmt2("dump-smt2",
                              cl::desc("Write every Z3 query into DIR as SMT-LIB2 (one file per loop and "
                                       "question, also those that ran out of budget); runs the Z3 re-decisions "
                                       "of --cross-check"),
                              cl::value_desc("DIR"), cl::cat(category()));

bool prepare(const std::string &dir, const char *option, std::string &error) {
  if (dir.empty())
    return true;
  if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
    error = "cannot create the " + std::string(option) + " directory '" + dir + "': " + ec.message();
    return false;
  }
  if (!llvm::sys::fs::is_directory(dir)) {
    error = "the " + std::string(option) + " path '" + dir + "' is not a directory";
    return false;
  }
  if (llvm::sys::fs::access(dir, llvm::sys::fs::AccessMode::Write)) {
    error = "the " + std::string(option) + " directory '" + dir + "' is not writable";
    return false;
  }
  return true;
}

} // namespace

void registerThreadsOption() {
  // libLLVM registers a "threads" option of its own (unused by this tool);
  // defining ours under that name at static initialisation aborts. Take the
  // name over before the command line is parsed.
  if (threads)
    return;
  llvm::StringMap<cl::Option *> &registered = cl::getRegisteredOptions();
  auto it = registered.find("threads");
  if (it != registered.end())
    it->second->removeArgument();
  static cl::opt<unsigned> threadsOption(
      "threads",
      cl::desc("Number of OpenMP threads for the analysis of schedule(static[, c]) loops "
               "(default: any number; the verdicts then hold for all)"),
      cl::value_desc("N"), cl::init(0), cl::cat(category()));
  static cl::alias ompThreads("omp-threads", cl::desc("Alias for --threads"), cl::aliasopt(threadsOption),
                              cl::NotHidden, cl::cat(category()));
  threads = &threadsOption;
}

void applySolverOptions(polyhedral::DeciderOptions &options) {
  options.z3Rlimit = z3Rlimit;
  options.z3TimeoutMs = z3Timeout;
  options.islTimeoutMs = islTimeout;
  options.crossCheck = crossCheck;
  options.crossCheckInjectFault = crossCheckInjectFault;
  options.dumpIslDir = dumpIsl;
  options.threads = threads ? static_cast<unsigned>(*threads) : 0;
  options.dumpSmt2Dir = dumpSmt2;
}

bool prepareDumpDirectories(std::string &error) {
  return prepare(dumpIsl, "--dump-isl", error) && prepare(dumpSmt2, "--dump-smt2", error);
}

} // namespace adjoint_lint::driver
