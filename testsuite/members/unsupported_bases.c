// Member accesses whose object is not a variable, `this` or a member chain
// of them stay unsupported, with the reason: an element of an array of
// structs, a call's result, a union's members (they share storage), and a
// local pointer that may point into another object.
// RUN: %adjoint-lint --fail-on=none --format=json %s -- -fopenmp | %verdicts | FileCheck %s
struct grid {
  double u[8];
};
union both {
  double d[8];
  long l[8];
};
struct grid make(void);
void f(struct grid *arr, int k, union both *b, struct grid *g, int n) {
// CHECK: loop [[@LINE+2]] parallel for: forward_race=unknown
// CHECK-NEXT: reason: member access arr[k].u is not modelled: its object arr[k] is an array element
#pragma omp parallel for
  for (int i = 0; i < 8; i++)
    arr[k].u[i] = 0.0;
// CHECK: loop [[@LINE+2]] parallel for: forward_race=unknown
// CHECK-NEXT: reason: {{.*}}member access make().u is not modelled: its object is returned by the call make()
#pragma omp parallel for
  for (int i = 0; i < 8; i++)
    g->u[i] = make().u[i];
// CHECK: loop [[@LINE+2]] parallel for: forward_race=unknown
// CHECK-NEXT: reason: member access b->d is not modelled: the members of a union share their storage
#pragma omp parallel for
  for (int i = 0; i < 8; i++)
    b->d[i] = 1.0;
  struct grid *h = g;
// CHECK: loop [[@LINE+2]] parallel for: forward_race=unknown
// CHECK-NEXT: reason: {{.*}}h->u may alias g (through h)
#pragma omp parallel for
  for (int i = 0; i < 7; i++)
    h->u[i] = g->u[i + 1];
}
