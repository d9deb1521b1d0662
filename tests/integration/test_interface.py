"""The stable interfaces against their documentation: org.limber.Daemon1 (docs/dbus.md) as the
XML file and a running limberd describe it, and limberctl's JSON (docs/json.md,
docs/limberctl.schema.json) as limberctl really prints it.

A member added to the interface, or a JSON member added to limberctl, without its entry in the
documentation fails here; so does a documented member that is gone.

Run one with:  /usr/bin/python3 tests/integration/run.py test_interface CASE
"""

import copy
import json
import os
import re
import xml.etree.ElementTree as ET

from gi.repository import Gio, GLib

from cases import HOUR_LIMIT, start_limberd, start_watch, wait_state
from harness import LIMBER_IFACE, LIMBER_NAME, LIMBER_PATH, SOURCE_DIR, Skip, TestFailure, check

INTERFACE_XML = os.path.join(SOURCE_DIR, "daemon", "bus", "org.limber.Daemon1.xml")
DBUS_DOC = os.path.join(SOURCE_DIR, "docs", "dbus.md")
JSON_DOC = os.path.join(SOURCE_DIR, "docs", "json.md")
SCHEMA = os.path.join(SOURCE_DIR, "docs", "limberctl.schema.json")
ERROR_NAME = re.compile(r"org\.limber\.Error\.\w+")


# -- org.limber.Daemon1 ---------------------------------------------------------------

def interface_from_xml(text):
    """{"properties": {name: (type, access)}, "methods": {name: (in, out)}, "signals": {name:
    args}, where in, out and args are tuples of (type, name)} of org.limber.Daemon1."""
    root = ET.fromstring(text)
    found = [i for i in root.iter("interface") if i.get("name") == LIMBER_IFACE]
    check(len(found) == 1, f"{len(found)} <interface name=\"{LIMBER_IFACE}\"> elements, want 1")
    iface = found[0]

    def args(element, direction):
        return tuple((a.get("type"), a.get("name")) for a in element.iter("arg")
                     if (a.get("direction") or direction) == direction)
    return {
        "properties": {p.get("name"): (p.get("type"), p.get("access")) for p in iface.iter("property")},
        "methods": {m.get("name"): (args(m, "in"), args(m, "out")) for m in iface.iter("method")},
        "signals": {s.get("name"): args(s, "out") for s in iface.iter("signal")},
    }


def split_args(text):
    """'u n_days, aa{sv} days' -> (("u", "n_days"), ("aa{sv}", "days")); types may hold ( ) and ,."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c in "({"
        depth -= c in ")}"
        if c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    result = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        sig, _, name = part.rpartition(" ")
        check(sig and name, f"argument {part!r} is not 'TYPE name'")
        result.append((sig, name))
    return tuple(result)


def parenthesised(text, at):
    """The text inside the parentheses opening at text[at], and the index after them."""
    depth = 0
    for i in range(at, len(text)):
        depth += text[i] == "("
        depth -= text[i] == ")"
        if depth == 0:
            return text[at + 1:i], i + 1
    raise TestFailure(f"unbalanced parentheses in {text!r}")


def call_heading(heading):
    """'GetHistory(u n_days) → (aa{sv} days, u habit_days)' -> (name, in, out)."""
    m = re.match(r"(\w+)\(", heading)
    check(m, f"heading {heading!r} is not NAME(ARGS)")
    inner, end = parenthesised(heading, m.end() - 1)
    out = ()
    rest = heading[end:].strip()
    if rest:
        check(rest.startswith("→ ("), f"heading {heading!r}: after the arguments, want '→ (OUT)'")
        out_text, end = parenthesised(rest, 2)
        check(not rest[end:].strip(), f"heading {heading!r} goes on after its results")
        out = split_args(out_text)
    return m.group(1), split_args(inner), out


def interface_from_doc(path=DBUS_DOC):
    """The members docs/dbus.md lists, as interface_from_xml gives them, and its error names."""
    doc = {"properties": {}, "methods": {}, "signals": {}}
    errors, section = [], None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                section = line[3:].strip().lower()
                continue
            if not line.startswith("### "):
                continue
            heading = line[4:].strip()
            if section == "properties":
                m = re.fullmatch(r"(\w+) \((\S+), (read|write|readwrite)\)", heading)
                check(m, f"property heading {heading!r} is not 'Name (TYPE, ACCESS)'")
                doc["properties"][m.group(1)] = (m.group(2), m.group(3))
            elif section == "methods":
                name, args_in, args_out = call_heading(heading)
                doc["methods"][name] = (args_in, args_out)
            elif section == "signals":
                name, args, out = call_heading(heading)
                check(not out, f"signal {name} documents results")
                doc["signals"][name] = args
            elif section == "errors":
                check(ERROR_NAME.fullmatch(heading), f"error heading {heading!r} is not org.limber.Error.NAME")
                errors.append(heading)
            else:
                raise TestFailure(f"docs/dbus.md: '### {heading}' under '## {section}', not under "
                                  "Properties, Methods, Signals or Errors")
    return doc, errors


def compare(described, documented, source):
    """Fail with every difference between an interface description and the documentation."""
    problems = []
    for kind, one in (("properties", "property"), ("methods", "method"), ("signals", "signal")):
        have, doc = described[kind], documented[kind]
        for name in sorted(set(have) - set(doc)):
            problems.append(f"{one} {name} {have[name]} is not documented in docs/dbus.md")
        for name in sorted(set(doc) - set(have)):
            problems.append(f"docs/dbus.md documents {one} {name}, which {source} lacks")
        for name in sorted(set(have) & set(doc)):
            if have[name] != doc[name]:
                problems.append(f"{one} {name}: {source} says {have[name]}, docs/dbus.md {doc[name]}")
    check(not problems, f"{source} and docs/dbus.md differ:\n  " + "\n  ".join(problems))


def source_error_names():
    """Every org.limber.Error.* the daemon's sources name."""
    names = set()
    for top, _, files in os.walk(os.path.join(SOURCE_DIR, "daemon")):
        for name in files:
            if name.endswith((".c", ".h")):
                with open(os.path.join(top, name)) as f:
                    names.update(ERROR_NAME.findall(f.read()))
    return names


