#include "support/OutputFile.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace adjoint_lint::support {

namespace {

std::string failure(const std::string &path, const std::string &reason) {
  return "cannot write '" + path + "': " + reason;
}

} // namespace

bool writeFileAtomically(const std::string &path, const std::string &contents, std::string &error) {
  if (path.empty()) {
    error = "cannot write a file with an empty name";
    return false;
  }
  // The temporary lies in the target's directory, so the rename stays
  // within one file system.
  std::vector<char> tmp(path.begin(), path.end());
  const char suffix[] = ".tmp-XXXXXX";
  tmp.insert(tmp.end(), suffix, suffix + sizeof suffix); // with the NUL
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = failure(path, std::strerror(errno));
    return false;
  }
  const std::string tmpPath(tmp.data());
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmpPath.c_str());
    error = failure(path, std::strerror(err));
    return false;
  };
  const char *data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return fail(errno);
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  // mkstemp creates 0600; report files are ordinary files (0666 & ~umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0)
    return fail(errno);
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
    return fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmpPath.c_str());
    error = failure(path, std::strerror(err));
    return false;
  }
  if (::rename(tmpPath.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpPath.c_str());
    error = failure(path, std::strerror(err));
    return false;
  }
  return true;
}

bool makeDirectories(const std::string &dir, std::string &error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty()) {
    error = "cannot create a directory with an empty name";
    return false;
  }
  fs::create_directories(fs::path(dir), ec);
  if (ec || !fs::is_directory(fs::path(dir), ec)) {
    error = "cannot create directory '" + dir + "': " +
            (ec ? ec.message() : std::string("a file of that name exists"));
    return false;
  }
  return true;
}

} // namespace adjoint_lint::support
