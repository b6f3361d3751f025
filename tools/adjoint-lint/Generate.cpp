// generate / verify / check-certificate: the reference adjoint generator's
// command line (docs/codegen.md). The code itself comes from codegen/; this
// file reads the command line, runs the front end and the deciders, writes
// the files (all or none), compiles and runs the numeric check, and writes
// and checks certificates.
#include "support/OutputFile.h"
#include "tools/adjoint-lint/Generate.h"

#include "analyzer/ClangTextPrinter.h"
#include "analyzer/Frontend.h"
#include "codegen/LoopCodegen.h"
#include "polyhedral/Deciders.h"
#include "reports/JsonReport.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#ifndef ADJOINT_LINT_RESOURCE_DIR
#define ADJOINT_LINT_RESOURCE_DIR ""
#endif
#ifndef ADJOINT_LINT_CLANG
#define ADJOINT_LINT_CLANG "clang-19"
#endif
#ifndef ADJOINT_LINT_ADOLC_INCLUDE
#define ADJOINT_LINT_ADOLC_INCLUDE ""
#endif
#ifndef ADJOINT_LINT_ADOLC_LIBRARY
#define ADJOINT_LINT_ADOLC_LIBRARY ""
#endif

namespace adjoint_lint::driver {

namespace {

using nlohmann::json;
using support::writeFileAtomically;

enum { ExitOk = 0, ExitFailed = 1, ExitInput = 2 };

const char usage[] =
    "usage: adjoint-lint generate FILE [--loop=LINE] -o DIR [--verify] [-- COMPILER-ARGS]\n"
    "       adjoint-lint verify DIR\n"
    "       adjoint-lint check-certificate CERT FILE [-- COMPILER-ARGS]\n";

int badCommandLine(const std::string &why) {
  llvm::errs() << "adjoint-lint: error: " << why << "\n" << usage;
  return ExitInput;
}

int inputError(const std::string &where, const std::string &why) {
  llvm::errs() << (where.empty() ? "" : where + ": ") << "error: " << why << "\n";
  return ExitInput;
}

const std::vector<std::string> &compileFlags() {
  static const std::vector<std::string> flags = {"-fopenmp", "-O2"};
  return flags;
}

std::string sha256(const std::string &text) {
  std::array<uint8_t, 32> h = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(text.data()), text.size()));
  return llvm::toHex(h, /*LowerCase=*/true);
}

bool readFile(const std::string &path, std::string &text) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

/// Command line: positionals, `--name=value` / `--name value` options, and
/// the compiler arguments after `--`.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::vector<std::string> compilerArgs;
  bool hasDoubleDash = false;
};

bool parseArgs(int argc, const char **argv, const std::vector<std::string> &valued,
               const std::vector<std::string> &flags, Args &out, std::string &error) {
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (out.hasDoubleDash) {
      out.compilerArgs.push_back(a);
      continue;
    }
    if (a == "--") {
      out.hasDoubleDash = true;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::string name = a, value;
      bool hasValue = false;
      size_t eq = a.find('=');
      if (eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        hasValue = true;
      }
      bool isValued = std::find(valued.begin(), valued.end(), name) != valued.end();
      bool isFlag = std::find(flags.begin(), flags.end(), name) != flags.end();
      if (!isValued && !isFlag) {
        error = "unknown option '" + a + "'";
        return false;
      }
      if (isFlag) {
        if (hasValue) {
          error = "option '" + name + "' takes no value";
          return false;
        }
        out.options[name] = "1";
        continue;
      }
      if (!hasValue) {
        if (i + 1 >= argc) {
          error = "option '" + name + "' needs a value";
          return false;
        }
        value = argv[++i];
      }
      out.options[name] = value;
      continue;
    }
    out.positional.push_back(a);
  }
  return true;
}

/// Front end + the deciders for one file; false (problems printed) when
/// the file cannot be analysed.
bool analyse(const std::string &file, const Args &args, std::vector<model::LoopModel> &loops) {
  analyzer::FrontendOptions options;
  options.extraArgs = args.compilerArgs;
  options.hasDoubleDash = args.hasDoubleDash;
  options.resourceDir = ADJOINT_LINT_RESOURCE_DIR;
  bool ok = true;
  for (analyzer::TranslationUnitResult &tu : analyzer::analyzeFiles({file}, options)) {
    std::vector<reports::Finding> errors;
    for (const reports::Finding &f : tu.problems)
      if (f.level == reports::Level::Error)
        errors.push_back(f);
    if (!tu.analysable || !errors.empty()) {
      ok = false;
      if (errors.empty())
        llvm::errs() << file << ": error: cannot analyse " << file << "\n";
      analyzer::printFindingsClangStyle(errors, llvm::errs(), false);
    }
    for (model::LoopModel &l : tu.loops)
      loops.push_back(std::move(l));
  }
  return ok;
}

