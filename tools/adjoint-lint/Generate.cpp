// generate / verify / check-certificate: the reference adjoint generator's
// command line (docs/codegen.md). The code itself comes from codegen/; this
// file reads the command line, runs the front end and the deciders, writes
// the files (all or none), compiles and runs the numeric check, and writes
// and checks certificates.
#include "support/OutputFile.h"
#include "tools/adjoint-lint/Generate.h"

#include "analyzer/ClangTextPrinter.h"
#include "analyzer/Frontend.h"
#include "analyzer/SourceFunction.h"
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
#include <cstdlib>
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
  options.analyseHeaders = false; // adjoints of the file's own loops
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

/// The source check as planned at generation: what it will compile and
/// call, or why it cannot run (docs/codegen.md, the source check).
json sourceCheckPlan(const model::LoopModel &loop, const codegen::GeneratedLoop &g, const Args &args) {
  json j = {{"function", loop.function}, {"passed", nullptr}};
  if (g.sourceWrapperFile.empty()) {
    j["status"] = "not run (" + g.sourceCheckReason + ")";
    j["reason"] = g.sourceCheckReason;
    return j;
  }
  j["file"] = loop.range.file;
  j["wrapper"] = g.sourceWrapperFile;
  j["program"] = g.name + "_source_check.cpp";
  j["compile_args"] = args.compilerArgs;
  j["status"] = "not run (adjoint-lint verify DIR)";
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
  if (!g.sourceWrapperFile.empty()) {
    c["files"]["source_wrapper"] = g.sourceWrapperFile;
    c["files"]["source_check"] = g.name + "_source_check.cpp";
  }
  c["source_check"] = sourceCheckPlan(loop, g, args);
  c["compiler"] = {{"c", ADJOINT_LINT_CLANG}, {"flags", compileFlags()}};
  c["numeric"] = {{"passed", nullptr}, {"status", "not run (adjoint-lint verify DIR)"}};
  return c;
}

