// A C++ method over std::vector members: the implicit-this members a and b
// (named without `this->`) are distinct vectors of one object, so
// b[i] = a[i] * 2 is race-free and exclusive, with no overlap assumption;
// the member n bounds the loop as a parameter.
// RUN: %adjoint-lint %s -- -fopenmp -std=c++17 | FileCheck --allow-empty --check-prefix=TEXT %s
// RUN: %adjoint-lint --format=json %s -- -fopenmp -std=c++17 | %verdicts | FileCheck %s
#include <vector>
struct Scaler {
  int n;
  std::vector<double> a, b;
  void run() {
// CHECK: loop [[@LINE+1]] parallel for: forward_race=none
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      b[i] = a[i] * 2;
    // CHECK-NEXT: b: active=yes forward_race=none exclusive_read=holds {{.*}} strategy=plain
    // CHECK-NEXT: a: active=yes forward_race=none exclusive_read=holds {{.*}} strategy=plain
    // CHECK-NOT: assumption
    // TEXT-NOT: warning
  }
};
void use(Scaler &s) { s.run(); }
