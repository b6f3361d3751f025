"""Prints symmetric_update, reflexive and gather_available of each read array."""
import json
import sys

report = json.load(open(sys.argv[1]))
for loop in report["loops"]:
    for a in sorted(loop["arrays"], key=lambda a: a["name"]):
        if "gather_available" not in a or a["gather_available"]["verdict"] == "not-applicable":
            continue
        parts = []
        for key in ("symmetric_update", "reflexive", "gather_available"):
            p = a[key]
            assert p["verdict"] != "unknown" or p.get("reason"), p
            text = "%s=%s" % (key, p["verdict"])
            if p.get("with"):
                text += "(with %s)" % p["with"]
            c = p.get("counterexample")
            if c:
                text += "[iteration %s element %s" % (c["iteration"], c.get("element"))
                if "second_element" in c:
                    text += " second %s" % c["second_element"]
                text += "]"
            assert p["verdict"] != "violated" or p.get("witness") or c, p
            w = p.get("witness")
            if w:
                text += "[iterations %s element %s" % (",".join(str(it) for it in w["iterations"]), w.get("element"))
                if "second_element" in w:
                    text += " second %s" % w["second_element"]
                text += "]"
            parts.append(text)
        print(loop["function"], a["name"], " ".join(parts))
