"""Validates SARIF logs against the OASIS SARIF 2.1.0 schema *with format
checks*, as GitHub's upload does: `format: uri` (helpUri, artifact URIs)
needs python3-rfc3987, without which jsonschema silently skips it.

usage: validate_sarif.py SCHEMA LOG...    (exit 1 naming the first invalid log)
"""
import json
import sys

import jsonschema


def format_checker():
    checker = jsonschema.FormatChecker()
    if checker.conforms("docs/rules/x.md", "uri"):
        sys.exit("validate_sarif.py: jsonschema does not check `format: uri`: "
                 "install python3-rfc3987 (scripts/setup.sh does)")
    return checker


def validate(log, schema):
    jsonschema.validate(log, schema, format_checker=format_checker())


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    for path in sys.argv[2:]:
        with open(path) as f:
            log = json.load(f)
        try:
            validate(log, schema)
        except jsonschema.ValidationError as e:
            sys.exit("%s: %s" % (path, e.message))
