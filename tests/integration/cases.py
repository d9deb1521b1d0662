"""What Limber's integration cases share: second-scale configs, the usual
set-up of a real limberd, and the ways a case asks limberd what it is doing
(limberctl status, the control bus, the history file); and the presence probe,
which runs the presence backends alone.

harness.py is the world around limberd; this file is Limber's own vocabulary.
A test module imports from these two only, never from another test module.
Something only one module needs stays in that module.
"""

import json
import os
import subprocess
import threading
import time

from gi.repository import Gio, GLib

from harness import (LIMBER_IFACE, LIMBER_NAME, LIMBER_PATH, Lines, TestFailure, check, thread_switches, wait_for,
                     wait_quiet)

US_PER_S = 10**6

# The tray icons (daemon/indicator/), one per state, installed in the hicolor theme.
INDICATOR_ICONS = ("limber-sitting", "limber-break-due", "limber-away", "limber-paused", "limber-routine")

# -- configs ------------------------------------------------------------------------

# A movement break is due after 5 s of sitting; 3 s without input is a natural break; an
# unanswered reminder comes back every 3 s, twice, then escalates.
FAST = """\
[breaks]
sit-limit = 5s
break-length = 3s
micro-interval = 0
micro-length = 1s
snooze = 3s
max-snoozes = 2
"""
HOUR_LIMIT = FAST.replace("sit-limit = 5s", "sit-limit = 1h")  # FAST with no reminder due soon

# No reminder due for `sit_limit` (an hour unless told); away after `away` without input.
QUIET = """\
[breaks]
sit-limit = {sit_limit}
break-length = {away}
micro-interval = 0
micro-length = 1s
snooze = 2s
"""


def quiet(away="2s", extra="", sit_limit="1h"):
    return QUIET.format(away=away, sit_limit=sit_limit) + extra


# -- the usual set-up ---------------------------------------------------------------

def start_limberd(h, config=FAST, caps=None, hands=True, notifications=True, args=(), env_extra=None):
    """Xvfb, a session bus, the mock notification server (with `caps`), `config` as the user's
    file (None: no file at all), the user's hands on the mouse, and limberd up on the bus.
    Parts the case started already are kept."""
    if h.xvfb is None:
        h.start_x()
    if h.session_bus is None:
        h.start_session_bus()
    if notifications:
        if caps is None:
            h.start_notifications()
        else:
            h.start_notifications(caps=caps)
    if config is not None:
        h.write_config(config)
    if hands:
        h.start_hands()
    return h.start_daemon(*args, env_extra=env_extra)


# -- popups ---------------------------------------------------------------------------

def is_movement(n):
    return "stand up" in n["summary"].lower()


def is_done(n):
    """The popup that ends a guided routine."""
    return n["summary"].lower().startswith("done")


def is_first_run(n):
    """The notice limberd shows once, the first time it runs (the pain ceiling is in it)."""
    return n["hints"].get("category") == "x-limber.notice" and "1 in 5" in n["body"]


def reminders(h):
    """Every Notify but the first-run notice: what a case about reminders counts."""
    return [n for n in h.notifications() if not is_first_run(n)]


# -- what limberd says -----------------------------------------------------------------

def status_json(h):
    return json.loads(h.ctl("status", "--json").stdout)


def state(h):
    return status_json(h)["state"]


def wait_state(h, want, timeout=10.0):
    wait_for(lambda: state(h) == want, timeout, f"limberd's state to be {want!r} (is {state(h)!r})")


def bus_call(h, method, args=None, signature=None, conn=None):
    """A call to limberd's control interface: args a tuple with its signature, or a GLib.Variant."""
    if signature is not None:
        args = GLib.Variant(signature, args)
    return (conn or h.session_bus).call_sync(LIMBER_NAME, LIMBER_PATH, LIMBER_IFACE, method, args, None,
                                             Gio.DBusCallFlags.NONE, 5000, None)


def call(h, method, args=None, conn=None):
    """bus_call with a ready GLib.Variant: the spelling test_faults' cases use."""
    return bus_call(h, method, args, conn=conn)


def bus_error(h, method, args=None, signature=None):
    """The error a call must fail with: (D-Bus error name, message without the name)."""
    try:
        bus_call(h, method, args, signature)
    except GLib.Error as e:
        name = Gio.DBusError.get_remote_error(e)
        return name, e.message.split(f"{name}: ", 1)[-1]
    raise TestFailure(f"{method}{args or ''} was accepted")


