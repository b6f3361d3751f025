// Adjoint benchmarks (docs/benchmarks.md, scripts/benchmarks.sh): the code
// `adjoint-lint generate` produced for the kernels in bench/kernels/ (the
// forward kernel, the serial adjoint, the gather or plain adjoint, the
// reduction and the atomic adjoint), compiled with clang-19 -fopenmp -O2, and
// ADOL-C taping the generated forward template (<name>_forward.hpp).
//
// Benchmark names: <kernel>/<variant>/threads:<T>/size:<N>, N the size
// parameter of the kernel (n for the grids, h = w for conv2d). Counters:
// points (output elements of one call); reduction: bytes_extra (the peak
// resident memory, VmHWM, one call of the reduction adjoint adds over one
// call of the gather adjoint, in a fresh process; bytes_extra_measured = 1
// when that worked, else bytes_extra is the model), bytes_extra_model
// (footprint x threads x element size); ADOL-C: adolc_operations (the
// tape's), adolc_tape_on_disk (1 when part of the tape outgrew its buffers).
//
//   adjoint-bench [--quick | --profile-sizes] [google benchmark flags]
//
// --quick: tiny sizes and a short minimum time (the smoke test).
// --profile-sizes: every variant at the (smaller) ADOL-C size, for profiles.
#include <benchmark/benchmark.h>

#include <adolc/adolc.h>
#include <omp.h>

#include "bench_burgers1d.h"
#include "bench_conv2d.h"
#include "bench_heat1d.h"
#include "bench_heat3d.h"
#include "bench_jacobi2d.h"
#include "bench_maxpool.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

bool quick = false;
bool profileSizes = false; // --profile-sizes: every variant at the ADOL-C size

enum class Variant { Forward, Serial, Parallel, Reduction, Atomic };

/// One kernel at one size: its arrays (signature order), their adjoints,
/// and the ADOL-C tape of its forward template.
struct Case {
  virtual ~Case() = default;
  virtual void call(Variant v) = 0;
  virtual double points() const = 0;
  virtual double reductionModelBytes(int threads) const = 0;
  virtual void tape() = 0;
  virtual void adolcForward() = 0;
  virtual void adolcReverse() = 0;
};

struct Rng {
  uint64_t s;
  double next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return (double)(s >> 11) / 9007199254740992.0;
  }
};

template <typename T> struct CaseT : Case {
  long n = 0;
  std::vector<long> extent;
  std::vector<std::vector<T>> v, b; // primal values and adjoints per array
  int reduced = 0;                  // the array the reduction variant privatises
  // ADOL-C: every array is independent and dependent (as in <name>_verify.cpp).
  std::vector<size_t> offset;
  size_t total = 0;
  std::vector<double> in, out, seed, gradient;

  void allocate(std::vector<long> e) {
    extent = std::move(e);
    v.resize(extent.size());
    b.resize(extent.size());
    for (size_t k = 0; k < extent.size(); ++k) {
      const long len = std::max(extent[k], 1L);
      v[k].resize(len);
      b[k].resize(len);
      Rng rng{0x9E3779B97F4A7C15ull + k};
      for (long i = 0; i < len; ++i) {
        v[k][i] = (T)(0.5 + rng.next());
        b[k][i] = (T)(2 * rng.next() - 1);
      }
    }
  }
  double reductionModelBytes(int threads) const override {
    return (double)extent[reduced] * sizeof(T) * threads;
  }
  void prepareAdolc() {
    offset.clear();
    total = 0;
    for (long e : extent) {
      offset.push_back(total);
      total += std::max(e, 1L);
    }
    in.resize(total);
    out.resize(total);
    seed.resize(total);
    gradient.resize(total);
    for (size_t k = 0; k < extent.size(); ++k)
      for (size_t i = 0; i < v[k].size(); ++i) {
        in[offset[k] + i] = v[k][i];
        seed[offset[k] + i] = b[k][i];
      }
  }
  virtual void forwardTemplate(std::vector<adouble> &a) = 0;
  void tape() override {
    if (total == 0)
      prepareAdolc();
    // keep: the reverse sweep may follow directly. Buffers large enough
    // that the tape stays in memory (ADOL-C reads .adolcrc only when the
    // library loads, so the sizes go to trace_on).
    const unsigned buffer = quick ? 1u << 20 : 1u << 26;
    trace_on(1, 1, buffer, buffer, buffer, buffer);
    {
      std::vector<adouble> a(total);
      for (size_t k = 0; k < total; ++k)
        a[k] <<= in[k];
      forwardTemplate(a);
      for (size_t k = 0; k < total; ++k)
        a[k] >>= out[k];
    }
    trace_off();
  }
  void adolcForward() override { zos_forward(1, (int)total, (int)total, 1, in.data(), out.data()); }
  void adolcReverse() override { fos_reverse(1, (int)total, (int)total, seed.data(), gradient.data()); }
};

