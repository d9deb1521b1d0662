"""limberd's tray icon (daemon/indicator/, run by limberd on its own connection), against a real watcher.

No StatusNotifierWatcher that Debian 12 packages runs headless, so the watcher is a small one
written here with Gio (`python3 test_indicator.py watcher`, a process of its own): it owns
org.kde.StatusNotifierWatcher, takes RegisterStatusNotifierItem calls as KDE's and waybar's do, and
prints one line per registration. The test then reads the item as a host does (properties with Get,
the menu with GetLayout) and clicks through Event, and checks what the real limberd did."""

import json
import os
import subprocess
import sys
import threading
import time

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


if __name__ == "__main__":
    if sys.argv[1:] == ["watcher"]:
        serve_watcher()
    else:
        sys.exit("usage: test_indicator.py watcher")
