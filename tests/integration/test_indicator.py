"""limberd's tray icon (daemon/indicator/, run by limberd on its own connection), against a real watcher.

No StatusNotifierWatcher that Debian 12 packages runs headless, so the watcher is a small one
written here with Gio (`python3 test_indicator.py watcher`, a process of its own): it owns
org.kde.StatusNotifierWatcher, takes RegisterStatusNotifierItem calls as KDE's and waybar's do, and
prints one line per registration. The test then reads the item as a host does (properties with Get,
the menu with GetLayout) and clicks through Event, and checks what the real limberd did.

waybar_tray (suite rig) is the real thing: waybar's tray module under headless sway in the rig's
Debian 13 root (tools/trixie-root), with grim's pictures of the bar."""

import json
import os
import struct
import subprocess
import sys
import threading
import time
import zlib

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

from cases import INDICATOR_ICONS as ICONS, properties, quiet, start_limberd  # noqa: E402
from harness import TestFailure, check, wait_for  # noqa: E402

WATCHER = "org.kde.StatusNotifierWatcher"
ITEM_IFACE = "org.kde.StatusNotifierItem"
ITEM_PATH = "/StatusNotifierItem"
MENU_IFACE = "com.canonical.dbusmenu"
MENU_PATH = "/MenuBar"
LABELS = ["Start a break now", "Pause 30 min", "Pause 1 h", "Pause until I resume", "Resume",
          "Skip this break", None, "Statistics", None, "Quit"]
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("LIMBER_SOURCE_DIR", os.path.join(HERE, "..", ".."))

WATCHER_XML = """
<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
</node>
"""


def serve_watcher():
    """The watcher process: prints 'registered SERVICE SENDER' and 'unregistered SERVICE' lines."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    info = Gio.DBusNodeInfo.new_for_xml(WATCHER_XML).interfaces[0]
    items = {}  # service → the unique name that registered it

    def say(line):
        print(line, flush=True)

    def on_call(conn, sender, path, iface, method, params, invocation):
        if method == "RegisterStatusNotifierItem":
            service = params.unpack()[0]
            # As KDE does: a path names the item on the caller's connection.
            name = sender if service.startswith("/") else service
            items[name] = sender
            conn.emit_signal(None, "/StatusNotifierWatcher", WATCHER, "StatusNotifierItemRegistered",
                             GLib.Variant("(s)", (name,)))
            say(f"registered {name} {sender}")
        invocation.return_value(None)

    def on_get(conn, sender, path, iface, name):
        if name == "RegisteredStatusNotifierItems":
            return GLib.Variant("as", sorted(items))
        if name == "IsStatusNotifierHostRegistered":
            return GLib.Variant("b", True)
        return GLib.Variant("i", 0)

    def on_owner_changed(conn, sender, path, iface, signal, params):
        name, old, new = params.unpack()
        for service, owner in list(items.items()):
            if not new and old and (owner == old or service == name):
                del items[service]
                say(f"unregistered {service}")

    bus.register_object("/StatusNotifierWatcher", info, on_call, on_get, None)
    bus.signal_subscribe("org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
                         "/org/freedesktop/DBus", None, Gio.DBusSignalFlags.NONE, on_owner_changed)
    loop = GLib.MainLoop()
    Gio.bus_own_name_on_connection(bus, WATCHER, Gio.BusNameOwnerFlags.DO_NOT_QUEUE,
                                   lambda *a: say("watching"), lambda *a: loop.quit())
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, 15, loop.quit)
    loop.run()


class Watcher:
    def __init__(self, h):
        self.h = h
        self.lines = []
        self.proc = h.spawn("watcher", [sys.executable, os.path.abspath(__file__), "watcher"], env=h.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        h.wait_name(WATCHER)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def registered(self, after=0):
        return [line.split()[1:] for line in self.lines[after:] if line.startswith("registered ")]

    def wait_registered(self, after=0, timeout=10, ready=True):
        """(service, sender) of the first registration after line `after`; with ready, once the
        item shows limberd's state (it may register before its proxy has read limberd)."""
        service, sender = wait_for(lambda: self.registered(after), timeout,
                                   "limberd's item to register with the watcher")[0]
        if ready:
            wait_for(lambda: item_prop(self.h, service, "Status") != "Passive", timeout,
                     "the item to show limberd's state")
        return service, sender

    def stop(self):
        self.h._stop(self.proc)
        self.h.forget(self.proc)
        self.h.wait_name(WATCHER, present=False)


