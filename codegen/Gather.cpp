// Gather loops from isl's AST generator.
//
// Before (the conventional reverse loop pushes; iterations collide on xb):
//   for (i = 1; i < n - 1; ++i) { xb[i - 1] += t * c; xb[i] += ...; xb[i + 1] += t * c; }
// After (one statement per read access k, scheduled at [R_k(i), k, i]):
//   #pragma omp parallel for
//   for (g0 = 0; g0 < n; ++g0)      // the element of xb
//     for (g1 ...)                  // the group k of reads
//       for (g2 ...)                // the iterations i with R_k(i) = g0
//         xb[g0] += contributions of the reads of group k at iteration i;
// A group holds the reads with the same element map over the same instances
// (isl proves the maps equal; one innermost loop): Burgers' four u[i] are one
// statement, its two u[i - 1] another.
// The loop over g0 is parallel: its iteration g0 writes xb[g0] only (checked
// below with isl). isl picks the bounds, splits core and boundary pieces and
// guards the tiny sizes: `separate` in 1-D; from 2-D up a schedule tree whose
// element band isolates the core (the elements every read touches, where the
// contributions need no guards) and generates the rest atomically.
#include "codegen/Gather.h"

#include "codegen/AdjointRules.h"

#include "polyhedral/AccessRelations.h"
#include "polyhedral/IslOwner.h"

#include <isl/ast.h>
#include <isl/ast_build.h>
#include <isl/id.h>
#include <isl/map.h>
#include <isl/schedule.h>
#include <isl/schedule_node.h>
#include <isl/set.h>
#include <isl/union_map.h>
#include <isl/union_set.h>

#include <cctype>
#include <cstdlib>
#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace adjoint_lint::codegen {

