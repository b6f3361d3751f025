#include "codegen/VerifyDriver.h"

#include "codegen/Runtime.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace adjoint_lint::codegen {

namespace {

// The test data. Two sizes: every integer parameter small (2, 3, ...: below
// a 3-point stencil's width), then moderate (11, 13, ...); scalar inputs
// 0.25, 0.375, ...; the tolerance of every check by precision.
std::string smallSize(size_t parameter) { return std::to_string(2 + parameter); }
std::string moderateSize(size_t parameter) { return std::to_string(11 + 2 * parameter); }
std::string scalarValue(size_t input) { return std::to_string(0.25 + 0.125 * static_cast<double>(input)); }
const char *tolerance(bool singlePrecision) { return singlePrecision ? "1e-5" : "1e-12"; }

/// Drops the ", " that ends an argument list.
std::string withoutLastComma(const std::string &s) { return s.size() >= 2 ? s.substr(0, s.size() - 2) : s; }

class VerifyDriver {
public:
  VerifyDriver(const std::string &name, const LoopBody &body, const VariantTable &table)
      : name_(name), body_(body), table_(table) {
    seedNames();
  }

  std::string write();
  /// The source check's program (writeSourceCheck), calling `source`.
  std::string writeSource(const std::string &source, const std::string &wrapperFile);

private:
  void writeReset();
  void writeWrittenFunction(const std::string &function);
  void writePreamble();
  void writeTestData();
  void writeRunners();
  void writeVariantChecks();
  void writeDotProductTest();
  void writeAdolcCheck();
  void writeSummary();
  std::string callArguments(const std::function<std::string(const VariableCode &)> &activeArray) const;
  void seedNames();
  /// The driver's own name for `base` (FreshNames: `base` where the names
  /// the driver uses leave it free), the same at every use. An `inner`
  /// name is declared only in scopes that never name an active array
  /// (they use its start values x0, xb0 and its adjoint): it may equal one.
  const std::string &id(const std::string &base, bool inner = false);
  const std::string &inner(const std::string &base) { return id(base, true); }
  /// The start values of an array, of its adjoint and of its tangent
  /// ("x0", "xb0", "xd0"), and its offset in ADOL-C's vector ("off_x").
  const std::string &start(const VariableCode &v) { return id(v.value + "0"); }
  const std::string &adjointStart(const VariableCode &v) { return id(v.adjoint + "0"); }
  const std::string &tangentStart(const VariableCode &v) { return id(v.tangent + "0"); }
  const std::string &offset(const VariableCode &v) { return inner("off_" + v.value); }

