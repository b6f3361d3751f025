#!/usr/bin/env bash
# The corpus report: adjoint-lint over every code prepared under DIR by
# ../shared/corpus/prepare.sh (LULESH, NPB-OMP, PolyBench-OMP, DataRaceBench
# at pinned commits), written to docs/corpus.md and docs/corpus.json.
#
#   bash scripts/corpus.sh /tmp/corpus            # after prepare.sh
#   bash scripts/corpus.sh DIR --codes drb --timeout 60
#
# Options are scripts/corpus.py's (--adjoint-lint BIN, --out-md, --out-json,
# --timeout, --codes). Needs a built adjoint-lint (scripts/setup.sh) and
# clang-19 for the -fsyntax-only baseline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ]; then
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
exec python3 "$ROOT/scripts/corpus.py" "$@"
