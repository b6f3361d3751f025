"""merge_shards.py FULL.json SHARD.json...: checks that the shards' JSON
reports are disjoint, cover the full run's inputs, and hold together
exactly its loops and diagnostics (in any order). Prints one line per
shard (its input count) and MERGED when all holds."""
import json
import sys


def key(x):
    return json.dumps(x, sort_keys=True)


full = json.load(open(sys.argv[1]))
shards = [json.load(open(p)) for p in sys.argv[2:]]
files = []
for k, s in enumerate(shards, 1):
    mine = [i["file"] for i in s["inputs"]]
    print("SHARD %d inputs=%d" % (k, len(mine)))
    files += mine
assert sorted(files) == sorted(i["file"] for i in full["inputs"]), (files, full["inputs"])
assert len(set(files)) == len(files), "shards overlap"
for part in ("loops", "diagnostics"):
    merged = sorted(key(x) for s in shards for x in s[part])
    assert merged == sorted(key(x) for x in full[part]), part
for field in ("errors", "warnings", "notes"):
    assert sum(s["summary"][field] for s in shards) == full["summary"][field], field
print("MERGED")
