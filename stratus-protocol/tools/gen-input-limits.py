#!/usr/bin/env python3
"""Writes input-limits.properties: the length, size, range and pattern constraints of every
member of every structure reachable from an operation input, for the services Stratus serves,
as AWS's service models (botocore's service-2.json) give them.

Usage: gen-input-limits.py [BOTOCORE_DATA_DIR] > ../src/main/resources/dev/stratus/protocol/codec/input-limits.properties
The default data directory is the one the Debian awscli package installs. InputLimitsModelTest
re-runs this and fails when the committed table differs from what the models give.

Keys: <sdk service id>.<lower-case SDK class name>.<Member>[.item].<len|size|range|pattern>
  len   = min..max characters of a string     size  = min..max entries of a list or map
  range = min..max of a number                pattern = the regular expression (Smithy search)
  .item  = the constraint of each entry of a list member (list of strings or numbers).
The SDK names an operation's input class <Operation>Request whatever the model calls the shape;
other structures keep the shape name (compared lower-case, as the SDK re-cases e.g. WebACL).
"""
import glob
import json
import os
import sys

SERVICES = {  # botocore name -> SDK v2 service id
    "acm": "acm",
    "apigateway": "apigateway",
    "apigatewayv2": "apigatewayv2",
    "cloudfront": "cloudfront",
    "ec2": "ec2",
    "elbv2": "elasticloadbalancingv2",
    "globalaccelerator": "globalaccelerator",
    "route53": "route53",
    "wafv2": "wafv2",
}
DEFAULT_DATA = "/usr/lib/python3/dist-packages/awscli/botocore/data"


def escape(value):
    """A java.util.Properties value: backslashes doubled, non-ASCII as \\uXXXX."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            if ord(ch) > 0xFFFF:
                raise ValueError("non-BMP character in a pattern")
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    s = "".join(out)
    return "\\" + s if s.startswith(" ") else s


def bounds(shape):
    lo, hi = shape.get("min"), shape.get("max")
    if lo is None and hi is None:
        return None
    fmt = lambda v: "" if v is None else (str(int(v)) if float(v).is_integer() else str(v))
    return fmt(lo) + ".." + fmt(hi)


def scalar_limits(shape):
    """(suffix, value) pairs of a scalar shape's constraints."""
    t = shape["type"]
    out = []
    if t == "string":
        b = bounds(shape)
        if b:
            out.append(("len", b))
        if "pattern" in shape and "enum" not in shape:
            out.append(("pattern", shape["pattern"]))
    elif t in ("integer", "long", "float", "double"):
        b = bounds(shape)
        if b:
            out.append(("range", b))
    return out


def service_lines(sdk_id, model):
    shapes = model["shapes"]
    classes = {}  # shape name -> set of SDK class names (lower-case)
    for op in model["operations"].values():
        if "input" in op:
            classes.setdefault(op["input"]["shape"], set()).add((op["name"] + "Request").lower())
    seen = set()
    stack = [s for s in classes]
    while stack:  # every structure reachable from an input
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        targets = []
        if shape["type"] == "structure":
            targets = [m["shape"] for m in shape.get("members", {}).values()]
        elif shape["type"] == "list":
            targets = [shape["member"]["shape"]]
        elif shape["type"] == "map":
            targets = [shape["key"]["shape"], shape["value"]["shape"]]
        for t in targets:
            if shapes[t]["type"] in ("structure", "list", "map"):
                stack.append(t)
            if shapes[t]["type"] == "structure":
                classes.setdefault(t, set()).add(t.lower())
    lines = []
    for name in sorted(seen):
        shape = shapes[name]
        if shape["type"] != "structure":
            continue
        for member, ref in sorted(shape.get("members", {}).items()):
            target = shapes[ref["shape"]]
            limits = []
            if target["type"] in ("list", "map"):
                b = bounds(target)
                if b:
                    limits.append(("size", b))
                if target["type"] == "list":
                    item = shapes[target["member"]["shape"]]
                    limits += [("item." + k, v) for k, v in scalar_limits(item)]
            else:
                limits += scalar_limits(target)
            for cls in sorted(classes[name]):
                for suffix, value in limits:
                    lines.append("%s.%s.%s.%s=%s" % (sdk_id, cls, member, suffix, escape(value)))
    return lines


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DATA
    print("# Input constraints of AWS's service models (botocore service-2.json), per")
    print("# <sdk service id>.<lower-case SDK class name>.<Member>[.item].<len|size|range|pattern>.")
    print("# Generated by stratus-protocol/tools/gen-input-limits.py; do not edit by hand.")
    lines = []
    for botocore_name, sdk_id in sorted(SERVICES.items(), key=lambda e: e[1]):
        paths = sorted(glob.glob(os.path.join(data, botocore_name, "*", "service-2.json")))
        if not paths:
            sys.exit("no model for %s under %s" % (botocore_name, data))
        with open(paths[-1], encoding="utf-8") as f:
            lines += service_lines(sdk_id, json.load(f))
    for line in sorted(set(lines)):
        print(line)


if __name__ == "__main__":
    main()
