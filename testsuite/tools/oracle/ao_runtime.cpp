// The dynamic oracle's runtime (testsuite/tools/oracle.py; docs/robustness.md).
//
// Built without sanitizers. The code under test is compiled with
// -fsanitize=thread, which makes the compiler call __tsan_read8(addr),
// __tsan_write4(addr), ... for every memory access it emits; this file
// defines those functions (the program is linked without TSan's runtime),
// so every access of the program reaches record(). Markers inserted by
// oracle-instrument tell which OpenMP loop runs and where each iteration
// starts; the program runs with one thread, iterations in order.
//
// Per loop execution it keeps, for every byte touched by an iteration, up
// to two distinct writing and three distinct reading iterations, and at the
// loop's end reports per named memory region whether two iterations
// conflict (a write and another access: a race) and whether two
// iterations that do not write a byte both read it (exclusive read
// violated). The read half of an update (x[i] += ...) is not a read here
// (a byte the reading iteration also writes), which only ever hides
// violations, never invents them. Accesses under `critical`/`ordered` and
// atomic accesses conflict only with plain ones. Accesses to the stack
// frame of the loop body and deeper (private copies, block-scope
// variables, callees' locals) are not shared and are not recorded.
//
// With -DAO_PLAIN it is the runtime of the TSan build instead: buffers and
// markers only, no recording.
#include "ao_harness.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Region {
  uintptr_t lo, hi;
  std::string name;
};
std::vector<Region> regions;
std::vector<void *> blocks;
unsigned long seed = 1;

double nextRandom() {
  seed = seed * 6364136223846793005ul + 1442695040888963407ul;
  return ((seed >> 11) & ((1ul << 53) - 1)) / double(1ul << 53);
}

void fillBlock(char *p, size_t bytes, int kind, size_t elem) {
  if (kind == AO_FLOAT && (elem == 4 || elem == 8)) {
    for (size_t off = 0; off + elem <= bytes; off += elem) {
      double d = nextRandom();
      if (elem == 8)
        memcpy(p + off, &d, 8);
      else {
        float f = float(d);
        memcpy(p + off, &f, 4);
      }
    }
  } else if (kind == AO_INT && elem >= 1 && elem <= 8) {
    // AO_INT_FILL=distinct (loops with declared facts about index arrays):
    // element k of the n-th integer block holds 8 k + n % 8, so values are
    // increasing in each array and distinct across arrays (injective,
    // nondecreasing, increasing hold). Otherwise small indices 0..3.
    static int intBlocks = 0;
    const char *mode = getenv("AO_INT_FILL");
    bool distinct = mode && strcmp(mode, "distinct") == 0;
    int ordinal = intBlocks++ % 8;
    for (size_t off = 0; off + elem <= bytes; off += elem) {
      int64_t v = distinct ? 8 * ((int64_t(off) - int64_t(bytes / 2)) / int64_t(elem)) + ordinal
                           : int64_t(nextRandom() * 4);
      memcpy(p + off, &v, elem); // little endian
    }
  }
}

const size_t kBlock = 1 << 20;

void *newBlock(const char *name, int kind, size_t elem, size_t bytes) {
  char *p = static_cast<char *>(calloc(1, bytes));
  if (!p) {
    fprintf(stderr, "ao_runtime: out of memory\n");
    exit(3);
  }
  blocks.push_back(p);
  fillBlock(p, bytes, kind, elem ? elem : 1);
  regions.push_back({uintptr_t(p), uintptr_t(p) + bytes, name});
  return p;
}

const char *regionName(uintptr_t a) {
  const char *best = "?";
  size_t bestSize = SIZE_MAX;
  for (const Region &r : regions)
    if (a >= r.lo && a < r.hi && r.hi - r.lo < bestSize) {
      best = r.name.c_str();
      bestSize = r.hi - r.lo;
    }
  return best;
}

} // namespace

