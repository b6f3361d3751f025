#!/usr/bin/env python3
"""check_docs.py SRCROOT ADJOINT_LINT: the documentation's promises that a
test can hold.

- every rule named in reports/Findings.h (kRule... = "adjoint-lint-...") and
  the NOLINT misuse rule (tools/adjoint-lint/Nolint.h) has a page
  docs/rules/<rule>.md saying what it means, why it matters, how to fix
  it, and how to suppress it with NOLINT;
- docs/ci.md's YAML blocks parse; one is a GitHub Actions workflow that runs
  adjoint-lint with -p, exports SARIF and uploads that file with
  github/codeql-action/upload-sarif, with a cache; one is a
  .pre-commit-config.yaml using the hook of the repository's
  .pre-commit-hooks.yaml, whose language is system; a matrix workflow runs
  --shard=K/N and uploads each shard under its own category;
- every --option the documents pass to adjoint-lint is in its --help.
Prints "docs ok" or the problems."""
import re
import subprocess
import sys

import yaml

root, tool = sys.argv[1], sys.argv[2]
problems = []


def read(path):
    with open(f"{root}/{path}") as fh:
        return fh.read()


rules = set(re.findall(r'kRule\w*\[\]\s*=\s*"(adjoint-lint-[a-z0-9-]+)"',
                       read("reports/Findings.h") + read("tools/adjoint-lint/Nolint.h")))
if len(rules) < 5:
    problems.append(f"found only {sorted(rules)} in reports/Findings.h and Nolint.h")
for rule in sorted(rules):
    try:
        page = read(f"docs/rules/{rule}.md")
    except OSError:
        problems.append(f"no page docs/rules/{rule}.md")
        continue
    if not page.startswith(f"# {rule}\n"):
        problems.append(f"docs/rules/{rule}.md does not start with '# {rule}'")
    for needle in ("What it means", "Why it matters", "How to fix", "NOLINT"):
        if needle not in page:
            problems.append(f"docs/rules/{rule}.md says nothing under '{needle}'")

ci = read("docs/ci.md")
blocks = re.findall(r"```yaml\n(.*?)```", ci, re.S)
docs = []
for text in blocks:
    try:
        docs.append(yaml.safe_load(text))
    except yaml.YAMLError as e:
        problems.append(f"docs/ci.md: a YAML block does not parse: {e}")

workflows = [d for d in docs if isinstance(d, dict) and "jobs" in d]
if not workflows:
    problems.append("docs/ci.md: no workflow")
else:
    # The first workflow is complete; later ones (the sharded matrix) show
    # only what changes.
    for w in workflows[1:]:
        for job in w["jobs"].values():
            if "matrix" not in job.get("strategy", {}):
                continue
            wsteps = job.get("steps", [])
            wruns = "\n".join(s.get("run", "") for s in wsteps)
            if "--shard=${{ matrix." not in wruns:
                problems.append("matrix workflow: adjoint-lint does not run with --shard=K/N")
            for s in wsteps:
                if s.get("uses", "").startswith("github/codeql-action/upload-sarif@") and \
                        "${{ matrix." not in s.get("with", {}).get("category", ""):
                    problems.append("matrix workflow: each shard needs its own upload category")
    steps = [s for job in workflows[0]["jobs"].values() for s in job.get("steps", [])]
    uses = [s.get("uses", "") for s in steps]
    runs = "\n".join(s.get("run", "") for s in steps)
    if not any(u.startswith("actions/cache@") for u in uses):
        problems.append("workflow: no actions/cache step")
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    exported = re.findall(r"--export-sarif=(\S+)", runs)
    if not upload or not exported:
        problems.append("workflow: no upload-sarif step or no --export-sarif run")
    elif upload[0].get("with", {}).get("sarif_file") != exported[0]:
        problems.append("workflow: upload-sarif does not upload the exported file")
    if not re.search(r"adjoint-lint -p \S+", runs):
        problems.append("workflow: adjoint-lint does not run with -p")
    if workflows[0].get("permissions", {}).get("security-events") != "write":
        problems.append("workflow: upload-sarif needs permissions: security-events: write")

hooks = yaml.safe_load(read(".pre-commit-hooks.yaml"))
hook_ids = {h["id"] for h in hooks}
if any(h.get("language") != "system" for h in hooks):
    problems.append(".pre-commit-hooks.yaml: language is not system")
configs = [d for d in docs if isinstance(d, dict) and "repos" in d]
if not configs:
    problems.append("docs/ci.md: no .pre-commit-config.yaml example")
for c in configs:
    for repo in c["repos"]:
        for hook in repo.get("hooks", []):
            if hook["id"] not in hook_ids:
                problems.append(f"docs/ci.md: hook {hook['id']} is not in .pre-commit-hooks.yaml")

help_text = subprocess.run([tool, "--help"], capture_output=True, text=True).stdout
options = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]+)", ci))
for h in hooks:
    options |= set(re.findall(r"(--[a-z][a-z0-9-]+)", " ".join(h.get("args", []))))
for option in sorted(options):
    if option in ("--depth", "--branch", "--build", "--target", "--global", "--add",
                  "--no-install-recommends"):
        continue  # git, cmake and apt-get options in the workflow
    if not re.search(r"(^|\s)" + re.escape(option) + r"\b", help_text, re.M):
        problems.append(f"{option} is documented but not in adjoint-lint --help")

print("\n".join(problems) if problems else "docs ok")
