"""Checks a Zero to JupyterHub values file (classroom/z2jh/config.yaml) before `helm upgrade`.

    python3 -m venv /tmp/z2jh-check && /tmp/z2jh-check/bin/pip install jsonschema==4.23.0 PyYAML==6.0.2
    /tmp/z2jh-check/bin/python classroom/z2jh/validate.py classroom/z2jh/config.yaml [CHART_DIR]

1. The file parses as YAML and holds a mapping.
2. The keys and value types this course's config uses are checked against a partial schema written
   here from the chart's documented structure (z2jh's reference of singleuser, cull, prePuller,
   scheduling, hub.config): a misspelt key in those sections fails, as it would with the chart's
   schema (which rejects unknown keys in most sections).
3. If the chart's folder is given (`helm pull jupyterhub/jupyterhub --version <CHART_VERSION>
   --untar`, or the jupyterhub/ folder of the zero-to-jupyterhub-k8s repository), the file is merged
   over the chart's values.yaml, as Helm does, and the result validated against the chart's schema
   (values.schema.json, or values.schema.yaml with its descriptions, as in the repository).
   `helm lint`/`helm template` with the chart do the same.
Exit status 0 when every check that ran passed. The chart is not in this repository.
"""
import json
import pathlib
import sys

import jsonschema
import yaml

QUANTITY = {"type": ["string", "number", "null"]}
ENABLED = {"type": "object", "properties": {"enabled": {"type": "boolean"}}}


def obj(properties, closed=True, **extra):
    out = {"type": "object", "properties": properties, **extra}
    if closed:
        out["additionalProperties"] = False
    return out


# What config.yaml uses, with the types the chart documents. Sections the course leaves at the
# chart's defaults are open (any keys) here: the chart's schema checks them.
PARTIAL = obj({
    "singleuser": obj({
        "image": obj({"name": {"type": "string"}, "tag": {"type": "string"},
                      "pullPolicy": {"enum": [None, "", "IfNotPresent", "Always", "Never"]},
                      "pullSecrets": {"type": "array"}}),
        "defaultUrl": {"type": "string"},
        "cmd": {"type": ["array", "string", "null"]},
        "memory": obj({"guarantee": QUANTITY, "limit": QUANTITY}),
        "cpu": obj({"guarantee": {"type": ["number", "null"]}, "limit": {"type": ["number", "null"]}}),
        "extraEnv": {"type": "object", "additionalProperties": {"type": ["string", "object"]}},
        "storage": obj({"capacity": {"type": "string"}}, closed=False),
    }, closed=False),
    "cull": obj({"enabled": {"type": "boolean"}, "users": {"type": "boolean"},
                 "adminUsers": {"type": "boolean"}, "removeNamedServers": {"type": "boolean"},
                 "timeout": {"type": "integer", "minimum": 1}, "every": {"type": "integer", "minimum": 1},
                 "concurrency": {"type": "integer"}, "maxAge": {"type": "integer"}}),
    "prePuller": obj({"hook": obj({"enabled": {"type": "boolean"}}, closed=False),
                      "continuous": obj({"enabled": {"type": "boolean"}}, closed=False)}, closed=False),
    "scheduling": obj({"userScheduler": obj({"enabled": {"type": "boolean"}}, closed=False),
                       "podPriority": obj({"enabled": {"type": "boolean"}}, closed=False),
                       "userPlaceholder": obj({"enabled": {"type": "boolean"},
                                               "replicas": {"type": "integer", "minimum": 0}}, closed=False)},
                      closed=False),
    # hub.config is passed to JupyterHub's traitlets: Class.trait (both capitalised/lower as in traitlets)
    "hub": obj({"config": {"type": "object", "propertyNames": {"pattern": "^[A-Z][A-Za-z0-9]*$"},
                           "additionalProperties": {"type": "object"}}}, closed=False),
}, closed=False, required=["singleuser"])
TOP_LEVEL = {"enabled", "fullnameOverride", "nameOverride", "global", "custom", "imagePullSecret",
             "imagePullSecrets", "hub", "proxy", "singleuser", "scheduling", "ingress", "prePuller", "cull",
             "debug", "rbac", "Chart", "Release", "Capabilities", "Template"}


def merge(base, override):
    """override's keys over base's, mappings merged key by key (Helm's way with values files)."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    with open(argv[1]) as f:
        values = yaml.safe_load(f)
    if not isinstance(values, dict):
        print(f"{argv[1]}: not a YAML mapping")
        return 1
    print(f"1. {argv[1]} parses as YAML: top-level keys {sorted(values)}")
    failed = False
    unknown = set(values) - TOP_LEVEL
    if unknown:
        print(f"   unknown top-level keys (the chart rejects them): {sorted(unknown)}")
        failed = True
    errors = sorted(jsonschema.Draft7Validator(PARTIAL).iter_errors(values), key=lambda e: list(e.path))
    for e in errors:
        print(f"   {'.'.join(map(str, e.path)) or '(top)'}: {e.message}")
    failed |= bool(errors)
    print(f"2. partial schema of the keys used: {'FAILED' if errors else 'ok'}")
    if len(argv) == 3:
        chart = pathlib.Path(argv[2])
        json_schema, yaml_schema = chart / "values.schema.json", chart / "values.schema.yaml"
        schema = json.loads(json_schema.read_text()) if json_schema.exists() else yaml.safe_load(yaml_schema.read_text())
        merged = merge(yaml.safe_load((chart / "values.yaml").read_text()), values)
        errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(merged), key=lambda e: list(e.path))
        for e in errors:
            print(f"   {'.'.join(map(str, e.path)) or '(top)'}: {e.message}")
        failed |= bool(errors)
        print(f"3. merged over the chart's values.yaml, against its schema ({argv[2]}): {'FAILED' if errors else 'ok'}")
    else:
        print("3. the chart's values.schema.json: not given, not checked")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
