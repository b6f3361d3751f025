// oracle-instrument: the dynamic oracle's source rewriter (not installed).
//
//   oracle-instrument FILE OUT.instrumented HARNESS META.json [-- COMPILER-ARGS]
//
// Writes FILE with loop and iteration markers, a harness that calls its
// functions, and a JSON description of both; see analyzer/OracleInstrument.h
// and docs/robustness.md. Exit status 0, or 2 with a message on stderr.
#include "analyzer/OracleInstrument.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

bool writeFile(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> positional, compilerArgs;
  bool afterDashes = false;
  for (int i = 1; i < argc; ++i) {
    if (!afterDashes && std::strcmp(argv[i], "--") == 0)
      afterDashes = true;
    else if (afterDashes)
      compilerArgs.push_back(argv[i]);
    else
      positional.push_back(argv[i]);
  }
  if (positional.size() != 4) {
    std::cerr << "usage: oracle-instrument FILE OUT.instrumented HARNESS META.json [-- COMPILER-ARGS]\n";
    return 2;
  }
  adjoint_lint::analyzer::OracleInstrumentation r =
      adjoint_lint::analyzer::instrumentForOracle(positional[0], compilerArgs, ORACLE_RESOURCE_DIR);
  if (!r.ok) {
    std::cerr << positional[0] << ": error: cannot instrument: " << r.error << "\n";
    return 2;
  }
  if (!writeFile(positional[1], r.instrumented) || !writeFile(positional[2], r.harness) ||
      !writeFile(positional[3], r.meta)) {
    std::cerr << "oracle-instrument: error: cannot write the outputs\n";
    return 2;
  }
  return 0;
}