/// A property as a certificate records it: the report's verdict entry
/// (reports::verdictToJson), its reason and its proof.
json propertyJson(const model::PropertyResult &p, bool race) {
  json j = reports::verdictToJson(p, race);
  if (!p.reason.empty())
    j["reason"] = p.reason;
  j["proof"] = p.proof;
  return j;
}

json verdictsJson(const model::LoopVerdicts &v) {
  json j;
  j["forward_race"] = propertyJson(v.forwardRace, true);
  json arrays = json::array();
  for (const model::VariableVerdicts &vv : v.variables) {
    if (!vv.array)
      continue;
    json a;
    a["name"] = vv.name;
    a["forward_race"] = propertyJson(vv.forwardRace, true);
    a["exclusive_read"] = propertyJson(vv.exclusiveRead, false);
    a["strategy_advised"] = vv.strategy ? model::toString(*vv.strategy) : "";
    arrays.push_back(a);
  }
  j["arrays"] = arrays;
  return j;
}

json certificateJson(const model::LoopModel &loop, const model::LoopVerdicts &verdicts,
                     const codegen::GeneratedLoop &g, const Args &args) {
  json c;
  c["format"] = "adjoint-lint-certificate-1";
  c["tool"] = reports::toolToJson();
  c["loop"] = {{"id", loop.id},
               {"file", loop.range.file},
               {"line", loop.range.line},
               {"function", loop.function},
               {"source_sha256", sha256(loop.sourceText)},
               {"source", loop.sourceText}};
  c["analysis_args"] = args.compilerArgs;
  c["verdicts"] = verdictsJson(verdicts);
  json arrays = json::array();
  for (const codegen::ArrayPlan &a : g.arrays) {
    json entry = {{"name", a.name},
                  {"strategy", model::toString(a.strategy)},
                  {"reason", a.reason},
                  {"advised", a.verdictStrategy ? model::toString(*a.verdictStrategy) : ""},
                  {"written", a.written}};
    if (!a.proof.empty())
      entry["gather_proof"] = a.proof;
    arrays.push_back(entry);
  }
  c["arrays"] = arrays;
  json variants = json::array();
  for (const codegen::Variant &v : g.variants)
    variants.push_back({{"name", v.name}, {"function", v.function}, {"deterministic", v.deterministic}});
  c["variants"] = variants;
  c["gaps"] = g.gaps;
  c["files"] = {{"source", g.name + ".c"}, {"header", g.name + ".h"}, {"driver", g.name + "_verify.cpp"},
                {"forward_template", g.name + "_forward.hpp"}};
  c["compiler"] = {{"c", ADJOINT_LINT_CLANG}, {"flags", compileFlags()}};
  c["numeric"] = {{"passed", nullptr}, {"status", "not run (adjoint-lint verify DIR)"}};
  return c;
}

/// Runs `program args`, stdout into `out`; false with `error` on failure
/// to start, a signal or a timeout. `status` is the exit status.
bool runProgram(const std::string &program, const std::vector<std::string> &args,
                const std::string &outFile, const std::string &errFile, int &status,
                std::string &error) {
  std::vector<llvm::StringRef> argv;
  argv.push_back(program);
  for (const std::string &a : args)
    argv.push_back(a);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(outFile),
                                                llvm::StringRef(errFile)};
  status = llvm::sys::ExecuteAndWait(program, argv, std::nullopt, redirects,
                                     /*SecondsToWait=*/600, 0, &error);
  return status >= 0;
}

std::string clangxx() {
  llvm::SmallString<256> p(ADJOINT_LINT_CLANG);
  llvm::sys::path::remove_filename(p);
  llvm::sys::path::append(p, "clang++");
  if (llvm::sys::fs::exists(p))
    return std::string(p);
  return "clang++-19";
}

