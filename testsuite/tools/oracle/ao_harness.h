/* The dynamic oracle's harness interface (testsuite/tools/oracle.py,
 * docs/robustness.md). Generated harnesses (tools/oracle-instrument)
 * include it before the source under test; ao_runtime.cpp implements it. */
#ifndef AO_HARNESS_H
#define AO_HARNESS_H
#include <stddef.h>
#include <string.h>
#ifdef __cplusplus
extern "C" {
#endif
enum { AO_FLOAT = 1, AO_INT = 2, AO_ZERO = 3 };
/* Markers inserted around OpenMP loops and at the start of each iteration. */
void __ao_loop_begin(int id);
void __ao_loop_end(int id);
void __ao_iter(int id, void *frame);
/* Test data: a zeroed 1 MiB block filled by kind, named for the report;
 * the pointer is in its middle, so small negative subscripts stay inside. */
void *__ao_buffer(const char *name, int kind, size_t element_size);
/* An array of row pointers, each to a buffer as above (double **a). */
void *__ao_rows(const char *name, int kind, size_t element_size);
/* Names memory that the harness did not allocate (globals, vectors). */
void __ao_region(const char *name, const void *p, size_t size);
struct __ao_function {
  const char *name;
  int slots;
  void (*call)(const long *);
};
extern const struct __ao_function __ao_functions[];
void __ao_globals(void);
#ifdef __cplusplus
}
#include <type_traits>
#include <vector>
template <class T> void __ao_fill_vector(std::vector<T> &v, const char *name) {
  if constexpr (std::is_arithmetic_v<T>) {
    v.assign(4096, T());
    for (size_t i = 0; i < v.size(); ++i)
      v[i] = std::is_floating_point_v<T> ? T((i * 7919 % 1000) / 1000.0) : T(i % 4);
    __ao_region(name, v.data(), v.size() * sizeof(T));
  } else {
    v.resize(64);
    for (auto &e : v) {
      if constexpr (std::is_same_v<T, std::vector<typename T::value_type>>)
        __ao_fill_vector(e, name);
    }
  }
}
#endif
#endif
