#!/usr/bin/env python3
"""model_lines.py < MODEL.json: the loop model that `--dump-model` prints,
one fact per line, in the model's own order, so that FileCheck tests of the
front end read like the source they describe:

  loop ID DIRECTIVE in FUNCTION
  iterator I = LOWER; I OP BOUND; I += STEP
  parameters: a, b
  clauses: collapse=2 private=[k] reduction(+)=[s] ...
  var NAME: rank=R extents=[E|?] type=T sharing=S [pointer] [separate-rows] [param]
  scope K: loop I = L; I OP B; += S (parent P)   |   scope K: if COND (parent P)
  access N: KIND TEXT [SUBSCRIPTS] scope=K sync=S[(name)] at LINE:COL-ENDLINE:ENDCOL
  statement: LHS-TEXT OP RHS-TEXT (scope K)
  unsupported: REASON at LINE
  assumption: TEXT
An opaque index prints as <opaque: REASON>.
"""
import json
import sys


def idx(e):
    if isinstance(e, dict):
        if "opaque" in e:
            return "<opaque: %s>" % e["opaque"]
        if "args" in e:
            a = [idx(x) for x in e["args"]]
            if e["op"] == "neg":
                return "-" + a[0]
            if e["op"] in ("min", "max"):
                return "%s(%s)" % (e["op"], ", ".join(a))
            return "(" + (" %s " % e["op"]).join(a) + ")"
        return json.dumps(e, sort_keys=True)
    return str(e)


def cond(c):
    if isinstance(c, str):
        return c
    if isinstance(c, dict) and "opaque" in c:
        return "<opaque: %s>" % c["opaque"]
    if isinstance(c, dict) and "not" in c:
        return "!(%s)" % cond(c["not"])
    if isinstance(c, dict) and "cmp" in c:
        return "%s %s %s" % (idx(c["args"][0]), c["cmp"], idx(c["args"][1]))
    for key, sep in (("and", " && "), ("or", " || ")):
        if isinstance(c, dict) and key in c:
            return "(" + sep.join(cond(k) for k in c[key]) + ")"
    return json.dumps(c, sort_keys=True)


def header(h):
    it = h["iterator"]
    return "%s = %s; %s %s %s; %s += %s" % (it, idx(h["lower"]), it, h["op"], idx(h["bound"]),
                                            it, h["step"])


def main():
    doc = json.load(sys.stdin)
    for loop in doc.get("loops", []):
        print("loop %s %s in %s" % (loop["id"], loop["directive"], loop["function"]))
        for h in loop["iterators"]:
            print("iterator " + header(h))
        print("parameters:" + "".join(" " + p if i == 0 else ", " + p
                                      for i, p in enumerate(loop["parameters"])))
        cl = loop["clauses"]
        parts = []
        for key in ("collapse", "default", "schedule", "chunk", "nowait"):
            if key in cl and cl[key] not in ("", False, None) and not (key == "collapse" and cl[key] == 1):
                parts.append("%s=%s" % (key, str(cl[key]).lower() if isinstance(cl[key], bool) else cl[key]))
        for key in ("private", "firstprivate", "lastprivate", "shared"):
            if cl.get(key):
                parts.append("%s=[%s]" % (key, ", ".join(cl[key])))
        for r in cl.get("reduction", []):
            parts.append("reduction(%s)=[%s]" % (r["op"], ", ".join(r["vars"])))
        print("clauses:" + "".join(" " + p for p in parts))
        for v in loop["variables"]:
            ext = ", ".join("?" if e is None else idx(e) for e in v["extents"])
            flags = [f for f, on in (("pointer", v["pointer"]), ("separate-rows", v["separate_rows"]),
                                     ("param", v["parameter"])) if on]
            sharing = v["sharing"] + ("(%s)" % v["reduction_op"] if v.get("reduction_op") else "")
            print("var %s: rank=%d extents=[%s] type=%s%s sharing=%s%s" % (
                v["name"], v["rank"], ext, v["element_type"], " floating" if v["floating"] else "",
                sharing, "".join(" " + f for f in flags)))
        for k, s in enumerate(loop["scopes"]):
            what = "loop " + header(s["loop"]) if s["kind"] == "loop" else "if " + cond(s["guard"])
            print("scope %d: %s (parent %d)" % (k, what, s["parent"]))
        for n, a in enumerate(loop["accesses"]):
            r = a["range"]
            sync = a["sync"] + ("(%s)" % a["sync_name"] if a.get("sync_name") else "")
            print("access %d: %s %s [%s] scope=%d sync=%s at %d:%d-%d:%d" % (
                n, a["kind"], a["text"], ", ".join(idx(s) for s in a["subscripts"]), a["scope"],
                sync, r["line"], r["column"], r["end_line"], r["end_column"]))
        for s in loop["statements"]:
            lhs = loop["accesses"][s["lhs"]]["text"] if s["lhs"] >= 0 else "?"
            print("statement: %s %s %s (scope %d)" % (lhs, s["op"], s["rhs"].get("text", ""), s["scope"]))
        for u in loop["unsupported"]:
            print("unsupported: %s at %d" % (u["reason"], u["range"]["line"]))
        for a in loop["assumptions"]:
            print("assumption: " + a)


main()
