#include "tools/adjoint-lint/Shard.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

using namespace adjoint_lint::driver;

TEST(Shard, ParsesKOfN) {
  std::optional<Shard> s = parseShard("2/3");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 3u);
  EXPECT_TRUE(parseShard("1/1"));
  for (const char *bad : {"", "2", "/3", "2/", "0/3", "4/3", "1/0", "-1/3", "1/3x", " 1/3", "a/b",
                          "1/3/5"})
    EXPECT_FALSE(parseShard(bad)) << bad;
}

TEST(Shard, ShardsAreDisjointAndCoverTheFiles) {
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i)
    files.push_back("src/dir" + std::to_string(i % 7) + "/file" + std::to_string(i) + ".c");
  for (unsigned n : {1u, 2u, 3u, 8u}) {
    std::multiset<std::string> seen;
    std::vector<size_t> sizes;
    for (unsigned k = 1; k <= n; ++k) {
      size_t size = 0;
      for (const std::string &f : files)
        if (inShard(f, Shard{k, n})) {
          seen.insert(f);
          ++size;
        }
      sizes.push_back(size);
    }
    EXPECT_EQ(seen, std::multiset<std::string>(files.begin(), files.end())) << n;
    for (size_t size : sizes) // a hash split, not a degenerate one
      EXPECT_GT(size, files.size() / n / 2) << n;
  }
}

TEST(Shard, TheKeyIsThePathInsideTheWorkingDirectory) {
  EXPECT_EQ(shardKey("src/a.c", "/home/ci/repo"), "src/a.c");
  EXPECT_EQ(shardKey("/home/ci/repo/src/a.c", "/home/ci/repo"), "src/a.c");
  EXPECT_EQ(shardKey("/home/ci/repo/./src/../src/a.c", "/home/ci/repo"), "src/a.c");
  EXPECT_EQ(shardKey("/home/ci/repository/a.c", "/home/ci/repo"), "/home/ci/repository/a.c");
  EXPECT_EQ(shardKey("../other/a.c", "/home/ci/repo"), "/home/ci/other/a.c");
  // Two checkouts in different places split alike.
  EXPECT_EQ(pathHash(shardKey("/a/repo/src/x.c", "/a/repo")),
            pathHash(shardKey("/b/checkout/src/x.c", "/b/checkout")));
}
