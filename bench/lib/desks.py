"""desks: the desktops bench/footprint measures a program at, and the user's hands at each.

    X11Desk(h)    Xvfb, a private session bus, dunst; a key is `xdotool key shift`
    SwayDesk(h)   sway 1.10 headless in the rig's Debian 13 root (tests/rig/rig.py), a private
                  session bus, dunst on sway; a key is `wtype -k shift_l` in the root
    GnomeDesk(h)  mutter 48 headless in that root, on mutter's own session bus, the
                  python3-dbusmock notification server there (mutter alone has none; GNOME's
                  is gnome-shell); a key is left Shift through one RemoteDesktop session

Every desk also has a private system bus with python3-dbusmock's logind template. Each is a
context manager; key() is one key press and release; snooze() picks Snooze on the reminder
shown; program_env(env) adds what a program
needs to reach the desk; label says what was measured. The Wayland desks need root and the
root that tools/trixie-root builds: without them, entering one raises harness.Skip with
the reason.
"""

import contextlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "rig"))

import rig  # noqa: E402
import session  # noqa: E402

# ms: wtype's -s takes whole ms in an unsigned int and sleeps them times 1000 in µs, so one
# sleep must stay under 2^32 µs.
WTYPE_SLEEP_MAX_MS = 3_600_000
LEFT_SHIFT = 42  # evdev keycode


class X11Desk:
    name = "x11"

    def __init__(self, h):
        self.h = h
        self.label = "Xvfb"

    def __enter__(self):
        self.h.start_x()
        self.h.start_session_bus()
        self.h.start_logind()
        session.start_dunst(self.h)
        return self

    def __exit__(self, *exc):
        return False  # the harness stops what it started

    def program_env(self, env):
        return env

    def key(self):
        session.input_event(self.h.env)

    def snooze(self):
        session.snooze_with_dunst(self.h.env)


class SwayDesk:
    """The keyboard is plugged in for the whole run: one wtype that only sleeps holds a
    virtual keyboard on the seat from before the program starts, so the short-lived wtype of
    each key press does not change the seat's capabilities, which every client of the seat
    (limberd among them) would hear, as it would not with a real keyboard."""

    name = "sway"

    def __init__(self, h, run_s):
        self.h = h
        self.run_s = run_s  # how long the keyboard must stay plugged in
        self.stack = contextlib.ExitStack()

    def __enter__(self):
        with self.stack:
            self.chroot = self.stack.enter_context(rig.Chroot(rig.require_root()))
            self.sway = self.stack.enter_context(rig.Sway(self.chroot, self.h.tmp))
            self.label = f"{self.sway.version()} headless"
            self.h.start_session_bus()
            self.h.start_logind()
            self._plug_keyboard()
            session.start_dunst(self.h, self.program_env)  # its popups go on sway
            self.stack = self.stack.pop_all()
        return self

    def _plug_keyboard(self):
        argv = ["wtype"]
        left_ms = int(self.run_s * 1000) + 60_000
        while left_ms > 0:
            argv += ["-s", str(min(left_ms, WTYPE_SLEEP_MAX_MS))]
            left_ms -= WTYPE_SLEEP_MAX_MS
        self.keyboard = self.chroot.spawn("keyboard", argv, env=self.sway.client_env(),
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __exit__(self, *exc):
        self.stack.close()
        return False

    def program_env(self, env):
        env = dict(env)
        env.update(self.sway.client_env(), XDG_SESSION_TYPE="wayland")
        return env

    def key(self):
        self.chroot.run(["wtype", "-k", "shift_l"], env=self.sway.client_env(), check=False)

    def snooze(self):
        session.snooze_with_dunst(self.h.env)


class GnomeDesk:
    name = "gnome"

    def __init__(self, h):
        self.h = h
        self.stack = contextlib.ExitStack()

    def __enter__(self):
        with self.stack:
            self.chroot = self.stack.enter_context(rig.Chroot(rig.require_root()))
            self.mutter = self.stack.enter_context(rig.Mutter(self.chroot, self.h.tmp))
            self.label = f"{self.mutter.version()} headless"
            # The hands first: the RemoteDesktop session is up before the program starts.
            self.hands = self.stack.enter_context(self.mutter.input())
            self.h.join_session_bus(self.mutter.bus_address)
            self.h.start_logind()
            self.h.start_notifications()
            self.stack = self.stack.pop_all()
        return self

    def __exit__(self, *exc):
        self.stack.close()
        return False

    def program_env(self, env):
        env = dict(env)
        env.update(self.mutter.client_env(), XDG_SESSION_TYPE="wayland")
        return env

    def key(self):
        self.hands.key(LEFT_SHIFT)

    def snooze(self):
        """The newest notification's Snooze, clicked at the dbusmock server."""
        shown = [n for n in self.h.notifications() if "snooze" in n.get("action_keys", [])]
        if shown:
            self.h.click(shown[-1]["id"], "snooze")


def open_desk(h, name, run_s):
    """The desk called `name` (x11, sway, gnome), not yet entered."""
    if name == "sway":
        return SwayDesk(h, run_s)
    if name == "gnome":
        return GnomeDesk(h)
    return X11Desk(h)
