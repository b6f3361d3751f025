"""Prints one line per array and property of each loop's `schedule` object."""
import json
import sys

report = json.load(open(sys.argv[1]))
for loop in report["loops"]:
    for a in sorted(loop["arrays"], key=lambda a: a["name"]):
        s = a.get("schedule")
        if not s:
            continue
        for prop in ("exclusive_read", "forward_race"):
            p = s[prop]
            for key in ("same_thread", "cross_thread", "chunk_boundary_only"):
                assert p[key]["verdict"] != "unknown" or p[key].get("reason"), p[key]
            line = "%s %s %s chunk=%s threads=%s %s: same=%s cross=%s boundary_only=%s" % (
                loop["function"], a["name"], s["kind"], "none" if s["chunk"] is None else s["chunk"],
                s["threads"], prop, p["same_thread"]["verdict"], p["cross_thread"]["verdict"],
                p["chunk_boundary_only"]["verdict"])
            if "boundary_iterations" in p:
                line += " width=%d" % p["boundary_iterations"]
            w = p["chunk_boundary_only"].get("witness")
            if w:
                line += " witness=" + ",".join("%s" % it for it in w["iterations"])
            print(line)
