#include "support/OutputFile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace adjoint_lint::support {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("adjoint-lint-output-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir), {})); }
};

TEST(OutputFile, WritesAndReplacesLeavingNoTemporary) {
  Scratch s;
  std::string error;
  fs::path target = s.dir / "report.sarif";
  ASSERT_TRUE(writeFileAtomically(target.string(), "first", error)) << error;
  EXPECT_EQ(slurp(target), "first");
  ASSERT_TRUE(writeFileAtomically(target.string(), "second, longer", error)) << error;
  EXPECT_EQ(slurp(target), "second, longer");
  EXPECT_EQ(s.entries(), 1u);
}

TEST(OutputFile, FailureLeavesTheTargetAloneAndSaysWhy) {
  Scratch s;
  std::string error;
  fs::path missingDir = s.dir / "no-such-dir" / "report.sarif";
  EXPECT_FALSE(writeFileAtomically(missingDir.string(), "x", error));
  EXPECT_NE(error.find("cannot write '" + missingDir.string() + "'"), std::string::npos) << error;
  // A directory where the file should go: the rename fails, nothing is left.
  fs::create_directories(s.dir / "taken");
  error.clear();
  EXPECT_FALSE(writeFileAtomically((s.dir / "taken").string(), "x", error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(fs::is_directory(s.dir / "taken"));
  EXPECT_EQ(s.entries(), 1u);
}

TEST(OutputFile, MakeDirectories) {
  Scratch s;
  std::string error;
  EXPECT_TRUE(makeDirectories((s.dir / "a" / "b").string(), error)) << error;
  EXPECT_TRUE(fs::is_directory(s.dir / "a" / "b"));
  std::ofstream(s.dir / "file") << "x";
  EXPECT_FALSE(makeDirectories((s.dir / "file").string(), error));
  EXPECT_NE(error.find("cannot create directory"), std::string::npos) << error;
}

} // namespace
} // namespace adjoint_lint::support