  const std::string &name_;
  const LoopBody &body_;
  const VariantTable &table_;
  FreshNames names_;
  std::set<std::string> activeArrays_; ///< the C names of the active arrays' values
  std::map<std::string, std::string> ids_;
  CodeWriter w_;
};

/// The names the driver uses besides its own: the generated functions, the
/// integer parameters, the scalar inputs, the arrays with their adjoints and
/// tangents (the loop's iterators and locals do not appear in the driver).
void VerifyDriver::seedNames() {
  for (const char *suffix : {"_forward", "_forward_t", "_tangent", "_footprint"})
    names_.reserve(name_ + suffix);
  for (const AdjointVariant &v : table_.variants)
    names_.reserve(variantFunction(name_, v.kind));
  for (const std::string &p : body_.integerParameters())
    names_.reserve(p);
  for (int k : body_.scalarInputs())
    names_.reserve(body_.variable(k).value);
  for (int k : body_.arrays()) {
    const VariableCode &v = body_.variable(k);
    if (!v.active) {
      names_.reserve(v.value);
      continue;
    }
    activeArrays_.insert(v.value);
    names_.reserve(v.adjoint);
    names_.reserve(v.tangent);
  }
}

const std::string &VerifyDriver::id(const std::string &base, bool inner) {
  auto found = ids_.find(base);
  if (found != ids_.end())
    return found->second;
  std::string name = base;
  for (unsigned k = 1; names_.taken(name) || (!inner && activeArrays_.count(name)); ++k)
    name = base + "_" + std::to_string(k);
  names_.reserve(name);
  return ids_.emplace(base, name).first->second;
}

/// The arguments of a call of a generated function: the parameters and
/// scalar inputs, then per array `x.data(), ` or, for an active one, what
/// `activeArray` says; ", " at the end.
std::string VerifyDriver::callArguments(
    const std::function<std::string(const VariableCode &)> &activeArray) const {
  std::string out = body_.valueArguments();
  for (int k : body_.arrays()) {
    const VariableCode &v = body_.variable(k);
    out += v.active ? activeArray(v) : v.value + ".data(), ";
  }
  return out;
}

std::string VerifyDriver::write() {
  // Names first in a fixed order: the test data's, then the driver's own.
  for (int k : body_.arrays()) {
    const VariableCode &v = body_.variable(k);
    start(v);
    if (v.active) {
      adjointStart(v);
      tangentStart(v);
      offset(v);
    }
  }
  const std::string &tolerance = id("tolerance"), &threadCounts = id("threadCounts"), &sizes = id("sizes"),
                    &size = id("size");
  writePreamble();
  w_.open("int main()");
  w_.line("const double " + tolerance + " = " + std::string(::adjoint_lint::codegen::tolerance(body_.singlePrecision())) + ";");
  w_.line("std::vector<int> " + threadCounts + " = {1, 2, omp_get_num_procs()};");
  w_.line("std::sort(" + threadCounts + ".begin(), " + threadCounts + ".end());");
  w_.line(threadCounts + ".erase(std::unique(" + threadCounts + ".begin(), " + threadCounts + ".end()), " +
          threadCounts + ".end());");
  w_.line("const int " + sizes + " = " + std::string(body_.integerParameters().empty() ? "1" : "2") + ";");
  w_.line("std::string " + id("sizeText") + ", " + id("determinism") + ";");
  w_.line("std::vector<std::string> " + id("bitwiseFailures") + ";");
  w_.open("for (int " + size + " = 0; " + size + " < " + sizes + "; ++" + size + ")");
  writeTestData();
  writeRunners();
  writeVariantChecks();
  writeDotProductTest();
  writeAdolcCheck();
  w_.close(); // sizes
  writeSummary();
  w_.close();
  return w_.str();
}

void VerifyDriver::writePreamble() {
  w_.line("// Numeric check of " + name_ + ".c, generated by adjoint-lint. Build and run:");
  w_.line("//   clang-19 -fopenmp -O2 -c " + name_ + ".c");
  w_.line("//   clang++-19 -fopenmp -O2 " + name_ + "_verify.cpp " + name_ + ".o -ladolc && ./a.out");
  w_.line("// Prints one JSON object; exit status 0 when every check passes.");
  w_.line("#include \"" + name_ + ".h\"");
  w_.line("#include \"" + name_ + "_forward.hpp\"");
  for (const char *header : {"<adolc/adolc.h>", "<omp.h>", "<algorithm>", "<cfloat>", "<cmath>", "<cstdint>",
                             "<cstdio>", "<string>", "<vector>"})
    w_.line(std::string("#include ") + header);
  w_.line("");
  writeRuntime(w_, RuntimeFile::VerifyChecks);
  w_.line("");
}

/// The parameters and scalar inputs of this size, the arrays sized by the
/// footprint and filled from the seeded generator (x0, xb0, xd0: the
/// values every run starts from).
void VerifyDriver::writeTestData() {
  const std::string &size = id("size"), &extent = id("extent"), &rng = id("rng"), &k = inner("k");
  const std::vector<std::string> &parameters = body_.integerParameters();
  for (size_t p = 0; p < parameters.size(); ++p)
    w_.line("const long " + parameters[p] + " = " + size + " == 0 ? " + smallSize(p) + " : " + moderateSize(p) + ";");
  const std::vector<int> &scalars = body_.scalarInputs();
  for (size_t s = 0; s < scalars.size(); ++s)
    w_.line("const " + body_.variable(scalars[s]).type + " " + body_.variable(scalars[s]).value + " = " +
            scalarValue(s) + ";");
  std::string sizeJson = "\"{", sizeArgs;
  for (size_t p = 0; p < parameters.size(); ++p) {
    sizeJson += std::string(p ? ", " : "") + "\\\"" + parameters[p] + "\\\": %ld";
    sizeArgs += ", " + parameters[p];
  }
  sizeJson += "}\"";
  const std::string &sizeBuf = id("sizeBuf");
  w_.line("char " + sizeBuf + "[512];");
  w_.line("snprintf(" + sizeBuf + ", sizeof " + sizeBuf + ", " + sizeJson + sizeArgs + ");");
  w_.line(id("sizeText") + " += std::string(" + size + " ? \", \" : \"\") + " + sizeBuf + ";");
  const std::vector<int> &arrays = body_.arrays();
  w_.line("long " + extent + "[" + std::to_string(std::max<size_t>(arrays.size(), 1)) + "] = {0};");
  w_.open("if (" + name_ + "_footprint(" + body_.valueArguments() + extent + ") != 0)");
  w_.line("printf(\"{\\\"passed\\\": false, \\\"error\\\": \\\"a negative array offset at size %d\\\"}\\n\", " + size +
          ");");
  w_.line("return 1;");
  w_.close();
  w_.line("Rng " + rng + "{0x9E3779B97F4A7C15ull + (uint64_t)" + size + "};");
  for (size_t a = 0; a < arrays.size(); ++a) {
    const VariableCode &v = body_.variable(arrays[a]);
    std::string len = "std::max(" + extent + "[" + std::to_string(a) + "], 1L)";
    const std::string &x0 = start(v);
    w_.line("std::vector<" + v.type + "> " + x0 + "(" + len + "), " + v.value + "(" + len + ");");
    if (v.active) {
      const std::string &xb0 = adjointStart(v), &xd0 = tangentStart(v);
      w_.line("std::vector<" + v.type + "> " + xb0 + "(" + len + "), " + v.adjoint + "(" + len + "), " + xd0 +
              "(" + len + "), " + v.tangent + "(" + len + ");");
      w_.open("for (size_t " + k + " = 0; " + k + " < " + x0 + ".size(); ++" + k + ")");
      w_.line(x0 + "[" + k + "] = (" + v.type + ")(0.5 + " + rng + ".next());");
      w_.line(xb0 + "[" + k + "] = (" + v.type + ")(2 * " + rng + ".next() - 1);");
      w_.line(xd0 + "[" + k + "] = (" + v.type + ")(2 * " + rng + ".next() - 1);");
      w_.close();
    } else {
      w_.line("for (size_t " + k + " = 0; " + k + " < " + x0 + ".size(); ++" + k + ") " + x0 + "[" + k + "] = (" +
              v.type + ")(1 + (long)(3 * " + rng + ".next()));");
    }
  }
}

/// reset() (the start values back), adjoints() (every active array's
/// adjoint, concatenated), runAdjoint(f, threads) and the serial reference.
void VerifyDriver::writeReset() {
  const std::string &reset = id("reset"), &adjoints = id("adjoints"), &out = inner("out");
  w_.open("auto " + reset + " = [&]()");
  for (int k : body_.arrays()) {
    const VariableCode &v = body_.variable(k);
    w_.line(v.value + " = " + start(v) + ";");
    if (v.active)
      w_.line(v.adjoint + " = " + adjointStart(v) + "; " + v.tangent + " = " + tangentStart(v) + ";");
  }
  w_.close("};");
  w_.open("auto " + adjoints + " = [&]()");
  w_.line("std::vector<double> " + out + ";");
  for (int k : body_.arrays())
    if (body_.variable(k).active)
      w_.line(out + ".insert(" + out + ".end(), " + body_.variable(k).adjoint + ".begin(), " +
              body_.variable(k).adjoint + ".end());");
  w_.line("return " + out + ";");
  w_.close("};");
}

void VerifyDriver::writeRunners() {
  const std::string &reset = id("reset"), &adjoints = id("adjoints");
  writeReset();
  std::string args =
      callArguments([](const VariableCode &v) { return v.value + ".data(), " + v.adjoint + ".data(), "; });
  const std::string &adjointFn = id("AdjointFn"), &runAdjoint = id("runAdjoint"), &f = id("f"),
                    &threads = id("threads");
  w_.line("typedef void (*" + adjointFn + ")(" + body_.signature(Mode::Adjoint) + ");");
  w_.open("auto " + runAdjoint + " = [&](" + adjointFn + " " + f + ", int " + threads + ")");
  w_.line(reset + "();");
  w_.line("omp_set_num_threads(" + threads + ");");
  w_.line(f + "(" + withoutLastComma(args) + ");");
  w_.line("return " + adjoints + "();");
  w_.close("};");
  w_.line("const std::vector<double> " + id("reference") + " = " + runAdjoint + "(" +
          variantFunction(name_, VariantKind::Serial) + ", 1);");
}

/// Every parallel variant against the serial adjoint at each thread count,
/// and whether its results are bitwise identical across them (required of
/// the deterministic ones).
void VerifyDriver::writeVariantChecks() {
  const std::string &first = id("first"), &identical = id("identical"), &threads = id("threads"),
                    &r = id("r"), &size = id("size"), &determinism = id("determinism");
  for (const AdjointVariant &v : table_.variants) {
    if (v.kind == VariantKind::Serial)
      continue;
    std::string name = variantName(v.kind);
    w_.open("");
    w_.line("std::vector<double> " + first + ";");
    w_.line("bool " + identical + " = true;");
    w_.open("for (int " + threads + " : " + id("threadCounts") + ")");
    w_.line("std::vector<double> " + r + " = " + id("runAdjoint") + "(" + variantFunction(name_, v.kind) + ", " +
            threads + ");");
    w_.line("check(" + size + ", \"adjoint_" + name + " vs serial adjoint\", " + threads + ", relError(" + r + ", " +
            id("reference") + "), " + id("tolerance") + ");");
    w_.line("if (" + first + ".empty()) " + first + " = " + r + "; else " + identical + " &= " + r + " == " + first +
            ";");
    w_.close();
    if (v.deterministic)
      w_.line("if (!" + identical + ") { passed = false; " + id("bitwiseFailures") + ".push_back(\"" + name +
              "\"); }");
    w_.line(determinism + " += std::string(" + determinism + ".empty() ? \"\" : \", \") + \"{\\\"variant\\\": \\\"" +
            name + "\\\", \\\"size\\\": \" + std::to_string(" + size + ") + \", \\\"deterministic\\\": " +
            (v.deterministic ? "true" : "false") + ", \\\"bitwise_identical_across_threads\\\": \" + (" + identical +
            " ? \"true\" : \"false\") + \"}\";");
    w_.close();
  }
}

void VerifyDriver::writeDotProductTest() {
  std::string args =
      callArguments([](const VariableCode &v) { return v.value + ".data(), " + v.tangent + ".data(), "; });
  const std::string &lhs = id("lhs"), &rhs = id("rhs"), &scale = id("scale"), &at = id("at"), &k = inner("k"),
                    &reference = id("reference"), &threadCounts = id("threadCounts");
  w_.open("");
  w_.line("// Dot-product test: <yb, J xd> = <J^T yb, xd>, with the tangent code.");
  w_.line(id("reset") + "();");
  w_.line("omp_set_num_threads(" + threadCounts + ".back());");
  w_.line(name_ + "_tangent(" + withoutLastComma(args) + ");");
  w_.line("double " + lhs + " = 0, " + rhs + " = 0, " + scale + " = 0;");
  w_.line("size_t " + at + " = 0;");
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    if (!v.active)
      continue;
    const std::string &xb0 = adjointStart(v), &xd0 = tangentStart(v);
    std::string xd = v.tangent + "[" + k + "]", ref = reference + "[" + at + "]";
    w_.open("for (size_t " + k + " = 0; " + k + " < " + v.tangent + ".size(); ++" + k + ", ++" + at + ")");
    w_.line(lhs + " += (double)" + xb0 + "[" + k + "] * " + xd + ";");
    w_.line(rhs + " += " + ref + " * " + xd0 + "[" + k + "];");
    w_.line(scale + " += std::fabs((double)" + xb0 + "[" + k + "] * " + xd + ") + std::fabs(" + ref + " * " + xd0 +
            "[" + k + "]);");
    w_.close();
  }
  w_.line("check(" + id("size") + ", \"dot-product test (tangent vs serial adjoint)\", " + threadCounts + ".back(), " +
          scale + " > 0 ? std::fabs(" + lhs + " - " + rhs + ") / " + scale + " : std::fabs(" + lhs + " - " + rhs +
          "), " + id("tolerance") + ");");
  w_.close();
}

