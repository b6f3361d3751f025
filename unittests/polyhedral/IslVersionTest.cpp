// The deciders must run on Debian's isl (libisl.so.23, built with GMP), not
// on the copy of isl inside Polly that libLLVM.so also exports.
#include <isl/version.h>

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>

namespace {

TEST(IslVersion, IsTheSystemLibrary) {
  std::string version = isl_version();
  EXPECT_EQ(version.rfind("isl-0.25", 0), 0u) << version;
  EXPECT_NE(version.find("GMP"), std::string::npos) << version; // Polly's copy uses IMath
}

TEST(IslVersion, ResolvesToLibisl23) {
  void *lib = dlopen("libisl.so.23", RTLD_NOW | RTLD_NOLOAD);
  ASSERT_NE(lib, nullptr) << "libisl.so.23 is not loaded";
  using VersionFn = const char *(*)();
  auto fromLib = reinterpret_cast<VersionFn>(dlsym(lib, "isl_version"));
  ASSERT_NE(fromLib, nullptr);
  EXPECT_EQ(fromLib, &isl_version);
  EXPECT_STREQ(fromLib(), isl_version());
  dlclose(lib);
}

} // namespace
