// Polynomial view of linearised subscripts, for delinearisation.
//
// `x[(i * n + j) * m + k]` expands to  n*m*(i) + m*(j) + 1*(k): a polynomial
// in the parameters whose coefficients are affine in the iterators. If the
// monomials of all accesses to x form a chain {} < {m} < {m, n}, the
// coefficients are the subscripts of a delinearised x[i][j][k] with inner
// extents n and m (the deciders still have to prove 0 <= j < n, 0 <= k < m).
// Pure C++: no isl here.
#pragma once

#include "model/LoopModel.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace adjoint_lint::polyhedral {

/// An affine form over iterator names: sum coeffs[name] * name + constant.
struct LinearForm {
  std::map<std::string, int64_t> coeffs;
  int64_t constant = 0;

  bool isConstant() const;
  LinearForm scaled(int64_t factor) const;
  LinearForm plus(const LinearForm &other) const;
  model::IndexExpr toIndexExpr() const;
};

/// A product of parameters, as their sorted names (with repetition).
using Monomial = std::vector<std::string>;
using Polynomial = std::map<Monomial, LinearForm>;

/// Expands `e` into a polynomial in `parameters`; every other name is an
/// iterator and may only appear in coefficients. nullopt for divisions,
/// remainders, min/max, opaque parts and products of two iterator terms.
std::optional<Polynomial> expandPolynomial(const model::IndexExpr &e,
                                           const std::set<std::string> &parameters);

/// If `monomials` (the empty monomial implied) form a chain in which each
/// step adds one parameter, the added parameters, innermost step first:
/// {{}, {m}, {m, n}} gives {m, n}. nullopt otherwise.
std::optional<std::vector<std::string>> monomialChain(const std::set<Monomial> &monomials);

/// The value of `e` if it contains no names.
std::optional<int64_t> foldConstant(const model::IndexExpr &e);

} // namespace adjoint_lint::polyhedral
