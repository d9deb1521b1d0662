"""Real compositors for the Wayland presence tests, from the Debian 13 root.

A copy of the helpers of the `rig` branch (tests/rig/rig.py, by the rig's author) that
test_wayland needs, kept here until that branch is merged; then test_wayland imports rig and
this file goes. tools/trixie-root (rig branch) builds the root at /var/tmp/limber-trixie with
sway, wtype and mutter; its marker .limber-root-complete is written last.

    Chroot(root)                 the root with the host's /proc, /sys, /dev and /tmp inside
    Sway(chroot, tmp[, config])  sway headless; client_env() for host clients, type(text)
    Mutter(chroot, tmp)          mutter headless on a private session bus; idletime_ms(), input()
    MutterInput(mutter)          one RemoteDesktop session: motion(dx, dy), key(keycode)

require_root() (or need()) decides whether a missing part skips the case or, with CI=true,
fails it.
"""

import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
from harness import Skip, TestFailure, wait_for  # noqa: E402

DEFAULT_ROOT = "/var/tmp/limber-trixie"
MARKER = ".limber-root-complete"  # written last by tools/trixie-root
USER, UID = "limber", 1000
ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUS_CONF = os.path.join(HERE, "session.conf")
# chroot, mount and systemd-nspawn live in sbin, which a user's PATH may lack.
os.environ["PATH"] = os.environ.get("PATH", "/usr/bin:/bin") + ":" + ROOT_PATH


# -- what the rig needs -------------------------------------------------------

def need(ok, why):
    """Skip the case with `why` when `ok` is false; with CI=true fail it instead, since there the
    rig is part of the machine and its absence is a defect."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        raise TestFailure(f"{why} (CI=true: the rig must be there)")
    raise Skip(why)


def root_dir():
    return os.environ.get("LIMBER_TRIXIE_ROOT") or DEFAULT_ROOT


def require_root(*host_tools):
    """The complete Debian 13 root, after checking that we are root and have `host_tools`."""
    need(os.geteuid() == 0, "the rig needs root (chroot, mount, systemd-nspawn)")
    for tool in ("chroot", "mount", "umount", *host_tools):
        need(_which(tool), f"{tool} is not installed on this machine")
    root = root_dir()
    need(os.path.exists(os.path.join(root, MARKER)),
         f"no complete Debian 13 root at {root}: build it with tools/trixie-root (rig branch)")
    return root


def _which(tool):
    return shutil.which(tool) is not None


# -- processes ----------------------------------------------------------------

def stop(proc, timeout=5.0, sig=signal.SIGTERM):
    """Signal `proc`, wait up to `timeout` s, then kill it; always reaps it."""
    if proc.poll() is not None:
        return proc.returncode
    try:
        proc.send_signal(sig)
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def _tail(path, size=4000):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-size:]
    except OSError:
        return ""


def _mount(*args):
    r = subprocess.run(["mount", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise TestFailure(f"mount {shlex.join(args)} failed: {r.stderr.strip()}")


def _sigterm_raises():
    """meson stops a test that times out with SIGTERM: turn it into an exception so that the
    context managers still stop their processes and unmount."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        def handler(signum, frame):
            raise SystemExit("stopped by SIGTERM")
        signal.signal(signal.SIGTERM, handler)


# -- chroot -------------------------------------------------------------------

class Chroot:
    """The root seen through a bind mount of its own under /run, with the host's /proc, /sys,
    /dev and /tmp bound inside. The mounts are private to that mount point: several Chroots
    may be open on one root at once, and the root itself stays free of them, so systemd-nspawn
    can boot it meanwhile. /tmp is shared, so a socket made inside is reachable from the host
    under the same path."""

    def __init__(self, root):
        self.root = root
        self.mnt = None
        self.procs = []  # (label, Popen) in start order

    def __enter__(self):
        _sigterm_raises()
        self.mnt = tempfile.mkdtemp(prefix="limber-rig-", dir="/run")
        try:
            _mount("--bind", self.root, self.mnt)
            _mount("--make-private", self.mnt)
            for sub in ("proc", "sys", "dev"):
                _mount("--rbind", "/" + sub, os.path.join(self.mnt, sub))
                _mount("--make-rslave", os.path.join(self.mnt, sub))
            _mount("--bind", "/tmp", os.path.join(self.mnt, "tmp"))
            _mount("--make-private", os.path.join(self.mnt, "tmp"))
        except BaseException:
            self._unmount()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def close(self):
        for label, proc in reversed(self.procs):
            stop(proc)
        self.procs.clear()
        self._unmount()

    def _unmount(self):
        if self.mnt is None:
            return
        # -l detaches the whole tree at once, also while something in it is still busy.
        subprocess.run(["umount", "-l", self.mnt], stderr=subprocess.DEVNULL)
        os.rmdir(self.mnt)
        self.mnt = None

    def env(self, extra=None):
        """A clean environment for a program in the root (nothing from the host leaks in)."""
        env = {"PATH": ROOT_PATH, "HOME": "/root", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "TERM": "dumb"}
        env.update(extra or {})
        return env

    def argv(self, argv):
        return ["chroot", self.mnt, *argv]

    def spawn(self, label, argv, env=None, **kw):
        """Start `argv` in the root as a child of this process; close() stops it."""
        proc = subprocess.Popen(self.argv(argv), env=self.env(env), **kw)
        self.procs.append((label, proc))
        return proc

    def forget(self, proc):
        self.procs = [(l, p) for (l, p) in self.procs if p is not proc]

    def run(self, argv, env=None, check=True, timeout=60, **kw):
        """Run `argv` in the root to its end; output is captured as text."""
        proc = subprocess.run(self.argv(argv), env=self.env(env), capture_output=True, text=True,
                              timeout=timeout, **kw)
        if check and proc.returncode != 0:
            raise TestFailure(f"{shlex.join(argv)} in the root exited {proc.returncode}:\n"
                              f"{proc.stdout}{proc.stderr}")
        return proc


