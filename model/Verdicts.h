// What the deciders conclude about one loop. Plain data: no isl or Z3 types
// cross this header, and nothing here formats text for people.
#pragma once

#include "model/LoopModel.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint_lint::model {

/// Three-valued answers. For races, Holds reads "none" and Violated "race".
enum class Verdict { Holds, Violated, Unknown, NotApplicable };

/// A concrete counterexample: two distinct iterations of the parallel loop
/// that touch one element, and the two accesses that do it.
struct Witness {
  /// Values of the parallel iterators, in LoopModel::iterators order, for
  /// each of the two iterations (and of inner iterators under "inner").
  std::vector<std::map<std::string, int64_t>> iterations; // size 2
  std::vector<std::map<std::string, int64_t>> inner;      // size 2, inner loop iterators
  std::map<std::string, int64_t> parameters;              // values of the symbolic parameters
  std::vector<int64_t> element;                           // the element's subscripts
  int firstAccess = -1, secondAccess = -1;                // indices into LoopModel::accesses
  /// Symmetric update / reflexive stencil: the other element of the pair
  /// that is not matched (reflexive: output o influenced by input `element`
  /// while o does not influence `element`); empty otherwise.
  std::vector<int64_t> secondElement;
  /// Values of index-array elements the witness relies on, keyed by the
  /// element as written ("perm[3]" -> 7): what Z3's model picked for data
  /// the analyzer does not know.
  std::map<std::string, int64_t> arrayValues;
};

/// What decided a property: a prover, or a rule that needs none.
enum class DecidedBy {
  Nobody,        ///< undecided (Unknown, or NotApplicable by definition)
  Isl,
  Z3,
  FrontEnd,      ///< the data-sharing rules alone (a variable the deciders do not report)
  DataSharing,   ///< a private or reduction clause
  Timeout,       ///< the file's time budget ran out first
  InternalError, ///< the deciders crashed on the loop (the driver's crash recovery)
};

struct PropertyResult {
  Verdict verdict = Verdict::Unknown;
  DecidedBy decidedBy = DecidedBy::Nobody;
  std::string reason;                ///< why Unknown (or NotApplicable)
  std::optional<Witness> witness;    ///< when Violated
  std::vector<std::string> proof;    ///< proof artifacts, e.g. the empty isl conflict sets
  std::string with;                  ///< symmetric/reflexive: the written array it relates to
  /// For Unknown: what made the question undecidable, where one thing did:
  /// an access (index into LoopModel::accesses) whose subscript, guard or
  /// bounds are not analysable, or an entry of LoopModel::unsupported.
  int causeAccess = -1;
  int causeUnsupported = -1;
};

/// How an OpenMP static schedule splits the conflicting iteration pairs of
/// one property (forward race, exclusive read) of one array.
/// sameThread / crossThread: Violated when such a pair exists (with a
/// witness), Holds when none does, Unknown with the reason.
struct ScheduleSplit {
  PropertyResult sameThread;
  PropertyResult crossThread;
  /// Holds: every cross-thread pair lies in adjacent chunks, within
  /// `boundaryIterations` iterations of their common chunk boundary, so
  /// synchronisation is needed only there. Violated (with a witness): some
  /// cross-thread pair does not. NotApplicable: no cross-thread pair.
  PropertyResult chunkBoundaryOnly;
  int64_t boundaryIterations = 0; ///< when chunkBoundaryOnly holds
};

struct ScheduleVerdicts {
  bool analysed = false;       ///< the loop has schedule(static[, c])
  std::string kind;            ///< "static"
  std::optional<int64_t> chunk;
  unsigned threads = 0;        ///< from --threads; 0: any number of threads
  ScheduleSplit forwardRace, exclusiveRead;
};

/// How the adjoint of a variable runs in parallel: the table "Strategies,
/// per array" of docs/architecture.md, chosen by polyhedral/Strategy.h.
enum class Strategy { Plain, Gather, Reduction, Atomic, Serial };