namespace {

using polyhedral::AccessRelation;
using polyhedral::Identity;
using polyhedral::LoopRelations;

std::string toC(__isl_keep isl_ast_expr *e) {
  char *s = isl_ast_expr_to_C_str(e);
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

/// Adds the C identifiers in `text` to `out`.
void collectIdentifiers(const std::string &text, std::set<std::string> &out) {
  for (size_t k = 0; k < text.size();) {
    unsigned char ch = static_cast<unsigned char>(text[k]);
    if (std::isalpha(ch) || ch == '_') {
      size_t end = k;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
        ++end;
      out.insert(text.substr(k, end - k));
      k = end;
    } else if (std::isdigit(ch)) {
      while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_' || text[k] == '.'))
        ++k;
    } else {
      ++k;
    }
  }
}

std::string idName(__isl_take isl_id *id) {
  std::string out = id ? isl_id_get_name(id) : "";
  isl_id_free(id);
  return out;
}

/// Prints the AST as C with `indent` spaces; loops over the first schedule
/// dimension (the element) get `omp parallel for`. isl names the parameters
/// p0, p1, ... and the AST build names the loop iterators g0, g1, ...; where
/// those names are taken by the source (a parameter called p0, an iterator
/// called g0), `prefix` renames them (p -> <prefix>p, g -> <prefix>g).
class AstPrinter {
public:
  AstPrinter(isl_ctx *ctx, const std::map<std::string, std::vector<int>> &statements,
             const std::map<std::string, std::vector<std::string>> &names, const GatherBody &body,
             size_t params, unsigned iterators, const std::string &prefix)
      : statements_(statements), names_(names), body_(body), prefix_(prefix) {
    if (prefix.empty())
      return;
    renames_ = isl_id_to_ast_expr_alloc(ctx, static_cast<int>(params + iterators));
    for (size_t p = 0; p < params; ++p)
      renames_ = isl_id_to_ast_expr_set(
          renames_, isl_id_alloc(ctx, ("p" + std::to_string(p)).c_str(), nullptr),
          isl_ast_expr_from_id(isl_id_alloc(ctx, (prefix + "p" + std::to_string(p)).c_str(), nullptr)));
    for (unsigned d = 0; d < iterators; ++d)
      renames_ = isl_id_to_ast_expr_set(
          renames_, isl_id_alloc(ctx, ("g" + std::to_string(d)).c_str(), nullptr),
          isl_ast_expr_from_id(isl_id_alloc(ctx, (prefix + "g" + std::to_string(d)).c_str(), nullptr)));
  }
  ~AstPrinter() { isl_id_to_ast_expr_free(renames_); }
  AstPrinter(const AstPrinter &) = delete;
  AstPrinter &operator=(const AstPrinter &) = delete;

  /// The name printed for isl's parameter or iterator `name`.
  std::string renamed(const std::string &name) const { return prefix_ + name; }

  /// `e` as C, with the renamed parameters and iterators.
  std::string c(__isl_keep isl_ast_expr *e) const {
    if (!renames_)
      return toC(e);
    isl_ast_expr *r = isl_ast_expr_substitute_ids(isl_ast_expr_copy(e), isl_id_to_ast_expr_copy(renames_));
    std::string out = toC(r);
    isl_ast_expr_free(r);
    return out;
  }

  /// Every identifier in the statement bodies (source names: arrays,
  /// scalars, parameters, iterators, temporaries).
  std::set<std::string> bodyIdentifiers;

  void print(__isl_keep isl_ast_node *node, unsigned indent) {
    std::string pad(indent, ' ');
    switch (isl_ast_node_get_type(node)) {
    case isl_ast_node_for: {
      isl_ast_expr *it = isl_ast_node_for_get_iterator(node);
      std::string islName = idName(isl_ast_expr_get_id(it));
      std::string name = renamed(islName);
      isl_ast_expr_free(it);
      isl_ast_expr *init = isl_ast_node_for_get_init(node);
      std::string initText = c(init);
      isl_ast_expr_free(init);
      isl_ast_node *body = isl_ast_node_for_get_body(node);
      if (isl_ast_node_for_is_degenerate(node) == isl_bool_true) {
        lines.push_back(pad + "{");
        lines.push_back(pad + "  const long " + name + " = " + initText + ";");
        print(body, indent + 2);
        lines.push_back(pad + "}");
      } else {
        isl_ast_expr *cond = isl_ast_node_for_get_cond(node), *inc = isl_ast_node_for_get_inc(node);
        if (islName == "g0")
          lines.push_back(pad + "#pragma omp parallel for");
        std::string incText = c(inc);
        lines.push_back(pad + "for (long " + name + " = " + initText + "; " + c(cond) + "; " +
                        (incText == "1" ? "++" + name : name + " += " + incText) + ") {");
        isl_ast_expr_free(cond);
        isl_ast_expr_free(inc);
        print(body, indent + 2);
        lines.push_back(pad + "}");
      }
      isl_ast_node_free(body);
      return;
    }
    case isl_ast_node_if: {
      isl_ast_expr *cond = isl_ast_node_if_get_cond(node);
      lines.push_back(pad + "if (" + c(cond) + ") {");
      isl_ast_expr_free(cond);
      isl_ast_node *then = isl_ast_node_if_get_then_node(node);
      print(then, indent + 2);
      isl_ast_node_free(then);
      if (isl_ast_node_if_has_else_node(node) == isl_bool_true) {
        lines.push_back(pad + "} else {");
        isl_ast_node *other = isl_ast_node_if_get_else_node(node);
        print(other, indent + 2);
        isl_ast_node_free(other);
      }
      lines.push_back(pad + "}");
      return;
    }
    case isl_ast_node_block: {
      isl_ast_node_list *children = isl_ast_node_block_get_children(node);
      isl_size n = isl_ast_node_list_n_ast_node(children);
      for (isl_size k = 0; k < n; ++k) {
        isl_ast_node *c = isl_ast_node_list_get_ast_node(children, k);
        print(c, indent);
        isl_ast_node_free(c);
      }
      isl_ast_node_list_free(children);
      return;
    }
    case isl_ast_node_mark: {
      isl_ast_node *c = isl_ast_node_mark_get_node(node);
      print(c, indent);
      isl_ast_node_free(c);
      return;
    }
    case isl_ast_node_user: {
      isl_ast_expr *call = isl_ast_node_user_get_expr(node);
      isl_ast_expr *fn = isl_ast_expr_op_get_arg(call, 0);
      std::string stmt = idName(isl_ast_expr_get_id(fn));
      isl_ast_expr_free(fn);
      auto found = statements_.find(stmt);
      if (found == statements_.end()) {
        isl_ast_expr_free(call);
        failed = "isl returned an unknown statement " + stmt;
        return;
      }
      const std::vector<std::string> &names = names_.at(stmt);
      std::vector<std::pair<std::string, std::string>> args;
      isl_size n = isl_ast_expr_op_get_n_arg(call);
      for (isl_size k = 1; k < n && args.size() < names.size(); ++k) {
        isl_ast_expr *a = isl_ast_expr_op_get_arg(call, k);
        args.emplace_back(names[args.size()], c(a));
        isl_ast_expr_free(a);
      }
      isl_ast_expr_free(call);
      lines.push_back(pad + "{");
      for (const std::string &l : body_(found->second, args))
        lines.push_back(pad + "  " + l);
      // The source's own names in the body: the same body with the isl
      // expressions replaced by 0.
      std::vector<std::pair<std::string, std::string>> zeros;
      for (const auto &arg : args)
        zeros.emplace_back(arg.first, "0");
      for (const std::string &l : body_(found->second, zeros))
        collectIdentifiers(l, bodyIdentifiers);
      lines.push_back(pad + "}");
      return;
    }
    default:
      failed = "unexpected isl AST node";
    }
  }

  std::vector<std::string> lines;
  std::string failed;

private:
  const std::map<std::string, std::vector<int>> &statements_;
  const std::map<std::string, std::vector<std::string>> &names_;
  const GatherBody &body_;
  std::string prefix_;
  isl_id_to_ast_expr *renames_ = nullptr;
};

/// Whether `name` is one of the names isl's parameters or iterators get
/// with `prefix`: <prefix>p<digits> or <prefix>g<digits>.
bool islStyleName(const std::string &name, const std::string &prefix) {
  if (name.size() < prefix.size() + 2 || name.compare(0, prefix.size(), prefix) != 0)
    return false;
  char kind = name[prefix.size()];
  if (kind != 'p' && kind != 'g')
    return false;
  for (size_t k = prefix.size() + 1; k < name.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(name[k])))
      return false;
  return true;
}

std::string dims(const char *prefix, unsigned n) {
  std::string out;
  for (unsigned k = 0; k < n; ++k)
    out += (k ? ", " : "") + std::string(prefix) + std::to_string(k);
  return out;
}

/// The schedule tree of a gather loop of rank >= 2: a band over the element
/// dimensions (permutable, every member coincident: the race proof above
/// shows that one element's iterations write that element only) above a
/// band [k, i, j, 0..] ordering the contributions within an element. The
/// element band isolates the core, the elements every read touches (there
/// every statement runs once per element or over loops whose bounds isl
/// computes, so the core loops need no guards), separated within, and
/// generates the boundary pieces around it atomically. Where no element is
/// touched by every read (no core for any parameter values), isl's default
/// options stay; `layout` says which.
__isl_give isl_schedule *isolatedSchedule(const isl::union_set &instances, const isl::union_map &elementOf,
                                          const isl::union_map &within, const isl::set &core, unsigned rank,
                                          std::string &layout) {
  isl_schedule *schedule = isl_schedule_from_domain(instances.copy());
  isl_schedule_node *node = isl_schedule_node_child(isl_schedule_get_root(schedule), 0);
  isl_schedule_free(schedule);
  node = isl_schedule_node_insert_partial_schedule(node, isl_multi_union_pw_aff_from_union_map(within.copy()));
  node = isl_schedule_node_insert_partial_schedule(node, isl_multi_union_pw_aff_from_union_map(elementOf.copy()));
  node = isl_schedule_node_band_set_permutable(node, 1);
  for (unsigned d = 0; d < rank; ++d)
    node = isl_schedule_node_band_member_set_coincident(node, static_cast<int>(d), 1);
  isl::set isolated = core.coalesce();
  if (isolated.is_empty()) {
    layout = "no element is read by every access, so the element loops keep isl's default AST options "
             "(bounds with min/max and guards)";
  } else {
    // { isolate[[] -> [e]] : e in core; [isolate[] -> separate[x]]; atomic[x] }
    isl_set *option = isl_set_set_tuple_name(isl_map_wrap(isl_map_from_range(isolated.copy())), "isolate");
    std::string rest = "{ [isolate[] -> separate[x]] : 0 <= x < " + std::to_string(rank) +
                       "; atomic[x] : 0 <= x < " + std::to_string(rank) + " }";
    isl_union_set *options = isl_union_set_union(isl_union_set_from_set(option),
                                                 isl_union_set_read_from_str(isolated.ctx().get(), rest.c_str()));
    node = isl_schedule_node_band_set_ast_build_options(node, options);
    char *text = isl_set_to_str(isolated.get());
    layout = std::string("the element loops isolate the core ") + (text ? text : "") +
             " (the elements every read touches) and generate the elements around it atomically";
    std::free(text);
  }
  schedule = isl_schedule_node_get_schedule(node);
  isl_schedule_node_free(node);
  return schedule;
}

bool build(isl::ctx ctx, const model::LoopModel &loop, int variable, const GatherBody &body,
           GatherLoop &out, std::string &why) {
  const std::string &name = loop.variables.at(static_cast<size_t>(variable)).name;
  LoopRelations rel(ctx, loop);
  if (!rel.exactParallelDomain()) {
    why = "the iterations of the parallel loop are not an exact integer set";
    return false;
  }
  const auto &vr = rel.variable(variable);
  if (vr.identity == Identity::Unknown) {
    why = "the elements of " + name + " cannot be told apart (" + vr.reason + ")";
    return false;
  }
  unsigned np = rel.parallelDims();
  isl_union_map *schedule = nullptr;       // { A_k[i, j] -> [e, k, i, j, 0..] }
  isl::union_map elementOf;                // { A_k[i, j] -> [e] }
  isl::union_map within;                   // { A_k[i, j] -> [k, i, j, 0..] }
  isl::union_set instances;                // { A_k[i, j] }
  isl::set core;                           // the elements every read touches
  isl_union_map *outerToElement = nullptr;
  std::map<std::string, std::vector<int>> statements; // tuple -> its group of reads
  std::map<std::string, std::vector<std::string>> names;
  unsigned rank = 0;
  unsigned order = 0;
  std::vector<int> reads;
  unsigned maxInner = 0;
  for (size_t k = 0; k < loop.accesses.size(); ++k) {
    const model::Access &a = loop.accesses[k];
    if (a.variable != variable)
      continue;
    if (a.kind != model::AccessKind::Read) {
      why = name + " is written in the loop";
      return false;
    }
    const AccessRelation &r = rel.access(static_cast<int>(k));
    if (!r.exactSubscripts) {
      why = "read '" + a.text + "' is not an exact affine access (" + r.inexactReason + ")";
      return false;
    }
    if (!r.inner.empty() && !r.exactDomain) {
      why = "the inner-loop instances of read '" + a.text + "' are not an exact integer set (" +
            r.inexactReason + ")";
      return false;
    }
    reads.push_back(static_cast<int>(k));
    maxInner = std::max<unsigned>(maxInner, static_cast<unsigned>(r.inner.size()));
  }
  // Subscript tuples instead of memory offsets where every read is proven
  // within the extents of the inner dimensions (then tuples and offsets
  // correspond one to one): readable loops over x[i][j], not offsets.
  const model::Variable &var = loop.variables.at(static_cast<size_t>(variable));
  bool useTuples = var.rank > 1;
  std::string box;
  for (size_t d = 1; d < var.rank && useTuples; ++d) {
    const std::optional<model::IndexExpr> &e = var.extents[d];
    std::string ext;
    if (e && e->kind == model::IndexExpr::Kind::Const)
      ext = std::to_string(e->value);
    for (size_t p = 0; e && e->kind == model::IndexExpr::Kind::Var && p < loop.parameters.size(); ++p)
      if (loop.parameters[p] == e->name)
        ext = "p" + std::to_string(p);
    if (ext.empty())
      useTuples = false;
    box += " and 0 <= s" + std::to_string(d) + " < " + ext;
  }
  std::string params;
  for (size_t p = 0; p < loop.parameters.size(); ++p)
    params += (p ? ", p" : "p") + std::to_string(p);
  for (int k : reads) {
    if (!useTuples)
      break;
    const AccessRelation &r = rel.access(k);
    if (isl_map_dim(r.index.get(), isl_dim_out) != static_cast<isl_size>(var.rank)) {
      useTuples = false;
      break;
    }
    std::string text = "[" + params + "] -> { [" + dims("s", var.rank) + "] : " + box.substr(5) + " }";
    isl_set *inBox = isl_set_read_from_str(ctx.get(), text.c_str());
    isl_set *range = isl_set_reset_tuple_id(isl_map_range(
        isl_map_intersect_domain(isl_map_copy(r.index.get()), isl_set_copy(r.domain.get()))));
    useTuples = isl_set_is_subset(range, inBox) == isl_bool_true;
    isl_set_free(range);
    isl_set_free(inBox);
  }
  // Groups: the reads in one innermost loop (the same statement instances)
  // whose element maps over their instances isl proves equal, tuple ids
  // reset. One gather statement per group, on its first read's tuple: the
  // element map of a group is each of its reads', so the race proof and the
  // core below are those of the reads.
  auto innermostLoop = [&](int access) {
    for (int s = loop.accesses.at(static_cast<size_t>(access)).scope; s >= 0;
         s = loop.scopes.at(static_cast<size_t>(s)).parent)
      if (loop.scopes.at(static_cast<size_t>(s)).kind == model::Scope::Kind::Loop)
        return s;
    return -1;
  };
  std::vector<std::vector<int>> groups;
  std::vector<isl::map> groupMaps;
  for (int k : reads) {
    const AccessRelation &r = rel.access(k);
    isl_map *m = isl_map_intersect_domain(isl_map_copy(useTuples ? r.index.get() : r.memory.get()),
                                          isl_set_copy(r.domain.get()));
    isl::map mk = isl::manage(isl_map_reset_tuple_id(isl_map_reset_tuple_id(m, isl_dim_out), isl_dim_in));
    size_t g = 0;
    for (; g < groups.size(); ++g)
      if (innermostLoop(groups[g].front()) == innermostLoop(k) &&
          isl_map_is_equal(groupMaps[g].get(), mk.get()) == isl_bool_true)
        break;
    if (g == groups.size()) {
      groups.emplace_back();
      groupMaps.push_back(mk);
    }
    groups[g].push_back(k);
  }
  for (const std::vector<int> &group : groups) {
    const AccessRelation &r = rel.access(group.front());
    unsigned ni = static_cast<unsigned>(r.inner.size());
    statements[r.tuple] = group;
    std::vector<std::string> &n = names[r.tuple];
    for (unsigned d = 0; d < np; ++d)
      n.push_back(loop.iterators[d].iterator);
    for (const std::string &in : r.inner)
      n.push_back(in);
    // { A_k[i, j] -> [e] } the element, { A_k[i, j] -> [k, i, j, 0..] } the
    // order within it (padded: every statement needs the same dimension)
    isl_map *element = isl_map_intersect_domain(
        isl_map_copy(useTuples ? r.index.get() : r.memory.get()), isl_set_copy(r.domain.get()));
    element = isl_map_reset_tuple_id(element, isl_dim_out);
    rank = static_cast<unsigned>(isl_map_dim(element, isl_dim_out));
    std::string vars = dims("i", np) + (np && ni ? ", " : "") + dims("j", ni);
    std::string tail = "{ " + r.tuple + "[" + vars + "] -> [" + std::to_string(order++) +
                       (vars.empty() ? "" : ", " + vars);
    for (unsigned d = ni; d < maxInner; ++d)
      tail += ", 0";
    tail += "] }";
    isl_map *order_k = isl_map_intersect_domain(isl_map_read_from_str(ctx.get(), tail.c_str()),
                                                isl_map_domain(isl_map_copy(element)));
    isl_map *sched = isl_map_flat_range_product(isl_map_copy(element), isl_map_copy(order_k));
    isl::map elementK = isl::manage(isl_map_copy(element));
    isl::map withinK = isl::manage(order_k);
    core = core.is_null() ? elementK.range() : core.intersect(elementK.range());
    instances = instances.is_null() ? isl::union_set(elementK.domain())
                                    : instances.unite(isl::union_set(elementK.domain()));
    elementOf = elementOf.is_null() ? isl::union_map(elementK) : elementOf.unite(isl::union_map(elementK));
    within = within.is_null() ? isl::union_map(withinK) : within.unite(isl::union_map(withinK));
    // { [e] -> [e'] }: the elements one iteration of the loops over e writes
    isl_map *written = isl_map_apply_range(isl_map_reverse(isl_map_copy(element)), element);
    schedule = schedule ? isl_union_map_union(schedule, isl_union_map_from_map(sched))
                        : isl_union_map_from_map(sched);
    outerToElement = outerToElement ? isl_union_map_union(outerToElement, isl_union_map_from_map(written))
                                    : isl_union_map_from_map(written);
  }
  if (!why.empty() || !schedule) {
    if (why.empty())
      why = name + " is not read in the loop";
    isl_union_map_free(schedule);
    isl_union_map_free(outerToElement);
    return false;
  }
  // Race freedom of the gather loop: every iteration of the loops over e
  // writes only element e (the deltas of { [e] -> [e'] } are all zero).
  isl_map *w = isl_map_from_union_map(outerToElement);
  isl_set *deltas = isl_map_deltas(w);
  std::string zero = "{ [" + std::string(rank ? "0" : "");
  for (unsigned d = 1; d < rank; ++d)
    zero += ", 0";
  zero += "] }";
  isl_set *zeroSet = isl_set_read_from_str(ctx.get(), zero.c_str());
  char *deltaText = isl_set_to_str(deltas);
  std::string deltaString = deltaText ? deltaText : "";
  std::free(deltaText);
  isl_bool safe = isl_set_is_subset(deltas, zeroSet);
  isl_set_free(deltas);
  isl_set_free(zeroSet);
  if (safe != isl_bool_true) {
    isl_union_map_free(schedule);
    why = "isl could not show that the gather loop over " + name + " writes one element per iteration";
    return false;
  }
  out.proof = "gather loop of " + name + "b: the elements written by one iteration of the loops over " +
              name + "'s elements differ from it by " + deltaString + " (a subset of " + zero +
              "), so those loops are parallel" +
              (useTuples ? " (elements as subscript tuples: every read is proven within the "
                           "extents of the inner dimensions)"
                         : " (elements as the deciders identify them in memory)") +
              "; " + rel.legend();

  isl_ast_build *astBuild = isl_ast_build_alloc(ctx.get());
  unsigned total = rank + 1 + np + maxInner;
  isl_id_list *iterators = isl_id_list_alloc(ctx.get(), static_cast<int>(total));
  for (unsigned d = 0; d < total; ++d)
    iterators = isl_id_list_add(iterators, isl_id_alloc(ctx.get(), ("g" + std::to_string(d)).c_str(), nullptr));
  astBuild = isl_ast_build_set_iterators(astBuild, iterators);
  isl_ast_node *tree = nullptr;
  if (rank < 2) {
    if (rank == 1) {
      // 1-D: separate the pieces of the element loop (guard-free core, exact boundaries)
      std::string opt = "{ [" + dims("s", total) + "] -> separate[0] }";
      astBuild = isl_ast_build_set_options(astBuild, isl_union_map_read_from_str(ctx.get(), opt.c_str()));
    }
    tree = isl_ast_build_node_from_schedule_map(astBuild, schedule);
  } else {
    isl_union_map_free(schedule);
    std::string layout;
    tree = isl_ast_build_node_from_schedule(astBuild, isolatedSchedule(instances, elementOf, within,
                                                                       core, rank, layout));
    out.proof += "; " + layout;
  }
  isl_ast_build_free(astBuild);
  if (!tree) {
    why = "isl's AST generator failed";
    return false;
  }
  // isl's names for the parameters and iterators (p0.., g0..), prefixed with
  // al_, al_al_, ... where the source uses such a name itself: the statement
  // bodies bind the source iterators from them and the parameters are bound
  // to the source names, so one name for both would read the wrong value.
  std::set<std::string> sourceNames;
  for (const std::string &p : loop.parameters)
    sourceNames.insert(cIdentifier(p));
  for (std::string prefix;; prefix += "al_") {
    AstPrinter printer(ctx.get(), statements, names, body, loop.parameters.size(), total, prefix);
    for (size_t p = 0; p < loop.parameters.size(); ++p)
      printer.lines.push_back("const long " + printer.renamed("p" + std::to_string(p)) + " = " +
                              cIdentifier(loop.parameters[p]) + ";");
    printer.print(tree, 0);
    if (!printer.failed.empty()) {
      isl_ast_node_free(tree);
      why = printer.failed;
      return false;
    }
    std::set<std::string> used = sourceNames;
    used.insert(printer.bodyIdentifiers.begin(), printer.bodyIdentifiers.end());
    if (std::none_of(used.begin(), used.end(),
                     [&](const std::string &u) { return islStyleName(u, prefix); })) {
      isl_ast_node_free(tree);
      out.lines = std::move(printer.lines);
      return true;
    }
  }
}

} // namespace