WAYLAND_SOCKET = re.compile(r"^wayland-\d+$")


def wayland_socket(runtime):
    """The name of the Wayland socket in `runtime`, or None while there is none."""
    for name in sorted(os.listdir(runtime)):
        if WAYLAND_SOCKET.match(name) and stat.S_ISSOCK(os.stat(os.path.join(runtime, name)).st_mode):
            return name
    return None


def runtime_dir(tmp, name):
    """An XDG_RUNTIME_DIR under the test's /tmp directory, seen at the same path in the root."""
    path = tempfile.mkdtemp(prefix=name + "-", dir=tmp)
    os.chmod(path, 0o700)
    return path


# -- sway ---------------------------------------------------------------------

class Sway:
    """sway headless in the root. client_env() gives host clients WAYLAND_DISPLAY and
    XDG_RUNTIME_DIR; type(text) types with wtype inside the root."""

    # Without Xwayland: sway would otherwise bind X displays in the /tmp it shares with the host.
    DEFAULT_CONFIG = "xwayland disable\n"

    def __init__(self, chroot, tmp, config=DEFAULT_CONFIG):
        self.chroot = chroot
        self.tmp = tmp
        self.config = config
        self.proc = None
        self.display = None

    def __enter__(self):
        self.runtime = runtime_dir(self.tmp, "sway-runtime")
        config_path = os.path.join(self.tmp, "sway.conf")
        with open(config_path, "w") as f:
            f.write(self.config)
        self.log = os.path.join(self.tmp, "sway.log")
        with open(self.log, "w") as log:
            self.proc = self.chroot.spawn("sway", ["sway", "-c", config_path], env={
                "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                "XDG_RUNTIME_DIR": self.runtime}, stdout=log, stderr=subprocess.STDOUT)
        try:
            self.display = wait_for(self._socket, 20.0, "sway to make its Wayland socket")
        except BaseException:
            self.close(failed=True)
            raise
        return self

    def _socket(self):
        if self.proc.poll() is not None:
            raise TestFailure(f"sway exited {self.proc.returncode} at start:\n{_tail(self.log)}")
        return wayland_socket(self.runtime)

    def __exit__(self, exc_type, exc, tb):
        self.close(failed=exc_type is not None)
        return False

    def close(self, failed=False):
        if self.proc is None:
            return
        status = stop(self.proc)
        self.chroot.forget(self.proc)
        self.proc = None
        if failed:
            print(f"--- sway log (exit {status}) ---\n{_tail(self.log)}\n--- end of log ---")

    def client_env(self, env=None):
        """`env` (default: none) plus what a client needs to reach this sway, from the host or
        from the root alike."""
        env = dict(env or {})
        env.update({"WAYLAND_DISPLAY": self.display, "XDG_RUNTIME_DIR": self.runtime})
        return env

    def type(self, text):
        self.chroot.run(["wtype", text], env=self.client_env())

    def version(self):
        return self.chroot.run(["sway", "--version"]).stdout.strip()


# -- mutter -------------------------------------------------------------------

IDLE_MONITOR = "org.gnome.Mutter.IdleMonitor"
IDLE_MONITOR_PATH = "/org/gnome/Mutter/IdleMonitor/Core"


class Mutter:
    """mutter headless (Wayland only, one virtual monitor) in the root, on a private session bus
    whose socket is under the test's /tmp directory. `bus` is the host's connection to it;
    client_env() gives a client that bus and mutter's Wayland socket."""

    def __init__(self, chroot, tmp, monitor="1280x800"):
        self.chroot = chroot
        self.tmp = tmp
        self.monitor = monitor
        self.bus_proc = self.proc = self.bus = self.display = None

    def __enter__(self):
        from gi.repository import Gio
        self.runtime = runtime_dir(self.tmp, "mutter-runtime")
        try:
            self._start_bus()
            self.bus = Gio.DBusConnection.new_for_address_sync(
                self.bus_address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
                Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
            self.log = os.path.join(self.tmp, "mutter.log")
            with open(self.log, "w") as log:
                self.proc = self.chroot.spawn("mutter", [
                    "mutter", "--headless", "--wayland", "--no-x11",
                    "--virtual-monitor", self.monitor], env=self.client_env(),
                    stdout=log, stderr=subprocess.STDOUT)
            wait_for(self._monitor_up, 30.0, f"mutter to own {IDLE_MONITOR}")
            self.display = wait_for(lambda: wayland_socket(self.runtime), 10.0,
                                    "mutter to make its Wayland socket")
        except BaseException:
            self.close(failed=True)
            raise
        return self

    def _start_bus(self):
        # The root's dbus-daemon, with the tests' config (no service directories, so nothing is
        # activated behind the test's back) read through the shared /tmp.
        conf = os.path.join(self.runtime, "bus.conf")
        with open(BUS_CONF) as src, open(conf, "w") as dst:
            dst.write(src.read())
        r, w = os.pipe()
        with open(os.path.join(self.tmp, "mutter-bus.log"), "w") as log:
            self.bus_proc = self.chroot.spawn("session bus", [
                "dbus-daemon", "--config-file", conf, "--nofork", f"--print-address={w}",
                f"--address=unix:path={self.runtime}/bus"], pass_fds=(w,),
                stdout=subprocess.DEVNULL, stderr=log)
        os.close(w)
        with os.fdopen(r, "rb") as f:
            self.bus_address = f.readline().decode().strip()
        if not self.bus_address:
            raise TestFailure("the root's dbus-daemon did not print its address")

    def _monitor_up(self):
        if self.proc.poll() is not None:
            raise TestFailure(f"mutter exited {self.proc.returncode} at start:\n{_tail(self.log)}")
        from gi.repository import GLib, Gio
        reply = self.bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                   "org.freedesktop.DBus", "NameHasOwner",
                                   GLib.Variant("(s)", (IDLE_MONITOR,)), None,
                                   Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    def __exit__(self, exc_type, exc, tb):
        self.close(failed=exc_type is not None)
        return False

    def close(self, failed=False):
        if self.bus is not None:
            self.bus.close_sync(None)
            self.bus = None
        for attr in ("proc", "bus_proc"):
            proc = getattr(self, attr)
            if proc is not None:
                status = stop(proc)
                self.chroot.forget(proc)
                setattr(self, attr, None)
                if failed and attr == "proc":
                    print(f"--- mutter log (exit {status}) ---\n{_tail(self.log)}\n--- end of log ---")

    def client_env(self, env=None):
        """`env` (default: none) plus this mutter's session bus and, once it is up, its Wayland
        display."""
        env = dict(env or {})
        env.update({"DBUS_SESSION_BUS_ADDRESS": self.bus_address, "XDG_RUNTIME_DIR": self.runtime})
        if self.display:
            env["WAYLAND_DISPLAY"] = self.display
        return env

    def idletime_ms(self):
        from gi.repository import Gio
        reply = self.bus.call_sync(IDLE_MONITOR, IDLE_MONITOR_PATH, IDLE_MONITOR, "GetIdletime",
                                   None, None, Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    def input(self):
        return MutterInput(self)

    def version(self):
        return self.chroot.run(["mutter", "--version"]).stdout.splitlines()[0].strip()


class MutterInput:
    """The user's hands under mutter: one RemoteDesktop session, held by one long-lived client in
    the root (tests/rig/mutter-input.py), since a session dies with the connection that made
    it. Each call returns once mutter has answered."""

    def __init__(self, mutter):
        self.mutter = mutter
        self.proc = None

    def __enter__(self):
        source = INPUT_DRIVER
        self.proc = self.mutter.chroot.spawn(
            "mutter input", ["python3", "-u", "-c", source], env=self.mutter.client_env(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            self._answer("ready")
        except BaseException:
            self.close()
            raise
        return self

    def _answer(self, what):
        line = self.proc.stdout.readline().strip()
        if line != "ok":
            raise TestFailure(f"the RemoteDesktop client failed at {what}: {line or 'it exited'}")

    def _send(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        self._answer(line)

    def motion(self, dx=1.0, dy=0.0):
        self._send(f"motion {dx} {dy}")

    def key(self, keycode):
        """Press and release the key with this evdev code (42: left Shift, which types nothing)."""
        self._send(f"key {keycode}")

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def close(self):
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()  # the client stops its session and exits at end of input
            self.proc.wait(timeout=5.0)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            pass
        stop(self.proc)
        self.mutter.chroot.forget(self.proc)
        self.proc = None


# The RemoteDesktop client that MutterInput runs in the root (rig: tests/rig/mutter-input.py).
INPUT_DRIVER = r'''"""The user's hands under mutter, run inside the Debian 13 root by rig.MutterInput.

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
    session.Stop()


if __name__ == "__main__":
    main()
'''
