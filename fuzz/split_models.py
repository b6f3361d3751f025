#!/usr/bin/env python3
"""Splits `--dump-model` output (one or more JSON documents on stdin) into
one seed file per loop in DIR: {"loops": [loop]}, compact. Used by
scripts/fuzz.sh for fuzz/model-fuzzer's seed corpus."""
import json
import os
import sys


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    text = sys.stdin.read()
    dec = json.JSONDecoder()
    pos = n = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        try:
            doc, pos = dec.raw_decode(text, pos)
        except ValueError:
            nxt = text.find("\n{", pos + 1)
            if nxt < 0:
                break
            pos = nxt + 1
            continue
        for loop in doc.get("loops", []) if isinstance(doc, dict) else []:
            with open(os.path.join(out, f"seed{n:05d}.json"), "w") as f:
                json.dump({"loops": [loop]}, f, separators=(",", ":"))
            n += 1
    print(f"split_models: {n} seeds in {out}")


if __name__ == "__main__":
    main()
