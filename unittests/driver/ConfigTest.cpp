#include "tools/adjoint-lint/Config.h"

#include <gtest/gtest.h>

using namespace adjoint_lint::driver;

TEST(Config, ParsesEveryKey) {
  ConfigFile c;
  ConfigError e;
  ASSERT_TRUE(parseConfigFile("Checks: '-*,adjoint-lint-unknown'\n"
                              "WarningsAsErrors: adjoint-lint-*\n"
                              "FailOn: error\n"
                              "IslMaxOperations: 42\n"
                              "InheritParentConfig: true\n",
                              "cfg.yaml", c, e))
      << e.message;
  EXPECT_EQ(c.checks, "-*,adjoint-lint-unknown");
  EXPECT_EQ(c.warningsAsErrors, "adjoint-lint-*");
  EXPECT_EQ(c.failOn, FailOn::Error);
  EXPECT_EQ(c.islMaxOperations, 42u);
  EXPECT_EQ(c.inheritParentConfig, true);
}

TEST(Config, EmptyAndCommentOnlyFilesAreEmpty) {
  for (const char *text : {"", "# nothing\n", "---\n", "---\n...\n"}) {
    ConfigFile c;
    ConfigError e;
    EXPECT_TRUE(parseConfigFile(text, "cfg.yaml", c, e)) << text << ": " << e.message;
    EXPECT_FALSE(c.checks.has_value());
  }
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  ConfigFile c;
  ConfigError e;
  EXPECT_FALSE(parseConfigFile("Checks: x\nChekcs: y\n", "dir/cfg.yaml", c, e));
  EXPECT_EQ(e.file, "dir/cfg.yaml");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 1u);
  EXPECT_EQ(e.message.rfind("unknown key 'Chekcs'", 0), 0u) << e.message;

  EXPECT_FALSE(parseConfigFile("FailOn: sometimes\n", "cfg.yaml", c, e));
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 9u);

  EXPECT_FALSE(parseConfigFile("IslMaxOperations: -3\n", "cfg.yaml", c, e));
  EXPECT_EQ(e.line, 1u);
  EXPECT_FALSE(parseConfigFile("- a\n- b\n", "cfg.yaml", c, e));
  EXPECT_FALSE(parseConfigFile("Checks: a\n---\nChecks: b\n", "cfg.yaml", c, e));
}

TEST(Config, MergeAppendsGlobsAndReplacesValues) {
  Config base;
  ConfigFile file;
  file.checks = "-*,adjoint-lint-forward-race";
  file.warningsAsErrors = "adjoint-lint-forward-race";
  file.islMaxOperations = 7;
  merge(base, file);
  ConfigFile commandLine;
  commandLine.checks = "adjoint-lint-unknown";
  commandLine.failOn = FailOn::None;
  merge(base, commandLine);
  EXPECT_EQ(base.checks, "adjoint-lint-*,-*,adjoint-lint-forward-race,adjoint-lint-unknown");
  EXPECT_EQ(base.warningsAsErrors, "adjoint-lint-forward-race");
  EXPECT_EQ(base.failOn, FailOn::None);
  EXPECT_EQ(base.islMaxOperations, 7u);
}

TEST(Config, DumpReadsBack) {
  Config config;
  config.checks = "-*,adjoint-lint-unknown";
  config.warningsAsErrors = "adjoint-lint-*";
  config.failOn = FailOn::Note;
  config.islMaxOperations = 5;
  ConfigFile back;
  ConfigError e;
  ASSERT_TRUE(parseConfigFile(dumpConfig(config), "dump.yaml", back, e)) << e.message;
  EXPECT_EQ(back.checks, config.checks);
  EXPECT_EQ(back.warningsAsErrors, config.warningsAsErrors);
  EXPECT_EQ(back.failOn, config.failOn);
  EXPECT_EQ(back.islMaxOperations, config.islMaxOperations);
}
