#!/usr/bin/env python3
"""Validates JSON documents against a JSON schema, offline.

Usage: validate_json_schema.py SCHEMA [--refs DIR]... DOCUMENT...

Every $ref to another schema is resolved by its file name in the schema's
folder or one of the --refs folders (e.g. spdx.schema.json and
jsf-0.82.schema.json beside bom-1.6.schema.json; CSAF 2.0's
https://www.first.org/cvss/cvss-v3.1.json from referenced_schema/first), never
over the network. Prints "ok DOCUMENT" or "invalid DOCUMENT: POINTER: MESSAGE"
per document (every error, deepest first); exits 0 when all are valid, 1 when
one is not, 2 for bad usage or an unreadable file. Needs python3-jsonschema.
"""
import json
import os
import sys

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path = args.pop(0)
    folders = [os.path.dirname(os.path.abspath(schema_path))]
    documents = []
    while args:
        a = args.pop(0)
        if a == "--refs" and args:
            folders.append(args.pop(0))
        else:
            documents.append(a)
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{schema_path}: {e}", file=sys.stderr)
        return 2
    cls = jsonschema.validators.validator_for(schema)
    default = referencing.jsonschema.specification_with(
        schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"))

    def retrieve(uri):
        name = uri.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        for folder in folders:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as f:
                    return referencing.Resource.from_contents(json.load(f),
                                                              default_specification=default)
        raise referencing.exceptions.NoSuchResource(ref=uri)

    registry = referencing.Registry(retrieve=retrieve)
    validator = cls(schema, registry=registry)
    failed = False
    for path in documents:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(doc), key=lambda e: -len(e.absolute_path))
        if not errors:
            print(f"ok {path}")
            continue
        failed = True
        for e in errors:
            pointer = "".join("/" + str(p) for p in e.absolute_path) or "/"
            print(f"invalid {path}: {pointer}: {e.message[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
