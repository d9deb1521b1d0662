"""Real compositors and a booted systemd for Limber's tests, from a Debian 13 root.

tools/trixie-root builds the root (sway, mutter, systemd 257, the project's build dependencies and
a user `limber`, uid 1000). These helpers run things in it; each is a context manager that stops
what it started and removes what it mounted, also when the test fails:

    Chroot(root)                 the root with the host's /proc, /sys, /dev and /tmp inside;
                                 run() and spawn() commands in it
    Sway(chroot, tmp[, config])  sway headless; client_env() for host clients, type(text)
    Mutter(chroot, tmp)          mutter headless on a private session bus; idletime_ms(), input()
    MutterInput(mutter)          one RemoteDesktop session: motion(dx, dy), key(keycode)
    Container(root, tmp)         the root booted with systemd-nspawn (read-only under a tmpfs
                                 overlay unless writable=True); run(argv, user=...)
    Desktop(box[, user])         a user's graphical login on seat0 of a booted Container, with
                                 a terminal in it (tests/rig/terminal.py): sh(), spawn(),
                                 start_x(), start_notifications()

Every process is a child of the test and is waited for: PID 1 on the test machines does not reap
orphans. require_root() (or need()) decides whether a missing part skips the case or, with
CI=true, fails it.
"""

import fcntl
import itertools
import json
import os
import re
import shlex
import shutil
import signal
import stat
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
from harness import Skip, TestFailure, wait_for  # noqa: E402

SOURCE_DIR = os.path.realpath(os.environ.get("LIMBER_SOURCE_DIR", os.path.join(HERE, "..", "..")))
DEFAULT_ROOT = "/var/tmp/limber-trixie"
MARKER = ".limber-root-complete"  # written last by tools/trixie-root
USER, UID = "limber", 1000
ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUS_CONF = os.path.join(HERE, "..", "integration", "session.conf")
INPUT_DRIVER = os.path.join(HERE, "mutter-input.py")
# The root's journald keeps its journal in memory (tools/trixie-root, for writable boots); a
# stock Debian 13 keeps it on disk, split per user, which `journalctl --user` needs. Booted under
# the overlay, the disk is the overlay's tmpfs: nspawn_args=STOCK_JOURNAL masks that setting.
STOCK_JOURNAL = ("--bind-ro=/dev/null:/etc/systemd/journald.conf.d/limber-test-root.conf",)
# X servers listen on abstract sockets too, which belong to the network namespace: a container
# sharing the host's would have its clients reach a host X server that took a display number
# the container's had freed (found so: a limberd restarted after its Xvfb was gone came up on
# another test's). A network namespace of its own (loopback only) keeps displays apart.
OWN_NETWORK = ("--private-network",)
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
         f"no complete Debian 13 root at {root}: run tools/trixie-root "
         "(tools/test builds it and logs to build/trixie-root.log)")
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


# -- the parts ----------------------------------------------------------------

class _Part:
    """A part of the rig as a context manager: leaving the `with` block closes it, saying
    whether the case failed there (close(failed=True) prints the part's log)."""

    def __exit__(self, exc_type, exc, tb):
        self.close(failed=exc_type is not None)
        return False


# -- chroot -------------------------------------------------------------------

class Chroot(_Part):
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

    def close(self, failed=False):
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