# What the indicator says when something goes wrong (indicator.c); limberd's log must not hold them.
TRAY_TROUBLE = ("Could not offer the tray icon", "did not take Limber's icon", "Could not follow limberd")


def tray_trouble(h):
    return [line for line in h.daemon_output().splitlines() if any(t in line for t in TRAY_TROUBLE)]


def call(h, name, path, iface, method, args=None, signature=None, reply=None):
    return h.session_bus.call_sync(name, path, iface, method,
                                   GLib.Variant(signature, args) if signature else None,
                                   GLib.VariantType(reply) if reply else None, Gio.DBusCallFlags.NONE, 5000,
                                   None).unpack()


def item_props(h, service):
    return call(h, service, ITEM_PATH, "org.freedesktop.DBus.Properties", "GetAll", (ITEM_IFACE,), "(s)")[0]


def item_prop(h, service, name):
    return call(h, service, ITEM_PATH, "org.freedesktop.DBus.Properties", "Get", (ITEM_IFACE, name), "(ss)")[0]


def layout(h, service):
    revision, (root, props, children) = call(h, service, MENU_PATH, MENU_IFACE, "GetLayout", (0, -1, []), "(iias)")
    return root, props, children


def menu_items(h, service):
    """{label: (id, enabled, visible)} from GetLayout."""
    _, _, children = layout(h, service)
    return {c[1]["label"]: (c[0], c[1]["enabled"], c[1]["visible"]) for c in children if "label" in c[1]}


def click(h, service, label):
    item_id = menu_items(h, service)[label][0]
    call(h, service, MENU_PATH, MENU_IFACE, "Event", (item_id, "clicked", GLib.Variant("s", ""), 0), "(isvu)")


def status(h):
    return json.loads(h.ctl("status", "--json").stdout)


def setup(h, config=None, watcher=True):
    """Xvfb, a private bus, the notification mock, the watcher and the real limberd (by default
    with no break due for an hour), which shows the tray icon itself."""
    if h.session_bus is None:
        h.start_session_bus()
    tray = Watcher(h) if watcher else None
    start_limberd(h, quiet("30m") if config is None else config)
    return tray


def item_names(h):
    names = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")[0]
    return [n for n in names if n.startswith("org.kde.StatusNotifierItem")]


def exported(h, owner):
    """Whether `owner` answers for the item's object."""
    try:
        call(h, owner, ITEM_PATH, "org.freedesktop.DBus.Properties", "Get", (ITEM_IFACE, "Id"), "(ss)")
    except GLib.Error as e:
        check("No such" in e.message or "not" in e.message.lower(), e.message)
        return False
    return True


def reload_with(h, text):
    h.write_config(text)
    h.ctl("reload")


# -- the cases ----------------------------------------------------------------------

def test_properties(h):
    watcher = setup(h)
    service, sender = watcher.wait_registered()
    check(service.startswith("org.kde.StatusNotifierItem-") and service.endswith("-1"), f"service {service!r}")
    check(service == f"org.kde.StatusNotifierItem-{h.daemon.pid}-1", f"{service} is not of limberd's pid {h.daemon.pid}")
    owner = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner",
                 ("org.limber.Daemon1",), "(s)")[0]
    check(sender == owner, f"registered by {sender}, limberd is {owner}: not on limberd's connection")
    props = item_props(h, service)
    check(props["Id"] == "limber" and props["Title"] == "Limber", f"{props}")
    check(props["Category"] == "ApplicationStatus", props["Category"])
    check(props["Status"] == "Active", f"Status {props['Status']}")
    check(props["IconName"] == "limber-sitting", f"IconName {props['IconName']}")
    check(props["ItemIsMenu"] is True and props["Menu"] == MENU_PATH, f"{props['ItemIsMenu']} {props['Menu']}")
    icon, pixmaps, title, text = props["ToolTip"]
    check(icon == "limber-sitting" and pixmaps == [], f"tooltip icon {icon!r}")
    check(title.startswith("Sitting ") and " · movement break in " in title, f"tooltip {title!r}")
    check(title == h.ctl("status").stdout.strip(), f"tooltip {title!r} is not limberctl status")
    check(text.startswith("Today: ") and "breaks taken" in text, f"tooltip text {text!r}")
    for name in ICONS:
        check(os.path.exists(os.path.join(SOURCE_DIR, "data", "icons", "hicolor", "scalable", "status",
                                          name + ".svg")), f"no icon {name}.svg")


