// A template instantiated several times: each instantiation is a loop of
// its own (K = 1 is race-free, K = 0 writes one element from every
// iteration), and none crashes.
// RUN: %expect-exit 1 %adjoint-lint --format=json %s -- -fopenmp -std=c++17 > %t.json
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); v=sorted(l['forward_race']['verdict'] for l in d['loops']); assert 'race' in v and 'none' in v and len(v) >= 3, v" %t.json
template <int K, typename T> void scale(int n, T *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[K * i] = x[K * i] * T(2);
}

void use(int n, double *a, float *b, double *c) {
  scale<1>(n, a);
  scale<1>(n, b);
  scale<0>(n, c);
  scale<2>(n, a);
}
