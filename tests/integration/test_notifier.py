"""The notifier against a real notification server (python3-dbusmock's notification_daemon)
on a private bus: driven through tests/notifier-probe, which shows reminders on command and
prints the choices it receives. The visual case runs dunst on Xvfb and saves screenshots.

Run as a program (`test_notifier.py serve-held LOG`) this file is a notification server that
holds every Notify unanswered: see HeldServer."""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

from gi.repository import Gio, GLib

from harness import NOTIFY_NAME, NOTIFY_PATH, PYTHON, Skip, TestFailure, check, wait_for

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

    def expect(self, wanted, timeout=10.0, containing=False):
        """Wait for the line `wanted` (with containing, a line that contains it) and take it."""
        deadline = time.monotonic() + timeout
        while True:
            found = [line for line in self.seen if (wanted in line if containing else line == wanted)]
            if found:
                self.seen.remove(found[0])
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TestFailure(f"probe did not print {wanted!r}; it printed {self.seen!r}; "
                                  f"stderr: {open(self.log).read()!r}")
            try:
                self.seen.append(self.lines.get(timeout=remaining))
            except queue.Empty:
                pass

    def send(self, command, timeout=10.0):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        self.expect("ok " + command.split(" ")[0], timeout)

    def choices(self):
        """The choices printed and not yet expected."""
        return [line for line in self.seen if line.startswith("choice ")]

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
    # The prompt line with its why (wording 0, no area given), then the routine and its first step.
    check(n["body"] == "Up you get: you have been at the desk for 32 min.\n"
                       "<b>Hips and back</b> · 3 min\nFirst: Stand up and step one foot back into a lunge.",
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
    check("\n<b>&lt;b&gt;&amp;</b> · 3 min" in n["body"], f"body {n['body']!r}")


def test_plain_without_markup(h):
    p = setup(h, caps=NO_MARKUP_CAPS)
    p.send("title <b>&")
    p.send("movement")
    n = nth(h, 0)
    check("\n<b>& · 3 min\n" in n["body"], f"body {n['body']!r}")


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
    # The first side of two: its time, the safety line and the caution; the switch comes later.
    check(n["body"].endswith("\n<b>Hold 30 s on this side.</b> Mild stretch, no pain.\n"
                             "Care: Keep your chest up and your lower back still."), f"body {n['body']!r}")
    check(n["actions"] == ["next", "Next", "stop", "Stop", "hurt", "That hurt"], f"actions {n['actions']!r}")
    check(n["hints"].get("resident") is True, f"hints {n['hints']!r}")
    check(n["hints"].get("value") == 33, f"value {n['hints'].get('value')!r}")
    p.send("step 2 3 1")
    n2 = nth(h, 1)
    check(n2["replaces_id"] == 1, f"step 2 was not updated in place: {n2['replaces_id']!r}")
    check(n2["summary"] == "Standing hip flexor stretch (2 of 3)", f"summary {n2['summary']!r}")
    check("witch sides" not in n2["body"] and "on this side" not in n2["body"],
          f"one-sided step speaks of sides: {n2['body']!r}")
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
    p.expect("choice expired")
    check("choice dismissed" not in p.seen, f"expiry reported as dismissal: {p.seen!r}")


def test_expired(h):
    p = setup(h)
    p.send("movement")
    nth(h, 0)
    emit_closed(h, 1, 1)  # the server let it expire
    p.expect("choice expired")
    emit_closed(h, 1, 1)  # a repeat names a popup that is gone: no second report
    # Closed by a CloseNotification that was not ours (3), or for an undefined reason (4).
    p.send("step 1 2")
    check(nth(h, 1)["replaces_id"] == 0, "an expired popup was reused")
    emit_closed(h, 2, 3)
    p.expect("choice expired")
    p.send("micro")
    nth(h, 2)
    emit_closed(h, 3, 4)
    p.expect("choice expired")
    # Answered, then replaced by us: the resident step we take down (the mock reports our
    # CloseNotification as reason 1) is no expiry.
    p.send("step 1 2")
    nth(h, 3)
    h.click(4, "next")
    p.expect("choice next")
    p.send("step 2 2")
    check(nth(h, 4)["replaces_id"] == 0, "an answered popup was reused")
    wait_for(lambda: [c for c in h.notify_calls("CloseNotification") if c[2] == [4]], 10,
             "the answered step to be closed")
    # Replaced in place, then withdrawn by us: no expiry either.
    p.send("movement")
    check(nth(h, 5)["replaces_id"] == 5, "the movement reminder did not replace the step in place")
    p.send("withdraw")
    wait_for(lambda: [c for c in h.notify_calls("CloseNotification") if c[2] == [5]], 10,
             "the withdrawn popup to be closed")
    # The server sends the closes above before its reply to this Notify, and the dismissal
    # below after it: once the dismissal is printed, every earlier close has been read.
    p.send("movement")
    check(nth(h, 6)["replaces_id"] == 0, "a withdrawn popup was reused")
    emit_closed(h, 6, 2)
    p.expect("choice dismissed")
    check(p.choices() == [], f"choices for popups we closed, or reported twice: {p.choices()!r}")


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


# -- a notification server that does not answer ------------------------------

HELD_IFACE = "org.limber.test.HeldNotifications"
HELD_XML = """<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg direction="out" type="as"/></method>
    <method name="GetServerInformation">
      <arg direction="out" type="s"/><arg direction="out" type="s"/>
      <arg direction="out" type="s"/><arg direction="out" type="s"/>
    </method>
    <method name="Notify">
      <arg direction="in" type="s"/><arg direction="in" type="u"/><arg direction="in" type="s"/>
      <arg direction="in" type="s"/><arg direction="in" type="s"/><arg direction="in" type="as"/>
      <arg direction="in" type="a{sv}"/><arg direction="in" type="i"/>
      <arg direction="out" type="u"/>
    </method>
    <method name="CloseNotification"><arg direction="in" type="u"/></method>
  </interface>
  <interface name="org.limber.test.HeldNotifications">
    <method name="Release"/>
  </interface>
</node>"""


def serve_held(log_path):
    """Own org.freedesktop.Notifications, answer GetCapabilities and GetServerInformation, and
    never return from Notify: each invocation is kept (so no error reply goes out either) until
    Release answers the ones held so far, in order, with ids counted from 1. Every call is
    logged to log_path as one JSON line."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    held, ids = [], iter(range(1, 1 << 31))
    log = open(log_path, "a", buffering=1)

    def on_call(conn, sender, path, iface, method, params, invocation):
        args = params.unpack()
        log.write(json.dumps({"method": method, "args": list(args)}) + "\n")
        if method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["body", "body-markup", "actions"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("held-notify", "limber tests", "1", "1.2")))
        elif method == "Notify":
            held.append((invocation, args[1]))
        elif method == "Release":
            for notify, replaces_id in held:
                notify.return_value(GLib.Variant("(u)", (replaces_id or next(ids),)))
            held.clear()
            invocation.return_value(None)
        else:
            invocation.return_value(None)

    for info in Gio.DBusNodeInfo.new_for_xml(HELD_XML).interfaces:
        bus.register_object(NOTIFY_PATH, info, on_call, None, None)
    bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "RequestName",
                  GLib.Variant("(su)", (NOTIFY_NAME, 4)), None, Gio.DBusCallFlags.NONE, -1, None)
    GLib.MainLoop().run()


class HeldServer:
    """This file run as serve_held, a child of the harness."""

    def __init__(self, h):
        self.h = h
        self.log = os.path.join(h.tmp, "held-notify.log")
        self.proc = h.spawn("held notification server",
                            [PYTHON, os.path.abspath(__file__), "serve-held", self.log],
                            stdout=subprocess.DEVNULL, stderr=open(self.log + ".stderr", "w"))
        h.wait_name(NOTIFY_NAME)

    def calls(self, method):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            calls = [json.loads(line) for line in f if line.endswith("\n")]
        return [c["args"] for c in calls if c["method"] == method]

    def summaries(self):
        return [args[3] for args in self.calls("Notify")]

    def wait_notify(self, count, what):
        return wait_for(lambda: len(self.calls("Notify")) >= count and self.calls("Notify"), 10, what)

    def release(self):
        self.h.session_bus.call_sync(NOTIFY_NAME, NOTIFY_PATH, HELD_IFACE, "Release", None, None,
                                     Gio.DBusCallFlags.NONE, -1, None)

    def stop(self):
        self.h._stop(self.proc)
        self.h.forget(self.proc)
        self.h.wait_name(NOTIFY_NAME, present=False)


WARNING = "Could not show the reminder on the notification server held-notify"
SERVER_WARNING = "on the notification server held-notify"


def test_hung_server(h):
    h.start_session_bus()
    server = HeldServer(h)
    # The second failure is only a debug line, which GLib writes to stdout.
    h.env["G_MESSAGES_DEBUG"] = "limber"
    p = Probe(h)
    # Each command is answered while Notify hangs: libnotify would have blocked for 25 s.
    p.send("movement", timeout=2)
    server.wait_notify(1, "the reminder's Notify")
    p.send("server", timeout=2)
    p.expect("server yes", timeout=2)
    wait_for(lambda: WARNING in p.stderr(), 15, "the warning after the call timeout")
    check("it did not answer within 5 s" in p.stderr(), f"warning: {p.stderr()!r}")
    # Not sent again to the same server: the one-off notice goes out next, after nothing else.
    p.send("oneoff ping", timeout=2)
    wait_for(lambda: len(server.summaries()) >= 2, 10, "the notice's Notify")
    check(server.summaries()[0].startswith("Time to stand up") and len(server.summaries()) == 2,
          f"Notify calls {server.summaries()!r}")
    # A newer popup is tried; neither its failure nor the notice's is warned about again.
    p.send("step 1 3", timeout=2)
    wait_for(lambda: server.summaries()[2:] == ["Standing hip flexor stretch (1 of 3)"], 10,
             "the newer popup's Notify")
    p.expect("failed again to show a notice", timeout=15, containing=True)
    p.expect("failed again to show the reminder", timeout=15, containing=True)
    check(p.stderr().count("Could not show") == 1, f"more than one warning: {p.stderr()!r}")
    # The next server gets the current popup.
    server.stop()
    h.start_notifications()
    n = nth(h, 0)
    check(n["summary"].endswith("(1 of 3)") and n["replaces_id"] == 0, f"re-shown popup {n!r}")


def test_late_replies(h):
    h.start_session_bus()
    server = HeldServer(h)
    p = Probe(h)
    p.send("movement")
    server.wait_notify(1, "the reminder's Notify")
    # While it is in flight, newer popups wait: only the latest is sent, in place, once the
    # reply brings the id. The one-off notice is the barrier: it goes out at once, after
    # anything the notifier sent before it.
    p.send("step 1 3")
    p.send("step 2 3")
    p.send("oneoff ping")
    server.wait_notify(2, "the notice's Notify")
    check(len(server.summaries()) == 2, f"a popup went out while one was in flight: {server.summaries()!r}")
    server.release()  # the reminder gets id 1, the notice id 2
    calls = server.wait_notify(3, "the newest popup")
    check(calls[2][3].endswith("(2 of 3)") and calls[2][1] == 1, f"third Notify {calls[2]!r}")
    check(not any(c[3].endswith("(1 of 3)") for c in calls), f"a stale popup was sent: {calls!r}")
    # Withdrawn while in flight: the id the reply brings is closed.
    p.send("withdraw")
    p.send("oneoff ping")
    server.wait_notify(4, "the second notice")
    check(server.calls("CloseNotification") == [], "closed before the reply said which id")
    server.release()
    wait_for(lambda: server.calls("CloseNotification") == [[1]], 10, "CloseNotification of popup 1")
    check(p.choices() == [], f"choices reported: {p.choices()!r}")


# The real limberd with a hung server: a movement break due after 5 s of sitting.
HUNG_DAEMON_CONFIG = """\
[breaks]
sit-limit = 5s
break-length = 3s
micro-interval = 0
micro-length = 1s
snooze = 3s
"""


def test_hung_server_daemon(h):
    h.start_x()
    h.start_session_bus()
    server = HeldServer(h)
    h.write_config(HUNG_DAEMON_CONFIG)
    h.start_hands(0.4)
    h.start_daemon()
    # The first-run notice goes first (at start), then the reminder; both hang.
    server.wait_notify(1, "limberd's Notify of the first-run notice")
    # The daemon keeps answering while Notify hangs (each limberctl call would time out if
    # the main loop were blocked).
    for _ in range(3):
        h.ctl("status", timeout=2)
    check(SERVER_WARNING not in h.daemon_output(), "the call timed out before limberctl was tried")
    # One warning for this server, about the first call that failed (the notice); the
    # reminder's hangs too, and is not warned about again.
    h.wait_log(SERVER_WARNING, timeout=15)
    server.wait_notify(2, "limberd's Notify of the reminder")
    h.ctl("status", timeout=2)
    check(h.daemon_output().count("Could not show") == 1, "more than one warning")
    check(h.daemon.poll() is None, "limberd died")


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
    pictures = os.path.join(here, "..", "..", "data", "limber", "stretches")
    # The README's pictures, with the shipped content: a reminder, a step with its illustration
    # and caution, a wheelchair user's reminder, and the first-run notice on its own.
    shots = [(["title Desk reset", "first Hand on the desk, step one foot back a stride.", "area hips",
               "movement 32 2"], "reminder.png"),
             (["title Standing hip flexor stretch", f"picture {os.path.join(pictures, 'hip-flexor-standing.svg')}",
               "text Hand on the desk, step one foot back a stride. Tuck your tailbone under, squeeze that "
               "buttock. Ease your hips forward to a gentle pull.",
               "caution Chest up and low back still: do not arch it.", "step 2 6 2"], "routine-step.png"),
             (["title Move, then walk", "first Brakes on, hands on the armrests or wheels.", "area whole-body",
               "movement 32 2 seated"], "wheelchair-reminder.png"),
             (["withdraw", "welcome"], "first-run.png")]
    pixels = screen_pixels(h)  # before any popup
    for commands, name in shots:
        for command in commands:
            p.send(command)
        pixels = wait_drawn(h, pixels, name)
        path = os.path.join(out_dir, name)
        screenshot(h, path)
        # Only the popup (dunst puts it top right, on the black of an empty Xvfb screen).
        subprocess.run(["convert", path, "-trim", "+repage", path], env=h.env, check=True, timeout=20)
    check("Could not show" not in p.stderr(), f"probe stderr: {p.stderr()!r}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve-held"] and len(sys.argv) == 3:
        serve_held(sys.argv[2])
    else:
        sys.exit("usage: test_notifier.py serve-held LOG")