def test_menu_pause_resume(h):
    watcher = setup(h)
    service, _ = watcher.wait_registered()
    root, props, children = layout(h, service)
    check(root == 0 and props.get("children-display") == "submenu", f"root {root} {props}")
    labels = [c[1].get("label") for c in children]
    check(labels == LABELS, f"menu {labels}")
    check([c[1].get("type") for c in children if "label" not in c[1]] == ["separator", "separator"], "separators")
    items = menu_items(h, service)
    check(items["Resume"][2] is False and items["Pause 30 min"][2] is True, f"{items}")
    check(items["Skip this break"][1] is False, "Skip offered with no break due")
    # Click Pause: the real limberd pauses, and the icon, tooltip and menu follow.
    click(h, service, "Pause 30 min")
    wait_for(lambda: status(h)["state"] == "paused", 5, "limberd to pause")
    s = status(h)
    left_us = s["paused_until_us"] - s["now_us"]
    check(29 * 60 * 10**6 < left_us <= 30 * 60 * 10**6, f"paused for {left_us} µs, want 30 min")
    wait_for(lambda: item_prop(h, service, "IconName") == "limber-paused", 5, "the paused icon")
    check(item_prop(h, service, "ToolTip")[2].startswith("Paused · "), "tooltip while paused")
    items = menu_items(h, service)
    check(items["Resume"][1:] == (True, True) and items["Pause 30 min"][2] is False, f"menu while paused {items}")
    click(h, service, "Resume")
    wait_for(lambda: status(h)["state"] == "sitting", 5, "limberd to resume")
    click(h, service, "Pause until I resume")
    wait_for(lambda: status(h)["paused_until_resumed"], 5, "limberd to pause until resumed")
    # A click on an item that does not apply now (Pause while paused) does nothing.
    click(h, service, "Pause 1 h")
    time.sleep(0.3)  # nothing to wait for: the point is that nothing happens
    check(status(h)["paused_until_resumed"], "a hidden Pause item was obeyed")
    # GetProperty, GetGroupProperties and a bad id.
    quit_id = menu_items(h, service)["Quit"][0]
    value = call(h, service, MENU_PATH, MENU_IFACE, "GetProperty", (quit_id, "label"), "(is)")[0]
    check(value == "Quit", f"GetProperty {value!r}")
    group = call(h, service, MENU_PATH, MENU_IFACE, "GetGroupProperties", ([quit_id, 99], ["enabled"]), "(aias)")[0]
    check(group == [(quit_id, {"enabled": True})], f"GetGroupProperties {group}")
    try:
        call(h, service, MENU_PATH, MENU_IFACE, "Event", (99, "clicked", GLib.Variant("s", ""), 0), "(isvu)")
    except GLib.Error as e:
        check("no menu item 99" in e.message, e.message)
    else:
        raise TestFailure("Event on item 99 was accepted")
    version = call(h, service, MENU_PATH, "org.freedesktop.DBus.Properties", "Get", (MENU_IFACE, "Version"), "(ss)")
    check(version[0] == 3, f"dbusmenu version {version}")


def test_start_and_skip(h):
    watcher = setup(h, config="[breaks]\nsit-limit = 4s\nbreak-length = 2s\nmicro-interval = 0\n"
                    "micro-length = 1s\nsnooze = 2s\n")
    service, _ = watcher.wait_registered()
    # The break falls due: the icon asks for attention and Skip is offered.
    wait_for(lambda: item_prop(h, service, "IconName") == "limber-break-due", 10, "the break-due icon")
    check(properties(h)["BreakDue"] is True, "limberd's BreakDue while the break-due icon shows")
    check(item_prop(h, service, "Status") == "NeedsAttention", "Status while a break is due")
    check(item_prop(h, service, "ToolTip")[2].endswith("movement break due now"), "tooltip while due")
    wait_for(lambda: menu_items(h, service)["Skip this break"][1], 5, "Skip to be offered")
    click(h, service, "Skip this break")
    wait_for(lambda: status(h)["today"]["skipped"] == 1, 5, "limberd to count the skip")
    wait_for(lambda: item_prop(h, service, "IconName") == "limber-sitting", 5, "the sitting icon after the skip")
    check(properties(h)["BreakDue"] is False, "BreakDue after the skip")
    check(not menu_items(h, service)["Skip this break"][1], "Skip still offered after skipping")
    click(h, service, "Start a break now")
    wait_for(lambda: status(h)["state"] == "in-break", 5, "limberd to start the routine")
    wait_for(lambda: item_prop(h, service, "IconName") == "limber-routine", 5, "the routine icon")
    check(not menu_items(h, service)["Start a break now"][1], "Start offered during the routine")


