#include "polyhedral/Polynomial.h"

#include "model/Evaluate.h"

#include <algorithm>

namespace adjoint_lint::polyhedral {

using model::IndexExpr;

bool LinearForm::isConstant() const {
  return std::all_of(coeffs.begin(), coeffs.end(), [](const auto &c) { return c.second == 0; });
}

LinearForm LinearForm::scaled(int64_t factor) const {
  LinearForm out;
  for (const auto &[name, c] : coeffs)
    if (c * factor != 0)
      out.coeffs[name] = c * factor;
  out.constant = constant * factor;
  return out;
}

LinearForm LinearForm::plus(const LinearForm &other) const {
  LinearForm out = *this;
  for (const auto &[name, c] : other.coeffs) {
    out.coeffs[name] += c;
    if (out.coeffs[name] == 0)
      out.coeffs.erase(name);
  }
  out.constant += other.constant;
  return out;
}

IndexExpr LinearForm::toIndexExpr() const {
  std::optional<IndexExpr> sum;
  // Adds c * term (term empty: the constant c), writing `- |c| * term` for c < 0.
  auto addTerm = [&sum](int64_t c, std::optional<IndexExpr> term) {
    int64_t magnitude = c < 0 ? -c : c;
    IndexExpr t = !term ? IndexExpr::constant(magnitude)
                  : magnitude == 1 ? *term
                                   : IndexExpr::binary(IndexExpr::Kind::Mul, IndexExpr::constant(magnitude), *term);
    if (!sum)
      sum = c < 0 ? (term ? IndexExpr::neg(t) : IndexExpr::constant(c)) : t;
    else
      sum = IndexExpr::binary(c < 0 ? IndexExpr::Kind::Sub : IndexExpr::Kind::Add, std::move(*sum), t);
  };
  for (const auto &[name, c] : coeffs)
    addTerm(c, IndexExpr::var(name));
  if (constant != 0 || !sum)
    addTerm(constant, std::nullopt);
  return *sum;
}

namespace {

Polynomial scalePolynomial(const Polynomial &p, int64_t factor) {
  Polynomial out;
  for (const auto &[m, c] : p)
    out[m] = c.scaled(factor);
  return out;
}

Polynomial addPolynomials(Polynomial a, const Polynomial &b) {
  for (const auto &[m, c] : b)
    a[m] = a[m].plus(c);
  return a;
}

/// (sum a_m * m) * (sum b_k * k); nullopt when two coefficients that both
/// involve iterators would multiply.
std::optional<Polynomial> multiplyPolynomials(const Polynomial &a, const Polynomial &b) {
  Polynomial out;
  for (const auto &[ma, ca] : a)
    for (const auto &[mb, cb] : b) {
      Monomial m = ma;
      m.insert(m.end(), mb.begin(), mb.end());
      std::sort(m.begin(), m.end());
      LinearForm term;
      if (ca.isConstant())
        term = cb.scaled(ca.constant);
      else if (cb.isConstant())
        term = ca.scaled(cb.constant);
      else
        return std::nullopt;
      out[m] = out[m].plus(term);
    }
  return out;
}

} // namespace

std::optional<Polynomial> expandPolynomial(const IndexExpr &e, const std::set<std::string> &parameters) {
  switch (e.kind) {
  case IndexExpr::Kind::Const: {
    LinearForm c;
    c.constant = e.value;
    return Polynomial{{Monomial{}, c}};
  }
  case IndexExpr::Kind::Var: {
    LinearForm c;
    if (parameters.count(e.name)) {
      c.constant = 1;
      return Polynomial{{Monomial{e.name}, c}};
    }
    c.coeffs[e.name] = 1;
    return Polynomial{{Monomial{}, c}};
  }
  case IndexExpr::Kind::Neg: {
    auto a = expandPolynomial(e.ops.at(0), parameters);
    return a ? std::optional<Polynomial>(scalePolynomial(*a, -1)) : std::nullopt;
  }
  case IndexExpr::Kind::Add:
  case IndexExpr::Kind::Sub:
  case IndexExpr::Kind::Mul: {
    auto a = expandPolynomial(e.ops.at(0), parameters);
    auto b = expandPolynomial(e.ops.at(1), parameters);
    if (!a || !b)
      return std::nullopt;
    if (e.kind == IndexExpr::Kind::Mul)
      return multiplyPolynomials(*a, *b);
    return addPolynomials(*a, e.kind == IndexExpr::Kind::Add ? *b : scalePolynomial(*b, -1));
  }
  default:
    return std::nullopt;
  }
}

std::optional<std::vector<std::string>> monomialChain(const std::set<Monomial> &monomials) {
  std::vector<Monomial> bySize(monomials.begin(), monomials.end());
  std::stable_sort(bySize.begin(), bySize.end(),
                   [](const Monomial &a, const Monomial &b) { return a.size() < b.size(); });
  std::vector<std::string> added;
  Monomial previous;
  for (const Monomial &m : bySize) {
    if (m.empty())
      continue;
    if (m.size() != previous.size() + 1 ||
        !std::includes(m.begin(), m.end(), previous.begin(), previous.end()))
      return std::nullopt;
    Monomial rest;
    std::set_difference(m.begin(), m.end(), previous.begin(), previous.end(), std::back_inserter(rest));
    added.push_back(rest.at(0));
    previous = m;
  }
  return added;
}

std::optional<int64_t> foldConstant(const IndexExpr &e) { return evaluate(e, {}); }

} // namespace adjoint_lint::polyhedral
