// Suppression comments for nolint.test (which pins the line numbers).
void bare(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i]; // NOLINT
}

void named(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i]; // NOLINT(adjoint-lint-forward-race)
}

void glob(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i]; // NOLINT(adjoint-lint-forward-*)
}

// Another rule: reported.
void other_rule(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i]; // NOLINT(adjoint-lint-shared-adjoint)
}

// The last matching glob decides: reported.
void negative_glob(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i]; // NOLINT(adjoint-lint-*,-adjoint-lint-forward-race)
}

void next_line(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    // NOLINTNEXTLINE(adjoint-lint-forward-race)
    x[i + 1] = x[i];
}

// Two lines above the finding: reported.
void next_line_too_far(int n, double *x) {
#pragma omp parallel for
  // NOLINTNEXTLINE(adjoint-lint-forward-race)
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i];
}

// NOLINTBEGIN(adjoint-lint-shared-adjoint)
void region(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i] + x[i + 1];
}
// NOLINTEND(adjoint-lint-shared-adjoint)

// NOLINTBEGIN
void region_all(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i] + x[i + 1];
}
// NOLINTEND

// Outside every region: reported.
void after_region(int n, const double *x, double *y) {
#pragma omp parallel for
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i] + x[i + 1];
}

// Mismatched lists: both are errors and nothing is suppressed.
// NOLINTBEGIN(adjoint-lint-forward-race)
void mismatched(int n, double *x) {
#pragma omp parallel for
  for (int i = 0; i < n - 1; i++)
    x[i + 1] = x[i];
}
// NOLINTEND(adjoint-lint-*)