/// Compiles and runs DIR/<name>_verify.cpp; returns the "numeric" object.
json runNumericCheck(const std::string &dir, const std::string &name) {
  json numeric;
  numeric["passed"] = false;
  numeric["compiler"] = {{"c", ADJOINT_LINT_CLANG}, {"cxx", clangxx()}, {"flags", compileFlags()}};
  if (std::strlen(ADJOINT_LINT_ADOLC_LIBRARY) == 0) {
    numeric["error"] = "ADOL-C was not found when adjoint-lint was configured (install libadolc-dev)";
    return numeric;
  }
  llvm::SmallString<256> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("adjoint-lint-verify", work)) {
    numeric["error"] = "cannot create a temporary directory: " + ec.message();
    return numeric;
  }
  std::string w(work);
  std::string obj = w + "/" + name + ".o", exe = w + "/" + name + "_verify",
              out = w + "/out.txt", err = w + "/err.txt";
  auto fail = [&](const std::string &what) {
    std::string text;
    readFile(err, text);
    if (text.size() > 4000)
      text = text.substr(0, 4000) + "...";
    numeric["error"] = what + (text.empty() ? "" : ":\n" + text);
    llvm::sys::fs::remove_directories(w);
    return numeric;
  };
  int status = 0;
  std::string error;
  std::string clang = ADJOINT_LINT_CLANG;
  std::vector<std::string> cArgs = compileFlags();
  cArgs.insert(cArgs.end(), {"-c", dir + "/" + name + ".c", "-o", obj});
  if (!runProgram(clang, cArgs, out, err, status, error) || status != 0)
    return fail("compiling " + name + ".c failed" + (error.empty() ? "" : " (" + error + ")"));
  std::vector<std::string> xArgs = compileFlags();
  xArgs.insert(xArgs.end(), {"-I", dir});
  if (std::strlen(ADJOINT_LINT_ADOLC_INCLUDE))
    xArgs.insert(xArgs.end(), {"-isystem", ADJOINT_LINT_ADOLC_INCLUDE});
  xArgs.insert(xArgs.end(), {dir + "/" + name + "_verify.cpp", obj, ADJOINT_LINT_ADOLC_LIBRARY,
                             "-o", exe});
  if (!runProgram(clangxx(), xArgs, out, err, status, error) || status != 0)
    return fail("compiling " + name + "_verify.cpp failed" + (error.empty() ? "" : " (" + error + ")"));
  bool ran = runProgram(exe, {}, out, err, status, error);
  std::string text;
  readFile(out, text);
  if (!ran)
    return fail("the numeric check did not finish (" + error + ")");
  try {
    json result = json::parse(text);
    result["compiler"] = numeric["compiler"];
    if (status != 0)
      result["passed"] = false;
    llvm::sys::fs::remove_directories(w);
    return result;
  } catch (const json::exception &) {
    return fail("the numeric check printed no result (exit status " + std::to_string(status) + ")");
  }
}

/// Whether a "numeric" object (or a check) says passed: true; null (not
/// run) and anything malformed read false.
bool passedOf(const json &j) {
  return j.is_object() && j.contains("passed") && j["passed"].is_boolean() && j["passed"].get<bool>();
}

/// One line per failed check, for people.
void printNumericSummary(const std::string &name, const json &numeric) {
  bool passed = passedOf(numeric);
  llvm::errs() << name << ": numeric check " << (passed ? "passed" : "FAILED");
  if (numeric.contains("checks"))
    llvm::errs() << " (" << numeric["checks"].size() << " checks)";
  llvm::errs() << "\n";
  if (numeric.contains("error"))
    llvm::errs() << "  " << numeric["error"].get<std::string>() << "\n";
  if (numeric.contains("checks"))
    for (const json &c : numeric["checks"])
      if (!passedOf(c))
        llvm::errs() << "  failed: " << c.value("check", "") << " at size " << c.value("size", 0)
                     << " with " << c.value("threads", 0) << " threads: error "
                     << c.value("error", 0.0) << " > " << c.value("tolerance", 0.0) << "\n";
  if (numeric.contains("not_bitwise_identical"))
    for (const json &v : numeric["not_bitwise_identical"])
      llvm::errs() << "  failed: " << v.get<std::string>()
                   << " is not bitwise identical across thread counts\n";
}