/// Why a strategy was chosen: the row of the table and what it rests on.
/// Worded for people by reports/ (StrategyText.h).
struct StrategyReason {
  enum class Kind {
    NotActive,         ///< plain: no adjoint
    Privatised,        ///< plain: each thread has its own copy (`sharing`)
    ReductionVariable, ///< plain: a reduction variable; iterations only read its adjoint
    NotRead,           ///< plain: nothing increments its adjoint
    ExclusiveRead,     ///< plain: exclusive read holds
    ReadsNotExact,     ///< atomic: isl has no exact read pattern (`cause`: the exclusive read's reason)
    ReadsNotAffine,    ///< atomic: reads through index arrays, decided by Z3 (`cause`, as above)
    SmallFootprint,    ///< reduction: the reads cover at most `elements` elements, whatever the parameters
    LargeFootprint,    ///< gather: the reads cover `elements` elements, more than `limit`
    GrowingFootprint,  ///< gather: the reads' footprint grows with the parameters
    Undecided,         ///< atomic: nothing was decided for the loop (`cause`: why)
    ForwardRace,       ///< serial: the forward loop races (on `racingVariable`, where known)
  };
  Kind kind = Kind::NotActive;
  std::string cause;
  Sharing sharing = Sharing::Shared;
  int64_t elements = 0;
  int64_t limit = 0;
  bool stencilShape = false; ///< gather: the stencil is reflexive, the gather loop has its shape
  std::string racingVariable;
};

struct VariableVerdicts {
  int variable = -1;       ///< index into LoopModel::variables
  std::string name;
  bool active = false;     ///< floating-point data that the adjoint must carry
  bool array = true;       ///< false for scalars (rank 0)
  PropertyResult forwardRace;
  PropertyResult exclusiveRead;
  PropertyResult symmetricUpdate;
  PropertyResult reflexive;
  std::optional<Strategy> strategy;             ///< none only where nothing chose one
  std::optional<StrategyReason> strategyReason; ///< why this strategy
  /// Holds: the reads of the array are exact and affine, so the inverse read
  /// relation (which iterations read element e) is computable and the adjoint
  /// can run as a gather (transposed) loop; the proof holds R^-1.
  PropertyResult gatherAvailable;
  ScheduleVerdicts schedule; ///< schedule(static[, c]) only
};

/// A declared fact (model::Fact) that the program contradicts: an error,
/// since proofs from a false premise prove anything.
struct ContradictedFact {
  std::string fact;   ///< its text, e.g. "s > 0"
  Fact::Origin origin = Fact::Origin::Pragma; ///< pragma or config
  std::string why;    ///< what contradicts it
  int index = -1;     ///< into LoopModel::facts
};

/// Something the proofs of a loop rely on, worded for people; the kind says
/// how a finding's note introduces it.
struct Assumption {
  enum class Kind {
    Premise,      ///< of the analysis: "rows of x do not overlap" (a note reads "assuming ...")
    DeclaredFact, ///< a declared or context fact a proof used, worded whole: "assumed s > 0 (declared ...)"
    DerivedFact,  ///< a fact the index-array decider derived: "derived: ..." (a note reads "assuming ...")
  };
  Kind kind = Kind::Premise;
  std::string text;
};

struct LoopVerdicts {
  PropertyResult forwardRace;             ///< the loop as a whole
  std::vector<VariableVerdicts> variables; ///< every shared variable it touches
  std::vector<Assumption> assumptions;     ///< everything the proofs rely on
  std::vector<ContradictedFact> contradicted; ///< declared facts the program contradicts
};

const char *raceVerdictName(Verdict v);     ///< none | race | unknown | not-applicable
const char *propertyVerdictName(Verdict v); ///< holds | violated | unknown | not-applicable
const char *toString(DecidedBy d);          ///< "" | isl | z3 | front end | data-sharing | timeout | internal-error
const char *toString(Strategy s);           ///< plain | gather | reduction | atomic | serial

} // namespace adjoint_lint::model