// --- the six kernels: calls to the generated functions by name ------------

#define ADJOINT_VARIANTS(K, ...)                                                                   \
  switch (v) {                                                                                     \
  case Variant::Forward:                                                                           \
    break;                                                                                         \
  case Variant::Serial:                                                                            \
    K##_FN(adjoint_serial)(__VA_ARGS__);                                                           \
    break;                                                                                         \
  case Variant::Parallel:                                                                          \
    K##_PARALLEL_FN(__VA_ARGS__);                                                                     \
    break;                                                                                         \
  case Variant::Reduction:                                                                         \
    K##_FN(adjoint_reduction)(__VA_ARGS__);                                                        \
    break;                                                                                         \
  case Variant::Atomic:                                                                            \
    K##_FN(adjoint_atomic)(__VA_ARGS__);                                                           \
    break;                                                                                         \
  }

const double C = 0.1, C_BURGERS = 0.3, NU = 0.01;

// The stencils: arrays y, x (signature order), the size n and the scalar
// arguments after it (__VA_ARGS__, possibly none).
#define STENCIL_CASE(Type, K, POINTS, ...)                                                         \
  struct Type : CaseT<double> {                                                                    \
    explicit Type(long size) {                                                                     \
      n = size;                                                                                    \
      std::vector<long> e(2);                                                                      \
      K##_FN(footprint)(n, ##__VA_ARGS__, e.data());                                               \
      allocate(e);                                                                                 \
      reduced = 1;                                                                                 \
    }                                                                                              \
    double points() const override { return POINTS; }                                              \
    void call(Variant v) override {                                                                \
      if (v == Variant::Forward)                                                                   \
        return K##_FN(forward)(n, ##__VA_ARGS__, this->v[0].data(), this->v[1].data());           \
      double *y = this->v[0].data(), *yb = b[0].data(), *xb = b[1].data();                         \
      const double *x = this->v[1].data();                                                         \
      ADJOINT_VARIANTS(K, n, ##__VA_ARGS__, y, yb, x, xb)                                          \
    }                                                                                              \
    void forwardTemplate(std::vector<adouble> &a) override {                                       \
      K##_FORWARD_T<adouble>(n, ##__VA_ARGS__, &a[offset[0]], &a[offset[1]]);                      \
    }                                                                                              \
  };

STENCIL_CASE(Heat1d, heat1d, (double)n, C)
STENCIL_CASE(Burgers1d, burgers1d, (double)n, C_BURGERS, NU)
STENCIL_CASE(Jacobi2d, jacobi2d, (double)n * n)
STENCIL_CASE(Heat3d, heat3d, (double)n * n * n, C)

// conv2d: arrays wt, in, out (signature order); the size is h = w.
struct Conv2d : CaseT<float> {
  explicit Conv2d(long size) {
    n = size;
    std::vector<long> e(3);
    conv2d_FN(footprint)(n, n, e.data());
    allocate(e);
    reduced = 1;
  }
  double points() const override { return (double)extent[2]; }
  void call(Variant v) override {
    float *wt = this->v[0].data(), *in = this->v[1].data(), *out = this->v[2].data();
    if (v == Variant::Forward)
      return conv2d_FN(forward)(n, n, wt, in, out);
    float *wtb = b[0].data(), *inb = b[1].data(), *outb = b[2].data();
    ADJOINT_VARIANTS(conv2d, n, n, wt, wtb, in, inb, out, outb)
  }
  void forwardTemplate(std::vector<adouble> &a) override {
    conv2d_FORWARD_T<adouble>(n, n, &a[offset[0]], &a[offset[1]], &a[offset[2]]);
  }
};

struct Maxpool : CaseT<double> {
  explicit Maxpool(long size) {
    n = size;
    std::vector<long> e(2);
    maxpool_FN(footprint)(n, e.data());
    allocate(e);
    reduced = 1;
  }
  double points() const override { return (double)n; }
  void call(Variant v) override {
    if (v == Variant::Forward)
      return maxpool_FN(forward)(n, this->v[0].data(), this->v[1].data());
    double *y = this->v[0].data(), *yb = b[0].data(), *xb = b[1].data();
    const double *x = this->v[1].data();
    ADJOINT_VARIANTS(maxpool, n, y, yb, x, xb)
  }
  void forwardTemplate(std::vector<adouble> &a) override {
    maxpool_FORWARD_T<adouble>(n, &a[offset[0]], &a[offset[1]]);
  }
};

// --- sizes ------------------------------------------------------------------

struct Kernel {
  std::string name;
  std::string parallel; // the parallel adjoint without reduction or atomics
  std::function<std::unique_ptr<Case>(long)> make;
  long full, quickSize, adolc, adolcQuick;
  std::vector<long> sweep, sweepQuick; // time against size (forward, parallel adjoint)
};

std::vector<Kernel> kernels() {
  return {
      {"heat1d", heat1d_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Heat1d(s)); },
       1L << 24, 4096, 1L << 20, 4096, {1L << 16, 1L << 18, 1L << 20, 1L << 22}, {1024, 2048}},
      {"burgers1d", burgers1d_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Burgers1d(s)); },
       1L << 24, 4096, 1L << 20, 4096, {}, {}},
      {"jacobi2d", jacobi2d_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Jacobi2d(s)); },
       4096, 64, 1024, 64, {256, 512, 1024, 2048}, {16, 32}},
      {"heat3d", heat3d_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Heat3d(s)); },
       256, 16, 100, 16, {}, {}},
      {"conv2d", conv2d_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Conv2d(s)); },
       1536, 34, 128, 34, {}, {}},
      {"maxpool", maxpool_PARALLEL, [](long s) { return std::unique_ptr<Case>(new Maxpool(s)); },
       1L << 24, 4096, 1L << 20, 4096, {}, {}},
  };
}

