"""Prints the rule and partial fingerprint of each result of a SARIF log,
sorted: two logs of the same findings print the same lines."""
import json
import sys

run = json.load(open(sys.argv[1]))["runs"][0]
for line in sorted("%s %s" % (r.get("ruleId"), r["partialFingerprints"]["adjointLint/v1"])
                   for r in run["results"]):
    print(line)
