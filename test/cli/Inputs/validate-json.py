"""Validates the JSON document in argv[2] against the JSON schema in
argv[1]; prints "valid" or the first error and exits 1."""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
with open(sys.argv[2]) as f:
    document = json.load(f)
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
errors = sorted(validator_class(schema).iter_errors(document), key=str)
if errors:
    print("invalid:", errors[0].message, "at", list(errors[0].absolute_path))
    sys.exit(1)
print("valid")
