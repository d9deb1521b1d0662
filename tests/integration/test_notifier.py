"""The notifier against a real notification server (python3-dbusmock's notification_daemon)
on a private bus: driven through tests/notifier-probe, which shows reminders on command and
prints the choices it receives. The visual case runs dunst on Xvfb and saves screenshots."""

import os
import queue
import shutil
import subprocess
import threading
import time

from gi.repository import GLib

from harness import NOTIFY_NAME, NOTIFY_PATH, Skip, TestFailure, check, wait_for

NO_MARKUP_CAPS = "body actions persistence"


class Probe:
    """tests/notifier-probe as a child: send() a command, expect() a line it prints."""

    def __init__(self, h):
        path = os.path.join(h.build_dir, "tests", "notifier-probe")
        self.log = os.path.join(h.tmp, "probe.log")
        self.proc = h.spawn("notifier-probe", [path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=open(self.log, "w"), text=True, bufsize=1)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("ready")

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, wanted, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            if wanted in self.seen:
                self.seen.remove(wanted)
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TestFailure(f"probe did not print {wanted!r}; it printed {self.seen!r}; "
                                  f"stderr: {open(self.log).read()!r}")
            try:
                self.seen.append(self.lines.get(timeout=remaining))
            except queue.Empty:
                pass

    def send(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        self.expect("ok " + command.split(" ")[0])

    def stderr(self):
        with open(self.log) as f:
            return f.read()


def setup(h, caps=None, server=True):
    h.start_session_bus()
    if server:
        if caps is None:
            h.start_notifications()
        else:
            h.start_notifications(caps=caps)
    return Probe(h)


def nth(h, index, timeout=10.0):
    """The index-th Notify call (0-based), waiting for it."""
    return wait_for(lambda: len(h.notifications()) > index and h.notifications()[index],
                    timeout, f"notification #{index + 1}")


def signals_handled(h, p):
    """Wait until the probe has handled every signal the server sent so far, so that a line they
    should not cause would be in p.seen: a click on a fresh popup travels behind them on the same
    connection, so its choice line comes after anything they print. ("server" is no such sync
    point: the probe answers it from stdin without a round trip.)"""
    index = len(h.notifications())
    p.send("movement")
    h.click(nth(h, index)["id"], "skip")
    p.expect("choice skip")


def test_movement(h):
    p = setup(h)
    p.send("movement 32 2")
    n = nth(h, 0)
    check(n["app"] == "limber" and n["icon"] == "limber", f"app/icon {n['app']!r} {n['icon']!r}")
    check(n["summary"] == "Time to stand up — 32 min sitting", f"summary {n['summary']!r}")
    check(n["body"] == "<b>Hips and back</b> · 3 min\nFirst: Stand up and step one foot back into a lunge.",
          f"body {n['body']!r}")
    check(n["actions"] == ["default", "Start", "snooze", "Snooze 5 min", "skip", "Skip"],
          f"actions {n['actions']!r}")
    hints = n["hints"]
    check(hints.get("desktop-entry") == "limber", f"hints {hints!r}")
    check(hints.get("category") == "x-limber.break", f"hints {hints!r}")
    check(hints.get("image-path") == "limber", f"hints {hints!r}")
    check(hints.get("urgency") == 1, f"urgency {hints.get('urgency')!r}")
    check("resident" not in hints and "value" not in hints, f"hints {hints!r}")
    check(n["timeout"] == 0, f"timeout {n['timeout']!r}")
    check(n["replaces_id"] == 0, f"replaces_id {n['replaces_id']!r}")

    # Escalation replaces the same popup in place, critical now, without the used-up snooze.
    p.send("movement 52 0 escalate")
    n2 = nth(h, 1)
    check(n2["replaces_id"] == 1, f"escalation did not replace popup 1: {n2['replaces_id']!r}")
    check(n2["hints"].get("urgency") == 2, f"urgency {n2['hints'].get('urgency')!r}")
    check(n2["actions"] == ["default", "Start", "skip", "Skip"], f"actions {n2['actions']!r}")
    check(n2["summary"] == "Time to stand up — 52 min sitting", f"summary {n2['summary']!r}")


def test_markup_escaped(h):
    p = setup(h)
    p.send("title <b>&")
    p.send("movement")
    n = nth(h, 0)
    check(n["body"].startswith("<b>&lt;b&gt;&amp;</b> · 3 min"), f"body {n['body']!r}")


def test_plain_without_markup(h):
    p = setup(h, caps=NO_MARKUP_CAPS)
    p.send("title <b>&")
    p.send("movement")
    n = nth(h, 0)
    check(n["body"].startswith("<b>& · 3 min\n"), f"body {n['body']!r}")


def test_no_actions(h):
    p = setup(h, caps="body body-markup")
    p.send("movement")
    n = nth(h, 0)
    check(n["actions"] == [], f"actions {n['actions']!r}")
    for command in ("limberctl start", "limberctl snooze", "limberctl skip"):
        check(command in n["body"], f"body does not mention {command!r}: {n['body']!r}")


def test_steps(h):
    p = setup(h)
    p.send("step 1 3 2")
    n = nth(h, 0)
    check(n["summary"] == "Standing hip flexor stretch (1 of 3)", f"summary {n['summary']!r}")
    check(n["body"].endswith("\n<b>Hold 30 s</b>, then switch sides."), f"body {n['body']!r}")
    check(n["actions"] == ["next", "Next", "stop", "Stop"], f"actions {n['actions']!r}")
    check(n["hints"].get("resident") is True, f"hints {n['hints']!r}")
    check(n["hints"].get("value") == 33, f"value {n['hints'].get('value')!r}")
    p.send("step 2 3 1")
    n2 = nth(h, 1)
    check(n2["replaces_id"] == 1, f"step 2 was not updated in place: {n2['replaces_id']!r}")
    check(n2["summary"] == "Standing hip flexor stretch (2 of 3)", f"summary {n2['summary']!r}")
    check("switch sides" not in n2["body"], f"one-sided step says switch sides: {n2['body']!r}")
    p.send("done")
    n3 = nth(h, 2)
    check(n3["replaces_id"] == 1 and n3["summary"] == "Done — sitting clock reset", f"done popup {n3!r}")
    check(0 < n3["timeout"] <= 10000 and n3["actions"] == [], f"done popup {n3!r}")


def test_micro(h):
    p = setup(h)
    p.send("micro")
    n = nth(h, 0)
    check(n["summary"] == "Micro-break — Chin tuck", f"summary {n['summary']!r}")
    check(n["actions"] == ["done", "Done"], f"actions {n['actions']!r}")
    check(n["timeout"] == 20000, f"timeout {n['timeout']!r}")
    h.click(1, "done")
    p.expect("choice done")


def test_withdraw(h):
    p = setup(h)
    p.send("movement")
    nth(h, 0)
    p.send("withdraw")
    calls = wait_for(lambda: h.notify_calls("CloseNotification"), 10, "CloseNotification")
    check(calls[0][2] == [1], f"CloseNotification args {calls[0][2]!r}")
    # Our own close (the mock reports it as reason 1) is no choice of the user's.
    signals_handled(h, p)
    check("choice dismissed" not in p.seen, f"withdraw reported a dismissal: {p.seen!r}")


def emit_closed(h, notification_id, reason):
    h.mock_call(h.session_bus, NOTIFY_NAME, NOTIFY_PATH, "EmitSignal",
                ("org.freedesktop.Notifications", "NotificationClosed", "uu",
                 [GLib.Variant("u", notification_id), GLib.Variant("u", reason)]), "(sssav)")


def test_click(h):
    p = setup(h)
    p.send("movement")
    nth(h, 0)
    h.click(1, "default")
    p.expect("choice start")
    # The server closes an answered popup itself: that is not a dismissal.
    emit_closed(h, 1, 2)
    # The next popup starts fresh, and its buttons answer too.
    p.send("movement")
    n = nth(h, 1)
    check(n["replaces_id"] == 0, f"an answered popup was reused: {n['replaces_id']!r}")
    h.click(2, "snooze")
    p.expect("choice snooze")
    p.send("movement")
    nth(h, 2)
    h.click(3, "skip")
    p.expect("choice skip")
    check("choice dismissed" not in p.seen, f"unexpected dismissal: {p.seen!r}")


def test_dismissed(h):
    p = setup(h)
    p.send("step 1 2")
    nth(h, 0)
    emit_closed(h, 1, 2)
    p.expect("choice dismissed")
    # An expiry (reason 1) of a later popup is not a dismissal.
    p.send("micro")
    nth(h, 1)
    emit_closed(h, 2, 1)
    signals_handled(h, p)
    check("choice dismissed" not in p.seen, f"expiry reported as dismissal: {p.seen!r}")


def test_no_server_at_start(h):
    p = setup(h, server=False)
    p.send("movement")
    p.send("server")
    p.expect("server no")
    wait_for(lambda: "No notification server is running" in p.stderr(), 10, "the no-server message")
    h.start_notifications()
    n = nth(h, 0)
    check(n["summary"].startswith("Time to stand up"), f"summary {n['summary']!r}")
    check(p.stderr().count("No notification server is running") == 1, f"stderr {p.stderr()!r}")


def test_server_restart(h):
    p = setup(h)
    p.send("step 1 3")
    nth(h, 0)
    p.send("step 2 3")
    nth(h, 1)
    h.stop_notifications()
    h.start_notifications()
    # The current popup comes back on the new server, with a fresh id.
    n = nth(h, 0)
    check(n["summary"].endswith("(2 of 3)") and n["replaces_id"] == 0, f"re-shown popup {n!r}")
    p.send("step 3 3")
    n2 = nth(h, 1)
    check(n2["summary"].endswith("(3 of 3)") and n2["replaces_id"] == 1, f"next step {n2!r}")


def check_dnd_property(h, iface, name):
    """The server grows a do-not-disturb property; setting it must reach the probe."""
    p = setup(h)
    p.send("dnd")
    p.expect("dnd off")
    h.mock_call(h.session_bus, NOTIFY_NAME, NOTIFY_PATH, "AddProperty",
                (iface, name, GLib.Variant("b", False)), "(ssv)")

    def set_value(value):
        h.session_bus.call_sync(NOTIFY_NAME, NOTIFY_PATH, "org.freedesktop.DBus.Properties", "Set",
                                GLib.Variant("(ssv)", (iface, name, GLib.Variant("b", value))),
                                None, 0, -1, None)
    set_value(True)
    p.expect("dnd-changed on")
    p.send("dnd")
    p.expect("dnd on")
    set_value(False)
    p.expect("dnd-changed off")
    p.send("dnd")
    p.expect("dnd off")


def test_dnd_dunst(h):
    check_dnd_property(h, "org.dunstproject.cmd0", "paused")


def test_dnd_kde(h):
    check_dnd_property(h, "org.freedesktop.Notifications", "Inhibited")


# -- visual: dunst on Xvfb ----------------------------------------------------

def screenshot(h, path):
    subprocess.run(["import", "-window", "root", path], env=h.env, check=True, timeout=20)


def screen_pixels(h):
    """The root window's pixels, raw."""
    return subprocess.run(["import", "-window", "root", "rgb:-"], env=h.env, check=True, timeout=20,
                          capture_output=True).stdout


def wait_drawn(h, previous, what):
    """Wait until the screen differs from `previous` and then holds still for one more capture:
    dunst draws asynchronously, and nothing on the bus says "drawn". Returns the pixels."""
    last = {"pixels": previous}

    def settled():
        pixels = screen_pixels(h)
        done = pixels != previous and pixels == last["pixels"]
        last["pixels"] = pixels
        return pixels if done else None
    return wait_for(settled, 15, f"dunst to draw {what}", interval=0.05)


def test_visual_dunst(h):
    for tool in ("dunst", "import"):
        if not shutil.which(tool):
            raise Skip(f"{tool} is not installed")
    h.start_x()
    h.start_session_bus()
    here = os.path.dirname(os.path.abspath(__file__))
    # The shipped icon, found the way an installed one would be: by name.
    dunstrc = os.path.join(h.tmp, "dunstrc")
    with open(os.path.join(here, "dunstrc")) as src, open(dunstrc, "w") as dst:
        text = src.read().replace("[global]\n", "[global]\n    icon_path = %s\n"
                                  % os.path.join(here, "..", "..", "data"), 1)
        dst.write(text)
    h.spawn("dunst", ["dunst", "-config", dunstrc], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    h.wait_name(NOTIFY_NAME)
    p = Probe(h)
    out_dir = os.environ.get("LIMBER_SCREENSHOT_DIR", h.tmp)
    shots = [("movement 32 2", "reminder.png"), ("step 1 3 2", "routine-step.png")]
    pixels = screen_pixels(h)  # before any popup
    for command, name in shots:
        p.send(command)
        pixels = wait_drawn(h, pixels, name)
        screenshot(h, os.path.join(out_dir, name))
    check("Could not show" not in p.stderr(), f"probe stderr: {p.stderr()!r}")
