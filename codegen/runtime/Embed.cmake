# Embeds the runtime files of the generated code (codegen/runtime/*) into the
# generator at build time:
#
#   cmake -DOUTPUT=<file.inc> -DINPUTS=<a.h|b.hpp|...> -P Embed.cmake
#
# writes one C++ constant per input, named after the file ("tape.h" ->
# tape_h), holding the file's text as a raw string literal. A runtime file
# begins with a prologue for its readers and for compiling it on its own:
# `//` comment lines and `#include` lines, up to the first blank line. The
# prologue is not embedded; the text after that blank line is printed into
# the generated files as it is.
cmake_minimum_required(VERSION 3.20)

if(NOT OUTPUT OR NOT INPUTS)
  message(FATAL_ERROR "Embed.cmake: needs -DOUTPUT=<file> and -DINPUTS=<a|b|...>")
endif()
string(REPLACE "|" ";" inputs "${INPUTS}")

set(delimiter "al_runtime")
set(text "// Generated from codegen/runtime/ by codegen/runtime/Embed.cmake: do not edit.\n")
foreach(input IN LISTS inputs)
  get_filename_component(name "${input}" NAME)
  string(MAKE_C_IDENTIFIER "${name}" identifier)
  file(READ "${input}" content)
  string(FIND "${content}" "\n\n" end)
  if(end EQUAL -1)
    message(FATAL_ERROR "${input}: no blank line after the prologue")
  endif()
  string(SUBSTRING "${content}" 0 ${end} prologue)
  math(EXPR start "${end} + 2")
  string(SUBSTRING "${content}" ${start} -1 body)
  if(NOT prologue MATCHES "^(//[^\n]*|#include [^\n]*)(\n//[^\n]*|\n#include [^\n]*)*$")
    message(FATAL_ERROR "${input}: the prologue (down to the first blank line) may hold only "
                        "// comment lines and #include lines")
  endif()
  string(FIND "${body}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input}: contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND text "constexpr char ${identifier}[] = R\"${delimiter}(${body})${delimiter}\";\n")
endforeach()

file(WRITE "${OUTPUT}" "${text}")
