#!/usr/bin/env python3
"""Keeps docs/architecture.md ("Layout") true of the tree:

  - every .h, .cpp and .hpp file of the layers below has its line in the
    document (a list item that begins with its path: "- `model/Foo.{h,cpp}`:
    ..."), and every source path the document names exists;
  - every #include keeps its layer's rule (LAYERS): project headers only from
    the layers it names, external libraries only those it names. Project
    headers are followed, so a layer also may not reach a forbidden library
    through another layer's header ("no isl type leaves polyhedral/").
    Standard C/C++ and POSIX headers are allowed everywhere.

  python3 scripts/check-architecture.py [--root DIR]

Prints `file:line: error: ...` for every problem and exits 1, or prints
"architecture ok" and exits 0. Python 3 standard library only. A new layer
or dependency changes LAYERS here and the document's rule together; the lit
test testsuite/workflow/architecture.test runs this check.
"""

import argparse
import os
import re
import sys
from collections import namedtuple

DOC = "docs/architecture.md"
SOURCE_EXTENSIONS = (".h", ".cpp", ".hpp")

# External libraries: the include prefixes that name them.
LIBRARIES = {
    "Clang": ("clang/", "clang-c/"),
    "LLVM": ("llvm/", "llvm-c/"),
    "isl": ("isl/",),
    "Z3": ("z3++.h", "z3.h", "z3_"),
    "ADOL-C": ("adolc/",),
    "nlohmann-json": ("nlohmann/",),
    "GoogleTest": ("gtest/", "gmock/"),
}

# layers: the other layers it may include; libraries: the external ones;
# headers: the external libraries its headers may include, where fewer
# (None: the same).
Rule = namedtuple("Rule", "layers libraries headers", defaults=(None,))

# Per directory (a file belongs to the longest that contains it). The rules
# of docs/architecture.md, "Layout".
LAYERS = {
    "support": Rule(layers=set(), libraries=set()),
    "model": Rule(layers=set(), libraries={"nlohmann-json"}),
    # Clang in the .cpp files only: the headers are the layer's Clang-free API.
    "analyzer": Rule(layers={"model", "reports"}, libraries={"Clang", "LLVM", "nlohmann-json"},
                     headers={"nlohmann-json"}),
    "polyhedral": Rule(layers={"model", "support"}, libraries={"isl", "Z3"}),
    "reports": Rule(layers={"model", "support"}, libraries={"nlohmann-json"}),
    "codegen": Rule(layers={"model", "reports"}, libraries=set()),
    "codegen/runtime": Rule(layers=set(), libraries=set()),
    "tools/adjoint-lint": Rule(layers={"analyzer", "model", "polyhedral", "reports", "codegen", "support"},
                               libraries={"LLVM", "nlohmann-json"}),
    "tools/oracle-instrument": Rule(layers={"analyzer"}, libraries={"LLVM"}),
}

# Single files allowed more than their layer, with why.
EXCEPTIONS = {
    # The gather loops come from isl's AST generator over the deciders' own
    # access relations.
    "codegen/Gather.cpp": Rule(layers={"polyhedral"}, libraries={"isl"}),
}

# The directories searched for source files.
TOP_DIRS = sorted({layer.split("/")[0] for layer in LAYERS})

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
# A list item of the document that gives one file (pair) its line.
FILE_LINE = re.compile(r"^\s*[-*]\s+`([^`]+)`")
BACKTICKS = re.compile(r"`([^`]+)`")


def layer_of(path):
    """The layer holding `path` (relative, '/'-separated), or None."""
    best = None
    for layer in LAYERS:
        if path.startswith(layer + "/") and (best is None or len(layer) > len(best)):
            best = layer
    return best


def library_of(header):
    for name, prefixes in LIBRARIES.items():
        if header.startswith(prefixes):
            return name
    return None


def expand(name):
    """`a/B.{h,cpp}` -> [a/B.h, a/B.cpp]."""
    m = re.fullmatch(r"(.*)\{([^{}]*)\}(.*)", name)
    if not m:
        return [name]
    return [m.group(1) + alt + m.group(3) for alt in m.group(2).split(",")]


def is_source_path(name):
    return name.split("/")[0] in TOP_DIRS and name.endswith(SOURCE_EXTENSIONS)


def source_files(root):
    found = []
    for top in TOP_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SOURCE_EXTENSIONS):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    return found