/// The serial adjoint against ADOL-C: the forward template taped with
/// adouble over the active arrays (one vector ax), then one reverse sweep.
void VerifyDriver::writeAdolcCheck() {
  const std::string &total = inner("total"), &in = inner("in"), &seed = inner("seed"),
                    &gradient = inner("gradient"), &ax = inner("ax"), &k = inner("k"), &out = inner("out");
  std::string args = callArguments([this, &ax](const VariableCode &v) { return "&" + ax + "[" + offset(v) + "], "; });
  w_.open("");
  w_.line("// ADOL-C: tape the forward kernel with adouble, then one reverse sweep.");
  w_.line("size_t " + total + " = 0;");
  for (int a : body_.arrays())
    if (body_.variable(a).active)
      w_.line("const size_t " + offset(body_.variable(a)) + " = " + total + "; " + total + " += " +
              start(body_.variable(a)) + ".size();");
  w_.line("std::vector<double> " + in + "(" + total + "), " + seed + "(" + total + "), " + gradient + "(" + total +
          ");");
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    if (!v.active)
      continue;
    const std::string &off = offset(v), &x0 = start(v);
    w_.line("for (size_t " + k + " = 0; " + k + " < " + x0 + ".size(); ++" + k + ") { " + in + "[" + off + " + " + k +
            "] = " + x0 + "[" + k + "]; " + seed + "[" + off + " + " + k + "] = " + adjointStart(v) + "[" + k + "]; }");
  }
  w_.line(id("reset") + "();");
  w_.open("if (" + total + " > 0)");
  w_.line("trace_on(1);");
  w_.open("");
  w_.line("std::vector<adouble> " + ax + "(" + total + ");");
  w_.line("for (size_t " + k + " = 0; " + k + " < " + total + "; ++" + k + ") " + ax + "[" + k + "] <<= " + in + "[" +
          k + "];");
  w_.line(name_ + "_forward_t<adouble>(" + withoutLastComma(args) + ");");
  w_.line("double " + out + ";");
  w_.line("for (size_t " + k + " = 0; " + k + " < " + total + "; ++" + k + ") " + ax + "[" + k + "] >>= " + out +
          ";");
  w_.close();
  w_.line("trace_off();");
  w_.line("vec_jac(1, (int)" + total + ", (int)" + total + ", 0, " + in + ".data(), " + seed + ".data(), " +
          gradient + ".data());");
  w_.close();
  w_.line("check(" + id("size") + ", \"serial adjoint vs ADOL-C\", 1, relError(" + id("reference") + ", " +
          gradient + "), " + id("tolerance") + ");");
  w_.close();
}

