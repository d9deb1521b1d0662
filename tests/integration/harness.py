"""Real parts for Limber's integration tests.

A Harness starts a private X server (Xvfb), a private session bus, the
python3-dbusmock notification server and, on request, a private system bus
with a mock logind; it runs limberd and limberctl against them, and tears
everything down in reverse order even when the test fails.

Run a case with:  python3 run.py MODULE CASE   (see run.py).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import gi

gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"  # Debian's Python: it has dbusmock and gi
BUS_CONF = os.path.join(HERE, "session.conf")
NOTIFY_NAME = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
MOCK_IFACE = "org.freedesktop.DBus.Mock"
DEFAULT_CAPS = "body body-markup actions persistence"


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
                                 "NOTIFY_SOCKET", "XDG_SESSION_TYPE", "DBUS_SYSTEM_BUS_ADDRESS")}
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
            raise TestFailure("ASan, LSan or UBSan reported errors in limberd, limber-indicator or limberctl (above)")

    SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")

    def sanitizer_reports(self):
        """ASan/LSan/UBSan reports (a -Db_sanitize build writes them to stderr) in every limberd
        and limber-indicator log of this test and in limberctl's stderr, each from its mark on."""
        outputs = list(getattr(self, "ctl_sanitizer_output", []))
        for name in sorted(os.listdir(self.tmp)) if os.path.isdir(self.tmp) else ():
            if name.startswith(("limberd-", "limber-indicator-")) and name.endswith(".log"):
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

    def start_hands(self, interval=0.5):
        """The user's hands: a small mouse move every `interval` seconds until stopped."""
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
        env = dict(self.env)
        env["DBUS_SYSTEM_BUS_ADDRESS"] = self.env["DBUS_SYSTEM_BUS_ADDRESS"]
        proc = self.spawn("logind mock", [PYTHON, "-m", "dbusmock", "--system", "-t", "logind"],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_name("org.freedesktop.login1", self.system_bus)
        return proc

    def mock_call(self, conn, bus_name, path, method, args, signature):
        return conn.call_sync(bus_name, path, MOCK_IFACE, method,
                              GLib.Variant(signature, args) if signature else None, None,
                              Gio.DBusCallFlags.NONE, -1, None)

    def notify_calls(self, method=None):
        """The calls the notification server received: list of (time, method, args)."""
        reply = self.mock_call(self.session_bus, NOTIFY_NAME, NOTIFY_PATH, "GetCalls", None, None)
        calls = [(t, m, [unpack(a) for a in args]) for (t, m, args) in reply.unpack()[0]]
        return [c for c in calls if method is None or c[1] == method]

    def notifications(self):
        """Notify calls as dicts: app, replaces_id, icon, summary, body, actions, hints, timeout."""
        keys = ("app", "replaces_id", "icon", "summary", "body", "actions", "hints", "timeout")
        result, next_id = [], 1
        for (_, _, args) in self.notify_calls("Notify"):
            n = dict(zip(keys, args))
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
                return self.name_has_owner("org.limber.Daemon1")
            wait_for(up, 10.0, "limberd to own org.limber.Daemon1")
        return self.daemon

    def daemon_output(self):
        with open(self.daemon_log, errors="replace") as f:
            return f.read()

    def wait_log(self, text, timeout=10.0):
        return wait_for(lambda: text in self.daemon_output(), timeout, f"limberd to log {text!r}")

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


def check(condition, message):
    if not condition:
        raise TestFailure(message)
