"""Print a systemd user unit's state changes, one NAME=VALUE a line (runs in the booted root).

    python3 unit-watch.py UNIT

The user manager sends PropertiesChanged only to clients that called Subscribe, so a plain
`busctl monitor` sees nothing; this client subscribes, prints "ready" once it has, then every
change of ActiveState, SubState, Result, ExecMainCode and ExecMainStatus, until it is stopped.
"""

import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

SYSTEMD = "org.freedesktop.systemd1"
WATCHED = ("ActiveState", "SubState", "Result", "ExecMainCode", "ExecMainStatus")


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    manager = (SYSTEMD, "/org/freedesktop/systemd1", SYSTEMD + ".Manager")
    path = bus.call_sync(*manager, "LoadUnit", GLib.Variant("(s)", (sys.argv[1],)),
                         GLib.VariantType("(o)"), Gio.DBusCallFlags.NONE, -1, None).unpack()[0]

    def changed(conn, sender, obj, iface, signal, params):
        _, props, _ = params.unpack()
        for name in WATCHED:
            if name in props:
                print(f"{name}={props[name]}", flush=True)

    bus.signal_subscribe(None, "org.freedesktop.DBus.Properties", "PropertiesChanged", path, None,
                         Gio.DBusSignalFlags.NONE, changed)
    bus.call_sync(*manager, "Subscribe", None, None, Gio.DBusCallFlags.NONE, -1, None)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