int verifyCertificate(const std::string &dir, const std::string &certPath) {
  std::string text;
  if (!readFile(certPath, text))
    return inputError(certPath, "cannot read the certificate");
  json cert;
  try {
    cert = json::parse(text);
  } catch (const json::exception &e) {
    return inputError(certPath, std::string("not a certificate: ") + e.what());
  }
  std::string source = cert.value("/files/source"_json_pointer, std::string());
  if (source.size() < 3 || source.substr(source.size() - 2) != ".c")
    return inputError(certPath, "the certificate names no generated source");
  std::string name = source.substr(0, source.size() - 2);
  json numeric = runNumericCheck(dir, name);
  printNumericSummary(name, numeric);
  cert["numeric"] = numeric;
  std::string error;
  if (!writeFileAtomically(certPath, cert.dump(2) + "\n", error))
    return inputError(certPath, error);
  return passedOf(numeric) ? ExitOk : ExitFailed;
}

int runGenerate(int argc, const char **argv) {
  Args args;
  std::string error;
  if (!parseArgs(argc, argv, {"--loop", "-o", "--output"}, {"--verify"}, args, error))
    return badCommandLine(error);
  if (args.positional.size() != 1)
    return badCommandLine("generate takes exactly one FILE");
  std::string dir = args.options.count("-o") ? args.options["-o"] : args.options["--output"];
  if (dir.empty())
    return badCommandLine("generate needs an output directory (-o DIR)");
  long wantedLine = -1;
  if (args.options.count("--loop")) {
    const std::string &l = args.options["--loop"];
    char *end = nullptr;
    wantedLine = std::strtol(l.c_str(), &end, 10);
    if (l.empty() || *end || wantedLine <= 0)
      return badCommandLine("--loop needs a line number, got '" + l + "'");
  }
  const std::string &file = args.positional[0];
  std::vector<model::LoopModel> loops;
  if (!analyse(file, args, loops))
    return ExitInput;
  std::vector<const model::LoopModel *> selected;
  for (const model::LoopModel &l : loops) {
    bool match = wantedLine < 0 || static_cast<long>(l.range.line) == wantedLine ||
                 (!l.iterators.empty() && static_cast<long>(l.iterators[0].range.line) == wantedLine);
    if (match)
      selected.push_back(&l);
  }
  if (selected.empty())
    return inputError(file, wantedLine < 0 ? "no OpenMP loop in the file"
                                           : "no OpenMP loop at line " + std::to_string(wantedLine));

  struct Output {
    codegen::GeneratedLoop code;
    json certificate;
  };
  std::vector<Output> outputs;
  bool failed = false;
  for (const model::LoopModel *l : selected) {
    model::LoopVerdicts verdicts = polyhedral::decide(*l);
    try {
      codegen::GeneratedLoop g = codegen::generateLoop(*l, verdicts);
      json cert = certificateJson(*l, verdicts, g, args);
      outputs.push_back({std::move(g), std::move(cert)});
    } catch (const codegen::CodegenError &e) {
      llvm::errs() << e.file << ":" << e.line << ": error: cannot generate the adjoint of the loop at line "
                   << l->range.line << ": " << e.what() << "\n";
      failed = true;
    }
  }
  if (failed) {
    llvm::errs() << "adjoint-lint: nothing written\n";
    return ExitInput;
  }
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return inputError(dir, "cannot create the output directory: " + ec.message());
  for (const Output &o : outputs) {
    const std::string base = dir + "/" + o.code.name;
    for (auto [path, text] : std::vector<std::pair<std::string, std::string>>{
             {base + ".h", o.code.header},
             {base + ".c", o.code.source},
             {base + "_verify.cpp", o.code.driver},
             {base + "_forward.hpp", o.code.forwardTemplate},
             {base + ".certificate.json", o.certificate.dump(2) + "\n"}})
      if (!writeFileAtomically(path, text, error))
        return inputError(path, error);
    llvm::errs() << "wrote " << base << ".{c,h}, " << o.code.name << "_verify.cpp, "
                 << o.code.name << "_forward.hpp and "
                 << o.code.name << ".certificate.json\n";
    for (const std::string &gap : o.code.gaps)
      llvm::errs() << o.code.name << ": note: " << gap << "\n";
  }
  if (!args.options.count("--verify"))
    return ExitOk;
  int status = ExitOk;
  for (const Output &o : outputs) {
    int s = verifyCertificate(dir, dir + "/" + o.code.name + ".certificate.json");
    status = std::max(status, s);
  }
  return status;
}