def check_document(root, files, errors):
    """Every file has exactly one line; every source path named exists."""
    try:
        with open(os.path.join(root, DOC), encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as e:
        errors.append(f"{DOC}:1: error: cannot read it: {e.strerror}")
        return
    listed = {}
    for number, text in enumerate(lines, 1):
        m = FILE_LINE.match(text)
        if m:
            for path in expand(m.group(1)):
                if not is_source_path(path):
                    continue
                if path in listed:
                    errors.append(f"{DOC}:{number}: error: {path} has a line already (line {listed[path]})")
                else:
                    listed[path] = number
        for span in BACKTICKS.findall(text):
            for path in expand(span):
                if is_source_path(path) and not os.path.isfile(os.path.join(root, path)):
                    errors.append(f"{DOC}:{number}: error: names {path}, which does not exist")
    for path in files:
        if path not in listed:
            layer = layer_of(path)
            where = f"under `{layer}/`" if layer else "under its layer"
            errors.append(f"{path}:1: error: not named in {DOC} (add a line "
                          f"\"- `{path}`: what it owns\" {where})")


def read_includes(root, path, cache):
    """[(line, bracket, header)] of a file under `root`; [] if unreadable."""
    if path not in cache:
        includes = []
        try:
            with open(os.path.join(root, path), encoding="utf-8", errors="replace") as fh:
                for number, text in enumerate(fh, 1):
                    m = INCLUDE.match(text)
                    if m:
                        includes.append((number, m.group(1), m.group(2)))
        except OSError:
            pass
        cache[path] = includes
    return cache[path]


def resolve(root, path, header):
    """The project file `#include "header"` in `path` names, or None."""
    for candidate in (header, os.path.join(os.path.dirname(path), header)):
        candidate = os.path.normpath(candidate).replace(os.sep, "/")
        if not candidate.startswith("../") and os.path.isfile(os.path.join(root, candidate)):
            return candidate
    return None


def libraries_reached(root, path, cache, reached, visiting=()):
    """{library: (include, where)} that including project file `path` brings
    in: its own external includes and those of the project headers it
    includes, transitively. `where` is "file:line" of the #include."""
    if path in reached:
        return reached[path]
    out = {}
    if path in visiting:
        return out
    for number, bracket, header in read_includes(root, path, cache):
        library = library_of(header)
        if library:
            out.setdefault(library, (spelled(bracket, header), f"{path}:{number}"))
            continue
        target = resolve(root, path, header)
        if target and layer_of(target):
            for lib, found in libraries_reached(root, target, cache, reached, visiting + (path,)).items():
                out.setdefault(lib, found)
    reached[path] = out
    return out


def spelled(bracket, header):
    return f"<{header}>" if bracket == "<" else f'"{header}"'


def describe(rule):
    layers = ", ".join(f"{l}/" for l in sorted(rule.layers)) or "no other layer"
    libraries = ", ".join(sorted(rule.libraries, key=str.lower)) or "no external library"
    return f"{layers}; {libraries}"


def check_includes(root, files, errors):
    cache, reached = {}, {}
    top_dirs = {d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))}
    for path in files:
        layer = layer_of(path)
        if layer is None:
            errors.append(f"{path}:1: error: in no layer of scripts/check-architecture.py (LAYERS)")
            continue
        rule = LAYERS[layer]
        extra = EXCEPTIONS.get(path, Rule(set(), set()))
        layers = rule.layers | extra.layers | {layer}
        libraries = rule.libraries | extra.libraries
        who = f"{layer}/"
        allowed = f"{who} may include {describe(rule)}"
        if rule.headers is not None and path.endswith((".h", ".hpp")):
            libraries = rule.headers | extra.libraries
            who = f"{layer}/'s headers"
            allowed = f"{who} may include {describe(Rule(rule.layers, rule.headers))}"
        if path in EXCEPTIONS:
            allowed += f"; {path} also {describe(extra)}"
        for number, bracket, header in read_includes(root, path, cache):
            library = library_of(header)
            if library:
                if library not in libraries:
                    errors.append(f"{path}:{number}: error: {who} may not include {library}: "
                                  f"{spelled(bracket, header)} ({allowed})")
                continue
            target_layer = layer_of(header)
            if target_layer is None and bracket == '"' and header.split("/")[0] in top_dirs:
                target_layer = header.split("/")[0]  # unittests/, fuzz/, ...: no layer's
            if target_layer is None:
                continue  # the standard library, POSIX, or a generated file
            if target_layer not in layers:
                errors.append(f"{path}:{number}: error: {who} may not include {target_layer}/: "
                              f"{spelled(bracket, header)} ({allowed})")
                continue
            target = resolve(root, path, header)
            if not target:
                continue
            for lib, (found, where) in sorted(libraries_reached(root, target, cache, reached).items()):
                if lib not in libraries:
                    errors.append(f"{path}:{number}: error: {who} may not include {lib}: "
                                  f"{spelled(bracket, header)} brings in {found} ({where}) ({allowed})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help="the repository root (default: the one holding this script)")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    files = source_files(root)
    errors = []
    check_document(root, files, errors)
    check_includes(root, files, errors)
    for e in errors:
        print(e)
    if errors:
        print(f"check-architecture: {len(errors)} error(s); the rules: {DOC}, \"Layout\"")
        return 1
    print(f"architecture ok ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