// One case alive at a time (benchmarks run in registration order, grouped
// by kernel and size), so that the full sizes fit in memory together.
std::unique_ptr<Case> current;
std::string currentKey;
Case &get(const Kernel &k, long size) {
  std::string key = k.name + "/" + std::to_string(size);
  if (key != currentKey) {
    current.reset();
    current = k.make(size);
    currentKey = key;
  }
  return *current;
}

/// Peak resident memory (VmHWM) in bytes, or -1.
long peakRss() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmHWM:", 0) == 0)
      return std::atol(line.c_str() + 6) * 1024;
  return -1;
}

/// The peak memory the reduction adjoint adds over the gather (or plain)
/// adjoint, in bytes, measured in a fresh process (--measure-reduction):
/// there, after one call of the gather adjoint, one call of the reduction
/// adjoint raises the peak resident memory (VmHWM) by its private copies.
/// -1 when that failed.
std::string self;
double measureReductionMemory(const Kernel &k, long size, int threads) {
  std::string cmd = "'" + self + "' --measure-reduction=" + k.name + ":" + std::to_string(size) +
                    ":" + std::to_string(threads);
  FILE *p = popen(cmd.c_str(), "r");
  if (!p)
    return -1;
  double bytes = -1;
  if (std::fscanf(p, "%lf", &bytes) != 1)
    bytes = -1;
  return pclose(p) == 0 ? bytes : -1;
}
int measureReduction(const std::string &spec) {
  char name[64];
  long size = 0;
  int threads = 0;
  if (std::sscanf(spec.c_str(), "%63[^:]:%ld:%d", name, &size, &threads) != 3)
    return 2;
  for (const Kernel &k : kernels())
    if (k.name == name) {
      std::unique_ptr<Case> c = k.make(size);
      omp_set_num_threads(threads);
      c->call(Variant::Parallel);
      const long before = peakRss();
      c->call(Variant::Reduction);
      const long after = peakRss();
      if (before < 0 || after < 0)
        return 1;
      std::printf("%ld\n", after - before);
      return 0;
    }
  return 2;
}

std::string variantName(Variant v, const Kernel &k) {
  switch (v) {
  case Variant::Forward:
    return "forward";
  case Variant::Serial:
    return "serial";
  case Variant::Parallel:
    return k.parallel;
  case Variant::Reduction:
    return "reduction";
  case Variant::Atomic:
    return "atomic";
  }
  return "?";
}

std::set<std::string> registered;

void registerKernel(const Kernel &k, long size, int threads, Variant v) {
  std::string name = k.name + "/" + variantName(v, k) + "/threads:" + std::to_string(threads) +
                     "/size:" + std::to_string(size);
  if (!registered.insert(name).second)
    return;
  benchmark::RegisterBenchmark(name.c_str(), [k, size, threads, v](benchmark::State &state) {
    Case &c = get(k, size);
    omp_set_num_threads(threads);
    c.call(v); // warm-up: touches every page, spawns the threads
    if (v == Variant::Reduction) {
      state.counters["bytes_extra_model"] = c.reductionModelBytes(threads);
      const double measured = measureReductionMemory(k, size, threads);
      state.counters["bytes_extra"] = measured >= 0 ? measured : c.reductionModelBytes(threads);
      state.counters["bytes_extra_measured"] = measured >= 0 ? 1 : 0;
    }
    for (auto _ : state)
      c.call(v);
    state.counters["points"] = c.points();
    state.SetItemsProcessed((int64_t)(state.iterations() * c.points()));
  })->UseRealTime()->Unit(benchmark::kMillisecond);
}

