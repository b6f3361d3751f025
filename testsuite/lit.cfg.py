# lit configuration for adjoint-lint's command-line tests.
#
# Run through the build (`ninja -C build check-lit`, or `ctest`), which
# generates lit.site.cfg.py with the binary's path:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/testsuite
# or a single test:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -v build/testsuite/driver/exit-status.test
#
# Substitutions:
#   %adjoint-lint  the built binary
#   FileCheck, not LLVM's test tools (llvm-19-tools)
#   %clang         clang-19, with -fopenmp available
#   %python        the Python interpreter
#   %verdicts      python3 testsuite/tools/verdicts.py (JSON report -> lines)
#   %inputs        testsuite/<dir>/Inputs of the running test
#   %examples      the repository's examples/ directory
#   %expect-exit N CMD...  runs CMD (its output passes through) and fails
#                  unless its exit status is N
#   %srcroot       the repository root
#   %browser-check REPORT_DIR SHOTS_DIR  checks an HTML report in headless
#                  chromium (testsuite/browser/check-report.mjs)
import os

import lit.formats

config.name = "adjoint-lint"
# An external shell (bash): tests may use `$?`, subshells and redirections.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test", ".json"]
# Inputs/ holds fixtures (sources, models) that are not tests themselves.
# browser/ is the browser test's npm package (run by html/browser.test).
config.excludes = ["Inputs", "tools", "browser", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))

if not hasattr(config, "adjoint_lint"):
    lit_config.fatal("run lit on the build directory's testsuite/ (it holds lit.site.cfg.py), "
                     "e.g. `ninja -C build check-lit`")

if not hasattr(config, "test_exec_root") or not config.test_exec_root:
    config.test_exec_root = os.path.join(config.adjoint_lint_obj_root, "testsuite")

python = getattr(config, "python", "python3")
config.substitutions.append(("%adjoint-lint", config.adjoint_lint))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%python", python))
config.substitutions.append(
    ("%verdicts", python + " " + os.path.join(config.test_source_root, "tools", "verdicts.py")))
config.substitutions.append(("%inputs", "%S/Inputs"))
config.substitutions.append(
    ("%examples", os.path.join(config.adjoint_lint_src_root, "examples")))
config.substitutions.append(
    ("%expect-exit", python + " " + os.path.join(config.test_source_root, "tools", "expect_exit.py")))
config.substitutions.append(("%srcroot", config.adjoint_lint_src_root))
# %browser-check REPORT_DIR SCREENSHOT_DIR: opens an HTML report in headless
# chromium (testsuite/browser/check-report.mjs, playwright-core).
config.substitutions.append(
    ("%browser-check", "node " + os.path.join(config.test_source_root, "browser", "check-report.mjs")))
# FileCheck and not: put LLVM's tools directory first on PATH so the bare
# names resolve to the llvm-19 versions.
llvm_tools_dir = os.path.dirname(config.filecheck)
config.environment["PATH"] = os.pathsep.join(
    [llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Deterministic output: no colours, a fixed locale.
config.environment["LC_ALL"] = "C"
# The whole suite runs in cross-check mode: Z3 re-decides every verdict isl
# decides, and a disagreement fails the run (exit status 2). The variable is
# the default of --cross-check; z3/cross-check.test checks it is on.
config.environment["ADJOINT_LINT_CROSS_CHECK"] = "1"
config.environment.pop("TERM", None)
