"""Prints the facts of a certificate that the lit tests check, one a line."""
import json
import sys

cert = json.load(open(sys.argv[1]))
numeric = cert["numeric"]
print("numeric passed:", numeric.get("passed"))
if "precision" in numeric:
    print("precision:", numeric["precision"], numeric["tolerance"])
for check in sorted({c["check"] for c in numeric.get("checks", [])}):
    print("checks:", check)
print("sizes:", len(numeric.get("sizes", [])))
for d in numeric.get("determinism", []):
    print("determinism %s size %d: deterministic=%s identical=%s"
          % (d["variant"], d["size"], d["deterministic"], d["bitwise_identical_across_threads"]))
for a in cert["arrays"]:
    print("strategy %s: %s" % (a["name"], a["strategy"]))
for v in cert["variants"]:
    print("variant %s: %s deterministic=%s" % (v["name"], v["function"], v["deterministic"]))
print("forward race:", cert["verdicts"]["forward_race"]["verdict"])
for a in cert["verdicts"]["arrays"]:
    print("exclusive read %s: %s, proof: %s" % (a["name"], a["exclusive_read"]["verdict"],
                                                 "; ".join(a["exclusive_read"]["proof"])))
print("source_sha256:", cert["loop"]["source_sha256"])
print("compiler:", cert["compiler"]["c"], " ".join(cert["compiler"]["flags"]))
source = cert.get("source_check")
if source is not None:
    print("source check passed:", source.get("passed"))
    print("source check status:", source.get("status"))
    for check in sorted({c["check"] for c in source.get("checks", [])}):
        print("source checks:", check)
    if "forward_tolerance" in source:
        print("source check tolerances: forward %g, differences %g" % (source["forward_tolerance"], source["fd_tolerance"]))
