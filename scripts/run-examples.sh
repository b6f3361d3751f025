#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), then runs adjoint-lint over every
# example in examples/ and prints what it finds. Findings are the point
# here, so exit status 1 (findings) counts as success; 2 (an example could
# not be analysed) makes the script fail at the end.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
export BUILD_DIR

bash "$ROOT/scripts/setup.sh" || exit 1
TOOL="$BUILD_DIR/tools/adjoint-lint/adjoint-lint"

shopt -s nullglob
examples=("$ROOT"/examples/*.c "$ROOT"/examples/*.cpp)
if ((${#examples[@]} == 0)); then
  echo "run-examples: no examples in $ROOT/examples"
  exit 1
fi

failed=0
cd "$ROOT"
for f in "${examples[@]}"; do
  rel="${f#"$ROOT"/}"
  echo "=== $rel"
  "$TOOL" "$rel" -- -fopenmp
  status=$?
  case $status in
    0) echo "--- $rel: no findings (exit 0)" ;;
    1) echo "--- $rel: findings (exit 1)" ;;
    *) echo "--- $rel: could not be analysed (exit $status)"; failed=1 ;;
  esac
  echo
done
exit $failed
