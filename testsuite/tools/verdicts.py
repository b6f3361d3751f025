#!/usr/bin/env python3
"""Summarise an adjoint-lint JSON report as stable lines for FileCheck.

  loop LINE DIRECTIVE: forward_race=VERDICT [witness ...]
  (replicated code of a parallel region: loop LINE parallel (CONSTRUCT): ...)
  (a "possible witness" is an unknown verdict's conflict through index-array
  values the solver chose; values=perm[0]=3,perm[1]=3 lists them)
    ARRAY: active=.. exclusive_read=.. symmetric_update=.. reflexive=.. strategy=..
      exclusive_read witness: iterations=i=1;i=2 element=[2] accesses=L:C,L:C

It also checks the contract's invariants: every unknown carries a reason,
every race/violated a witness with two distinct iterations. A broken
invariant makes it exit 1.
"""
import json
import sys


def fail(msg):
    print("contract violation: " + msg)
    sys.exit(1)


def iters(it):
    return ";".join(f"{k}={v}" for k, v in it.items())


def describe(name, res):
    v = res.get("verdict")
    out = f"{name}={v}"
    if v == "unknown":
        if not res.get("reason"):
            fail(f"{name} is unknown without a reason")
    if v in ("race", "violated"):
        w = res.get("witness")
        if w is not None:
            its = w.get("iterations", [])
            if len(its) != 2 or its[0] == its[1]:
                fail(f"{name} witness needs two distinct iterations: {its}")
        elif name in ("forward_race", "exclusive_read"):
            fail(f"{name} is {v} without a witness")
    return out


def witness_line(name, res):
    w = res.get("witness")
    kind = "witness"
    if not w and res.get("possible_witness"):
        w, kind = res.get("possible_witness"), "possible witness"
    if not w:
        return None
    its = " ".join(iters(i) for i in w.get("iterations", []))
    acc = ",".join(f"{a.get('line')}:{a.get('column')}" for a in w.get("accesses", []))
    line = f"{name} {kind}: iterations={its} element={w.get('element')} accesses={acc}"
    values = w.get("array_values")
    if values:
        line += " values=" + ",".join(f"{k}={v}" for k, v in values.items())
    return line


def main():
    doc = json.load(sys.stdin)
    for loop in doc.get("loops", []):
        fr = loop["forward_race"]
        construct = f" ({loop['construct']})" if loop.get("construct") else ""
        print(f"loop {loop['line']} {loop['directive']}{construct}: {describe('forward_race', fr)}")
        if fr.get("verdict") == "unknown":
            print(f"  reason: {fr.get('reason')}")
        for arr in loop.get("arrays", []):
            parts = [f"active={'yes' if arr.get('active') else 'no'}"]
            for key in ("forward_race", "exclusive_read", "symmetric_update", "reflexive"):
                if key in arr:
                    parts.append(describe(key, arr[key]))
            parts.append(f"strategy={arr.get('strategy')}")
            print(f"  {arr['name']}: " + " ".join(parts))
            for key in ("forward_race", "exclusive_read"):
                if key in arr:
                    wl = witness_line(key, arr[key])
                    if wl:
                        print("    " + wl)
                    if arr[key].get("verdict") == "unknown":
                        print(f"    {key} reason: {arr[key].get('reason')}")
        for s in loop.get("scalars", []):
            print(f"  scalar {s['name']}: {describe('forward_race', s['forward_race'])}")
        for a in loop.get("assumptions", []):
            print(f"  assumption: {a}")
    for d in doc.get("diagnostics", []):
        print(f"diag {d.get('level')} {d.get('rule')} {d.get('line')}:{d.get('column')}")


if __name__ == "__main__":
    main()
