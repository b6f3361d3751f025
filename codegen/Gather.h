// Gather (transposed) adjoint loops, built with isl's AST generator from the
// deciders' own access relations (polyhedral/AccessRelations.h). No isl type
// crosses this header.
#pragma once

#include "model/LoopModel.h"

#include <functional>
#include <string>
#include <vector>

namespace adjoint_lint::codegen {

/// The C body of the gather statement of a group of read accesses (indices
/// into LoopModel::accesses, in model order) at the statement instance whose
/// iterators (source names: the parallel ones, then the enclosing inner
/// loops', outermost first) have the given values (C expressions): the
/// contributions of those reads. The reads of a group have the same element
/// map over the same instances (one innermost loop), so at one instance they
/// all read the same element.
using GatherBody = std::function<std::vector<std::string>(
    const std::vector<int> &group, const std::vector<std::pair<std::string, std::string>> &iterators)>;

struct GatherLoop {
  std::vector<std::string> lines; ///< the loop nest, its outer loop(s) `omp parallel for`
  std::string proof;              ///< the isl check of its race freedom, as text
};

/// Builds the gather loop of the adjoint of `variable` (an array read only
/// through exact affine subscripts): one statement per group k of reads
/// (reads in the same innermost loop whose element maps isl proves equal,
/// e.g. the four `u[i]` of Burgers), scheduled at [e, k, i] where e = R_k(i)
/// is the element (in the deciders' memory identity), so the loops over e
/// are parallel and each of their
/// iterations writes only the adjoint of element e. 1-D elements get isl's
/// `separate` option (guard-free core, exact boundary pieces); from 2-D up
/// the element band of a schedule tree isolates the core (the elements every
/// read touches) and generates the elements around it atomically, or keeps
/// isl's default options where there is no core (the proof says which).
/// Returns false with `why` when the relations do not allow it.
bool buildGatherLoop(const model::LoopModel &loop, int variable, const GatherBody &body,
                     GatherLoop &out, std::string &why);

/// Whether distinct instances of write `access` (over the parallel and the
/// enclosing inner iterators) always write distinct elements (isl: the
/// access relation is injective). False with `why` when not, or unknown.
bool writesDistinctElements(const model::LoopModel &loop, int access, std::string &why);

} // namespace adjoint_lint::codegen