extern "C" {

void *__ao_buffer(const char *name, int kind, size_t elem) {
  char *p = static_cast<char *>(newBlock(name, kind, elem, kBlock));
  return p + kBlock / 2;
}

void *__ao_rows(const char *name, int kind, size_t elem) {
  const size_t rows = 64, rowBytes = 64 * 1024;
  std::string tableName = std::string(name) + "[rows]";
  char **table = static_cast<char **>(newBlock(tableName.c_str(), AO_ZERO, 0, 2 * rows * sizeof(char *)));
  for (size_t i = 0; i < 2 * rows; ++i)
    table[i] = static_cast<char *>(newBlock(name, kind, elem, rowBytes)) + rowBytes / 2;
  return table + rows;
}

void __ao_region(const char *name, const void *p, size_t size) {
  regions.push_back({uintptr_t(p), uintptr_t(p) + size, name});
}

} // extern "C"

#ifndef AO_PLAIN

namespace {

constexpr int kReaders = 3;
struct ByteState {
  int32_t w[2] = {-1, -1};
  int32_t r[kReaders] = {-1, -1, -1};
  int32_t s[2] = {-1, -1}; // synchronised accessors (atomic, critical)
  bool syncWrite = false;
};

struct Instance {
  int id;
  uintptr_t frame = 0;
  int32_t iter = -1;
  std::unordered_map<uintptr_t, ByteState> bytes;
  bool overflow = false;
};

std::vector<Instance *> active;
int syncDepth = 0;
uintptr_t stackLo = 0;
FILE *results = nullptr;
bool inRuntime = false;
const size_t kMaxBytes = 4u << 20;

// Memory that libomp's allocator handed out while a loop ran: the private
// copies of `reduction`/`private` variables placed on the heap by an
// `allocate` clause (the generated reduction adjoints use one). Like the
// loop body's stack frame, it is not shared between the iterations.
std::vector<std::pair<uintptr_t, uintptr_t>> privateAllocations;

bool inPrivateAllocation(uintptr_t a) {
  for (const auto &r : privateAllocations)
    if (a >= r.first && a < r.second)
      return true;
  return false;
}

void addDistinct(int32_t *slots, int n, int32_t it) {
  for (int i = 0; i < n; ++i) {
    if (slots[i] == it)
      return;
    if (slots[i] < 0) {
      slots[i] = it;
      return;
    }
  }
}

void record(const volatile void *addr, size_t size, bool write, bool atomic) {
  if (active.empty() || inRuntime)
    return;
  uintptr_t a = uintptr_t(addr);
  bool sync = atomic || syncDepth > 0;
  for (Instance *in : active) {
    if (in->iter < 0 || in->overflow)
      continue;
    if (a >= stackLo && a < in->frame)
      continue; // the loop body's frame and deeper: private
    if (inPrivateAllocation(a))
      continue; // a private copy the OpenMP runtime allocated for the loop
    if (in->bytes.size() > kMaxBytes) {
      in->overflow = true;
      in->bytes.clear();
      continue;
    }
    for (size_t b = 0; b < size; ++b) {
      ByteState &st = in->bytes[a + b];
      if (sync) {
        addDistinct(st.s, 2, in->iter);
        st.syncWrite |= write;
      } else if (write) {
        addDistinct(st.w, 2, in->iter);
      } else {
        addDistinct(st.r, kReaders, in->iter);
      }
    }
  }
}

bool differs(const int32_t *slots, int n, int32_t it) {
  for (int i = 0; i < n; ++i)
    if (slots[i] >= 0 && slots[i] != it)
      return true;
  return false;
}

struct Verdict {
  bool race = false, xread = false;
  long raceByte = -1, xreadByte = -1;
  int32_t raceIters[2] = {-1, -1}, xreadIters[2] = {-1, -1};
  uintptr_t lo = 0;
};

void finish(Instance *in) {
  if (!results)
    return;
  if (in->overflow) {
    fprintf(results, "instance %d iterations=%d overflow\n", in->id, in->iter + 1);
    return;
  }
  fprintf(results, "instance %d iterations=%d\n", in->id, in->iter + 1);
  std::vector<std::pair<std::string, Verdict>> perRegion;
  auto verdictFor = [&](const char *name) -> Verdict & {
    for (auto &p : perRegion)
      if (p.first == name)
        return p.second;
    perRegion.push_back({name, Verdict()});
    for (const Region &r : regions)
      if (r.name == name) {
        perRegion.back().second.lo = r.lo;
        break;
      }
    return perRegion.back().second;
  };
  std::vector<uintptr_t> keys;
  keys.reserve(in->bytes.size());
  for (auto &kv : in->bytes)
    keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  const char *lastName = nullptr;
  uintptr_t lastLo = 1, lastHi = 0;
  for (uintptr_t a : keys) {
    const ByteState &st = in->bytes[a];
    if (!(a >= lastLo && a < lastHi)) {
      lastName = regionName(a);
      lastLo = lastHi = a; // cache only exact repeats
    }
    Verdict &v = verdictFor(lastName);
    int32_t p = -1, q = -1;
    if (st.w[1] >= 0) {
      p = st.w[0], q = st.w[1];
    } else if (st.w[0] >= 0 && differs(st.r, kReaders, st.w[0])) {
      p = st.w[0];
      for (int32_t r : st.r)
        if (r >= 0 && r != p) {
          q = r;
          break;
        }
    } else if (st.w[0] >= 0 && differs(st.s, 2, st.w[0])) {
      p = st.w[0];
      q = st.s[0] != p ? st.s[0] : st.s[1];
    } else if (st.syncWrite && st.s[0] >= 0 && differs(st.r, kReaders, st.s[0])) {
      p = st.s[0];
      for (int32_t r : st.r)
        if (r >= 0 && r != p) {
          q = r;
          break;
        }
    }
    if (p >= 0 && q >= 0 && !v.race) {
      v.race = true;
      v.raceByte = long(a - v.lo);
      v.raceIters[0] = p, v.raceIters[1] = q;
    }
    int32_t readers[kReaders];
    int n = 0;
    for (int32_t r : st.r)
      if (r >= 0 && r != st.w[0] && r != st.w[1])
        readers[n++] = r;
    if (n >= 2 && !v.xread) {
      v.xread = true;
      v.xreadByte = long(a - v.lo);
      v.xreadIters[0] = readers[0], v.xreadIters[1] = readers[1];
    }
  }
  for (auto &[name, v] : perRegion) {
    fprintf(results, "region %d %s race=%d xread=%d", in->id, name.c_str(), v.race, v.xread);
    if (v.race)
      fprintf(results, " race_at=%ld race_iterations=%d,%d", v.raceByte, v.raceIters[0], v.raceIters[1]);
    if (v.xread)
      fprintf(results, " xread_at=%ld xread_iterations=%d,%d", v.xreadByte, v.xreadIters[0],
              v.xreadIters[1]);
    fprintf(results, "\n");
  }
}

} // namespace

