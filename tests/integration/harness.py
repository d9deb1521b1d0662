"""Real parts for Limber's integration tests.

A Harness starts a private X server (Xvfb), a private session bus, the
python3-dbusmock notification server and, on request, a private system bus
with a mock logind; it runs limberd and limberctl against them, and tears
everything down in reverse order even when the test fails.

Run a case with:  python3 run.py MODULE CASE   (see run.py).

Where shared things live: this file holds the world around limberd (processes,
X, buses, mock services, systemd's notify socket) and generic tools (waiting,
reading a child's lines, counting wake-ups); cases.py holds Limber's own
vocabulary (configs, the usual limberd set-up, status and bus calls). Test
modules import only these two, never each other.
"""

import glob
import json
import os
import queue
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time

import gi

gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("LIMBER_SOURCE_DIR", os.path.join(HERE, "..", ".."))
PYTHON = "/usr/bin/python3"  # Debian's Python: it has dbusmock and gi
BUS_CONF = os.path.join(HERE, "session.conf")
NOTIFY_NAME = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
MOCK_IFACE = "org.freedesktop.DBus.Mock"
DEFAULT_CAPS = "body body-markup actions persistence"
LIMBER_NAME = "org.limber.Daemon1"
LIMBER_PATH = "/org/limber/Daemon1"
LIMBER_IFACE = "org.limber.Daemon1"
LOGIND_NAME = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_SESSION_PATH = LOGIND_PATH + "/session/auto"  # the session add_logind_session() makes
# The user's hands move the mouse this often: well inside every away threshold the cases use.
HANDS_INTERVAL_S = 0.4
# How long the wake-up cases watch a quiet process. LIMBER_WAKEUP_PERIOD_S=60 gives the figures
# of the issue (by hand); CI uses 10 s.
WAKEUP_PERIOD_S = float(os.environ.get("LIMBER_WAKEUP_PERIOD_S", "10"))


class Skip(Exception):
    """Raised when a part the test needs is missing on this machine."""


class TestFailure(AssertionError):
    pass


def wait_for(predicate, timeout=10.0, what="condition", interval=0.02):
    """Poll predicate until it returns a true value; fail with `what` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TestFailure(f"timed out after {timeout:.1f} s waiting for {what}")
        time.sleep(interval)


def unpack(v):
    return v.unpack() if isinstance(v, GLib.Variant) else v


def boot_us():
    """CLOCK_BOOTTIME now, in microseconds: the clock limberd's deadlines and saves use."""
    return time.clock_gettime_ns(time.CLOCK_BOOTTIME) // 1000


