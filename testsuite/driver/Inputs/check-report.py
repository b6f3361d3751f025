#!/usr/bin/env python3
"""Checks a JSON report on stdin against the invariants of
docs/report-format.md: the required fields, the verdict vocabularies, a
reason on every unknown, a witness on every race and on every violated
exclusive read. Exits 1 with a message on the first violation."""
import json
import sys

RACE = {"none", "race", "unknown", "not-applicable"}
PROPERTY = {"holds", "violated", "unknown", "not-applicable"}
STRATEGIES = {"plain", "gather", "reduction", "atomic", "serial"}


def fail(msg):
    print("report contract violation: " + msg)
    sys.exit(1)


def check_result(where, r, vocabulary, needs_witness):
    if r.get("verdict") not in vocabulary:
        fail(f"{where}: verdict {r.get('verdict')!r}")
    if r["verdict"] == "unknown" and not r.get("reason"):
        fail(f"{where}: unknown without a reason")
    if r["verdict"] in ("race", "violated") and needs_witness:
        w = r.get("witness")
        if not w:
            fail(f"{where}: {r['verdict']} without a witness")
        its = w.get("iterations", [])
        if len(its) != 2 or its[0] == its[1]:
            fail(f"{where}: witness needs two distinct iterations: {its}")
        if "element" not in w or len(w.get("accesses", [])) != 2:
            fail(f"{where}: witness needs an element and two accesses")
        for a in w["accesses"]:
            for k in ("line", "column", "kind", "text"):
                if k not in a:
                    fail(f"{where}: witness access without {k}")


doc = json.load(sys.stdin)
if doc.get("tool", {}).get("name") != "adjoint-lint" or not doc["tool"].get("version"):
    fail("tool name/version")
for loop in doc["loops"]:
    for k in ("id", "file", "line", "column", "function", "directive", "iterators",
              "forward_race", "arrays", "assumptions"):
        if k not in loop:
            fail(f"loop without {k}")
    check_result(loop["id"] + " forward_race", loop["forward_race"], RACE, True)
    for a in loop["arrays"]:
        where = loop["id"] + " " + a["name"]
        if not isinstance(a.get("active"), bool):
            fail(where + ": active")
        check_result(where + " exclusive_read", a["exclusive_read"], PROPERTY, True)
        for k in ("symmetric_update", "reflexive"):
            check_result(where + " " + k, a[k], PROPERTY, False)
        if a.get("strategy") not in STRATEGIES:
            fail(where + f": strategy {a.get('strategy')!r}")
for d in doc["diagnostics"]:
    for k in ("rule", "level", "file", "line", "column", "message"):
        if k not in d:
            fail(f"diagnostic without {k}")
    if d["level"] not in ("note", "warning", "error"):
        fail("diagnostic level " + d["level"])
