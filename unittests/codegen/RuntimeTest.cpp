// The runtime of the generated code (codegen/runtime/) compiled on its own:
// the C files as C (RuntimeC.c), the numeric check's C++ file here, and the
// embedded text is the file's text below its prologue.
#include "codegen/Runtime.h"
#include "codegen/runtime/verify.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

extern "C" {
long runtime_al_min(long a, long b);
long runtime_al_max(long a, long b);
long runtime_min(long a, long b);
long runtime_max(long a, long b);
long runtime_floord(long n, long d);
long runtime_tape_round_trip(long count);
}

namespace adjoint_lint::codegen {
namespace {

TEST(RuntimeTest, MinMax) {
  EXPECT_EQ(runtime_al_min(-3, 2), -3);
  EXPECT_EQ(runtime_al_max(-3, 2), 2);
  EXPECT_EQ(runtime_min(5, 4), 4);
  EXPECT_EQ(runtime_max(5, 4), 5);
}

TEST(RuntimeTest, FloordRoundsTowardsMinusInfinity) {
  EXPECT_EQ(runtime_floord(7, 2), 3);
  EXPECT_EQ(runtime_floord(6, 2), 3);
  EXPECT_EQ(runtime_floord(0, 3), 0);
  EXPECT_EQ(runtime_floord(-1, 2), -1);
  EXPECT_EQ(runtime_floord(-6, 3), -2);
  EXPECT_EQ(runtime_floord(-7, 3), -3);
}

TEST(RuntimeTest, TapeGivesBackWhatWasPushedInReverse) {
  EXPECT_EQ(runtime_tape_round_trip(0), 0);
  EXPECT_EQ(runtime_tape_round_trip(1), 1);
  EXPECT_EQ(runtime_tape_round_trip(1000), 1000); // grows past its first 64 slots
}

TEST(RuntimeTest, RngIsDeterministicInTheUnitInterval) {
  Rng a{0x9E3779B97F4A7C15ull}, b{0x9E3779B97F4A7C15ull};
  for (int k = 0; k < 100; ++k) {
    double x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
}

TEST(RuntimeTest, RelativeError) {
  EXPECT_EQ(relError({1, 2}, {1, 2}), 0);
  EXPECT_DOUBLE_EQ(relError({1, 2}, {1, 4}), 0.5);
  EXPECT_DOUBLE_EQ(relError({1e-3}, {0}), 1e-3); // no scale: the absolute difference
  EXPECT_TRUE(std::isinf(relError({NAN}, {1})));
}

TEST(RuntimeTest, ChecksAreRecordedAsJson) {
  checks.clear();
  passed = true;
  check(0, "a", 1, 1e-13, 1e-12);
  EXPECT_TRUE(passed);
  check(1, "b", 2, NAN, 1e-12);
  EXPECT_FALSE(passed);
  EXPECT_EQ(checks, "{\"size\": 0, \"check\": \"a\", \"threads\": 1, \"error\": 1.000e-13, "
                    "\"tolerance\": 1.0e-12, \"passed\": true}, {\"size\": 1, \"check\": \"b\", "
                    "\"threads\": 2, \"error\": 1.000e+308, \"tolerance\": 1.0e-12, \"passed\": false}");
}

/// The embedded text is the source file's text after its first blank line.
TEST(RuntimeTest, EmbeddedTextIsTheFileBelowItsPrologue) {
  const std::pair<RuntimeFile, const char *> files[] = {
      {RuntimeFile::IndexMinMax, "index_minmax.h"},
      {RuntimeFile::IslBounds, "isl_bounds.h"},
      {RuntimeFile::Tape, "tape.h"},
      {RuntimeFile::VerifyChecks, "verify.hpp"}};
  for (const auto &[file, name] : files) {
    std::ifstream in(std::string(AL_RUNTIME_DIR) + "/" + name, std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::ostringstream text;
    text << in.rdbuf();
    std::string source = text.str();
    size_t body = source.find("\n\n");
    ASSERT_NE(body, std::string::npos) << name;
    EXPECT_EQ(runtimeText(file), source.substr(body + 2)) << name;
  }
}

TEST(RuntimeTest, WriteRuntimePrintsLineByLine) {
  CodeWriter w;
  writeRuntime(w, RuntimeFile::IndexMinMax);
  ASSERT_EQ(w.lines().size(), 2u);
  EXPECT_EQ(w.str(), runtimeText(RuntimeFile::IndexMinMax));
}

} // namespace
} // namespace adjoint_lint::codegen
