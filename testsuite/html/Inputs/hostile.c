/* Hostile text: </script><script>window.__pwned = 1; alert(1)</script>
 * <img src=x onerror="window.__pwned = 2"> "quotes" & 'apostrophes' &amp; */
int idx(const char *s);
const char *banner = "</script><script>window.__pwned = 3; alert(3)</script>";

void racy(int n, double *x) {
#pragma omp parallel for
  for (int i = 1; i < n; i++)
    x[i] = x[i - 1] + 1.0; // <b onmouseover="window.__pwned = 4">bold</b> & "more"
}

void opaque(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[idx("<img src=x onerror=alert(5)>")] = 1.0;
}
