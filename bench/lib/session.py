"""session: the desktop the benchmarks run in, and the programs they measure.

Built on tests/integration/harness.py (Xvfb with -displayfd -noreset, private
buses from tests/integration/session.conf with no service directories, the
python3-dbusmock logind and notification templates).  Every helper is our own
child and is waited for: PID 1 on these machines does not reap orphans.
"""

import os
import select
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

import harness  # noqa: E402

NOTIFY_NAME = harness.NOTIFY_NAME


def fresh_env(h, name):
    """An environment with a new HOME and XDG directories of its own, like a first login."""
    base = os.path.join(h.tmp, name)
    env = {k: v for k, v in h.env.items() if k != "G_DEBUG"}
    dirs = {"HOME": "home", "XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data",
            "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state", "XDG_RUNTIME_DIR": "runtime"}
    for var, sub in dirs.items():
        path = os.path.join(base, sub)
        os.makedirs(path, mode=0o700, exist_ok=True)
        env[var] = path
    return env


# dunst's context menu (dunstctl context) lists a notification's actions on the standard input
# of its dmenu command and invokes the one printed: this one picks Snooze, as a user would.
PICK_SNOOZE = "#!/bin/sh\nexec grep -i -m1 snooze\n"


def start_dunst(h, program_env=None):
    """dunst as the notification server, the way most peers' users run it; `program_env`
    adds what it needs to reach a desk other than X11 (desks.py). Its context menu picks a
    notification's Snooze action (snooze_with_dunst)."""
    if not shutil.which("dunst"):
        raise harness.Skip("dunst is not installed")
    env = fresh_env(h, "dunst")
    if program_env is not None:
        env = program_env(env)
    pick = os.path.join(h.tmp, "pick-snooze")
    with open(pick, "w") as f:
        f.write(PICK_SNOOZE)
    os.chmod(pick, 0o755)
    os.makedirs(os.path.join(env["XDG_CONFIG_HOME"], "dunst"), exist_ok=True)
    with open(os.path.join(env["XDG_CONFIG_HOME"], "dunst", "dunstrc"), "w") as f:
        f.write(f"[global]\n    dmenu = {pick}\n")
    log = open(os.path.join(h.tmp, "dunst.log"), "w")
    proc = h.spawn("dunst", ["dunst"], env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    h.wait_name(NOTIFY_NAME)
    return proc


class StatusWatch:
    """limberd's sd_notify STATUS lines, each with its arrival time (time.monotonic()): give
    the program NOTIFY_SOCKET=path. Reading them costs the program nothing: it sends a line on
    every change of state whether anyone listens or not (under systemd, always)."""

    def __init__(self, h, name="status"):
        self.path = os.path.join(h.tmp, name)
        self.sock = harness.notify_socket(self.path)
        self.sock.setblocking(False)
        self.lines = []  # (monotonic s, text)

    def poll(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:
                return self.lines
            now = time.monotonic()
            for line in data.decode("utf-8", errors="replace").split("\n"):
                if line.startswith("STATUS="):
                    self.lines.append((now, line[len("STATUS="):]))

    def wait_until(self, t):
        """Sleep until monotonic time `t`, reading lines as they come (so their times are
        exact, not a sample interval late)."""
        while True:
            delay = t - time.monotonic()
            if delay <= 0:
                return
            if select.select([self.sock], [], [], delay)[0]:
                self.poll()

    def close(self):
        self.sock.close()


def snooze_with_dunst(env):
    """Snooze on the reminder dunst shows: its context menu, with the pick above as dmenu."""
    subprocess.run(["dunstctl", "context"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)


def input_event(env):
    """One bit of typing: a tap of the Shift key (press and release), which resets the X
    server's idle time like any input and types nothing."""
    subprocess.run(["xdotool", "key", "shift"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def stop_process(proc, timeout=5.0):
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def machine():
    """'N cores, CPU MODEL, Debian VERSION' for the record."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/etc/debian_version") as f:
            debian = f"Debian {f.read().strip()}"
    except OSError:
        debian = "not Debian"
    return f"{os.cpu_count()} cores, {model}, {debian}"


def today():
    return time.strftime("%Y-%m-%d")