def properties(h, conn=None):
    """limberd's bus properties (times in wall-clock microseconds)."""
    reply = (conn or h.session_bus).call_sync(LIMBER_NAME, LIMBER_PATH, "org.freedesktop.DBus.Properties",
                                              "GetAll", GLib.Variant("(s)", (LIMBER_IFACE,)), None,
                                              Gio.DBusCallFlags.NONE, 5000, None)
    return reply.unpack()[0]


DAEMON = (LIMBER_NAME, LIMBER_PATH, LIMBER_IFACE)  # (name, path, interface), for calls by hand


def start_watch(h, *args):
    """limberctl watch ARGS as a child; returns (process, Lines of its stdout)."""
    proc = h.spawn("limberctl watch", [h.limberctl_path, "watch", *args], env=h.env,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, Lines(proc)


# -- the state directory ----------------------------------------------------------------

def state_dir(h):
    return os.path.join(h.env["XDG_STATE_HOME"], "limber")


def history_path(h):
    return os.path.join(state_dir(h), "history.ini")


def read_history(h):
    """The history file through GLib's own key-file parser (what limberd uses): a dict of groups."""
    kf = GLib.KeyFile.new()
    try:
        kf.load_from_file(history_path(h), GLib.KeyFileFlags.NONE)
    except GLib.Error as e:
        raise TestFailure(f"the history file does not parse: {e.message}") from None
    groups = {g: {k: kf.get_value(g, k) for k in kf.get_keys(g)[0]} for g in kf.get_groups()[0]}
    check(groups.get("limber", {}).get("version") == "1", f"no [limber] version=1: {groups}")
    return groups


def days(groups):
    """The day records of read_history()'s groups: {date: values}."""
    return {g: v for g, v in groups.items() if g not in ("limber", "live")}


def local_tz_before_midnight(seconds):
    """A POSIX TZ whose local midnight comes `seconds` from now, to the second: (TZ, that midnight
    in time.time() seconds)."""
    now_s = int(time.time())
    offset = (86400 - seconds - now_s % 86400) % 86400
    if offset > 43200:
        offset -= 86400
    sign = "-" if offset >= 0 else "+"  # POSIX: the offset is west of Greenwich
    offset = abs(offset)
    return f"LBR{sign}{offset // 3600:02d}:{offset % 3600 // 60:02d}:{offset % 60:02d}", now_s + seconds


# -- the presence probe (tests/presence-probe): the presence backends alone ----------------------

def now_ms():
    return time.clock_gettime(time.CLOCK_BOOTTIME) * 1000.0


class Probe:
    """presence-probe as a child; every stdout line kept with its arrival time."""

    def __init__(self, h, *args, env=None, stdin=None):
        path = os.path.join(h.build_dir, "tests", "presence-probe")
        self.proc = h.spawn("presence-probe", [path, *args], env=env or h.env, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []  # (arrival boot ms, line)
        self.err = []
        self.lock = threading.Lock()
        self._threads = [threading.Thread(target=self._read, args=(self.proc.stdout, self.lines), daemon=True),
                         threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True)]
        for t in self._threads:
            t.start()

    def _read(self, stream, into):
        for line in stream:
            with self.lock:
                into.append((now_ms(), line.rstrip("\n")))

    def events(self, word=None):
        with self.lock:
            return [(t, l) for (t, l) in self.lines
                    if word is None or l.split(" ")[0].split("=")[0] == word]

    def wait(self, word, count=1, timeout=5.0):
        """The count-th line starting with word: (arrival ms, fields dict)."""
        def find():
            found = self.events(word)
            return found[count - 1] if len(found) >= count else None
        try:
            t, line = wait_for(find, timeout, f"probe line {word!r} #{count}", interval=0.01)
        except TestFailure:
            raise TestFailure(f"no {word!r} #{count} within {timeout} s; stdout {self.events()}, "
                              f"stderr {self.err}") from None
        return t, fields(line)

    def finish(self, timeout=5.0):
        rc = self.proc.wait(timeout=timeout)
        for t in self._threads:
            t.join(timeout=1.0)
        return rc

    def switches(self):
        """Voluntary + involuntary context switches of all the probe's threads."""
        return sum(thread_switches(self.proc.pid).values())

    def wait_quiet(self):
        """Wait until the probe has done its start-up work (no thread ran for a while)."""
        wait_quiet(self.proc.pid)


def fields(line):
    out = {"word": line.split(" ")[0].split("=")[0]}
    for item in line.split(" "):
        key, _, value = item.partition("=")
        if value:
            out[key] = int(value) if value.lstrip("-").isdigit() else value
    return out