class Harness:
    def __init__(self, name="test"):
        self.name = name
        self.procs = []  # (label, Popen) in start order
        self.tmp = tempfile.mkdtemp(prefix=f"limber-{name}-")
        self.build_dir = os.environ.get("LIMBER_BUILD_DIR", os.path.join(HERE, "..", "..", "build"))
        self.limberd_path = os.environ.get("LIMBERD", os.path.join(self.build_dir, "daemon", "limberd"))
        self.limberctl_path = os.environ.get("LIMBERCTL", os.path.join(self.build_dir, "daemon", "limberctl"))
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY",
                                 "NOTIFY_SOCKET", "XDG_SESSION_TYPE", "DBUS_SYSTEM_BUS_ADDRESS",
                                 # English unless a case asks for a language (test_i18n.py).
                                 "LANGUAGE")}
        for sub in ("config", "state", "runtime", "home"):
            os.makedirs(os.path.join(self.tmp, sub), mode=0o700)
        self.env.update({
            "HOME": os.path.join(self.tmp, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "XDG_STATE_HOME": os.path.join(self.tmp, "state"),
            "XDG_RUNTIME_DIR": os.path.join(self.tmp, "runtime"),
            "XDG_CONFIG_DIRS": os.path.join(self.tmp, "no-system-config"),
            "G_DEBUG": "fatal-criticals",
            "LC_ALL": "C.UTF-8",
            "TZ": os.environ.get("TZ", "UTC"),
        })
        self.session_bus = None
        self.system_bus = None
        self.xvfb = None
        self.hands = None
        self.notifier = None
        self.notify_log = None
        self.daemon = None
        self.daemon_log = None

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(failed=exc_type is not None)
        return False

    def close(self, failed=False):
        if failed and self.daemon_log and os.path.exists(self.daemon_log):
            with open(self.daemon_log, errors="replace") as f:
                tail = f.read()[-6000:]
            print(f"--- limberd log ({self.daemon_log}) ---\n{tail}\n--- end of log ---")
        for conn in (self.session_bus, self.system_bus):
            if conn is not None:
                try:
                    conn.close_sync(None)
                except GLib.Error:
                    pass
        for label, proc in reversed(self.procs):
            self._stop(proc)
        self.procs.clear()
        reports = [] if failed else self.sanitizer_reports()
        if reports:
            print("--- sanitizer reports ---\n" + "\n".join(reports) + "\n--- end of reports ---")
        if not failed or os.environ.get("LIMBER_KEEP_TMP") is None:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if reports:
            raise TestFailure("ASan, LSan or UBSan reported errors in limberd or limberctl (above)")

    SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")

    def sanitizer_reports(self):
        """ASan/LSan/UBSan reports (a -Db_sanitize build writes them to stderr) in every limberd
        log of this test and in limberctl's stderr, each from its mark on."""
        outputs = list(getattr(self, "ctl_sanitizer_output", []))
        for name in sorted(os.listdir(self.tmp)) if os.path.isdir(self.tmp) else ():
            if name.startswith("limberd-") and name.endswith(".log"):
                with open(os.path.join(self.tmp, name), errors="replace") as f:
                    outputs.append(f.read())
        reports = []
        for text in outputs:
            at = min((i for i in (text.find(m) for m in self.SANITIZER_MARKS) if i >= 0), default=-1)
            if at >= 0:
                reports.append(text[max(0, at - 200):at + 4000])
        return reports

    @staticmethod
    def _stop(proc, timeout=3.0):
        if proc.poll() is not None:
            return
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def spawn(self, label, argv, env=None, **kw):
        proc = subprocess.Popen(argv, env=env or self.env, **kw)
        self.procs.append((label, proc))
        return proc

    def forget(self, proc):
        self.procs = [(l, p) for (l, p) in self.procs if p is not proc]

    # -- X server -------------------------------------------------------------

    def start_x(self, extra_args=()):
        if not shutil.which("Xvfb"):
            raise Skip("Xvfb is not installed")
        r, w = os.pipe()
        proc = self.spawn("Xvfb", ["Xvfb", "-displayfd", str(w), "-noreset", "-nolisten", "tcp",
                                   "-screen", "0", "1280x800x24", *extra_args],
                          pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        data = b""
        with os.fdopen(r, "rb") as f:
            while not data.endswith(b"\n"):
                chunk = f.read(1)
                if not chunk:
                    raise TestFailure("Xvfb exited before it reported a display number")
                data += chunk
        self.env["DISPLAY"] = ":" + data.decode().strip()
        self.env["XDG_SESSION_TYPE"] = "x11"
        self.xvfb = proc
        return proc

    def xdotool(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start_hands(self, interval=HANDS_INTERVAL_S):
        """The user's hands: a small mouse move every `interval` seconds until stopped (the
        shell's sleep paces the simulated input; nothing is waited for)."""
        self.hands = self.spawn("hands", ["sh", "-c", f"while :; do xdotool mousemove_relative -- 2 0 "
                                          f"mousemove_relative -- -2 0; sleep {interval}; done"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self.hands

    def stop_hands(self):
        self._stop(self.hands)
        self.forget(self.hands)

    def poke(self):
        """One bit of user input: a relative mouse move there and back."""
        self.xdotool("mousemove_relative", "--", "5", "5")
        self.xdotool("mousemove_relative", "--", "-5", "-5")

    def open_window(self):
        """A small xlogo window, once it is mapped: (process, window id)."""
        if not (shutil.which("xlogo") and shutil.which("xprop")):
            raise Skip("xlogo (x11-apps) and xprop (x11-utils) are needed")
        proc = self.spawn("xlogo", ["xlogo", "-geometry", "100x100"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
        found = wait_for(lambda: self.run(["xdotool", "search", "--onlyvisible", "--class", "xlogo"]).stdout.split(),
                         5.0, "the xlogo window", interval=0.05)
        return proc, found[-1]

    def set_active_window(self, window):
        """What a window manager does on focus: name the window in the root's _NET_ACTIVE_WINDOW."""
        self.run(["xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", window],
                 check=True)

    def set_fullscreen(self, window):
        self.run(["xprop", "-id", window, "-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE",
                  "_NET_WM_STATE_FULLSCREEN"], check=True)

    # -- buses ----------------------------------------------------------------

    def _start_bus(self, label):
        r, w = os.pipe()
        self.spawn(label, ["dbus-daemon", "--config-file", BUS_CONF, "--nofork", f"--print-address={w}"],
                   pass_fds=(w,), stdout=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r, "rb") as f:
            address = f.readline().decode().strip()
        if not address:
            raise TestFailure(f"{label} did not print its address")
        conn = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        return address, conn

    def start_session_bus(self):
        address, self.session_bus = self._start_bus("session bus")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        return address

    def join_session_bus(self, address):
        """Use a session bus someone else runs (mutter's, in the rig) as this test's: limberd,
        limberctl and the mock services started afterwards meet there."""
        self.session_bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        return address

    def start_system_bus(self):
        address, self.system_bus = self._start_bus("system bus")
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = address
        return address

    def name_has_owner(self, name, conn=None):
        conn = conn or self.session_bus
        reply = conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                               "NameHasOwner", GLib.Variant("(s)", (name,)), None,
                               Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    def wait_name(self, name, conn=None, timeout=10.0, present=True):
        wait_for(lambda: self.name_has_owner(name, conn) == present, timeout,
                 f"{name} to {'appear' if present else 'go'} on the bus")

    # -- mock services --------------------------------------------------------

    def start_notifications(self, caps=DEFAULT_CAPS):
        self.notify_log = os.path.join(self.tmp, f"notify-{len(self.procs)}.log")
        params = json.dumps({"capabilities": caps})
        proc = self.spawn("notification server",
                          [PYTHON, "-m", "dbusmock", "--session", "-t", "notification_daemon",
                           "-l", self.notify_log, "-p", params],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_name(NOTIFY_NAME)
        self.notifier = proc
        return proc

    def stop_notifications(self):
        self._stop(self.notifier)
        self.forget(self.notifier)
        self.wait_name(NOTIFY_NAME, present=False)

    def start_logind(self):
        if self.system_bus is None:
            self.start_system_bus()
        proc = self.spawn("logind mock", [PYTHON, "-m", "dbusmock", "--system", "-t", "logind"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_name(LOGIND_NAME, self.system_bus)
        return proc

    def add_logind_session(self):
        """The mock logind's session "auto" on seat0 for uid 1000, active: the caller's session."""
        self.mock_call(self.system_bus, LOGIND_NAME, LOGIND_PATH, "AddSession",
                       ("auto", "seat0", 1000, "user", True), "(ssusb)")

    def logind_call(self, path, iface, method, args=None, signature=None):
        return self.system_bus.call_sync(LOGIND_NAME, path, iface, method,
                                         GLib.Variant(signature, args) if signature else None,
                                         None, 0, -1, None).unpack()

    def inhibitors(self):
        return self.logind_call(LOGIND_PATH, LOGIND_NAME + ".Manager", "ListInhibitors")[0]

    def set_locked_hint(self, locked):
        self.logind_call(LOGIND_SESSION_PATH, LOGIND_NAME + ".Session", "SetLockedHint", (locked,), "(b)")

    def set_session_active(self, active):
        """The mock session's Active, as logind changes it when another session takes the seat
        (fast user switching) and when this one gets it back."""
        self.mock_call(self.system_bus, LOGIND_NAME, LOGIND_SESSION_PATH, "UpdateProperties",
                       (LOGIND_NAME + ".Session", {"Active": GLib.Variant("b", active)}), "(sa{sv})")

    def emit_prepare_for_sleep(self, start_sleep):
        self.mock_call(self.system_bus, LOGIND_NAME, LOGIND_PATH, "EmitSignal",
                       (LOGIND_NAME + ".Manager", "PrepareForSleep", "b", [GLib.Variant("b", start_sleep)]),
                       "(sssav)")

    def mock_call(self, conn, bus_name, path, method, args, signature):
        return conn.call_sync(bus_name, path, MOCK_IFACE, method,
                              GLib.Variant(signature, args) if signature else None, None,
                              Gio.DBusCallFlags.NONE, -1, None)

    # A line of the mock's log: "1712345678.123 Notify ..."; a failed call adds "METHOD raised: ...".
    LOG_LINE = re.compile(r"^(\d{9,}\.\d{3}) (\w+)\b(?! raised:)")

    def _call_times(self):
        """{method: [wall-clock time of each call, in order]} from the mock's log, which has
        milliseconds where GetCalls has whole seconds."""
        times = {}
        with open(self.notify_log, errors="replace") as f:
            for line in f:
                m = self.LOG_LINE.match(line)
                if m:
                    times.setdefault(m.group(2), []).append(float(m.group(1)))
        return times

    def notify_calls(self, method=None):
        """The calls the notification server received: list of (time, method, args), time in
        wall-clock seconds (time.time()) to the millisecond."""
        reply = self.mock_call(self.session_bus, NOTIFY_NAME, NOTIFY_PATH, "GetCalls", None, None)
        times = self._call_times()
        calls, seen = [], {}
        for (t, m, args) in reply.unpack()[0]:
            # The mock logs a call before it records it, so the log has every call GetCalls has.
            k = seen[m] = seen.get(m, -1) + 1
            calls.append((times[m][k] if k < len(times.get(m, ())) else float(t), m, [unpack(a) for a in args]))
        return [c for c in calls if method is None or c[1] == method]

    def closed_ids(self):
        """The ids CloseNotification was called with, in order."""
        return [c[2][0] for c in self.notify_calls("CloseNotification")]

    def notifications(self):
        """Notify calls as dicts: app, replaces_id, icon, summary, body, actions, hints, timeout,
        id (the popup's), action_keys, and at (when the server got it, wall-clock seconds)."""
        keys = ("app", "replaces_id", "icon", "summary", "body", "actions", "hints", "timeout")
        result, next_id = [], 1
        for (at, _, args) in self.notify_calls("Notify"):
            n = dict(zip(keys, args), at=at)
            # The mock hands out ids in order to calls that replace nothing.
            if n["replaces_id"]:
                n["id"] = n["replaces_id"]
            else:
                n["id"], next_id = next_id, next_id + 1
            n["action_keys"] = n["actions"][0::2]
            result.append(n)
        return result

    def wait_notification(self, predicate=lambda n: True, timeout=10.0, after=0, what="a notification"):
        def find():
            for n in self.notifications()[after:]:
                if predicate(n):
                    return n
            return None
        return wait_for(find, timeout, what)

    def click(self, notification_id, action):
        self.mock_call(self.session_bus, NOTIFY_NAME, NOTIFY_PATH, "EmitSignal",
                       ("org.freedesktop.Notifications", "ActionInvoked", "us",
                        [GLib.Variant("u", notification_id), GLib.Variant("s", action)]),
                       "(sssav)")

    # -- limber ---------------------------------------------------------------

    def write_config(self, text, name="limber.conf"):
        path = os.path.join(self.env["XDG_CONFIG_HOME"], "limber", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def start_daemon(self, *args, wait_ready=True, env_extra=None):
        env = dict(self.env)
        env.update(env_extra or {})
        self.daemon_log = os.path.join(self.tmp, f"limberd-{len(self.procs)}.log")
        log = open(self.daemon_log, "w")
        self.daemon = self.spawn("limberd", [self.limberd_path, *args], env=env,
                                 stdout=log, stderr=subprocess.STDOUT)
        log.close()
        if wait_ready:
            def up():
                if self.daemon.poll() is not None:
                    raise TestFailure(f"limberd exited {self.daemon.returncode} at start:\n"
                                      + self.daemon_output()[-3000:])
                return self.name_has_owner(LIMBER_NAME)
            wait_for(up, 10.0, f"limberd to own {LIMBER_NAME}")
        return self.daemon

    def stop_daemon(self, timeout=10.0):
        """SIGTERM to limberd; wait for it to exit (failing if it does not) and return its status."""
        self.daemon.send_signal(signal.SIGTERM)
        try:
            code = self.daemon.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TestFailure(f"limberd did not stop within {timeout:.0f} s of SIGTERM") from None
        self.forget(self.daemon)
        return code

    def restart_daemon(self, *args):
        """Stop limberd cleanly (it must exit 0) and start it again with `args`."""
        code = self.stop_daemon()
        check(code == 0, f"limberd exited {code}")
        return self.start_daemon(*args)

    def daemon_output(self):
        with open(self.daemon_log, errors="replace") as f:
            return f.read()

    def wait_log(self, text, timeout=10.0, count=1):
        """Wait until limberd's log holds `text` at least `count` times."""
        return wait_for(lambda: self.daemon_output().count(text) >= count, timeout,
                        f"limberd to log {text!r}" + (f" {count} times" if count > 1 else ""))

    def ctl(self, *args, check=True, timeout=10):
        proc = subprocess.run([self.limberctl_path, *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        if any(m in (proc.stderr or "") for m in self.SANITIZER_MARKS):
            self.ctl_sanitizer_output = getattr(self, "ctl_sanitizer_output", []) + [proc.stderr]
        if check and proc.returncode != 0:
            raise TestFailure(f"limberctl {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc

    def run(self, argv, **kw):
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, **kw)


def notify_socket(path):
    """An AF_UNIX datagram socket standing in for systemd's notify socket."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    return sock


class NotifyListener:
    """Binds an AF_UNIX datagram socket in the harness's temp dir and points
    NOTIFY_SOCKET in h.env at it, so a limberd started afterwards reports to us.

    Each datagram becomes a message: a dict of its KEY=VALUE lines, plus the
    sender's pid under "_pid" (from SCM_CREDENTIALS, as systemd sees it).

        notify = NotifyListener(h)
        daemon = h.start_daemon()
        notify.wait("READY", "1")
        i, msg = notify.wait("STATUS", after=0)
        daemon.send_signal(signal.SIGHUP)
        i, _ = notify.wait("RELOADING", "1", after=i + 1)
        notify.wait("READY", "1", after=i + 1)
    """

    def __init__(self, h, name="notify"):
        self.path = os.path.join(h.tmp, name)
        self.sock = notify_socket(self.path)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.sock.setblocking(False)
        self.messages = []
        h.env["NOTIFY_SOCKET"] = self.path

    def poll(self):
        """Read every datagram waiting on the socket; return all messages so far."""
        creds_size = struct.calcsize("iII")
        while True:
            try:
                data, ancillary, _, _ = self.sock.recvmsg(65536, socket.CMSG_SPACE(creds_size))
            except BlockingIOError:
                return self.messages
            message = {}
            for line in data.decode("utf-8", errors="replace").split("\n"):
                if line:
                    key, _, value = line.partition("=")
                    message[key] = value
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    message["_pid"] = struct.unpack("iII", payload[:creds_size])[0]
            self.messages.append(message)

    def find(self, key, value=None, after=0):
        for i, message in enumerate(self.poll()[after:], start=after):
            if key in message and (value is None or message[key] == value):
                return i, message
        return None

    def wait(self, key, value=None, after=0, timeout=10.0):
        """Wait for a message at index >= after that has KEY (=VALUE); return (index, message)."""
        what = f"{key}={value}" if value is not None else f"a {key}= message"
        return wait_for(lambda: self.find(key, value, after), timeout,
                        f"{what} on NOTIFY_SOCKET (got {self.messages!r})")

    def values(self, key):
        """Every value of KEY received so far, in order (e.g. the STATUS lines)."""
        return [m[key] for m in self.poll() if key in m]

    def close(self):
        self.sock.close()


class Lines:
    """Reads a process's stdout on a thread, so a test can wait for lines and for silence."""

    def __init__(self, proc):
        self.proc = proc
        self.queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.queue.put(line.rstrip("\n"))

    def next(self, timeout=5.0):
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            raise TestFailure(f"no line within {timeout} s") from None

    def assert_silent(self, seconds=0.3):
        """Nothing more for `seconds`: the wait is the check (that no line comes)."""
        try:
            extra = self.queue.get(timeout=seconds)
        except queue.Empty:
            return
        raise TestFailure(f"unexpected extra line: {extra!r}")


# -- wake-ups ---------------------------------------------------------------------

def thread_switches(pid):
    """Voluntary + involuntary context switches of each of pid's threads: {tid: count}."""
    counts = {}
    for path in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            with open(path) as f:
                counts[path.split("/")[4]] = sum(int(line.split()[1]) for line in f if line.startswith(
                    ("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
        except FileNotFoundError:
            pass  # a thread ended while we read
    return counts


def woken(before, after):
    """Wake-ups between two thread_switches() snapshots; a thread that ended woke at least once to end."""
    total = sum(n - before.get(tid, 0) for tid, n in after.items())
    return total + len(set(before) - set(after))


def woke_by_thread(pid, before):
    """Which threads woke since `before`, by name: for the message of a failure."""
    out = {}
    now = thread_switches(pid)
    for tid, n in now.items():
        if n != before.get(tid, 0):
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    out[f"{f.read().strip()}/{tid}"] = n - before.get(tid, 0)
            except FileNotFoundError:
                pass
    gone = set(before) - set(now)
    return out if not gone else dict(out, ended=len(gone))


def thread_names(pid):
    names = []
    for path in glob.glob(f"/proc/{pid}/task/*/comm"):
        try:
            with open(path) as f:
                names.append(f.read().strip())
        except FileNotFoundError:
            pass
    return names


def wait_quiet(pid, quiet_s=0.2, timeout=5.0):
    """Wait until no thread of pid has run for quiet_s (start-up work and our own last request
    are done); return that thread_switches() snapshot, to measure from."""
    last = {"snap": thread_switches(pid), "since": time.monotonic()}

    def quiet():
        snap = thread_switches(pid)
        if snap != last["snap"]:
            last.update(snap=snap, since=time.monotonic())
            return None
        return snap if time.monotonic() - last["since"] >= quiet_s else None
    return wait_for(quiet, timeout, f"process {pid} to stay quiet for {quiet_s} s", interval=0.05)


def check(condition, message):
    if not condition:
        raise TestFailure(message)
