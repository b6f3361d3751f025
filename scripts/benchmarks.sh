#!/usr/bin/env bash
# The one command behind docs/benchmarks.md: sets up and builds build/
# (scripts/setup.sh, which also builds the benchmark binary from
# bench/kernels/ through `adjoint-lint generate`), runs the adjoint
# benchmarks and the analysis cost, and writes docs/benchmarks.md,
# docs/benchmarks/*.svg and the README's benchmarks region (bench/report.py,
# which profiles missed targets with callgrind).
#
#   bash scripts/benchmarks.sh                  # full sizes (about 10 minutes on 2 cores)
#   REPETITIONS=1 bash scripts/benchmarks.sh    # fewer repetitions
#   BUILD_DIR=out OUT=out/bench-run bash scripts/benchmarks.sh
#   QUICK=1 bash scripts/benchmarks.sh          # smoke run: tiny sizes, the analysis
#                                               # cost's --quick subset, no profiles;
#                                               # the doc and the README say so
#
# Run it on an otherwise idle machine: the doc records the load average.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
OUT="${OUT:-$BUILD_DIR/benchmarks}"
REPETITIONS="${REPETITIONS:-3}"
QUICK="${QUICK:-0}"
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$PWD/$BUILD_DIR" ;; esac
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac

BUILD_DIR="$BUILD_DIR" bash "$ROOT/scripts/setup.sh"
ninja -C "$BUILD_DIR" bench
BENCH="$BUILD_DIR/bench/adjoint-bench"
if [ ! -x "$BENCH" ]; then
  echo "benchmarks: $BENCH was not built (needs libbenchmark-dev and libadolc-dev; ADJOINT_LINT_BENCH=ON)" >&2
  exit 1
fi

rm -rf "$OUT"
mkdir -p "$OUT"
if [ "$QUICK" = 1 ]; then
  echo "benchmarks: smoke run (--quick) -> $OUT/adjoint.json"
  (cd "$OUT" && "$BENCH" --quick --benchmark_out="$OUT/adjoint.json" --benchmark_out_format=json) |
    tee "$OUT/adjoint.txt"
  python3 "$ROOT/bench/analysis_cost.py" --quick --build "$BUILD_DIR" --out "$OUT" \
    --svg-dir "$ROOT/docs/benchmarks"
  python3 "$ROOT/bench/report.py" --quick --bench "$OUT/adjoint.json" --analysis "$OUT" \
    --doc "$ROOT/docs/benchmarks.md" --svg-dir "$ROOT/docs/benchmarks" --readme "$ROOT/README.md"
  python3 "$ROOT/bench/check_doc.py" "$ROOT/docs/benchmarks.md" "$ROOT/README.md"
  exit 0
fi

echo "benchmarks: adjoint benchmarks ($REPETITIONS repetitions) -> $OUT/adjoint.json"
(cd "$OUT" && "$BENCH" --benchmark_repetitions="$REPETITIONS" \
  --benchmark_out="$OUT/adjoint.json" --benchmark_out_format=json) | tee "$OUT/adjoint.txt"

echo "benchmarks: analysis cost -> $OUT/analysis.json"
python3 "$ROOT/bench/analysis_cost.py" --build "$BUILD_DIR" --out "$OUT" --svg-dir "$ROOT/docs/benchmarks"

echo "benchmarks: writing docs/benchmarks.md"
python3 "$ROOT/bench/report.py" --bench "$OUT/adjoint.json" --analysis "$OUT" \
  --bench-binary "$BENCH" --workdir "$OUT/profiles" \
  --doc "$ROOT/docs/benchmarks.md" --svg-dir "$ROOT/docs/benchmarks" --readme "$ROOT/README.md"
python3 "$ROOT/bench/check_doc.py" "$ROOT/docs/benchmarks.md" "$ROOT/README.md"
echo "benchmarks: wrote docs/benchmarks.md, docs/benchmarks/*.svg and README.md's benchmarks region"
