#include "reports/AccessPattern.h"

#include "model/Evaluate.h"

#include <algorithm>
#include <set>

namespace adjoint_lint::reports {

using model::Access;
using model::AccessKind;
using model::Condition;
using model::IndexExpr;
using model::LoopModel;
using model::Values;

namespace {

constexpr size_t kMaxRows = 12;
constexpr size_t kMaxColumns = 16;
constexpr int64_t kMaxInnerTrips = 64;
/// Access executions evaluated for one picture (all rows, all inner loops).
constexpr size_t kMaxExecutions = 200000;
/// The picture stays about this wide (pixels; HtmlReport's cell width).
constexpr double kTargetWidth = 760;

/// Whether `v` is a value of the loop `h` (given the outer values).
std::optional<bool> inLoop(const model::LoopHeader &h, int64_t v, const Values &values) {
  std::optional<int64_t> lower = evaluate(h.lower, values), bound = evaluate(h.bound, values);
  if (!lower || !bound || h.step == 0)
    return std::nullopt;
  if (h.step > 0 ? v < *lower : v > *lower)
    return false;
  if (!compare(h.op, v, *bound))
    return false;
  int64_t distance = h.step > 0 ? v - *lower : *lower - v;
  int64_t step = h.step > 0 ? h.step : -h.step;
  return distance % step == 0;
}

std::string valuesLabel(const LoopModel &m, const Values &values) {
  std::string out;
  for (const model::LoopHeader &h : m.iterators)
    if (auto it = values.find(h.iterator); it != values.end())
      out += (out.empty() ? "" : ", ") + h.iterator + "=" + std::to_string(it->second);
  return values.size() > 1 ? "(" + out + ")" : out;
}

/// What one row does to one cell.
struct Cell {
  bool read = false, write = false;    // unsynchronised
  bool countedRead = false;            // a read that counts for exclusive read
  bool syncRead = false, syncWrite = false;
  bool witness = false;
};

class PatternBuilder {
public:
  PatternBuilder(const LoopModel &m, int variable, const model::Witness &w, PatternMode mode)
      : m_(m), var_(variable), w_(w), mode_(mode) {}

  std::optional<AccessPattern> build() {
    if (w_.iterations.size() != 2 || m_.iterators.empty() || var_ < 0 ||
        var_ >= static_cast<int>(m_.variables.size()))
      return std::nullopt;
    // The witness's iterations, by the parallel iterators only.
    for (size_t k = 0; k < 2; ++k) {
      Values it;
      for (const model::LoopHeader &h : m_.iterators)
        if (auto f = w_.iterations[k].find(h.iterator); f != w_.iterations[k].end())
          it[h.iterator] = f->second;
      witness_[k] = it;
    }
    p_.variable = m_.variables[static_cast<size_t>(var_)].name;
    p_.parameters = w_.parameters;
    widenParameters();
    p_.rows = chooseRows();
    for (size_t r = 0; r < p_.rows.size(); ++r)
      for (size_t k = 0; k < m_.accesses.size(); ++k)
        if (m_.accesses[k].variable == var_) {
          countedRead_ = !m_.isUpdateReadHalf(static_cast<int>(k));
          execute(r, m_.accesses[k]);
        }
    addWitness();
    return finish();
  }

private:
  Values rowValues(const Values &iteration) const {
    Values v = p_.parameters;
    for (const auto &[name, value] : iteration)
      v[name] = value;
    return v;
  }

  /// Whether an iteration vector lies in the loop's iteration space;
  /// nullopt when a bound cannot be evaluated.
  std::optional<bool> valid(const Values &iteration) const {
    Values v = p_.parameters;
    for (const model::LoopHeader &h : m_.iterators) {
      auto it = iteration.find(h.iterator);
      if (it == iteration.end())
        return std::nullopt;
      std::optional<bool> in = inLoop(h, it->second, v);
      if (!in || !*in)
        return in;
      v[h.iterator] = it->second;
    }
    return true;
  }

  static void namesIn(const IndexExpr &e, std::set<std::string> &out) {
    if (e.kind == IndexExpr::Kind::Var)
      out.insert(e.name);
    for (const IndexExpr &o : e.ops)
      namesIn(o, out);
  }
  static void namesIn(const Condition &c, std::set<std::string> &out) {
    for (const IndexExpr &o : c.operands)
      namesIn(o, out);
    for (const Condition &k : c.children)
      namesIn(k, out);
  }