/// The one JSON object on stdout, and the exit status.
void VerifyDriver::writeSummary() {
  const std::string &bitwise = id("bitwise"), &v = id("v"), &k = inner("k"), &threadCounts = id("threadCounts");
  w_.line("std::string " + bitwise + ";");
  w_.line("for (const std::string &" + v + " : " + id("bitwiseFailures") + ") " + bitwise + " += (" + bitwise +
          ".empty() ? \"\\\"\" : \", \\\"\") + " + v + " + \"\\\"\";");
  w_.line("printf(\"{\\\"passed\\\": %s, \\\"precision\\\": \\\"%s\\\", \\\"tolerance\\\": %.1e, \\\"threads\\\": [\", passed ? \"true\" : \"false\", \"" +
          std::string(body_.singlePrecision() ? "float" : "double") + "\", " + id("tolerance") + ");");
  w_.line("for (size_t " + k + " = 0; " + k + " < " + threadCounts + ".size(); ++" + k + ") printf(\"%s%d\", " + k +
          " ? \", \" : \"\", " + threadCounts + "[" + k + "]);");
  w_.line("printf(\"], \\\"sizes\\\": [%s], \\\"checks\\\": [%s], \\\"determinism\\\": [%s], \\\"not_bitwise_identical\\\": [%s]}\\n\", " +
          id("sizeText") + ".c_str(), checks.c_str(), " + id("determinism") + ".c_str(), " + bitwise + ".c_str());");
  w_.line("return passed ? 0 : 1;");
}

