// A struct passed by value is one shared object of the loop: its array
// member s.w (extent 10 from the member's type) is shared, and
// s.w[i + 1] = s.w[i] races.
// RUN: not %adjoint-lint %s -- -fopenmp | FileCheck %s
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck --check-prefix=JSON %s
// RUN: %adjoint-lint --dump-model %s -- -fopenmp | %python %S/../frontend/Inputs/model_lines.py | FileCheck --check-prefix=MODEL %s
struct state {
  double w[10];
};
void f(struct state s) {
// JSON: loop [[@LINE+1]] parallel for: forward_race=race
#pragma omp parallel for
  for (int i = 0; i < 9; i++)
    s.w[i + 1] = s.w[i];
  // CHECK: :[[@LINE-1]]:5: warning: write to 's.w' races with a read in another iteration: {{.*}} [adjoint-lint-forward-race]
  // JSON: s.w: active=yes forward_race=race
  // JSON-NEXT: forward_race witness: iterations=i=[[A:[0-9]+]] i=[[B:[0-9]+]] element=[{{[0-9]+}}]
  // MODEL: var s.w: rank=1 extents=[10] type=double floating sharing=shared
  // MODEL-NOT: assumption
}