  /// A witness found with tiny parameter values (n=3) makes a tiny
  /// picture. Parameters that only bound the parallel loop (no subscript,
  /// inner loop or guard uses them) may grow as long as both witness
  /// iterations stay in the loop: the picture is then the same conflict in
  /// a larger instance, whose values the caption names.
  void widenParameters() {
    std::set<std::string> used, bounds;
    for (const Access &a : m_.accesses)
      for (const IndexExpr &e : a.subscripts)
        namesIn(e, used);
    for (const model::Scope &sc : m_.scopes) {
      namesIn(sc.loop.lower, used);
      namesIn(sc.loop.bound, used);
      namesIn(sc.guard, used);
    }
    for (const model::Variable &v : m_.variables)
      for (const auto &e : v.extents)
        if (e)
          namesIn(*e, used);
    for (const model::LoopHeader &h : m_.iterators) {
      namesIn(h.lower, bounds);
      namesIn(h.bound, bounds);
    }
    std::vector<std::string> free;
    for (const std::string &name : bounds)
      if (!used.count(name) && w_.parameters.count(name))
        free.push_back(name);
    if (free.empty())
      return;
    const Values original = p_.parameters;
    size_t best = chooseRows().size();
    Values bestValues = original;
    for (int64_t delta = 1; delta <= 8; ++delta) {
      p_.parameters = original;
      bool overflow = false;
      for (const std::string &name : free)
        overflow |= __builtin_add_overflow(original.at(name), delta, &p_.parameters[name]);
      if (overflow)
        break;
      std::optional<bool> v0 = valid(witness_[0]), v1 = valid(witness_[1]);
      if (!v0 || !*v0 || !v1 || !*v1)
        continue;
      size_t rows = chooseRows().size();
      if (rows > best) {
        best = rows;
        bestValues = p_.parameters;
      }
    }
    p_.parameters = bestValues;
    p_.partial = p_.truncated = false; // the chooseRows() above only tried
  }

  std::vector<Values> chooseRows() {
    const Values &w0 = witness_[0], &w1 = witness_[1];
    const size_t dims = m_.iterators.size();
    // Candidate values per iterator: around the two witness values, wider
    // for the innermost (fastest-varying) one.
    std::vector<std::vector<int64_t>> candidates(dims);
    for (size_t d = 0; d < dims; ++d) {
      const std::string &name = m_.iterators[d].iterator;
      auto a = w0.find(name), b = w1.find(name);
      if (a == w0.end() || b == w1.end())
        return {w0, w1}; // the witness does not name this iterator: only its rows
      int64_t lo = std::min(a->second, b->second), hi = std::max(a->second, b->second);
      int64_t step = m_.iterators[d].step > 0 ? m_.iterators[d].step : -m_.iterators[d].step;
      if (step == 0)
        step = 1;
      int64_t pad = (d + 1 == dims ? 2 : (lo == hi ? 1 : 0)) * step;
      std::set<int64_t> values;
      auto around = [&](int64_t c, int64_t before, int64_t after) {
        for (int64_t x = c - before; x <= c + after; x += step)
          values.insert(x);
      };
      if (hi - lo <= 6 * step) {
        around(lo, pad, 0);
        for (int64_t x = lo; x <= hi; x += step)
          values.insert(x);
        around(hi, 0, pad);
      } else {
        around(lo, pad / 2, pad / 2);
        around(hi, pad / 2, pad / 2);
      }
      candidates[d].assign(values.begin(), values.end());
    }
    // The product, in lexicographic order, restricted to the iteration space.
    std::vector<Values> rows;
    std::vector<size_t> index(dims, 0);
    while (true) {
      Values it;
      for (size_t d = 0; d < dims; ++d)
        it[m_.iterators[d].iterator] = candidates[d][index[d]];
      std::optional<bool> ok = valid(it);
      if (!ok)
        p_.partial = true; // a bound that cannot be evaluated: not shown
      if ((ok && *ok) || it == w0 || it == w1)
        rows.push_back(it);
      size_t d = dims;
      while (d > 0 && ++index[d - 1] == candidates[d - 1].size())
        index[--d] = 0;
      if (d == 0)
        break;
      if (rows.size() > 4096)
        break;
    }
    // Keep at most kMaxRows, around the two witness rows.
    auto order = [&](const Values &a, const Values &b) {
      for (const model::LoopHeader &h : m_.iterators)
        if (a.at(h.iterator) != b.at(h.iterator))
          return a.at(h.iterator) < b.at(h.iterator);
      return false;
    };
    std::sort(rows.begin(), rows.end(), order);
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.size() > kMaxRows) {
      p_.truncated = true;
      size_t i0 = static_cast<size_t>(std::find(rows.begin(), rows.end(), w0) - rows.begin());
      size_t i1 = static_cast<size_t>(std::find(rows.begin(), rows.end(), w1) - rows.begin());
      std::vector<Values> kept;
      for (size_t radius = kMaxRows; radius-- > 0;) {
        kept.clear();
        for (size_t k = 0; k < rows.size(); ++k)
          if ((k + radius >= i0 && k <= i0 + radius) || (k + radius >= i1 && k <= i1 + radius))
            kept.push_back(rows[k]);
        if (kept.size() <= kMaxRows)
          break;
      }
      rows = kept;
    }
    if (rows.empty())
      rows = {w0, w1};
    return rows;
  }