def test_watcher_restart(h):
    watcher = setup(h)
    service, _ = watcher.wait_registered()
    watcher.stop()
    # No watcher: nothing offered.
    h.wait_name(service, present=False)
    check(h.daemon.poll() is None, "limberd stopped with the watcher")
    watcher = Watcher(h)
    again, _ = watcher.wait_registered()
    check(again == service, f"registered {again} after the restart, {service} before")
    check(item_prop(h, service, "IconName") == "limber-sitting", "the item after the restart")
    check(not tray_trouble(h), "\n".join(tray_trouble(h)))


def test_no_watcher(h):
    # No tray at all: nothing may be exported, and nothing said.
    setup(h, watcher=False)
    h.ctl("status")  # limberd has turned its loop since it took its name
    owner = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner",
                 ("org.limber.Daemon1",), "(s)")[0]
    check(not item_names(h), f"an item without a watcher: {item_names(h)}")
    check(not exported(h, owner), "the item is exported with no watcher")
    check(not tray_trouble(h), "\n".join(tray_trouble(h)))
    # The icon was there all along, waiting: a tray that comes finds it.
    watcher = Watcher(h)
    service, sender = watcher.wait_registered()
    check(sender == owner and exported(h, owner), f"{service} from {sender}")


def match_rules(h, owner):
    """How many match rules the connection `owner` has on the bus (the bus's Debug.Stats)."""
    stats = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Debug.Stats",
                 "GetConnectionStats", (owner,), "(s)")[0]
    return stats["MatchRules"]


def test_follows_only_with_a_tray(h):
    # The indicator follows limberd's properties only while a tray can show them: its
    # subscription would bring every PropertiesChanged limberd emits back to limberd itself
    # (the bus thread and the main loop woken at every change of state, for nobody).
    setup(h, watcher=False)
    h.ctl("status")  # limberd has turned its loop since it took its name
    owner = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner",
                 ("org.limber.Daemon1",), "(s)")[0]
    alone = match_rules(h, owner)
    watcher = Watcher(h)
    service, _ = watcher.wait_registered()
    following = match_rules(h, owner)
    check(following > alone, f"limberd has {following} match rules with a tray and {alone} without: "
                             "the indicator follows limberd with no tray there")
    check(item_prop(h, service, "IconName") == "limber-sitting", "the item offered with limberd's state")
    watcher.stop()
    h.wait_name(service, present=False)
    wait_for(lambda: match_rules(h, owner) == alone, 5, f"limberd's match rules back at {alone} without the tray")
    check(h.daemon.poll() is None, "limberd stopped with the watcher")


def test_reload_turns_it_off_and_on(h):
    watcher = setup(h, config=quiet("30m") + "\n[indicator]\nenabled = false\n")
    owner = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner",
                 ("org.limber.Daemon1",), "(s)")[0]
    h.ctl("status")  # limberd has turned its loop since it took its name
    check(not watcher.registered() and not item_names(h), f"an item while turned off: {watcher.lines}")
    check(not exported(h, owner), "the item is exported while turned off")
    # enabled = true and a reload: the icon comes.
    mark = len(watcher.lines)
    reload_with(h, quiet("30m"))
    service, sender = watcher.wait_registered(after=mark)
    check(sender == owner, f"registered by {sender}, limberd is {owner}")
    # enabled = false again: it goes, and limberd runs on.
    reload_with(h, quiet("30m") + "\n[indicator]\nenabled = false\n")
    h.wait_name(service, present=False)
    wait_for(lambda: not exported(h, owner), 5, "the item to be withdrawn")
    check(h.daemon.poll() is None and status(h)["state"] == "sitting", "limberd after the icon went")
    # A reload that leaves it off does not bring it back.
    mark = len(watcher.lines)
    h.ctl("reload")
    h.ctl("status")
    check(not watcher.registered(after=mark), f"registered again while off: {watcher.lines[mark:]}")