/// Marks the elements the loop may write (an opaque guard counts as true):
/// `<function>(the forward kernel's parameters, one char mask per array)`.
/// The walk is the footprint's, over the write accesses only.
void VerifyDriver::writeWrittenFunction(const std::string &function) {
  const model::LoopModel &loop = body_.loop();
  std::string masks;
  for (int k : body_.arrays())
    masks += ", char *" + id(body_.variable(k).value + "_w");
  std::string signature = body_.signature(Mode::Forward);
  w_.open("static void " + function + "(" + (signature == "void" ? masks.substr(2) : signature + masks) + ")");
  const std::vector<int> &arrays = body_.arrays();
  for (size_t a = 0; a < arrays.size(); ++a) {
    const std::string &mask = id(body_.variable(arrays[a]).value + "_w");
    w_.line("(void)" + mask + ";");
    for (const model::Access &access : loop.accesses) {
      if (access.variable != arrays[a] || access.kind != model::AccessKind::Write)
        continue;
      unsigned opened = 0;
      for (const std::string &h : body_.parallelHeaders(false)) {
        w_.open(h);
        ++opened;
      }
      if (access.scope >= 0)
        for (int sc : loop.scopeChain(access.scope)) {
          const model::Scope &scope = loop.scopes[sc];
          if (scope.kind == model::Scope::Kind::Loop) {
            w_.open(body_.loopHeader(scope.loop, false));
            ++opened;
          } else if (!scope.guard.isOpaque()) {
            w_.open("if (" + body_.condition(scope.guard, scope.range.line) + ")");
            ++opened;
          }
        }
      w_.line(mask + "[" + body_.offset(access) + "] = 1;");
      while (opened--)
        w_.close();
    }
  }
  w_.close();
}