extern "C" {

void __ao_loop_begin(int id) {
  Instance *in = new Instance;
  in->id = id;
  active.push_back(in);
}

void __ao_iter(int id, void *frame) {
  for (size_t i = active.size(); i-- > 0;)
    if (active[i]->id == id) {
      ++active[i]->iter;
      if (!active[i]->frame)
        active[i]->frame = uintptr_t(frame);
      return;
    }
}

void __ao_loop_end(int id) {
  for (size_t i = active.size(); i-- > 0;)
    if (active[i]->id == id) {
      Instance *in = active[i];
      active.erase(active.begin() + long(i));
      inRuntime = true;
      finish(in);
      inRuntime = false;
      delete in;
      if (active.empty())
        privateAllocations.clear();
      return;
    }
}

// ThreadSanitizer's instrumentation interface (llvm/lib/Transforms/
// Instrumentation/ThreadSanitizer.cpp), recording instead of detecting.
void __tsan_init(void) {}
void __tsan_func_entry(void *) {}
void __tsan_func_exit(void) {}
void __tsan_ignore_thread_begin(void) {}
void __tsan_ignore_thread_end(void) {}
#define AO_RW(n)                                                                                   \
  void __tsan_read##n(void *a) { record(a, n, false, false); }                                     \
  void __tsan_write##n(void *a) { record(a, n, true, false); }                                     \
  void __tsan_unaligned_read##n(void *a) { record(a, n, false, false); }                           \
  void __tsan_unaligned_write##n(void *a) { record(a, n, true, false); }                           \
  void __tsan_volatile_read##n(void *a) { record(a, n, false, false); }                            \
  void __tsan_volatile_write##n(void *a) { record(a, n, true, false); }
AO_RW(1)
AO_RW(2)
AO_RW(4)
AO_RW(8)
AO_RW(16)
void __tsan_read_range(void *a, unsigned long n) { record(a, n, false, false); }
void __tsan_write_range(void *a, unsigned long n) { record(a, n, true, false); }
void __tsan_vptr_update(void **p, void *) { record(p, sizeof(void *), true, false); }
void __tsan_vptr_read(void **p) { record(p, sizeof(void *), false, false); }
void *__tsan_memset(void *d, int c, unsigned long n) {
  record(d, n, true, false);
  return memset(d, c, n);
}
void *__tsan_memcpy(void *d, const void *s, unsigned long n) {
  record(s, n, false, false);
  record(d, n, true, false);
  return memcpy(d, s, n);
}
void *__tsan_memmove(void *d, const void *s, unsigned long n) {
  record(s, n, false, false);
  record(d, n, true, false);
  return memmove(d, s, n);
}
void __tsan_atomic_thread_fence(int) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
void __tsan_atomic_signal_fence(int) { __atomic_signal_fence(__ATOMIC_SEQ_CST); }

#define AO_ATOMIC(bits, T)                                                                         \
  T __tsan_atomic##bits##_load(const volatile T *a, int) {                                         \
    record(a, sizeof(T), false, true);                                                             \
    return __atomic_load_n(a, __ATOMIC_SEQ_CST);                                                   \
  }                                                                                                \
  void __tsan_atomic##bits##_store(volatile T *a, T v, int) {                                      \
    record(a, sizeof(T), true, true);                                                              \
    __atomic_store_n(a, v, __ATOMIC_SEQ_CST);                                                      \
  }                                                                                                \
  T __tsan_atomic##bits##_exchange(volatile T *a, T v, int) {                                      \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);                                            \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_add(volatile T *a, T v, int) {                                     \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);                                             \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_sub(volatile T *a, T v, int) {                                     \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST);                                             \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_and(volatile T *a, T v, int) {                                     \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST);                                             \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_or(volatile T *a, T v, int) {                                      \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST);                                              \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_xor(volatile T *a, T v, int) {                                     \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST);                                             \
  }                                                                                                \
  T __tsan_atomic##bits##_fetch_nand(volatile T *a, T v, int) {                                    \
    record(a, sizeof(T), true, true);                                                              \
    return __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST);                                            \
  }                                                                                                \
  T __tsan_atomic##bits##_compare_exchange_val(volatile T *a, T c, T v, int, int) {                \
    record(a, sizeof(T), true, true);                                                              \
    __atomic_compare_exchange_n(a, &c, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);              \
    return c;                                                                                      \
  }
