"""Checks a SARIF log from adjoint-lint: schema-valid (OASIS SARIF 2.1.0,
with Debian's python3-jsonschema) *with format checks* (`format: uri` needs
python3-rfc3987: GitHub's upload rejects a relative helpUri, plain
jsonschema.validate would not), and what GitHub code scanning relies on.
Prints one line per result for FileCheck:

  RESULT <ruleId> <uri> <uriBaseId> <startLine>:<startColumn>-<endLine>:<endColumn> \
         related=<n> flows=<threads> fp=<fingerprint>

usage: check_sarif.py SCHEMA LOG [HELP_URI_BASE]
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from validate_sarif import validate  # noqa: E402

schema_path, log_path = sys.argv[1], sys.argv[2]
with open(schema_path) as f:
    schema = json.load(f)
with open(log_path) as f:
    log = json.load(f)
validate(log, schema)
print("VALID")
help_base = sys.argv[3] if len(sys.argv) > 3 else None

assert log["version"] == "2.1.0", log["version"]
assert len(log["runs"]) == 1, "one run"
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
for rule in rules:
    for key in ("shortDescription", "fullDescription"):
        assert rule[key]["text"], (rule["id"], key)
    assert rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
    if help_base is None:
        assert "helpUri" not in rule, rule["helpUri"]
    else:
        assert rule["helpUri"] == help_base + "%s.md" % rule["id"], rule["helpUri"]
print("RULES", " ".join(r["id"] for r in rules))
assert "%SRCROOT%" in run["originalUriBaseIds"], run.get("originalUriBaseIds")
root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert root.startswith("file:///") and root.endswith("/"), root
assert isinstance(run["results"], list)
print("RESULTS", len(run["results"]))


def region_text(loc):
    r = loc["physicalLocation"]["region"]
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        assert key in r, (key, r)
    assert (r["endLine"], r["endColumn"]) > (r["startLine"], r["startColumn"]), r
    return "%d:%d-%d:%d" % (r["startLine"], r["startColumn"], r["endLine"], r["endColumn"])


fingerprints = set()
for res in run["results"]:
    loc = res["locations"][0]
    art = loc["physicalLocation"]["artifactLocation"]
    fp = res["partialFingerprints"]["adjointLint/v1"]
    assert re.fullmatch(r"[0-9a-f]{32}", fp), fp
    assert fp not in fingerprints, "duplicate fingerprint " + fp
    fingerprints.add(fp)
    related = res.get("relatedLocations", [])
    for k, rel in enumerate(related):
        assert rel["id"] == k, rel
        region_text(rel)
    threads = 0
    if "codeFlows" in res:
        flows = res["codeFlows"][0]["threadFlows"]
        threads = len(flows)
        # One thread flow per iteration; its access is also a related location.
        for flow in flows:
            step = flow["locations"][0]["location"]
            assert any(r["physicalLocation"] == step["physicalLocation"] and
                       r["message"] == step["message"] for r in related), step
            print("  FLOW", flow["id"], region_text(step), step["message"]["text"])
    if res.get("ruleId") in ("adjoint-lint-forward-race", "adjoint-lint-shared-adjoint"):
        assert threads == 2 and len(related) >= 2, res
    print("RESULT", res.get("ruleId"), art["uri"], art.get("uriBaseId", "-"), region_text(loc),
          "related=%d" % len(related), "flows=%d" % threads, "fp=" + fp)
