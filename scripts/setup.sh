#!/usr/bin/env bash
# Installs what adjoint-lint needs on Debian 12 (only what is missing) and
# configures and builds it in build/. Idempotent: a second run installs
# nothing and rebuilds only what changed.
#
#   bash scripts/setup.sh            # packages, configure, build
#   BUILD_DIR=out bash scripts/setup.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

PACKAGES=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools
  libisl-dev libz3-dev libomp-19-dev libclang-rt-19-dev
  googletest libgtest-dev libbenchmark-dev libadolc-dev nlohmann-json3-dev
  cmake ninja-build pkg-config ccache python3-jsonschema python3-rfc3987 python3-yaml
  chromium nodejs
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo)
  fi
  "${SUDO[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#PACKAGES[@]} packages are installed"
fi

# The browser test of the HTML report (testsuite/html/browser.test) drives
# Debian's chromium with playwright-core from npm (Node.js 20 or newer),
# pinned in testsuite/browser/package-lock.json.
if [ ! -d "$ROOT/testsuite/browser/node_modules/playwright-core" ]; then
  echo "setup: installing playwright-core in testsuite/browser (npm ci)"
  (cd "$ROOT/testsuite/browser" && npm ci --no-audit --no-fund)
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja
fi
ninja -C "$BUILD_DIR" -j "$JOBS"
echo "setup: built $BUILD_DIR/tools/adjoint-lint/adjoint-lint"