AO_ATOMIC(8, uint8_t)
AO_ATOMIC(16, uint16_t)
AO_ATOMIC(32, uint32_t)
AO_ATOMIC(64, uint64_t)

// critical and ordered: forwarded to libomp, their accesses marked.
#define AO_FORWARD(name, params, args, before, after)                                              \
  void name params {                                                                               \
    typedef void(*Fn) params;                                                                      \
    static Fn real = (Fn)dlsym(RTLD_NEXT, #name);                                                  \
    before;                                                                                        \
    if (real)                                                                                      \
      real args;                                                                                   \
    after;                                                                                         \
  }
AO_FORWARD(__kmpc_critical, (void *loc, int32_t gtid, void *crit), (loc, gtid, crit), , ++syncDepth)
AO_FORWARD(__kmpc_critical_with_hint, (void *loc, int32_t gtid, void *crit, uint32_t hint),
           (loc, gtid, crit, hint), , ++syncDepth)
AO_FORWARD(__kmpc_end_critical, (void *loc, int32_t gtid, void *crit), (loc, gtid, crit), --syncDepth, )
AO_FORWARD(__kmpc_ordered, (void *loc, int32_t gtid), (loc, gtid), , ++syncDepth)

// libomp's allocator, called by the code clang emits for an `allocate`
// clause: what it returns while a loop runs is that loop's private memory.
void *__kmpc_alloc(int gtid, size_t size, void *allocator) {
  typedef void *(*Fn)(int, size_t, void *);
  static Fn real = (Fn)dlsym(RTLD_NEXT, "__kmpc_alloc");
  void *p = real ? real(gtid, size, allocator) : nullptr;
  if (p && !active.empty())
    privateAllocations.push_back({uintptr_t(p), uintptr_t(p) + size});
  return p;
}
void __kmpc_free(int gtid, void *p, void *allocator) {
  typedef void (*Fn)(int, void *, void *);
  static Fn real = (Fn)dlsym(RTLD_NEXT, "__kmpc_free");
  // Kept in the list until the loop ends: an access recorded after the
  // free would be the program's own bug, not a shared access.
  if (real)
    real(gtid, p, allocator);
}
AO_FORWARD(__kmpc_end_ordered, (void *loc, int32_t gtid), (loc, gtid), --syncDepth, )

} // extern "C"