void registerAdolc(const Kernel &k, long size, bool withTape) {
  std::string name = k.name + (withTape ? "/adolc_tape_reverse" : "/adolc_reverse") +
                     "/threads:1/size:" + std::to_string(size);
  benchmark::RegisterBenchmark(name.c_str(), [k, size, withTape](benchmark::State &state) {
    Case &c = get(k, size);
    omp_set_num_threads(1);
    c.tape();
    for (auto _ : state) {
      if (withTape) {
        c.tape();
      } else {
        // The reverse sweep alone: its forward (zos_forward with keep,
        // which stores the values the reverse sweep reads) is not timed.
        state.PauseTiming();
        c.adolcForward();
        state.ResumeTiming();
      }
      c.adolcReverse();
    }
    // The tape's size and whether any part of it went to a file (ADOL-C
    // writes a tape that outgrows its buffers to TAPE_DIR).
    size_t stats[STAT_SIZE];
    tapestats(1, stats);
    state.counters["adolc_operations"] = (double)stats[NUM_OPERATIONS];
    state.counters["adolc_tape_on_disk"] =
        (stats[OP_FILE_ACCESS] || stats[LOC_FILE_ACCESS] || stats[VAL_FILE_ACCESS] ||
         stats[TAY_STACK_SIZE] > stats[TAY_BUFFER_SIZE])
            ? 1
            : 0;
    state.counters["points"] = c.points();
    state.SetItemsProcessed((int64_t)(state.iterations() * c.points()));
  })->UseRealTime()->Unit(benchmark::kMillisecond);
}

/// ADOL-C writes a tape that outgrows its buffers to files in the current
/// directory: the benchmark runs in a fresh one, removed at exit.
std::string workDir;
void enterAdolcDir() {
  const char *tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/adjoint-bench.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data()))
    return;
  workDir = buf.data();
  if (chdir(workDir.c_str()) != 0)
    workDir.clear();
}
void leaveAdolcDir() {
  if (workDir.empty())
    return;
  std::string cmd = "rm -rf '" + workDir + "'";
  if (std::system(cmd.c_str()) != 0)
    std::fprintf(stderr, "adjoint-bench: could not remove %s\n", workDir.c_str());
}

} // namespace

int main(int argc, char **argv) {
  char buf[4096];
  const ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
  self = len > 0 ? std::string(buf, len) : argv[0];
  if (argc == 2 && std::strncmp(argv[1], "--measure-reduction=", 20) == 0)
    return measureReduction(argv[1] + 20);
  // The default minimum time per benchmark goes first, so that a
  // --benchmark_min_time on the command line overrides it.
  for (int i = 1; i < argc; ++i) {
    quick |= std::strcmp(argv[i], "--quick") == 0;
    profileSizes |= std::strcmp(argv[i], "--profile-sizes") == 0;
  }
  static char defaultMinTime[64];
  std::snprintf(defaultMinTime, sizeof defaultMinTime, "--benchmark_min_time=%s", quick ? "0.002" : "0.3");
  std::vector<char *> args = {argv[0], defaultMinTime};
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--quick") != 0 && std::strcmp(argv[i], "--profile-sizes") != 0)
      args.push_back(argv[i]);
  int nargs = (int)args.size();
  benchmark::Initialize(&nargs, args.data());
  if (benchmark::ReportUnrecognizedArguments(nargs, args.data()))
    return 2;

  std::vector<int> threads = {1, 2, omp_get_num_procs()};
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  benchmark::AddCustomContext("threads", [&] {
    std::string s;
    for (int t : threads)
      s += (s.empty() ? "" : ",") + std::to_string(t);
    return s;
  }());
  benchmark::AddCustomContext("mode", quick ? "quick" : "full");

  const Variant all[] = {Variant::Forward, Variant::Serial, Variant::Parallel, Variant::Reduction,
                         Variant::Atomic};
  for (const Kernel &k : kernels()) {
    const long size = quick ? k.quickSize : profileSizes ? k.adolc : k.full;
    for (Variant v : all)
      for (int t : threads)
        if (v != Variant::Serial || t == 1) // the serial adjoint has no parallel loop
          registerKernel(k, size, t, v);
    // ADOL-C is serial; the generated code at the same size for the ratio.
    const long as = quick ? k.adolcQuick : k.adolc;
    if (as != size)
      for (Variant v : {Variant::Forward, Variant::Parallel})
        registerKernel(k, as, 1, v);
    registerAdolc(k, as, true);
    registerAdolc(k, as, false);
    for (long s : quick ? k.sweepQuick : profileSizes ? std::vector<long>() : k.sweep)
        for (Variant v : {Variant::Forward, Variant::Parallel})
          for (int t : threads)
            registerKernel(k, s, t, v);
  }
  enterAdolcDir();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  current.reset();
  leaveAdolcDir();
  return 0;
}