/// Whether a "numeric" object (or a check) says passed: true; null (not
/// run) and anything malformed read false.
bool passedOf(const json &j) {
  return j.is_object() && j.contains("passed") && j["passed"].is_boolean() && j["passed"].get<bool>();
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

/// Whether the user's compiler arguments let the compiler reassociate or
/// contract floating-point operations (then the forward comparison of the
/// source check allows the numeric check's tolerance instead of 0).
bool reassociates(const std::vector<std::string> &compileArgs) {
  for (const std::string &a : compileArgs)
    for (const char *flag : {"-ffast-math", "-Ofast", "-fassociative-math", "-funsafe-math-optimizations",
                             "-ffp-contract=fast", "-ffp-model=fast", "-ffp-model=aggressive", "-mfma", "-march=",
                             "-mcpu=", "-mtune="})
      if (llvm::StringRef(a).starts_with(flag))
        return true;
  return false;
}

/// The first lines of a compiler's complaint, for a certificate.
std::string firstLines(const std::string &text, size_t lines = 3) {
  size_t at = 0;
  for (size_t k = 0; k < lines && at != std::string::npos; ++k)
    at = text.find('\n', at ? at + 1 : 0);
  return at == std::string::npos ? text : text.substr(0, at) + "\n...";
}

/// The source check (docs/codegen.md): compiles `wrapper` (the user's
/// function) with the user's arguments and `program` (the check) in the
/// work directory `w`, links them with `object` (the generated source)
/// and runs it. `plan` is the certificate's "source_check" object; the
/// result keeps its fields and adds passed, status and the checks.
json runSourceCheck(const std::string &w, const std::string &name, const std::string &wrapper,
                    const std::string &program, const std::string &object, const json &plan) {
  json result = json::object();
  for (const char *key : {"function", "file", "wrapper", "program", "compile_args"})
    if (plan.contains(key))
      result[key] = plan[key];
  std::vector<std::string> compileArgs;
  if (plan.contains("compile_args"))
    compileArgs = plan["compile_args"].get<std::vector<std::string>>();
  std::string srcObj = w + "/" + name + "_source.o", exe = w + "/" + name + "_source_check",
              out = w + "/source_out.txt", err = w + "/source_err.txt";
  auto notRun = [&](const std::string &why) {
    std::string text;
    readFile(err, text);
    result["passed"] = nullptr;
    result["reason"] = why + (text.empty() ? "" : ": " + firstLines(text));
    result["status"] = "not run (" + why + ")";
    return result;
  };
  int status = 0;
  std::string error;
  std::vector<std::string> cArgs = compileFlags();
  cArgs.insert(cArgs.end(), compileArgs.begin(), compileArgs.end());
  cArgs.insert(cArgs.end(), {"-w", "-c", wrapper, "-o", srcObj});
  if (!runProgram(ADJOINT_LINT_CLANG, cArgs, out, err, status, error) || status != 0)
    return notRun("the user's function does not compile on its own with the recorded arguments");
  // The program only moves test data: -O0 compiles it faster.
  std::vector<std::string> xArgs = {"-fopenmp", "-O0"};
  xArgs.insert(xArgs.end(), {"-I", llvm::sys::path::parent_path(program).str(), program, object, srcObj, "-o", exe});
  if (!runProgram(clangxx(), xArgs, out, err, status, error) || status != 0)
    return notRun("the user's function does not link on its own with the generated code");
  std::string tolerance = reassociates(compileArgs) ? (plan.value("precision", "") == "float" ? "1e-5" : "1e-12") : "0";
  bool ran = runProgram(exe, {tolerance}, out, err, status, error);
  std::string text;
  readFile(out, text);
  result["passed"] = false;
  try {
    json r = json::parse(text);
    for (auto &[key, value] : r.items())
      result[key] = value;
  } catch (const json::exception &) {
    result["error"] = ran ? "the source check printed no result (exit status " + std::to_string(status) + ")"
                          : "the source check did not finish (" + error + ")";
  }
  if (!ran || status != 0)
    result["passed"] = false;
  result["status"] = passedOf(result) ? "passed" : "failed";
  result.erase("reason");
  return result;
}

/// Compiles and runs DIR/<name>_verify.cpp; returns the "numeric" object.
/// With a callable `sourceCheck` plan (a "wrapper"), runs the source check
/// too and replaces the plan by its result.
json runNumericCheck(const std::string &dir, const std::string &name, json *sourceCheck = nullptr) {
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
    if (sourceCheck && sourceCheck->contains("wrapper")) {
      (*sourceCheck)["passed"] = nullptr;
      (*sourceCheck)["status"] = "not run (the numeric check did not run)";
    }
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
    if (sourceCheck && sourceCheck->contains("wrapper")) {
      json plan = *sourceCheck;
      plan["precision"] = result.value("precision", "double");
      *sourceCheck = runSourceCheck(w, name, dir + "/" + plan.value("wrapper", ""),
                                    dir + "/" + plan.value("program", ""), obj, plan);
    }
    llvm::sys::fs::remove_directories(w);
    return result;
  } catch (const json::exception &) {
    return fail("the numeric check printed no result (exit status " + std::to_string(status) + ")");
  }
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

/// One line for the source check, and one per failed check.
void printSourceCheckSummary(const std::string &name, const json &source) {
  if (!source.is_object())
    return;
  if (!source.contains("passed") || !source["passed"].is_boolean()) {
    llvm::errs() << name << ": source check: " << source.value("status", std::string("not run")) << "\n";
    return;
  }
  bool passed = passedOf(source);
  llvm::errs() << name << ": source check " << (passed ? "passed" : "FAILED") << " against "
               << source.value("function", std::string("the function"));
  if (source.contains("checks"))
    llvm::errs() << " (" << source["checks"].size() << " checks)";
  llvm::errs() << "\n";
  if (source.contains("error"))
    llvm::errs() << "  " << source["error"].get<std::string>() << "\n";
  if (source.contains("checks"))
    for (const json &c : source["checks"])
      if (!passedOf(c))
        llvm::errs() << "  failed: " << c.value("check", "") << " at size " << c.value("size", 0) << " with "
                     << c.value("threads", 0) << " threads: error " << c.value("error", 0.0) << " > "
                     << c.value("tolerance", 0.0) << "\n";
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
  json sourceCheck = cert.contains("source_check") ? cert["source_check"] : json();
  json numeric = runNumericCheck(dir, name, sourceCheck.is_object() ? &sourceCheck : nullptr);
  printNumericSummary(name, numeric);
  printSourceCheckSummary(name, sourceCheck);
  // A failed source check fails the numeric check; one not run does not.
  if (sourceCheck.is_object() && sourceCheck.contains("passed") && sourceCheck["passed"].is_boolean() &&
      !passedOf(sourceCheck)) {
    numeric["passed"] = false;
    numeric["failed_source_check"] = true;
  }
  cert["numeric"] = numeric;
  if (sourceCheck.is_object())
    cert["source_check"] = sourceCheck;
  std::string error;
  if (!writeFileAtomically(certPath, cert.dump(2) + "\n", error))
    return inputError(certPath, error);
  return passedOf(numeric) ? ExitOk : ExitFailed;
}

/// `path` made absolute, without . and .., symbolic links resolved in its
/// longest existing prefix (DIR may not exist yet).
std::string canonicalPath(const std::string &path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  llvm::SmallString<256> existing(p), rest;
  while (!existing.empty() && !llvm::sys::fs::exists(existing)) {
    llvm::SmallString<256> tail(llvm::sys::path::filename(existing));
    if (!rest.empty())
      llvm::sys::path::append(tail, rest);
    rest = tail;
    llvm::sys::path::remove_filename(existing);
  }
  llvm::SmallString<256> real;
  if (existing.empty() || llvm::sys::fs::real_path(existing, real))
    return std::string(p);
  if (!rest.empty())
    llvm::sys::path::append(real, rest);
  return std::string(real);
}

/// `file` as an #include path from directory `dir`: relative (so that a
/// directory of generated code moves with its sources, as
/// examples/generated/ does).
std::string includePath(const std::string &file, const std::string &dir) {
  std::string f = canonicalPath(file), d = canonicalPath(dir);
  llvm::SmallVector<llvm::StringRef, 16> fs, ds;
  llvm::StringRef(f).split(fs, '/', -1, false);
  llvm::StringRef(d).split(ds, '/', -1, false);
  size_t common = 0;
  while (common < fs.size() - 1 && common < ds.size() && fs[common] == ds[common])
    ++common;
  std::string out;
  for (size_t k = common; k < ds.size(); ++k)
    out += "../";
  for (size_t k = common; k < fs.size(); ++k)
    out += fs[k].str() + (k + 1 < fs.size() ? "/" : "");
  return out;
}

/// Per loop, its function as the source check sees it (one more parse of
/// the file), with the file's #include path from `dir`.
std::vector<codegen::SourceReference> sourceReferences(const std::string &file, const Args &args,
                                                       const std::vector<const model::LoopModel *> &loops,
                                                       const std::string &dir) {
  std::vector<analyzer::LoopPlace> places;
  for (const model::LoopModel *l : loops)
    places.push_back({l->function, l->range.line});
  std::vector<model::SourceFunction> functions =
      analyzer::describeSourceFunctions(file, args.compilerArgs, ADJOINT_LINT_RESOURCE_DIR, places);
  std::string include = includePath(file, dir);
  std::vector<codegen::SourceReference> out;
  for (model::SourceFunction &f : functions) {
    if (!args.hasDoubleDash && f.reason.empty())
      f.reason = "no compiler arguments were given (after --) to compile the user's file with";
    out.push_back({std::move(f), include});
  }
  return out;
}

/// A testing aid (docs/codegen.md, the source check's negative control):
/// with ADJOINT_LINT_TESTING_CORRUPT_GENERATOR set, the model of every loop
/// has the right side of its first statement negated, as a generator bug
/// would change the maths: every generated function (forward, tangent,
/// adjoints, the ADOL-C template) agrees with the others, and only the
/// source check can tell.
void corruptForTesting(std::vector<model::LoopModel> &loops) {
  llvm::errs() << "adjoint-lint: warning: ADJOINT_LINT_TESTING_CORRUPT_GENERATOR is set: the generated code "
                  "negates the first statement's right side of every loop (a testing aid)\n";
  for (model::LoopModel &l : loops) {
    if (l.statements.empty())
      continue;
    model::Expr &rhs = l.statements.front().rhs;
    model::Expr negated;
    negated.kind = model::Expr::Kind::Unary;
    negated.op = model::Expr::Op::Minus;
    negated.text = "-(" + rhs.text + ")";
    negated.operands.push_back(std::move(rhs));
    rhs = std::move(negated);
  }
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
  if (const char *corrupt = std::getenv("ADJOINT_LINT_TESTING_CORRUPT_GENERATOR"); corrupt && *corrupt)
    corruptForTesting(loops);
  std::vector<const model::LoopModel *> selected;
  for (const model::LoopModel &l : loops) {
    // Replicated code of a parallel region is no loop to differentiate.
    if (!l.construct.empty())
      continue;
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
  std::vector<codegen::SourceReference> sources = sourceReferences(file, args, selected, dir);
  for (size_t k = 0; k < selected.size(); ++k) {
    const model::LoopModel *l = selected[k];
    model::LoopVerdicts verdicts = polyhedral::decide(*l);
    try {
      codegen::GeneratedLoop g = codegen::generateLoop(*l, verdicts, &sources[k]);
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
    std::vector<std::pair<std::string, std::string>> files = {
        {base + ".h", o.code.header},
        {base + ".c", o.code.source},
        {base + "_verify.cpp", o.code.driver},
        {base + "_forward.hpp", o.code.forwardTemplate}};
    if (!o.code.sourceWrapperFile.empty()) {
      files.push_back({dir + "/" + o.code.sourceWrapperFile, o.code.sourceWrapper});
      files.push_back({base + "_source_check.cpp", o.code.sourceCheck});
    }
    files.push_back({base + ".certificate.json", o.certificate.dump(2) + "\n"});
    for (auto [path, text] : files)
      if (!writeFileAtomically(path, text, error))
        return inputError(path, error);
    llvm::errs() << "wrote " << base << ".{c,h}, " << o.code.name << "_verify.cpp, "
                 << o.code.name << "_forward.hpp, "
                 << (o.code.sourceWrapperFile.empty()
                         ? std::string()
                         : o.code.sourceWrapperFile + ", " + o.code.name + "_source_check.cpp, ")
                 << "and " << o.code.name << ".certificate.json\n";
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

/// check-certificate's rerun of the source check: the generated code next
/// to the certificate against the function as FILE has it now. Returns
/// the problem, empty when it passes or the certificate records that it
/// cannot run (then says so).
std::string recheckSource(const std::string &certPath, const json &cert, const std::string &file, const Args &args,
                          const model::LoopModel &loop) {
  std::string name = cert.value("/files/source"_json_pointer, std::string());
  name = name.size() > 2 ? name.substr(0, name.size() - 2) : name;
  json plan = cert.contains("source_check") ? cert["source_check"] : json::object();
  if (!plan.is_object() || !plan.contains("wrapper")) {
    llvm::errs() << certPath << ": source check: "
                 << (plan.is_object() ? plan.value("status", std::string("not run")) : std::string("not run"))
                 << "\n";
    return "";
  }
  std::string dir = llvm::sys::path::parent_path(certPath).str();
  if (dir.empty())
    dir = ".";
  std::string program = dir + "/" + plan.value("program", std::string());
  for (const std::string &f : {dir + "/" + name + ".c", program})
    if (!llvm::sys::fs::exists(f))
      return "cannot re-run the source check: " + f + " is missing (the certificate's generated files)";
  codegen::SourceReference ref;
  ref.function =
      analyzer::describeSourceFunctions(file, args.compilerArgs, ADJOINT_LINT_RESOURCE_DIR,
                                        {{loop.function, loop.range.line}})
          .at(0);
  ref.include = canonicalPath(file);
  codegen::GeneratedLoop g;
  try {
    g = codegen::generateLoop(loop, polyhedral::decide(loop), &ref);
  } catch (const codegen::CodegenError &e) {
    return std::string("cannot re-run the source check: ") + e.what();
  }
  if (g.sourceWrapperFile.empty())
    return "the source check can no longer run against " + file + ": " + g.sourceCheckReason;
  // The wrapper follows the loop's model as it is now; the certified code
  // must declare the same functions (the lines of its header but the first).
  std::string certified;
  readFile(dir + "/" + name + ".h", certified);
  auto declarations = [](const std::string &header) {
    size_t eol = header.find('\n');
    return eol == std::string::npos ? std::string() : header.substr(eol + 1);
  };
  if (declarations(certified) != declarations(g.header))
    return "the source check cannot run against " + file + ": the certified code's functions (" + name +
           ".h) differ from those the loop's function now needs; generate again";
  llvm::SmallString<256> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("adjoint-lint-source", work))
    return "cannot create a temporary directory: " + ec.message();
  std::string w(work), obj = w + "/" + name + ".o", wrapper = w + "/" + g.sourceWrapperFile, error;
  json result;
  std::vector<std::string> cArgs = compileFlags();
  cArgs.insert(cArgs.end(), {"-c", dir + "/" + name + ".c", "-o", obj});
  int status = 0;
  if (!writeFileAtomically(wrapper, g.sourceWrapper, error))
    result = {{"passed", false}, {"error", error}};
  else if (!runProgram(ADJOINT_LINT_CLANG, cArgs, w + "/out.txt", w + "/err.txt", status, error) || status != 0)
    result = {{"passed", false}, {"error", "compiling " + name + ".c failed"}};
  else {
    plan["compile_args"] = args.compilerArgs;
    plan["precision"] = cert.value("/numeric/precision"_json_pointer, std::string("double"));
    result = runSourceCheck(w, name, wrapper, program, obj, plan);
  }
  llvm::sys::fs::remove_directories(w);
  printSourceCheckSummary(name, result);
  if (passedOf(result))
    return "";
  if (!result.contains("passed") || !result["passed"].is_boolean())
    return "the source check cannot run against " + file + ": " + result.value("reason", std::string());
  return "the source check against " + file + " fails (the generated code no longer computes what the function "
         "computes)";
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
  else if (std::string p = recheckSource(certPath, cert, file, args, *loop); !p.empty())
    problems.push_back(p);
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
