#!/usr/bin/env python3
"""Checks plans against the plan schema with a real JSON Schema validator (python3-jsonschema).

  check_plans.py --schema S --plans DIR --accepted DIR --refused DIR

--plans: the example plans; each must be valid and name the schema on its first line, as
         '# yaml-language-server: $schema=./<schema file>'.
--accepted: plans the schema must accept (cases where it could easily be stricter than hotlive).
--refused: plans the schema must refuse, each where its '# schema refuses: POINTER KEYWORD' line
           says, so that a plan refused for some other reason does not pass for a good one.

YAML is read as editors read it (YAML 1.2 core schema: NO is text, 2026-12-31T19:30:00Z too),
not with PyYAML's YAML 1.1 rules. Exits 1 on any failure, also when a module is missing.
schema_keys_test.cpp checks that hotlive's loader agrees on the --accepted and --refused plans.
"""
import argparse
import json
import pathlib
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    sys.exit(f"check_plans.py: {e}; install python3-jsonschema and python3-yaml (scripts/bootstrap does)")


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's scalars, refusing duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key.value!r}", key.start_mark)
                seen.add(key.value)
        return super().construct_mapping(node, deep)


def _core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _core_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".nan"):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float(text)


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), first)
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _core_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _core_float)


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path) or "/"


def all_errors(errors):
    """Every error, with those inside anyOf/oneOf alternatives."""
    for e in errors:
        yield e
        yield from all_errors(e.context)


def yaml_files(directory):
    files = sorted(pathlib.Path(directory).glob("*.yaml"))
    if not files:
        raise SystemExit(f"check_plans.py: no .yaml file in {directory}")
    return files


def load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


def problems_of_valid(validator, path):
    return [f"{pointer(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(path))]


def problems_of_example(validator, schema_path, path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    if not match:
        return [f"line 1 must be '# yaml-language-server: $schema=./{schema_path.name}'"]
    if (path.parent / match.group(1)).resolve() != schema_path:
        return [f"line 1 names {match.group(1)}, not {schema_path}"]
    return problems_of_valid(validator, path)


def problems_of_refused(validator, path):
    expected = re.search(r"^# schema refuses: (\S+) (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    if not expected:
        return ["no '# schema refuses: POINTER KEYWORD' line"]
    errors = list(all_errors(validator.iter_errors(load(path))))
    if any((pointer(e.absolute_path), e.validator) == expected.groups() for e in errors):
        return []
    got = "; ".join(f"{pointer(e.absolute_path)} {e.validator}: {e.message}" for e in errors) or "no error"
    return [f"must be refused at {' '.join(expected.groups())}, got {got}"]


def main():
    args = argparse.ArgumentParser()
    for option in ("--schema", "--plans", "--accepted", "--refused"):
        args.add_argument(option, required=True)
    args = args.parse_args()

    schema_path = pathlib.Path(args.schema).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Draft-07: the newest draft editors' YAML support (yaml-language-server) validates in full.
    if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
        sys.exit(f"check_plans.py: {schema_path}: '$schema' is not draft-07")
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)

    kinds = [
        (args.plans, lambda path: problems_of_example(validator, schema_path, path)),
        (args.accepted, lambda path: problems_of_valid(validator, path)),
        (args.refused, lambda path: problems_of_refused(validator, path)),
    ]
    checks = [(path, check) for directory, check in kinds for path in yaml_files(directory)]
    failed = 0
    for path, check in checks:
        try:
            problems = check(path)
        except yaml.YAMLError as e:
            problems = [f"not YAML the schema can check: {e}"]
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed += bool(problems)
    print(f"schema: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
