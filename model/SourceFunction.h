// The function that holds a loop, as the source check sees it
// (docs/codegen.md, the source check): its parameters by kind, in order,
// and whether a driver can call it on its own. Plain data: the front end
// fills it (analyzer/SourceFunction.h), the generator reads it
// (codegen/VerifyDriver.h). No Clang types.
#pragma once

#include <string>
#include <vector>

namespace adjoint_lint::model {

struct SourceParameter {
  enum class Kind {
    Integer,  ///< an integer (or enum, _Bool) value
    Floating, ///< a floating value
    Pointer,  ///< a pointer to (arrays of) arithmetic elements, or an array parameter
    Other     ///< anything else (a struct, a pointer to pointers, a reference...)
  };
  std::string name; ///< empty for an unnamed parameter
  Kind kind = Kind::Other;
  std::string type; ///< as Clang prints it, for messages
};

struct SourceFunction {
  std::string name;
  /// Why a driver cannot call the function as it stands (no definition, a
  /// template, variadic, a member, `main`, the function does more than the
  /// loop); empty when it can.
  std::string reason;
  bool cplusplus = false; ///< the file is C++ (the wrapper is C++ too)
  std::vector<SourceParameter> parameters;
};

} // namespace adjoint_lint::model
