"""The user's hands under mutter, run inside the Debian 13 root by rig.MutterInput.

Creates one org.gnome.Mutter.RemoteDesktop session on the session bus and starts it, then reads
commands on stdin, one a line, and answers each with "ok" (or an error line) once mutter has
answered: "motion DX DY" (relative pointer motion), "key CODE" (press and release of an evdev
keycode). The session belongs to this connection, so it lives as long as this process; at the
end of input it is stopped.
"""

import sys

import dbus

RD_NAME = "org.gnome.Mutter.RemoteDesktop"


def main():
    bus = dbus.SessionBus()
    manager = dbus.Interface(bus.get_object(RD_NAME, "/org/gnome/Mutter/RemoteDesktop"), RD_NAME)
    path = manager.CreateSession()
    session = dbus.Interface(bus.get_object(RD_NAME, path), RD_NAME + ".Session")
    session.Start()
    print("ok")
    for line in sys.stdin:
        words = line.split()
        try:
            if words[:1] == ["motion"] and len(words) == 3:
                session.NotifyPointerMotionRelative(float(words[1]), float(words[2]))
            elif words[:1] == ["key"] and len(words) == 2:
                session.NotifyKeyboardKeycode(dbus.UInt32(int(words[1])), True)
                session.NotifyKeyboardKeycode(dbus.UInt32(int(words[1])), False)
            else:
                print(f"unknown command: {line.strip()}")
                continue
        except dbus.DBusException as e:
            print(f"{words[0]}: {e.get_dbus_message()}")
            continue
        print("ok")
    try:
        session.Stop()
    except dbus.DBusException:
        pass  # mutter is gone (a case killed it), and the session with it


if __name__ == "__main__":
    main()
