#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), then runs every test through CTest:
# the GoogleTest suites (model, polyhedral, reports) and the lit suite
# (testsuite/). The last line is CTest's summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
export BUILD_DIR

bash "$ROOT/scripts/setup.sh"
cd "$BUILD_DIR"
ctest --output-on-failure -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}"