std::string VerifyDriver::writeSource(const std::string &source, const std::string &wrapperFile) {
  const model::LoopModel &loop = body_.loop();
  // The written-elements function declares the loop's iterators.
  for (const model::LoopHeader &h : loop.iterators)
    names_.reserve(cIdentifier(h.iterator));
  for (const model::Scope &sc : loop.scopes)
    if (sc.kind == model::Scope::Kind::Loop)
      names_.reserve(cIdentifier(sc.loop.iterator));
  names_.reserve(source);
  for (int k : body_.arrays()) {
    const VariableCode &v = body_.variable(k);
    start(v);
    if (v.active) {
      adjointStart(v);
      tangentStart(v);
    }
  }
  const std::string &written = id(name_ + "_written"), &forwardTolerance = id("forwardTolerance"),
                    &fdTolerance = id("fdTolerance"), &h = id("h"), &threadCounts = id("threadCounts"),
                    &sizes = id("sizes"), &size = id("size"), &threads = id("threads"), &k = id("k"),
                    &after = id("after"), &reset = id("reset"), &diff = id("diff"), &scale = id("scale"),
                    &outside = id("outside"), &lhs = id("lhs"), &rhs = id("rhs"), &at = id("at"),
                    &sizeText = id("sizeText");
  bool single = body_.singlePrecision();
  std::string eps = single ? "FLT_EPSILON" : "DBL_EPSILON";
  w_.line("// Source check of " + name_ + ".c, generated by adjoint-lint: its forward kernel and its");
  w_.line("// serial adjoint against the loop's own function, compiled from the user's file through");
  w_.line("// " + wrapperFile + " with the user's compiler arguments. Build and run:");
  w_.line("//   clang-19 -fopenmp -O2 -c " + name_ + ".c");
  w_.line("//   clang-19 -fopenmp -O2 ARGS -c " + wrapperFile + " -o " + name_ + "_source.o");
  w_.line("//   clang++-19 -fopenmp -O0 " + name_ + "_source_check.cpp " + name_ + ".o " + name_ +
          "_source.o && ./a.out [TOLERANCE]");
  w_.line("// TOLERANCE: of the forward comparison, 0 (bitwise) unless given. Prints one JSON object;");
  w_.line("// exit status 0 when every check passes.");
  w_.line("#include \"" + name_ + ".h\"");
  for (const char *header : {"<omp.h>", "<algorithm>", "<cfloat>", "<cmath>", "<cstdint>", "<cstdio>",
                             "<cstdlib>", "<cstring>", "<string>", "<vector>"})
    w_.line(std::string("#include ") + header);
  w_.line("");
  writeRuntime(w_, RuntimeFile::VerifyChecks);
  w_.line("");
  writeRuntime(w_, RuntimeFile::IndexMinMax);
  w_.line("");
  w_.line("extern \"C\" void " + source + "(" + body_.signature(Mode::Forward) + ");");
  w_.line("");
  writeWrittenFunction(written);
  w_.line("");
  w_.open("int main(int argc, char **argv)");
  w_.line("const double " + forwardTolerance + " = argc > 1 ? atof(argv[1]) : 0;");
  w_.line("// Central differences: h = eps^(1/3), error O(eps^(2/3)); the tolerance 1e3 eps^(2/3).");
  w_.line("const double " + h + " = std::cbrt((double)" + eps + "), " + fdTolerance + " = 1e3 * " + h + " * " +
          h + ";");
  w_.line("std::vector<int> " + threadCounts + " = {1, 2, omp_get_num_procs()};");
  w_.line("std::sort(" + threadCounts + ".begin(), " + threadCounts + ".end());");
  w_.line(threadCounts + ".erase(std::unique(" + threadCounts + ".begin(), " + threadCounts + ".end()), " +
          threadCounts + ".end());");
  w_.line("const int " + sizes + " = " + std::string(body_.integerParameters().empty() ? "1" : "2") + ";");
  w_.line("std::string " + sizeText + ";");
  w_.open("for (int " + size + " = 0; " + size + " < " + sizes + "; ++" + size + ")");
  writeTestData();
  writeReset();
  std::string args = withoutLastComma(callArguments([](const VariableCode &v) { return v.value + ".data(), "; }));
  std::string maskArgs;
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    const std::string &mask = id(v.value + "_w");
    w_.line("std::vector<char> " + mask + "(" + start(v) + ".size());");
    maskArgs += ", " + mask + ".data()";
  }
  w_.line(written + "(" + (args.empty() ? maskArgs.substr(2) : args + maskArgs) + ");");
  w_.line(reset + "();");
  w_.line(variantFunction(name_, VariantKind::Serial) + "(" +
          withoutLastComma(callArguments([](const VariableCode &v) {
            return v.value + ".data(), " + v.adjoint + ".data(), ";
          })) +
          ");");
  w_.line("const std::vector<double> " + after + " = " + id("adjoints") + "();");
  w_.open("for (int " + threads + " : " + threadCounts + ")");
  w_.line("omp_set_num_threads(" + threads + ");");
  // (a) The forward kernel against the function, on the elements the loop writes.
  w_.line(reset + "();");
  w_.line(name_ + "_forward(" + args + ");");
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    w_.line("const std::vector<" + v.type + "> " + id(v.value + "_f") + " = " + v.value + ";");
  }
  w_.line(reset + "();");
  w_.line(source + "(" + args + ");");
  w_.line("double " + diff + " = 0, " + scale + " = 0, " + outside + " = 0;");
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    std::string mine = v.value + "[" + k + "]", theirs = id(v.value + "_f") + "[" + k + "]";
    w_.open("for (size_t " + k + " = 0; " + k + " < " + v.value + ".size(); ++" + k + ")");
    w_.open("if (!" + id(v.value + "_w") + "[" + k + "])");
    w_.line("if (memcmp(&" + mine + ", &" + start(v) + "[" + k + "], sizeof " + mine + ")) " + outside + " += 1;");
    w_.middle("} else if (memcmp(&" + mine + ", &" + theirs + ", sizeof " + mine + ")) {");
    w_.line(diff + " = std::isnan((double)" + mine + ") != std::isnan((double)" + theirs + ") ? INFINITY : std::max(" +
            diff + ", std::fabs((double)" + mine + " - (double)" + theirs + "));");
    w_.close();
    w_.line("if (" + id(v.value + "_w") + "[" + k + "]) " + scale + " = std::max(" + scale + ", std::fabs((double)" +
            theirs + "));");
    w_.close();
  }
  w_.line("check(" + size + ", \"forward vs source function\", " + threads + ", " + scale + " > 0 ? " + diff + " / " +
          scale + " : " + diff + ", " + forwardTolerance + ");");
  w_.line("check(" + size + ", \"source function writes only what the loop writes\", " + threads + ", " + outside +
          ", 0);");
  // (b) The serial adjoint against central differences of the function.
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    if (!v.active)
      continue;
    const std::string &x0 = start(v), &dx = id(v.value + "_dx"), &plus = id(v.value + "_p"),
                      &minus = id(v.value + "_m");
    w_.line("std::vector<double> " + dx + "(" + x0 + ".size());");
    w_.line("std::vector<" + v.type + "> " + plus + "(" + x0 + "), " + minus + "(" + x0 + ");");
    w_.open("for (size_t " + k + " = 0; " + k + " < " + x0 + ".size(); ++" + k + ")");
    w_.line("const double " + inner("d") + " = 2 * " + id("rng") + ".next() - 1;");
    w_.line(plus + "[" + k + "] = (" + v.type + ")(" + x0 + "[" + k + "] + " + h + " * " + inner("d") + ");");
    w_.line(minus + "[" + k + "] = (" + v.type + ")(" + x0 + "[" + k + "] - " + h + " * " + inner("d") + ");");
    w_.line("// the step as the element type holds it");
    w_.line(dx + "[" + k + "] = ((double)" + plus + "[" + k + "] - (double)" + minus + "[" + k + "]) / (2 * " + h +
            ");");
    w_.close();
  }
  for (const char *sign : {"p", "m"}) {
    w_.line(reset + "();");
    for (int a : body_.arrays())
      if (body_.variable(a).active)
        w_.line(body_.variable(a).value + " = " + id(body_.variable(a).value + "_" + sign) + ";");
    w_.line(source + "(" + args + ");");
    for (int a : body_.arrays())
      if (body_.variable(a).active)
        w_.line(id(body_.variable(a).value + "_" + sign) + " = " + body_.variable(a).value + ";");
  }
  w_.line("double " + lhs + " = 0, " + rhs + " = 0;");
  w_.line(scale + " = 0;");
  w_.line("size_t " + at + " = 0;");
  for (int a : body_.arrays()) {
    const VariableCode &v = body_.variable(a);
    if (!v.active)
      continue;
    const std::string &dx = id(v.value + "_dx");
    std::string fd = "((double)" + id(v.value + "_p") + "[" + k + "] - (double)" + id(v.value + "_m") + "[" + k +
                     "]) / (2 * " + h + ")";
    w_.open("for (size_t " + k + " = 0; " + k + " < " + dx + ".size(); ++" + k + ", ++" + at + ")");
    w_.line("const double " + inner("fd") + " = " + fd + ";");
    w_.line(lhs + " += " + after + "[" + at + "] * " + dx + "[" + k + "];");
    w_.line(rhs + " += (double)" + adjointStart(v) + "[" + k + "] * " + inner("fd") + ";");
    w_.line(scale + " += std::fabs(" + after + "[" + at + "] * " + dx + "[" + k + "]) + std::fabs((double)" +
            adjointStart(v) + "[" + k + "] * " + inner("fd") + ");");
    w_.close();
  }
  w_.line("check(" + size + ", \"serial adjoint vs central differences of the source function\", " + threads + ", " +
          scale + " > 0 ? std::fabs(" + lhs + " - " + rhs + ") / " + scale + " : std::fabs(" + lhs + " - " + rhs +
          "), " + fdTolerance + ");");
  w_.close(); // threads
  w_.close(); // sizes
  w_.line("printf(\"{\\\"passed\\\": %s, \\\"precision\\\": \\\"%s\\\", \\\"forward_tolerance\\\": %.1e, "
          "\\\"fd_tolerance\\\": %.1e, \\\"fd_step\\\": %.3e, \\\"threads\\\": [\", passed ? \"true\" : \"false\", \"" +
          std::string(single ? "float" : "double") + "\", " + forwardTolerance + ", " + fdTolerance + ", " + h + ");");
  w_.line("for (size_t " + k + " = 0; " + k + " < " + threadCounts + ".size(); ++" + k + ") printf(\"%s%d\", " + k +
          " ? \", \" : \"\", " + threadCounts + "[" + k + "]);");
  w_.line("printf(\"], \\\"sizes\\\": [%s], \\\"checks\\\": [%s]}\\n\", " + sizeText + ".c_str(), checks.c_str());");
  w_.line("return passed ? 0 : 1;");
  w_.close();
  return w_.str();
}

} // namespace

