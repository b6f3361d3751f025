#!/usr/bin/env bash
# Runs the numeric check of generated loop DIR/NAME under ThreadSanitizer
# with Archer (LLVM's OpenMP-aware TSan tool) and prints one line:
#   tsan NAME: clean | race (N reports) | failed (exit status S)
# usage: tsan.sh CLANG DIR NAME
set -u
clang="$1" dir="$2" name="$3"
archer="$(dirname "$(readlink -f "$(command -v "$clang")")")/../lib/libarcher.so"
[ -f "$archer" ] || archer=/usr/lib/llvm-19/lib/libarcher.so
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$clang" -fsanitize=thread -fopenmp -g -O1 -c "$dir/$name.c" -o "$work/k.o" || exit 2
"$clang" --driver-mode=g++ -fsanitize=thread -fopenmp -g -O1 -I "$dir" "$dir/${name}_verify.cpp" \
  "$work/k.o" -ladolc -o "$work/verify" || exit 2
OMP_TOOL_LIBRARIES="$archer" TSAN_OPTIONS="ignore_noninstrumented_modules=1 exitcode=66" \
  "$work/verify" > "$work/out.txt" 2> "$work/err.txt"
status=$?
races=$(grep -c "WARNING: ThreadSanitizer: data race" "$work/err.txt")
if [ "$races" -gt 0 ]; then
  echo "tsan $name: race ($races reports)"
  grep -m1 -o "${name}_adjoint[a-z_]*" "$work/err.txt" | sed 's/^/tsan first report in: /'
elif [ "$status" -ne 0 ]; then
  echo "tsan $name: failed (exit status $status)"
  head -c 2000 "$work/err.txt"
else
  echo "tsan $name: clean"
fi