class Sway(_Part):
    """sway headless in the root, with a HOME of its own under `tmp` (not the root's /root, which
    tests running at once would share). client_env() gives host clients WAYLAND_DISPLAY and
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
                "XDG_RUNTIME_DIR": self.runtime, "HOME": runtime_dir(self.tmp, "sway-home")},
                stdout=log, stderr=subprocess.STDOUT)
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


class Mutter(_Part):
    """mutter headless (Wayland only, one virtual monitor) in the root, on a private session bus
    whose socket is under the test's /tmp directory. `bus` is the host's connection to it;
    client_env() gives a client that bus and mutter's Wayland socket. mutter gets a HOME of its
    own under `tmp`."""

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
                    "--virtual-monitor", self.monitor],
                    env=self.client_env({"HOME": runtime_dir(self.tmp, "mutter-home")}),
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


class MutterInput(_Part):
    """The user's hands under mutter: one RemoteDesktop session, held by one long-lived client in
    the root (tests/rig/mutter-input.py), since a session dies with the connection that made
    it. Each call returns once mutter has answered."""

    def __init__(self, mutter):
        self.mutter = mutter
        self.proc = None

    def __enter__(self):
        with open(INPUT_DRIVER) as f:
            source = f.read()
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

    def close(self, failed=False):
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


# -- booted container ---------------------------------------------------------

def prepare_nspawn_host():
    """What systemd-nspawn expects of a systemd host, on a host without systemd: a tmpfs on
    /run/systemd/nspawn and the nodes under /run/systemd/inaccessible. Idempotent and left in
    place (other containers may be running). /run/systemd/system is never created: it would make
    host tools believe systemd runs here. A host that runs systemd has all of it already."""
    if os.path.isdir("/run/systemd/system"):
        return
    # Two tests booting at once must not both mount the tmpfs: the second would hide the first.
    with open("/run/limber-rig-nspawn.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _prepare_nspawn_host_locked()


def _prepare_nspawn_host_locked():
    nspawn = "/run/systemd/nspawn"
    os.makedirs(nspawn, exist_ok=True)
    with open("/proc/self/mountinfo") as f:
        mounted = any(line.split()[4] == nspawn for line in f)
    if not mounted:
        _mount("-t", "tmpfs", "tmpfs", nspawn)
    inaccessible = "/run/systemd/inaccessible"
    os.makedirs(inaccessible, exist_ok=True)
    nodes = {"reg": stat.S_IFREG, "dir": None, "fifo": stat.S_IFIFO, "chr": stat.S_IFCHR,
             "blk": stat.S_IFBLK}
    for name, kind in nodes.items():
        path = os.path.join(inaccessible, name)
        if os.path.lexists(path):
            continue
        if kind is None:
            os.mkdir(path, 0)
        else:
            os.mknod(path, kind, os.makedev(0, 0))
        os.chmod(path, 0)


class Container(_Part):
    """The root booted with systemd-nspawn (systemd as PID 1, logind, the system bus), with the
    checkout read-only at /src. It boots from a bind mount of the root of its own, which holds
    none of the Chroots' mounts (nspawn must not find them in the tree it boots). run() and
    popen() execute inside through nsenter, as root or as a user (user=True: `limber`) in a
    real logind session (su -); read() gives one of its files, read from the host."""

    _names = itertools.count(1)

    def __init__(self, root, tmp, src=SOURCE_DIR, writable=False, boot_timeout=90.0,
                 nspawn_args=()):
        # By default the root is read-only under a tmpfs overlay: what the test writes vanishes
        # with the container, and since nspawn then locks the tree shared, several tests may
        # boot it at once. writable=True keeps the changes, one container at a time.
        overlay = [] if writable else ["--read-only", "--volatile=overlay"]
        self.nspawn_args = overlay + list(nspawn_args)
        self.writable = writable
        self.root = root
        self.tmp = tmp
        self.src = src
        self.boot_timeout = boot_timeout
        self.mnt = self.proc = self.leader = None

    def __enter__(self):
        _sigterm_raises()
        prepare_nspawn_host()
        try:
            self.mnt = tempfile.mkdtemp(prefix="limber-boot-", dir="/run")
            _mount("--bind", self.root, self.mnt)
            _mount("--make-private", self.mnt)
            self.log = os.path.join(self.tmp, "nspawn.log")
            with open(self.log, "w") as log:
                self.proc = subprocess.Popen([
                    "systemd-nspawn", "-D", self.mnt, "-b", "--register=no", "--keep-unit",
                    "--console=passive", "-M", f"limber-rig-{os.getpid()}-{next(self._names)}",
                    f"--bind-ro={self.src}:/src", *self.nspawn_args],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            self.leader = wait_for(self._find_leader, 30.0, "systemd to start in the container")
            self._wait_booted()
        except BaseException:
            self.close(failed=True)
            raise
        return self

    def _alive(self):
        if self.proc.poll() is not None:
            raise TestFailure(f"systemd-nspawn exited {self.proc.returncode}:\n{_tail(self.log)}")
        return True

    def _find_leader(self):
        """The container's PID 1 as the host sees it: the child of nspawn in a new PID namespace
        that has become systemd."""
        self._alive()
        own = os.readlink("/proc/self/ns/pid")
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                children = [int(p) for p in f.read().split()]
        except OSError:
            return None
        for pid in children:
            try:
                with open(f"/proc/{pid}/comm") as f:
                    comm = f.read().strip()
                if os.readlink(f"/proc/{pid}/ns/pid") != own and comm == "systemd":
                    return pid
            except OSError:
                continue
        return None

    def _wait_booted(self):
        # systemctl needs the manager's private socket; --wait then waits for the boot to end.
        private = f"/proc/{self.leader}/root/run/systemd/private"
        wait_for(lambda: self._alive() and os.path.exists(private), self.boot_timeout,
                 "systemd in the container to open its private socket")
        r = self.run(["systemctl", "is-system-running", "--wait"], check=False,
                     timeout=self.boot_timeout)
        self.state = r.stdout.strip()
        if self.state not in ("running", "degraded"):
            raise TestFailure(f"the container did not finish booting: {self.state!r} {r.stderr}")
        if self.state == "degraded":
            failed = self.run(["systemctl", "--failed", "--no-legend", "--plain"], check=False)
            print(f"container booted degraded; failed units:\n{failed.stdout}")

    def close(self, failed=False):
        if self.proc is not None:
            # SIGTERM makes nspawn halt the container cleanly. With two containers up at once,
            # that halt at times stalls (user@1000.service's stop job waits while its manager
            # sits idle): an overlay boot has nothing to keep, so a second SIGTERM, nspawn's
            # "immediate termination", ends it 5 s later.
            status = None
            if not self.writable:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    status = self.proc.wait(timeout=5.0)
                except subprocess.TimeoutExpired:
                    pass
            if status is None:
                status = stop(self.proc, timeout=30.0)
            self.proc = None
            self._kill_orphan()
            if failed:
                print(f"--- nspawn log (exit {status}) ---\n{_tail(self.log)}\n--- end of log ---")
        if self.mnt is not None:
            subprocess.run(["umount", "-l", self.mnt], stderr=subprocess.DEVNULL)
            os.rmdir(self.mnt)
            self.mnt = None

    def _kill_orphan(self):
        """An nspawn that had to be killed leaves its container running, orphaned: killing the
        container's PID 1 ends everything in its PID namespace."""
        try:
            if self.leader and os.readlink(f"/proc/{self.leader}/ns/pid") != os.readlink("/proc/self/ns/pid"):
                os.kill(self.leader, signal.SIGKILL)
        except OSError:
            pass

    # What a command in the container starts with: nothing of the host's environment.
    ENV = {"PATH": ROOT_PATH, "LANG": "C.UTF-8", "TERM": "dumb"}

    def argv(self, argv, user=None, login_env=()):
        """`argv` entered into the container with nsenter: as root, or as `user` (True: limber)
        in the logind session that `su -` opens for its lifetime. `login_env` (NAME=VALUE) is
        what su's PAM stack sees, such as the XDG_SEAT and XDG_SESSION_TYPE pam_systemd reads."""
        if user:
            name = USER if user is True else user
            argv = ["env", *login_env, "su", "-", name, "-c", "exec " + shlex.join(argv)]
        return ["nsenter", "-t", str(self.leader), "-a", *argv]

    def popen(self, argv, user=None, login_env=(), **kw):
        """Start `argv` in the container (as argv() says); the caller waits for it."""
        return subprocess.Popen(self.argv(argv, user, login_env), env=self.ENV, **kw)

    def run(self, argv, user=None, check=True, timeout=60, **kw):
        """Run `argv` in the container to its end, as root or (user=True) as `limber` through
        `su -`, which opens a logind session for the command's lifetime."""
        if "input" not in kw:
            kw["stdin"] = subprocess.DEVNULL
        proc = subprocess.run(self.argv(argv, user), env=self.ENV, capture_output=True, text=True,
                              timeout=timeout, **kw)
        if check and proc.returncode != 0:
            who = (USER if user is True else user) or "root"
            raise TestFailure(f"{shlex.join(argv)} in the container as {who} exited "
                              f"{proc.returncode}:\n{proc.stdout}{proc.stderr}")
        return proc

    def path(self, path):
        """Where the host sees `path` of the container."""
        return f"/proc/{self.leader}/root{path}"

    def read(self, path):
        """The text of the container's file at `path`, None while there is none."""
        try:
            with open(self.path(path), errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return None


class Desktop(_Part):
    """A user's graphical login in a booted Container, as a display manager opens it: `su -`
    with XDG_SEAT=seat0 and XDG_SESSION_TYPE=x11, so pam_systemd registers a session on seat0,
    the user's display session (the one `GetSession("auto")` finds from a user service). The
    login runs tests/rig/terminal.py from /src: a terminal in that session. sh() runs a command
    there as the user would type it, spawn() starts one that runs on, start_x() an Xvfb whose
    DISPLAY later commands have. On a seat without VTs (a container's) logind makes each new
    session on the seat the active one: a second Desktop is fast user switching."""

    def __init__(self, box, user=USER, session_type="x11"):
        self.box = box
        self.user = user
        self.session_type = session_type
        self.proc = None
        self.display = None
        self.notify_log = None

    def __enter__(self):
        self.log = os.path.join(self.box.tmp, f"terminal-{self.user}.log")
        login = ("XDG_SEAT=seat0", f"XDG_SESSION_TYPE={self.session_type}")
        with open(self.log, "w") as log:
            self.proc = self.box.popen(["python3", "-u", "/src/tests/rig/terminal.py"], user=self.user,
                                       login_env=login, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=log, text=True)
        try:
            self.session_id = self.sh("echo $XDG_SESSION_ID").out.strip()
            if not self.session_id:
                raise TestFailure(f"su - {self.user} opened no logind session")
        except BaseException:
            self.close()
            raise
        return self

    def close(self, failed=False):
        """The user logs out: the terminal stops what it started and the session ends."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=15)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            pass
        stop(self.proc)
        self.proc = None

    def _ask(self, request, timeout):
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise TestFailure(f"the terminal of {self.user} is gone:\n{_tail(self.log)}") from None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            raise TestFailure(f"no answer from the terminal of {self.user} to {request.get('op')} "
                              f"{request.get('sh', '')!r} within {timeout:.0f} s:\n{_tail(self.log)}")
        answer = json.loads(line)
        if "error" in answer:
            raise TestFailure(f"the terminal of {self.user}: {answer['error']}")
        return answer

    def sh(self, command, check=True, timeout=60, input=""):
        """Run `command` with bash in the session, to its end; .rc, .out, .err."""
        a = self._ask({"op": "run", "sh": command, "timeout": timeout, "input": input}, timeout + 10)
        result = Result(a["rc"], a["out"], a["err"])
        if check and result.rc != 0:
            raise TestFailure(f"{command!r} as {self.user} exited {result.rc}:\n{result.out}{result.err}")
        return result

    def export(self, command):
        """Run `command` (export NAME=...) so that what it exports stays for later commands."""
        a = self._ask({"op": "export", "sh": command}, 20)
        if a["rc"] != 0:
            raise TestFailure(f"{command!r} as {self.user} exited {a['rc']}: {a['err']}")

    def spawn(self, label, command, log=None):
        """Start `command` in the session; it runs until signal(label) or the logout."""
        return self._ask({"op": "spawn", "label": label, "sh": command,
                          "log": log or "/dev/null"}, 20)["pid"]

    def signal(self, label, sig=signal.SIGTERM, wait=5.0):
        """Signal what spawn(label) or start_x() started; its exit status, None if it runs on."""
        return self._ask({"op": "signal", "label": label, "signal": int(sig), "wait": wait},
                         wait + 10)["rc"]

    def wait_name(self, name, timeout=15.0):
        """Until `name` has an owner on the user's session bus."""
        def owned():
            return self.sh("busctl --user call org.freedesktop.DBus /org/freedesktop/DBus "
                           f"org.freedesktop.DBus NameHasOwner s {name}").out.strip() == "b true"
        wait_for(owned, timeout, f"{name} on the user's session bus", interval=0.1)

    def start_notifications(self, log):
        """python3-dbusmock's notification server on the user's session bus (label
        "notifications"), logging each call to `log`, a path in the container."""
        self.notify_log = log
        params = json.dumps({"capabilities": "body body-markup actions persistence"})
        self.spawn("notifications", f"exec python3 -m dbusmock --session -t notification_daemon "
                   f"-l {shlex.quote(log)} -p {shlex.quote(params)}")
        self.wait_name("org.freedesktop.Notifications")

    def notifications(self):
        """(wall-clock time, summary) of each Notify that start_notifications()'s server logged."""
        calls = []
        for line in (self.box.read(self.notify_log) or "").splitlines():
            m = re.match(r'^(\d+\.\d+) Notify "[^"]*" \d+ "[^"]*" "([^"]*)"', line)
            if m:
                calls.append((float(m.group(1)), m.group(2)))
        return calls

    def start_x(self, screen="1280x800x24", fbdir=None):
        """Xvfb as the user in the session (label "Xvfb"); DISPLAY is exported from now on.
        With `fbdir` (a directory in the root) Xvfb keeps its screen there as an XWD file,
        Xvfb_screen0, which the host can read through /proc/LEADER/root."""
        args = ["-screen", "0", screen] + (["-fbdir", fbdir] if fbdir else [])
        self.display = self._ask({"op": "xvfb", "args": args}, 30)["display"]
        return self.display


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err


def elapsed(since_s):
    return f"{time.monotonic() - since_s:.1f} s"