SourceCheckFiles writeSourceCheck(const std::string &name, const LoopBody &body, const VariantTable &table,
                                  const model::SourceFunction &function, const std::string &include) {
  SourceCheckFiles out;
  out.reason = function.reason;
  const model::LoopModel &loop = body.loop();
  // Each parameter of the function from the forward kernel's: by name.
  std::vector<std::string> arguments;
  std::set<std::string> passed;
  for (const model::SourceParameter &p : function.parameters) {
    if (!out.reason.empty())
      break;
    int k = p.name.empty() ? -1 : loop.findVariable(p.name);
    const VariableCode *v = k >= 0 ? &body.variable(k) : nullptr;
    using Kind = model::SourceParameter::Kind;
    const std::vector<std::string> &ints = body.integerParameters();
    if (v && v->role == VariableRole::Array && p.kind == Kind::Pointer) {
      arguments.push_back(function.cplusplus ? "al_any_pointer{(void *)" + v->value + "}" : "(void *)" + v->value);
    } else if (v && v->role == VariableRole::ScalarInput && p.kind == Kind::Floating) {
      arguments.push_back(v->value);
    } else if (!p.name.empty() && p.kind == Kind::Integer &&
               std::find(ints.begin(), ints.end(), cIdentifier(p.name)) != ints.end()) {
      arguments.push_back(cIdentifier(p.name));
    } else {
      out.reason = "its parameter " + (p.name.empty() ? "#" + std::to_string(arguments.size() + 1) : "'" + p.name + "'") +
                   " (" + p.type + ") is not " +
                   (v ? "passed as the generated code passes it" : "a value of the loop") +
                   ": the driver cannot build it";
      break;
    }
    passed.insert(arguments.back());
  }
  if (out.reason.empty()) {
    auto missing = [&](const std::string &c, const std::string &source) {
      for (const std::string &a : passed)
        if (a == c || a == "(void *)" + c || a == "al_any_pointer{(void *)" + c + "}")
          return false;
      out.reason = "the loop's '" + source + "' is not a parameter of " + function.name +
                   " (a local or a global of the file): the driver cannot set it";
      return true;
    };
    for (const std::string &p : body.integerParameters())
      if (missing(p, p))
        break;
    if (out.reason.empty())
      for (int k : body.scalarInputs())
        if (missing(body.variable(k).value, loop.variables[k].name))
          break;
    if (out.reason.empty())
      for (int k : body.arrays())
        if (missing(body.variable(k).value, loop.variables[k].name))
          break;
  }
  if (out.reason.empty() && (include.find('"') != std::string::npos || include.find('\n') != std::string::npos))
    out.reason = "the file's path cannot be written in an #include";
  if (!out.reason.empty())
    return out;
  std::string source = name + "_source";
  out.wrapperFile = source + (function.cplusplus ? ".cpp" : ".c");
  CodeWriter w;
  w.line("/* The source check's wrapper, generated by adjoint-lint: " + function.name + " from the user's");
  w.line(" * file, compiled with the user's compiler arguments and called through " + source + " with");
  w.line(" * the parameters of " + name + "_forward (docs/codegen.md, the source check). */");
  w.line("#define main " + name + "_user_main");
  w.line("#include \"" + include + "\"");
  w.line("#undef main");
  w.line("");
  if (function.cplusplus) {
    w.line("struct al_any_pointer {");
    w.line("  void *p;");
    w.line("  template <class T> operator T *() const { return (T *)p; }");
    w.line("};");
    w.line("");
  }
  std::string call;
  for (const std::string &a : arguments)
    call += (call.empty() ? "" : ", ") + a;
  w.open(std::string(function.cplusplus ? "extern \"C\" " : "") + "void " + source + "(" +
         body.signature(Mode::Forward) + ")");
  w.line(function.name + "(" + call + ");");
  w.close();
  out.wrapper = w.str();
  out.program = VerifyDriver(name, body, table).writeSource(source, out.wrapperFile);
  return out;
}

std::string writeVerifyDriver(const std::string &name, const LoopBody &body, const VariantTable &table) {
  return VerifyDriver(name, body, table).write();
}

} // namespace adjoint_lint::codegen