  /// Runs access `a` in row `r`: every inner-loop instance under its guards.
  void execute(size_t r, const Access &a) {
    std::vector<int> chain = a.scope >= 0 ? m_.scopeChain(a.scope) : std::vector<int>{};
    Values values = rowValues(p_.rows[r]);
    enumerate(r, a, chain, 0, values);
  }

  void enumerate(size_t r, const Access &a, const std::vector<int> &chain, size_t k, Values &values) {
    if (k == chain.size()) {
      if (++executions_ > kMaxExecutions) {
        p_.partial = true;
        return;
      }
      std::vector<int64_t> element;
      for (const IndexExpr &s : a.subscripts) {
        std::optional<int64_t> v = evaluate(s, values);
        if (!v) {
          p_.partial = true;
          return;
        }
        element.push_back(*v);
      }
      Cell &c = cells_[{r, element}];
      bool sync = a.sync != model::Sync::None;
      if (a.kind == AccessKind::Write)
        (sync ? c.syncWrite : c.write) = true;
      else {
        (sync ? c.syncRead : c.read) = true;
        if (!sync && countedRead_)
          c.countedRead = true;
      }
      return;
    }
    if (chain[k] < 0 || chain[k] >= static_cast<int>(m_.scopes.size())) {
      p_.partial = true;
      return;
    }
    const model::Scope &s = m_.scopes[static_cast<size_t>(chain[k])];
    if (s.kind == model::Scope::Kind::Guard) {
      std::optional<bool> holds = evaluate(s.guard, values);
      if (!holds) {
        p_.partial = true;
        return;
      }
      if (*holds)
        enumerate(r, a, chain, k + 1, values);
      return;
    }
    const model::LoopHeader &h = s.loop;
    std::optional<int64_t> lower = evaluate(h.lower, values), bound = evaluate(h.bound, values);
    if (!lower || !bound || h.step == 0) {
      p_.partial = true;
      return;
    }
    const bool hadOuter = values.count(h.iterator) != 0;
    const int64_t outer = hadOuter ? values[h.iterator] : 0;
    int64_t trips = 0;
    for (int64_t v = *lower; compare(h.op, v, *bound); v += h.step) {
      if (++trips > kMaxInnerTrips) {
        p_.partial = true;
        break;
      }
      if (executions_ > kMaxExecutions)
        break;
      values[h.iterator] = v;
      enumerate(r, a, chain, k + 1, values);
      if ((h.step > 0 && v > INT64_MAX - h.step) || (h.step < 0 && v < INT64_MIN - h.step))
        break;
    }
    if (hadOuter)
      values[h.iterator] = outer;
    else
      values.erase(h.iterator);
  }