def test_dbus_xml_documented(h):
    """daemon/bus/org.limber.Daemon1.xml and docs/dbus.md list the same members with the same
    types, arguments and access; the errors the daemon's sources can answer are documented."""
    with open(INTERFACE_XML) as f:
        described = interface_from_xml(f.read())
    documented, errors = interface_from_doc()
    check(described["properties"] and described["methods"], f"nothing parsed from {INTERFACE_XML}")
    compare(described, documented, "org.limber.Daemon1.xml")
    in_sources = source_error_names()
    check(in_sources, "no org.limber.Error.* in daemon/")
    check(len(errors) == len(set(errors)), f"docs/dbus.md lists an error twice: {errors}")
    check(set(errors) == in_sources, f"errors in daemon/: {sorted(in_sources)}; in docs/dbus.md: {sorted(errors)}")
    print(f"{len(described['properties'])} properties, {len(described['methods'])} methods, "
          f"{len(described['signals'])} signals, {len(errors)} errors: all documented")


def test_dbus_doc_parser_catches_gaps(h):
    """The comparison fails on an undocumented member, a documented one that is gone, a changed
    argument and a changed type: without this, the case above could pass by parsing nothing."""
    with open(INTERFACE_XML) as f:
        described = interface_from_xml(f.read())
    documented, _ = interface_from_doc()
    changes = {
        "an undocumented property": lambda d: d["properties"].update(Extra=("s", "read")),
        "a documented method that is gone": lambda d: d["methods"].pop("Skip"),
        "a renamed argument": lambda d: d["methods"].update(Pause=((("t", "length_us"),), ())),
        "a changed type": lambda d: d["properties"].update(State=("u", "read")),
        "an undocumented signal": lambda d: d["signals"].update(Changed=(("s", "state"),)),
    }
    for what, change in changes.items():
        changed = copy.deepcopy(described)
        change(changed)
        try:
            compare(changed, documented, "the changed XML")
        except TestFailure:
            continue
        raise TestFailure(f"the comparison missed {what}")


def introspect(conn):
    reply = conn.call_sync(LIMBER_NAME, LIMBER_PATH, "org.freedesktop.DBus.Introspectable", "Introspect",
                           None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 5000, None)
    return reply.unpack()[0]


def test_dbus_live_documented(h):
    """A running limberd introspects org.limber.Daemon1 as the XML file has it and as
    docs/dbus.md documents it."""
    start_limberd(h, HOUR_LIMIT)
    live = interface_from_xml(introspect(h.session_bus))
    with open(INTERFACE_XML) as f:
        built = interface_from_xml(f.read())
    documented, _ = interface_from_doc()
    compare(live, documented, "the running limberd")
    check(live == built, f"the running limberd's interface differs from {INTERFACE_XML} (a stale build?)")