#else // AO_PLAIN

extern "C" {
void __ao_loop_begin(int) {}
void __ao_loop_end(int) {}
void __ao_iter(int, void *) {}
}

#endif

namespace {
void onAlarm(int) {
  static const char msg[] = "ao_runtime: time limit\n";
  ssize_t r = write(2, msg, sizeof msg - 1);
  (void)r;
  _exit(124);
}
} // namespace

// harness FUNCTION-INDEX VALUES... (each VALUES is v1,v2,... for one call)
int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FUNCTION-INDEX [v1,v2,...]...\n", argv[0]);
    return 2;
  }
#ifndef AO_PLAIN
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *lo;
    size_t size;
    pthread_attr_getstack(&attr, &lo, &size);
    stackLo = uintptr_t(lo);
    pthread_attr_destroy(&attr);
  }
  results = stdout;
#endif
  signal(SIGALRM, onAlarm);
  alarm(getenv("AO_TIME_LIMIT") ? unsigned(atoi(getenv("AO_TIME_LIMIT"))) : 20);
  int index = atoi(argv[1]), count = 0;
  while (__ao_functions[count].name)
    ++count;
  if (index < 0 || index >= count) {
    fprintf(stderr, "%s: no function %d (the harness has %d)\n", argv[0], index, count);
    return 2;
  }
  const __ao_function &fn = __ao_functions[index];
  for (int c = 2; c < argc || (c == 2 && argc == 2); ++c) {
    std::vector<long> values;
    if (c < argc) {
      const char *p = argv[c];
      while (*p) {
        char *end;
        values.push_back(strtol(p, &end, 10));
        p = *end == ',' ? end + 1 : end;
        if (end == p && *p)
          break;
      }
    }
    values.resize(size_t(fn.slots > 0 ? fn.slots : 1), 4);
    for (void *b : blocks)
      free(b);
    blocks.clear();
    regions.clear();
    seed = 12345;
    __ao_globals();
    printf("call %s%s%s\n", fn.name, c < argc ? " " : "", c < argc ? argv[c] : "");
    fflush(stdout);
    fn.call(values.data());
    printf("returned\n");
    fflush(stdout);
  }
  return 0;
}