bool buildGatherLoop(const model::LoopModel &loop, int variable, const GatherBody &body,
                     GatherLoop &out, std::string &why) {
  polyhedral::IslOwner owner;
  owner.setBudget(20'000'000);
  try {
    return build(owner.ctx(), loop, variable, body, out, why);
  } catch (const isl::exception &e) {
    why = owner.quotaExceeded() ? "isl ran out of its operation budget"
                                : std::string("isl failed: ") + e.what();
    return false;
  }
}

bool writesDistinctElements(const model::LoopModel &loop, int access, std::string &why) {
  polyhedral::IslOwner owner;
  owner.setBudget(20'000'000);
  try {
    LoopRelations rel(owner.ctx(), loop);
    const AccessRelation &r = rel.access(access);
    if (!r.must()) {
      why = "write '" + loop.accesses.at(static_cast<size_t>(access)).text + "' is not exact (" +
            r.inexactReason + ")";
      return false;
    }
    isl_map *m = isl_map_intersect_domain(isl_map_copy(r.memory.get()), isl_set_copy(r.domain.get()));
    isl_bool injective = isl_map_is_injective(m);
    isl_map_free(m);
    if (injective != isl_bool_true)
      why = "write '" + loop.accesses.at(static_cast<size_t>(access)).text +
            "' may write one element from two instances of its inner loops";
    return injective == isl_bool_true;
  } catch (const isl::exception &e) {
    why = owner.quotaExceeded() ? "isl ran out of its operation budget"
                                : std::string("isl failed: ") + e.what();
    return false;
  }
}

} // namespace adjoint_lint::codegen