int runVerify(int argc, const char **argv) {
  Args args;
  std::string error;
  if (!parseArgs(argc, argv, {}, {}, args, error))
    return badCommandLine(error);
  if (args.positional.size() != 1 || args.hasDoubleDash)
    return badCommandLine("verify takes exactly one DIR");
  const std::string &dir = args.positional[0];
  std::vector<std::string> certs;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".certificate.json"))
      certs.push_back(it->path());
  if (ec)
    return inputError(dir, "cannot read the directory: " + ec.message());
  if (certs.empty())
    return inputError(dir, "no *.certificate.json in the directory (run adjoint-lint generate first)");
  std::sort(certs.begin(), certs.end());
  int status = ExitOk;
  for (const std::string &c : certs)
    status = std::max(status, verifyCertificate(dir, c));
  return status;
}

int runCheckCertificate(int argc, const char **argv) {
  Args args;
  std::string error;
  if (!parseArgs(argc, argv, {}, {}, args, error))
    return badCommandLine(error);
  if (args.positional.size() != 2)
    return badCommandLine("check-certificate takes CERT and FILE");
  const std::string &certPath = args.positional[0], &file = args.positional[1];
  std::string text;
  if (!readFile(certPath, text))
    return inputError(certPath, "cannot read the certificate");
  json cert;
  std::string function, hash;
  try {
    cert = json::parse(text);
    if (cert.value("format", "") != "adjoint-lint-certificate-1")
      return inputError(certPath, "not an adjoint-lint certificate (no \"format\": \"adjoint-lint-certificate-1\")");
    function = cert.at("loop").at("function").get<std::string>();
    hash = cert.at("loop").at("source_sha256").get<std::string>();
    if (!args.hasDoubleDash && cert.contains("analysis_args")) {
      args.compilerArgs = cert["analysis_args"].get<std::vector<std::string>>();
      args.hasDoubleDash = true;
    }
  } catch (const json::exception &e) {
    return inputError(certPath, std::string("malformed certificate: ") + e.what());
  }
  std::vector<model::LoopModel> loops;
  if (!analyse(file, args, loops))
    return ExitInput;
  const model::LoopModel *loop = nullptr;
  for (const model::LoopModel &l : loops)
    if (l.function == function && sha256(l.sourceText) == hash)
      loop = &l;
  if (!loop) {
    llvm::errs() << file << ": error: certificate " << certPath << " does not apply: the loop's "
                 << "source changed (no loop in function '" << function
                 << "' has the certified source hash " << hash.substr(0, 12) << "...)\n";
    return ExitFailed;
  }
  // Re-run the deciders: every recorded verdict and proof must come out again.
  json now = verdictsJson(polyhedral::decide(*loop));
  std::vector<std::string> problems;
  try {
    const json &then = cert.at("verdicts");
    if (then.at("forward_race") != now.at("forward_race"))
      problems.push_back("the forward-race proof no longer holds (now: " +
                         now["forward_race"]["verdict"].get<std::string>() + ")");
    for (const json &a : then.at("arrays")) {
      const json *match = nullptr;
      for (const json &b : now.at("arrays"))
        if (b.at("name") == a.at("name"))
          match = &b;
      std::string n = a.at("name").get<std::string>();
      if (!match) {
        problems.push_back("array '" + n + "' is no longer in the loop");
        continue;
      }
      for (const char *p : {"forward_race", "exclusive_read"})
        if (a.at(p) != match->at(p))
          problems.push_back(std::string(p) + " of '" + n + "' no longer holds as certified (now: " +
                             match->at(p).at("verdict").get<std::string>() + ")");
    }
  } catch (const json::exception &e) {
    return inputError(certPath, std::string("malformed certificate: ") + e.what());
  }
  if (!cert.contains("numeric") || !passedOf(cert["numeric"]))
    problems.push_back("the certificate records no passed numeric check (run adjoint-lint verify)");
  for (const std::string &p : problems)
    llvm::errs() << certPath << ": error: " << p << "\n";
  if (!problems.empty())
    return ExitFailed;
  llvm::outs() << certPath << ": the certificate holds for " << loop->id << "\n";
  return ExitOk;
}

} // namespace

bool isCodegenSubcommand(const char *arg) {
  return arg && (!std::strcmp(arg, "generate") || !std::strcmp(arg, "verify") ||
                 !std::strcmp(arg, "check-certificate"));
}

int runCodegenSubcommand(int argc, const char **argv) {
  std::string cmd = argv[1];
  if (cmd == "generate")
    return runGenerate(argc, argv);
  if (cmd == "verify")
    return runVerify(argc, argv);
  return runCheckCertificate(argc, argv);
}

} // namespace adjoint_lint::driver