  /// The witness's two accesses are shown whatever the evaluation found.
  void addWitness() {
    for (size_t k = 0; k < 2; ++k) {
      auto row = std::find(p_.rows.begin(), p_.rows.end(), witness_[k]);
      if (row == p_.rows.end()) {
        p_.witnessShown = false;
        continue;
      }
      size_t r = static_cast<size_t>(row - p_.rows.begin());
      p_.witnessRows[k] = r;
      Cell &c = cells_[{r, w_.element}];
      c.witness = true;
      int index = k == 0 ? w_.firstAccess : w_.secondAccess;
      if (index >= 0 && index < static_cast<int>(m_.accesses.size())) {
        const Access &a = m_.accesses[static_cast<size_t>(index)];
        bool sync = a.sync != model::Sync::None;
        if (a.kind == AccessKind::Write)
          (sync ? c.syncWrite : c.write) = true;
        else
          (sync ? c.syncRead : c.read) = c.countedRead = true;
      }
    }
  }

  bool conflicting(const Cell &a, const Cell &b) const {
    if (mode_ == PatternMode::ExclusiveRead)
      return a.countedRead && b.countedRead;
    return (a.read || a.write) && (b.read || b.write) && (a.write || b.write);
  }

  AccessPattern finish() {
    // Columns: the cells touched, sorted; at most kMaxColumns around the
    // witness's element.
    std::set<std::vector<int64_t>> elements;
    for (const auto &[key, cell] : cells_)
      elements.insert(key.second);
    elements.insert(w_.element);
    std::vector<std::vector<int64_t>> columns(elements.begin(), elements.end());
    size_t at = static_cast<size_t>(std::find(columns.begin(), columns.end(), w_.element) - columns.begin());
    const unsigned rank = m_.variables[static_cast<size_t>(var_)].rank;
    auto labelOf = [&](const std::vector<int64_t> &e) {
      std::string label = p_.variable;
      if (rank > 0)
        for (int64_t x : e)
          label += "[" + std::to_string(x) + "]";
      return label;
    };
    // Fewer columns when their labels are long (a[1][2][3]).
    size_t longest = 4;
    for (const std::vector<int64_t> &e : columns)
      longest = std::max(longest, labelOf(e).size());
    const double cellWidth = std::max(36.0, 7.2 * static_cast<double>(longest) + 10);
    const size_t maxColumns =
        std::clamp(static_cast<size_t>(kTargetWidth / cellWidth), static_cast<size_t>(6), kMaxColumns);
    if (columns.size() > maxColumns) {
      p_.truncated = true;
      size_t first = at > maxColumns / 2 ? at - maxColumns / 2 : 0;
      first = std::min(first, columns.size() - maxColumns);
      columns = std::vector<std::vector<int64_t>>(columns.begin() + static_cast<long>(first),
                                                  columns.begin() + static_cast<long>(first + maxColumns));
      at -= first;
    }
    p_.columns = columns;
    p_.witnessColumn = at;
    for (const std::vector<int64_t> &e : columns)
      p_.columnLabels.push_back(labelOf(e));
    for (const Values &row : p_.rows)
      p_.rowLabels.push_back(valuesLabel(m_, row));
    for (size_t col = 0; col < columns.size(); ++col) {
      for (size_t r = 0; r < p_.rows.size(); ++r) {
        auto it = cells_.find({r, columns[col]});
        if (it == cells_.end())
          continue;
        const Cell &c = it->second;
        PatternTouch t;
        t.row = r;
        t.column = col;
        t.read = c.read || c.syncRead;
        t.write = c.write || c.syncWrite;
        t.synchronised = !c.read && !c.write;
        t.witness = c.witness;
        for (size_t other = 0; other < p_.rows.size() && !t.conflict; ++other) {
          if (other == r)
            continue;
          auto o = cells_.find({other, columns[col]});
          t.conflict = o != cells_.end() && conflicting(c, o->second);
        }
        if (t.witness)
          t.conflict = true;
        p_.touches.push_back(t);
      }
    }
    return p_;
  }

  const LoopModel &m_;
  int var_;
  const model::Witness &w_;
  PatternMode mode_;
  AccessPattern p_;
  std::map<std::pair<size_t, std::vector<int64_t>>, Cell> cells_;
  size_t executions_ = 0;
  /// Whether the access being executed counts as a read (not the read half
  /// of an update, LoopModel::isUpdateReadHalf).
  bool countedRead_ = true;
  Values witness_[2];
};

} // namespace

std::optional<AccessPattern> accessPattern(const LoopModel &loop, int variable,
                                           const model::Witness &witness, PatternMode mode) {
  return PatternBuilder(loop, variable, witness, mode).build();
}

} // namespace adjoint_lint::reports
