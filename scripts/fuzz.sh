#!/usr/bin/env bash
# Runs both fuzzers for a bounded time (docs/robustness.md):
#   1. fuzz/model-fuzzer (libFuzzer, clang-19 -fsanitize=fuzzer,address,
#      undefined) on JSON loop models, seeded with --dump-model of the
#      testsuite and the examples; built by CMake's `fuzz` preset in
#      build-fuzz/;
#   2. fuzz/differential.py: random loop nests, adjoint-lint against the
#      dynamic oracle (needs BUILD_DIR's adjoint-lint and oracle-instrument).
#
#   bash scripts/fuzz.sh [--minutes N] [--only model|differential]
#
# Each fuzzer runs N minutes (default 5), one after the other, niced.
# Findings go to fuzz-out/ (crash-* inputs of the libFuzzer run, case*.c of
# the differential run); keep each as a test once fixed (testsuite/fuzz/,
# testsuite/soundness/). Exit status 1 when a fuzzer found something.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
OUT="${FUZZ_OUT:-$ROOT/fuzz-out}"
MINUTES=5
ONLY=""
while (($#)); do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --minutes=*) MINUTES="${1#*=}"; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --only=*) ONLY="${1#*=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
SECONDS_BUDGET=$(python3 -c "print(int(float('$MINUTES') * 60))")
mkdir -p "$OUT"
status=0

if [ -z "$ONLY" ] || [ "$ONLY" = model ]; then
  cmake --preset fuzz -S "$ROOT" > "$OUT/fuzz-configure.log"
  ninja -C "$ROOT/build-fuzz" -j "${JOBS:-2}" model-fuzzer
  seeds="$OUT/model-seeds"
  corpus="$OUT/model-corpus"
  mkdir -p "$seeds" "$corpus" "$OUT/model-artifacts"
  if [ -z "$(ls -A "$seeds")" ]; then
    # One seed per loop of the testsuite and the examples.
    find "$ROOT/testsuite" "$ROOT/examples" \( -name '*.c' -o -name '*.cpp' \) \
        -not -path '*/badinput/*' -not -path '*/Inputs/*' -not -path '*/tools/*' | sort |
      while read -r f; do
        "$BUILD_DIR/tools/adjoint-lint/adjoint-lint" --dump-model "$f" -- -fopenmp 2>/dev/null || true
      done | python3 "$ROOT/fuzz/split_models.py" "$seeds"
  fi
  echo "fuzz.sh: model-fuzzer for $MINUTES min"
  if ! nice -n 10 "$ROOT/build-fuzz/fuzz/model-fuzzer" -fork=1 -ignore_crashes=1 \
      -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$SECONDS_BUDGET" -timeout=60 \
      -rss_limit_mb=3072 -max_len=12000 -dict="$ROOT/fuzz/model.dict" \
      -artifact_prefix="$OUT/model-artifacts/" -print_final_stats=1 "$corpus" "$seeds" \
      > "$OUT/model-fuzzer.log" 2>&1; then
    status=1
  fi
  grep -E '^#[0-9]+' "$OUT/model-fuzzer.log" | tail -1 || true
  if [ -n "$(ls -A "$OUT/model-artifacts")" ]; then
    echo "fuzz.sh: model-fuzzer findings in $OUT/model-artifacts"
    status=1
  fi
fi

if [ -z "$ONLY" ] || [ "$ONLY" = differential ]; then
  echo "fuzz.sh: differential fuzzing for $MINUTES min"
  if ! nice -n 10 python3 "$ROOT/fuzz/differential.py" \
      --adjoint-lint "$BUILD_DIR/tools/adjoint-lint/adjoint-lint" \
      --instrument "$BUILD_DIR/tools/oracle-instrument/oracle-instrument" \
      --out "$OUT/differential" --minutes "$MINUTES" --seed "${FUZZ_SEED:-$RANDOM}" \
      > "$OUT/differential.log" 2>&1; then
    status=1
  fi
  tail -1 "$OUT/differential.log"
fi
exit $status
