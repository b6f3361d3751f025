#!/usr/bin/env bash
# Regenerates examples/generated/<example>/ with `adjoint-lint generate
# --verify` for every example whose loops the generator supports (all but
# racy.c, whose loops race): the C source and header, the numeric-check
# driver and one certificate per loop.
#
#   bash scripts/generate-examples.sh            # uses build/
#   ADJOINT_LINT=build-x/tools/adjoint-lint/adjoint-lint bash scripts/generate-examples.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${ADJOINT_LINT:-$ROOT/build/tools/adjoint-lint/adjoint-lint}"
cd "$ROOT"
for f in examples/*.c; do
  stem="$(basename "$f" .c)"
  [ "$stem" = racy ] && continue
  rm -rf "examples/generated/$stem"
  "$BIN" generate "$f" -o "examples/generated/$stem" --verify -- -fopenmp
done