def test_quit_stops_limber(h):
    watcher = setup(h)
    service, _ = watcher.wait_registered()
    click(h, service, "Quit")
    h.daemon.wait(timeout=10)
    check(h.daemon.returncode == 0, f"limberd exited {h.daemon.returncode}")
    wait_for(lambda: any(line.startswith("unregistered") for line in watcher.lines), 5, "the item to go")


# -- in a real tray: waybar under sway (the rig's Debian 13 root) ---------------------------

WAYBAR_CONFIG = {"layer": "top", "position": "top", "height": 30, "modules-left": ["custom/label"],
                 "modules-right": ["tray"], "custom/label": {"format": "Limber in waybar's tray"},
                 "tray": {"icon-size": 20, "spacing": 6}}
WAYBAR_STYLE = """* { font-family: "DejaVu Sans"; font-size: 14px; }
window#waybar { background: #202428; color: #e8e8e8; }
#custom-label { padding: 0 16px; }
#tray { padding: 0 14px; }
"""
BAR_WIDTH, BAR_HEIGHT = 590, 30
BAR_BACKGROUND = (0x20, 0x24, 0x28)
BAR_SEPARATOR = (0x3a, 0x40, 0x48)  # between the two bars of docs/indicator-waybar.png


def png_rows(data):
    """(width, rows of RGB bytes) of an 8-bit RGB or RGBA PNG such as grim writes."""
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour = header[:4]
    check(depth == 8 and colour in (2, 6), f"PNG of depth {depth}, colour type {colour}")
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        prev = line
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
    return width, rows


