# Third-party dependencies, all from Debian packages (see scripts/setup.sh).
#
# Pitfalls handled here (see DEVELOPERS.md):
# - Clang 19's CMake config must be found under /usr/lib/llvm-19; the plain
#   search finds clang-14's broken one.
# - The imported Clang targets carry no include directories or definitions.
# - isl and Z3 ship no CMake config: use pkg-config.
# - `llvm-config --cxxflags` is not used: its -fno-exceptions breaks isl/cpp.h.

list(PREPEND CMAKE_PREFIX_PATH /usr/lib/llvm-19)
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "LLVM 19 is required, found ${LLVM_PACKAGE_VERSION} (install llvm-19-dev)")
endif()
find_package(Clang REQUIRED CONFIG HINTS "${LLVM_INSTALL_PREFIX}/lib/cmake/clang")
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} in ${LLVM_INSTALL_PREFIX}")

find_package(PkgConfig REQUIRED)
pkg_check_modules(ISL REQUIRED IMPORTED_TARGET isl)
pkg_check_modules(Z3 REQUIRED IMPORTED_TARGET z3)
find_package(nlohmann_json 3.10 REQUIRED)

# Clang's builtin headers (stddef.h, omp.h) for the LibTooling front end.
find_program(CLANG19 NAMES clang-19 HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)
execute_process(COMMAND "${CLANG19}" -print-resource-dir
                OUTPUT_VARIABLE CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "Clang resource dir: ${CLANG_RESOURCE_DIR}")

# One interface target for code that includes Clang/LLVM headers (analyzer/
# and the driver only).
add_library(al_clang_deps INTERFACE)
target_include_directories(al_clang_deps SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(al_clang_deps INTERFACE ${_llvm_defs})
# The system isl must precede libLLVM.so (which exports Polly's copy of isl)
# on every link line, so that isl calls resolve to the system library.
target_link_libraries(al_clang_deps INTERFACE PkgConfig::ISL clang-cpp LLVM)