# -- limberctl's JSON ------------------------------------------------------------------

def load_schema():
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        raise Skip("python3-jsonschema is not installed") from None
    with open(SCHEMA) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return schema


def closed(node):
    """The schema with every object closed (additionalProperties false where it lists
    properties): the published schema lets readers meet members it does not know, but limberctl
    must print none that it does not describe."""
    if isinstance(node, list):
        return [closed(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: closed(v) for k, v in node.items()}
    if "properties" in node and "additionalProperties" not in node:
        out["additionalProperties"] = False
    return out


def validate(schema, kind, obj):
    """obj must be a `kind` (a $defs entry) of the closed schema, and a line the whole schema
    accepts."""
    from jsonschema import Draft202012Validator
    strict = closed(schema)
    for target, label in (({"$ref": f"#/$defs/{kind}", "$defs": strict["$defs"]}, kind), (strict, "any line")):
        errors = sorted(Draft202012Validator(target).iter_errors(obj), key=lambda e: list(e.path))
        if errors:
            details = "\n  ".join(f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors[:8])
            raise TestFailure(f"limberctl's output is not a valid {label}:\n  {details}\n"
                              f"output: {json.dumps(obj)[:1500]}")


def test_json_status(h):
    """status --json and stats --json validate against the closed schema, sitting and paused
    until resumed."""
    schema = load_schema()
    start_limberd(h, HOUR_LIMIT)
    first = json.loads(h.ctl("status", "--json").stdout)
    validate(schema, "status", first)
    check(first["version"] == 1 and first["state"] == "sitting", f"{first}")
    h.ctl("pause")
    wait_state(h, "paused")
    paused = json.loads(h.ctl("status", "--json").stdout)
    validate(schema, "status", paused)
    check(paused["paused_until_resumed"] and paused["paused_until_us"] is None, f"{paused}")
    stats = json.loads(h.ctl("stats", "--json", "--days", "3").stdout)
    validate(schema, "stats", stats)
    check(len(stats["days"]) == 3, f"{stats}")


def watch_lines(h, fmt, kind):
    """limberctl watch --format FMT: the first line, one after a pause, one after limberd stops;
    each validated as `kind` (stopped for the json format's last)."""
    schema = load_schema()
    start_limberd(h, HOUR_LIMIT)
    proc, lines = start_watch(h, "--format", fmt)
    first = json.loads(lines.next())
    validate(schema, kind, first)
    h.ctl("pause", "1h")
    second = json.loads(lines.next())
    validate(schema, kind, second)
    h.stop_daemon()
    stopped = json.loads(lines.next())
    validate(schema, "stopped" if fmt == "json" else kind, stopped)
    proc.terminate()
    proc.wait(timeout=5)
    return first, second, stopped


def test_json_watch(h):
    first, second, stopped = watch_lines(h, "json", "status")
    check(first["state"] == "sitting" and second["state"] == "paused", f"{first}\n{second}")
    check(stopped == {"version": 1, "state": "stopped", "text": "Limber is not running"}, f"{stopped}")


def test_json_waybar(h):
    first, second, stopped = watch_lines(h, "waybar", "waybar")
    check([first["class"], second["class"], stopped["class"]] == ["sitting", "paused", "stopped"],
          f"{first}\n{second}\n{stopped}")


def doc_members(path=JSON_DOC):
    """{section: [members]} from the tables of docs/json.md (the first column, in backticks)."""
    members, section = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("## "):
                section = line[3:].strip()
            m = re.match(r"\| `(\w+)` \|", line)
            if m and section:
                members.setdefault(section, []).append(m.group(1))
    return members


def test_json_doc_matches_schema(h):
    """docs/json.md's tables list exactly the members the schema describes, kind by kind, and
    the closed schema refuses an undescribed member."""
    schema = load_schema()
    documented = doc_members()
    for kind in ("status", "waybar", "stats", "day"):
        described = list(schema["$defs"][kind]["properties"])
        check(documented.get(kind), f"docs/json.md has no table under '## {kind}'")
        check(sorted(documented[kind]) == sorted(described),
              f"{kind}: docs/json.md lists {sorted(documented[kind])}, the schema {sorted(described)}")
        check(sorted(schema["$defs"][kind]["required"]) == sorted(described),
              f"{kind}: the schema describes members it does not require, or the reverse")
    try:
        validate(schema, "stopped", {"version": 1, "state": "stopped", "text": "x", "extra": 1})
    except TestFailure:
        return
    raise TestFailure("the closed schema accepted a member it does not describe")