def png_of(width, rows):
    """An 8-bit RGB PNG of `rows` (RGB bytes each), unfiltered."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\0" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def watch_calls(h, destination):
    """The method calls made to `destination` on the session bus, as (sender, interface, member,
    first argument), as they come: a monitor connection sees them all."""
    calls = []
    monitor = Gio.DBusConnection.new_for_address_sync(
        h.env["DBUS_SESSION_BUS_ADDRESS"], Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
        Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)

    def on_message(conn, message, incoming):
        kind = message.get_message_type()
        if not incoming or kind in (Gio.DBusMessageType.METHOD_RETURN, Gio.DBusMessageType.ERROR):
            return message  # the answer to BecomeMonitor
        if kind == Gio.DBusMessageType.METHOD_CALL:
            body = message.get_body()
            first = body.get_child_value(0).unpack() if body is not None and body.n_children() else None
            calls.append((message.get_sender(), message.get_interface(), message.get_member(), first))
        return None  # what a monitor sees is not for it to answer

    monitor.add_filter(on_message)
    monitor.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                      "BecomeMonitor", GLib.Variant("(asu)", ([f"type='method_call',destination='{destination}'"], 0)),
                      None, Gio.DBusCallFlags.NONE, 5000, None)
    return monitor, calls


def test_waybar_tray(h):
    """waybar's tray module under headless sway takes limberd's item: waybar's own watcher lists
    it, waybar reads its properties and menu as a host, and grim shows the icon in the bar
    (docs/indicator-waybar.png when LIMBER_SCREENSHOT_DIR names a directory to keep it in)."""
    import rig  # the rig's Debian 13 root: only this case needs it

    root = rig.require_root()
    rig.need(os.path.exists(os.path.join(root, "usr", "bin", "waybar")),
             f"the root at {root} has no waybar (built from an older list): run tools/trixie-root")
    h.start_session_bus()
    owner_of = {}
    with rig.Chroot(root) as chroot, \
            rig.Sway(chroot, h.tmp, rig.Sway.DEFAULT_CONFIG + f"output * mode {BAR_WIDTH}x200\n") as sway:
        print(f"compositor: {sway.version()}; {chroot.run(['waybar', '--version']).stdout.strip()}")
        env = sway.client_env(h.env)
        h.start_daemon("--backend", "wayland", env_extra=dict(sway.client_env(), XDG_SESSION_TYPE="wayland"))
        owner_of["limberd"] = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                   "GetNameOwner", ("org.limber.Daemon1",), "(s)")[0]
        monitor, calls = watch_calls(h, owner_of["limberd"])
        # Our icons, where waybar's GTK looks for the hicolor theme (the root has them not).
        share = os.path.join(h.tmp, "share")
        for name in ICONS:
            target = os.path.join(share, "icons", "hicolor", "scalable", "status")
            os.makedirs(target, exist_ok=True)
            with open(os.path.join(SOURCE_DIR, "data", "icons", "hicolor", "scalable", "status", name + ".svg"),
                      "rb") as src, open(os.path.join(target, name + ".svg"), "wb") as dst:
                dst.write(src.read())
        config, style = os.path.join(h.tmp, "waybar.json"), os.path.join(h.tmp, "waybar.css")
        with open(config, "w") as f:
            json.dump(WAYBAR_CONFIG, f)
        with open(style, "w") as f:
            f.write(WAYBAR_STYLE)
        log_path = os.path.join(h.tmp, "waybar.log")
        with open(log_path, "w") as log:
            chroot.spawn("waybar", ["waybar", "-c", config, "-s", style], env=dict(
                sway.client_env(), DBUS_SESSION_BUS_ADDRESS=h.env["DBUS_SESSION_BUS_ADDRESS"],
                HOME=os.path.join(h.tmp, "home"), XDG_DATA_DIRS=f"{share}:/usr/share"),
                stdout=log, stderr=subprocess.STDOUT)

        def waybar_log():
            with open(log_path, errors="replace") as f:
                return f.read()
        try:
            h.wait_name(WATCHER, timeout=20)
            service = f"org.kde.StatusNotifierItem-{h.daemon.pid}-1"

            def listed():
                items = call(h, WATCHER, "/StatusNotifierWatcher", "org.freedesktop.DBus.Properties", "Get",
                             (WATCHER, "RegisteredStatusNotifierItems"), "(ss)")[0]
                return [i for i in items if i.startswith((service, owner_of["limberd"]))]
            print(f"waybar's watcher lists {wait_for(listed, 10, 'waybar to list limberd')}")
            watcher_owner = call(h, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                 "GetNameOwner", (WATCHER,), "(s)")[0]

            def read_by_waybar(member, first=None):
                return [c for c in calls if c[0] == watcher_owner and c[2] == member
                        and (first is None or c[3] == first)]
            wait_for(lambda: read_by_waybar("GetAll", ITEM_IFACE) or read_by_waybar("Get", ITEM_IFACE), 10,
                     "waybar to read the item's properties")
            wait_for(lambda: read_by_waybar("GetLayout"), 10, "waybar to read the menu")
            check(item_prop(h, service, "IconName") == "limber-sitting", "the icon waybar shows")
            shot = os.path.join(h.tmp, "tray.png")

            def tray_of(rows):
                return [row[(BAR_WIDTH - 60) * 3:] for row in rows]

            def shoot(unlike):
                """The bar once its tray shows something other than `unlike` (rows of the tray):
                the frames before waybar has drawn the new icon still show the old one."""
                chroot.run(["grim", "-g", f"0,0 {BAR_WIDTH}x{BAR_HEIGHT}", shot], env=sway.client_env())
                with open(shot, "rb") as f:
                    width, rows = png_rows(f.read())
                check(width == BAR_WIDTH and len(rows) == BAR_HEIGHT, f"grim took {width}x{len(rows)}")
                return rows if tray_of(rows) != unlike else None
            background = [bytes(BAR_BACKGROUND) * 60] * BAR_HEIGHT
            sitting = wait_for(lambda: shoot(background), 10, "the icon in waybar's tray (grim)")
            # A change of state reaches the bar: NewIcon, and waybar reads IconName again.
            h.ctl("pause")
            wait_for(lambda: item_prop(h, service, "IconName") == "limber-paused", 5, "the paused icon")
            paused = wait_for(lambda: shoot(tray_of(sitting)), 10, "waybar to draw the paused icon")
            check(tray_of(paused) != background, "the tray went empty at the pause")
            keep = os.environ.get("LIMBER_SCREENSHOT_DIR")
            if keep:
                with open(os.path.join(keep, "indicator-waybar.png"), "wb") as f:
                    f.write(png_of(BAR_WIDTH, sitting + [bytes(BAR_SEPARATOR) * BAR_WIDTH] * 4 + paused))
        except BaseException:
            print(f"--- waybar log ---\n{waybar_log()[-3000:]}\n--- end of log ---")
            raise
        finally:
            monitor.close_sync(None)


if __name__ == "__main__":
    if sys.argv[1:] == ["watcher"]:
        serve_watcher()
    else:
        sys.exit("usage: test_indicator.py watcher")
