#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), then runs every test through CTest:
# the GoogleTest suites (model, polyhedral, reports) and the lit suite
# (testsuite/), the dynamic oracle; then the asan preset's tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
export BUILD_DIR

bash "$ROOT/scripts/setup.sh"
cd "$BUILD_DIR"
ctest --output-on-failure -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}"

# The sanitizer build (CMake preset `asan`, build-asan/; docs/robustness.md):
# the unit tests and the bad-input, fuzz-finding and driver lit tests under
# AddressSanitizer + UndefinedBehaviorSanitizer (errors abort). SKIP_ASAN=1
# skips it.
if [ "${SKIP_ASAN:-0}" != 1 ]; then
  cd "$ROOT"
  cmake --preset asan > /dev/null
  ninja -C "$ROOT/build-asan" -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}"
  (cd "$ROOT/build-asan" && ctest --output-on-failure -E '^(lit|oracle)$' \
     -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}")
  # Without many_loops.test: 10,000 decisions take too long under ASan.
  python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv --no-progress-bar --filter-out many_loops \
    "$ROOT/build-asan/testsuite/badinput" "$ROOT/build-asan/testsuite/fuzz" \
    "$ROOT/build-asan/testsuite/driver"
fi
