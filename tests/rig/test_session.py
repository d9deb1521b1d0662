"""A user's first five minutes with Limber as a systemd user service, in a booted Debian 13.

Each case boots the rig's root with systemd as PID 1 (rig.Container: logind, the system bus,
journald keeping the journal on disk as a stock Debian 13 does), logs the user in on seat0 with
an X server (rig.Desktop: `su -` as a display manager would open the session, Xvfb started as
the user in it, DISPLAY exported in the session's terminal), starts a notification server on
the user's session bus (python3-dbusmock's notification_daemon, or dunst for the screenshot),
copies the checkout into ~/limber as a clone has it, and runs `tools/install` there as the
README's "Run as a service" says. From then on everything is typed in that terminal: systemctl
--user, journalctl --user, limberctl, loginctl; what a display manager or a screen locker does
is done as they would (loginctl activate as root; SetLockedHint from the session). The cases
of issue 15:

    unit_tests_on_trixie       the checkout builds and passes its unit tests on Debian 13
    install_status          1. tools/install, then systemctl --user status and the journal
    reminder_on_time        2. a reminder on time through the unit; limberctl status
    lock_credits_break      3. loginctl lock-session + SetLockedHint: a break, by real logind
    user_switch_away        4. another user's session takes the seat: away, never sitting
    reload_valid_invalid    5. systemctl --user reload, a valid and an invalid edit
    kill9_restarts          6. kill -9: the unit restarts limberd, the sitting clock goes on
    stop_and_session_end    7. systemctl --user stop; the X server gone: stopped, no restart
    start_limit             7. a start that keeps failing gives up (no restart loop)
    invalid_config_no_loop     an invalid config at start fails once, with status 78
    uninstall_keeps_data    8. tools/uninstall removes every installed file, keeps config/history
    reminder_screenshot        dunst's popup of a reminder sent by the unit (docs/session-reminder.png
                               with LIMBER_SCREENSHOT_DIR=docs)
    inhibitor_until_free       a film's idle inhibitor (systemd-inhibit, real logind) holds the reminder
                               due meanwhile; it comes within 1 s of the film's end (issue 16)
    inhibitor_cap              the same inhibitor staying on: defer-at-most releases the reminder on time

Case 9, suspend, is not here: a container cannot suspend (its logind answers CanSuspend "na"),
so PrepareForSleep stays on the mock logind: test_e2e's and test_presence's logind_sleep.

limberd is built inside by tools/install, plainly: these cases do not use the host's build, so
tests/rig/meson.build registers them in the unsanitized build only. Run one with:

    /usr/bin/python3 tests/integration/run.py test_session CASE
"""

import contextlib
import json
import os
import re
import shutil
import subprocess
import time

import gi

gi.require_version("GLib", "2.0")
from gi.repository import GLib  # noqa: E402

import rig  # noqa: E402
from harness import SOURCE_DIR, TestFailure, check, wait_for  # noqa: E402

S_US = 10**6
HOME = f"/home/{rig.USER}"
CONFIG = f"{HOME}/.config/limber/limber.conf"
HISTORY = f"{HOME}/.local/state/limber/history.ini"
NOTIFY_LOG = f"{HOME}/notify.log"
FBDIR = "/tmp"  # Xvfb keeps its screen in FBDIR/Xvfb_screen0 (XWD), for the screenshot
RESTART_S = 5  # the unit's RestartSec
# Sitting limit as the case needs; 3 s without input (or locked, or switched away) is a break.
BASE = """\
[breaks]
sit-limit = {sit_limit}
break-length = 3s
micro-interval = 0
micro-length = 1s
snooze = 5m
"""
BREAK_S = 3
# The user's hands on the mouse: input well inside break-length, all through the case.
HANDS = ("while :; do xdotool mousemove_relative -- 1 0; sleep 0.4;"
         " xdotool mousemove_relative -- -1 0; sleep 0.4; done")
# systemctl status shows limberd's STATUS=, e.g. "Sitting since 10:02 · movement break at 10:32 (x11)".
STATUS_LINE = re.compile(r'Status: "Sitting since \d\d:\d\d · movement break at (\d\d:\d\d)(?: \(\w+\))?"')


def config(sit_limit="1h"):
    return BASE.format(sit_limit=sit_limit)


def wait_until(what, probe, ok, timeout):
    """wait_for(ok(probe())), saying what probe() gave last when it times out."""
    last = {}

    def reached():
        last["value"] = probe()
        return ok(last["value"])
    try:
        wait_for(reached, timeout, what, interval=0.1)
    except TestFailure as e:
        raise TestFailure(f"{e}; the last answer: {last.get('value')!r}") from None
    return last["value"]


# -- the user's session ---------------------------------------------------------------------

def checkout_files():
    """What a clone of this checkout holds: its tracked files, and new ones git does not
    ignore (a developer's uncommitted work is what is under test); without git, every file
    but the build directories."""
    r = subprocess.run(["git", "-C", SOURCE_DIR, "ls-files", "-z", "--cached", "--others",
                        "--exclude-standard"], capture_output=True) if shutil.which("git") else None
    if r is not None and r.returncode == 0:
        return [f for f in r.stdout.decode().split("\0") if f and os.path.lexists(os.path.join(SOURCE_DIR, f))]
    files = []
    for top, dirs, names in os.walk(SOURCE_DIR):
        dirs[:] = [d for d in dirs if not (top == SOURCE_DIR and (d.startswith("build") or d == ".git"))]
        files += [os.path.relpath(os.path.join(top, n), SOURCE_DIR) for n in names]
    return files


class Session:
    """The booted root, the user's desktop and, once install() ran, Limber as a service."""

    def __init__(self, h, box, desk):
        self.h, self.box, self.desk = h, box, desk
        self.install_output = None

    # -- files in the container, read from the host
    def path(self, path):
        return self.box.path(path)

    def read(self, path):
        return self.box.read(path)

    def write_config(self, text):
        self.desk.sh(f"mkdir -p {os.path.dirname(CONFIG)} && cat > {CONFIG}", input=text)

    # -- the installed service, asked as the user would
    def clone(self):
        """~/limber as a clone of the checkout has it."""
        self.desk.sh("mkdir ~/limber && tar -C /src --null -T - -cf - | tar -C ~/limber -xf -",
                     input="\0".join(checkout_files()) + "\0")

    def install(self, ok=True):
        """Clone and tools/install; `ok`: whether it must succeed or fail."""
        self.clone()
        start = time.monotonic()
        r = self.desk.sh("cd ~/limber && tools/install", check=False, timeout=600)
        self.install_output = r.out + r.err
        print(f"tools/install exited {r.rc} after {rig.elapsed(start)}:\n{self.install_output}")
        check((r.rc == 0) == ok, "tools/install failed" if ok else "tools/install succeeded")
        # What its note says to do in a shell that predates ~/.local/bin.
        if "is not on this shell's PATH" in self.install_output:
            self.desk.export('export PATH="$HOME/.local/bin:$PATH"')
        return r

    def unit(self, *props):
        """The unit's properties, as systemctl --user show gives them."""
        out = self.desk.sh("systemctl --user show limber " + " ".join(f"-p {p}" for p in props)).out
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def journal(self):
        return self.desk.sh("journalctl --user -u limber --no-pager -o cat", check=False).out

    def status(self):
        return json.loads(self.desk.sh("limberctl status --json").out)

    def state(self):
        return self.status()["state"]

    def wait_state(self, want, timeout=10.0):
        wait_until(f"limberd's state to be {want!r}", self.state, lambda s: s == want, timeout)

    def wait_unit(self, what, predicate, timeout=20.0):
        return wait_until(f"limber.service to be {what}", lambda: self.unit(
            "ActiveState", "SubState", "Result", "MainPID", "NRestarts", "ExecMainStatus"),
            predicate, timeout)

    def notifications(self):
        """(wall-clock time, summary) of each Notify the mock server logged."""
        return self.desk.notifications()

    def history(self):
        kf = GLib.KeyFile.new()
        kf.load_from_file(self.path(HISTORY), GLib.KeyFileFlags.NONE)
        return {g: {k: kf.get_value(g, k) for k in kf.get_keys(g)[0]} for g in kf.get_groups()[0]}

    def start_hands(self):
        self.desk.spawn("hands", HANDS)

    def watch_unit(self):
        """From now on, the unit's state changes as the user manager announces them (tests/rig/
        unit-watch.py); returns the function that gives them as (NAME, VALUE) so far."""
        log = f"{HOME}/unit-watch-{time.monotonic_ns()}.log"
        self.desk.spawn(log, f"exec python3 -u /src/tests/rig/unit-watch.py limber.service", log=log)
        wait_for(lambda: "ready" in (self.read(log) or "").split(), 15.0, "unit-watch.py to subscribe")
        return lambda: [tuple(line.split("=", 1)) for line in (self.read(log) or "").splitlines()
                        if "=" in line]


def start_mock_notifications(desk):
    desk.start_notifications(NOTIFY_LOG)


@contextlib.contextmanager
def session(h, conf=None, notifications=start_mock_notifications, hands=True, install=True):
    """Boot, log in with an X server and a notification server, write `conf` (None: the user
    has no config file), start the hands, run tools/install; yields the Session. On failure,
    the unit's journal and status are printed."""
    root = rig.require_root("systemd-nspawn", "nsenter")
    start = time.monotonic()
    with rig.Container(root, h.tmp, nspawn_args=rig.STOCK_JOURNAL + rig.OWN_NETWORK) as box, \
            rig.Desktop(box) as desk:
        print(f"booted ({box.state}) and logged in (session {desk.session_id}) in {rig.elapsed(start)}")
        s = Session(h, box, desk)
        try:
            desk.start_x(fbdir=FBDIR)
            if notifications is not None:
                notifications(desk)
            if conf is not None:
                s.write_config(conf)
            if hands:
                s.start_hands()
            if install:
                s.install()
            yield s
        except BaseException:
            r = desk.sh("systemctl --user --no-pager status limber; journalctl --user -u limber "
                        "--no-pager -n 40", check=False)
            print(f"--- limber.service ---\n{r.out}{r.err}--- end ---")
            raise
        finally:
            print(f"case took {rig.elapsed(start)}")


# -- Debian 13 ----------------------------------------------------------------------------

def test_unit_tests_on_trixie(h):
    """The clone builds with Debian 13's compilers and libraries, with -Werror, and passes its
    unit tests there as on the host's Debian 12 (tools/install builds only what it installs)."""
    with session(h, notifications=None, hands=False, install=False) as s:
        s.clone()
        start = time.monotonic()
        for step in ("meson setup build -Dwerror=true", "ninja -C build",
                     "meson test -C build --suite unit --no-rebuild --print-errorlogs"):
            r = s.desk.sh(f"cd ~/limber && {step}", check=False, timeout=600)
            check(r.rc == 0, f"{step} failed on Debian 13:\n{r.out[-4000:]}{r.err[-2000:]}")
        print(f"built and tested in {rig.elapsed(start)}:\n{r.out[-1500:]}")
        check(re.search(r"^Fail:\s+0\s*$", r.out, re.M) and re.search(r"^Ok:\s+[1-9]", r.out, re.M),
              "no unit test ran")


# -- 1. install ---------------------------------------------------------------------------

def test_install_status(h):
    """tools/install as the README says, in a session that exported its DISPLAY: the unit runs
    and says where the user stands; the journal has the start-up line."""
    with session(h, conf=None) as s:
        print("systemd:", s.box.run(["systemctl", "--version"]).stdout.splitlines()[0])
        print("logind:", s.box.run(["/usr/lib/systemd/systemd-logind", "--version"]).stdout.splitlines()[0])
        out = s.install_output
        # Everything it needs is installed in the root: it asks for nothing.
        check("Installing:" not in out, f"tools/install wanted packages although all are there:\n{out}")
        check("Gave the systemd user manager DISPLAY" in out, f"DISPLAY not given to the user manager:\n{out}")
        env = s.desk.sh("systemctl --user show-environment").out
        check(f"DISPLAY={s.desk.display}" in env.splitlines(), f"the user manager's environment:\n{env}")
        status = s.desk.sh("systemctl --user --no-pager status limber").out
        print(status)
        check("Active: active (running)" in status, "not active (running)")
        check(STATUS_LINE.search(status), "no live status line (Sitting since … · movement break at …)")
        check(s.desk.sh("systemctl --user is-enabled limber").out.strip() == "enabled", "not enabled")
        # The session is the one logind knows as the user's display: limberd watches that one.
        check(s.desk.sh("loginctl show-user \"$USER\" -p Display --value").out.strip() == s.desk.session_id,
              "the graphical login is not the user's display session")
        journal = s.journal()
        check(re.search(r"^Limber \S+ is watching your sitting time$", journal, re.M),
              f"no start-up line in journalctl --user -u limber:\n{journal}")


# -- 2. a reminder ---------------------------------------------------------------------------

def test_reminder_on_time(h):
    """Sitting 10 s (the hands keep moving): the unit's limberd sends the movement reminder when
    it is due, and limberctl works from the user's shell."""
    with session(h, conf=config("10s")) as s:
        r = s.desk.sh("limberctl status")
        print(r.out)
        check(r.out.startswith("Sitting"), f"limberctl status: {r.out!r}")
        due_s = s.status()["next_break_due_us"] / S_US
        # The first run also says what Limber does; the reminder is the first "stand up".
        movement = lambda: [n for n in s.notifications() if "stand up" in n[1].lower()]  # noqa: E731
        wait_for(movement, 30.0, "the movement reminder")
        at_s, summary = movement()[0]
        print(f"reminder {summary!r} {at_s - due_s:+.2f} s from its due time; all popups: {s.notifications()}")
        # On time: never before it is due (the server logs a little after limberd sends), and
        # late only by what a busy machine adds.
        check(due_s - 0.5 <= at_s <= due_s + 3.0, f"the reminder came {at_s - due_s:+.2f} s from its due time")
        check(s.status()["state"] == "sitting", "the state changed at the reminder")


# -- 3. lock ----------------------------------------------------------------------------------

LOCKED_HINT = ("busctl call org.freedesktop.login1 /org/freedesktop/login1/session/auto "
               "org.freedesktop.login1.Session SetLockedHint b {}")


def lock(s, locked):
    """What a screen locker does in the session: loginctl asks, the locker says it is done."""
    s.desk.sh("loginctl lock-session" if locked else "loginctl unlock-session")
    s.desk.sh(LOCKED_HINT.format("true" if locked else "false"))


def test_lock_credits_break(h):
    """Locked for break-length through real logind is a natural break; input while locked is not
    a return, and a short lock is no break."""
    with session(h, conf=config()) as s:
        s.wait_state("sitting")
        lock(s, True)
        s.wait_state("locked")
        hint = s.box.run(["loginctl", "show-session", s.desk.session_id, "-p", "LockedHint", "--value"])
        check(hint.stdout.strip() == "yes", f"logind's LockedHint: {hint.stdout!r}")
        lock(s, False)
        s.wait_state("sitting")
        check(s.status()["today"]["taken_natural"] == 0, "a short lock counted as a break")
        since = s.status()["sitting_since_us"]
        lock(s, True)
        s.wait_state("locked")
        time.sleep(BREAK_S + 0.3)  # the point: locked longer than break-length, the hands moving
        check(s.state() == "locked", f"input while locked ended the lock: {s.state()!r}")
        lock(s, False)
        s.wait_state("sitting")
        st = s.status()
        check(st["today"]["taken_natural"] == 1, f"a lock of break-length not credited: {st['today']}")
        check(st["sitting_since_us"] > since + BREAK_S * S_US, "the sitting clock did not restart")


# -- 4. fast user switching ----------------------------------------------------------------------

def test_user_switch_away(h):
    """A second user logs in on the seat, which makes their session the active one: the first
    user is away, even with input reaching their X server; switching back (loginctl activate,
    as a display manager does) after break-length is a natural break."""
    with session(h, conf=config()) as s:
        s.box.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", "other"])
        s.wait_state("sitting")
        since = s.status()["sitting_since_us"]
        active = ["loginctl", "show-session", s.desk.session_id, "-p", "Active", "--value"]
        with rig.Desktop(s.box, "other") as other:
            check(s.box.run(active).stdout.strip() == "no",
                  f"session {s.desk.session_id} still active with {other.session_id} on the seat")
            s.wait_state("away")
            time.sleep(BREAK_S + 0.3)  # the point: switched away longer than break-length, hands moving
            check(s.state() == "away", f"input while switched away made the user present: {s.state()!r}")
            s.box.run(["loginctl", "activate", s.desk.session_id])
            check(s.box.run(active).stdout.strip() == "yes", "loginctl activate did not switch back")
            s.wait_state("sitting")
        st = s.status()
        check(st["today"]["taken_natural"] == 1, f"a switch of break-length not credited: {st['today']}")
        check(st["sitting_since_us"] > since + BREAK_S * S_US, "the sitting clock did not restart")


# -- 5. reload -----------------------------------------------------------------------------------

def reload_and_watch(s):
    """systemctl --user reload limber; the ActiveStates the unit went through until active."""
    changes = s.watch_unit()
    s.desk.sh("systemctl --user reload limber")
    return wait_until("the unit to be active again after the reload",
                      lambda: [v for k, v in changes() if k == "ActiveState"],
                      lambda states: states[-1:] == ["active"], 10.0)


def test_reload_valid_and_invalid(h):
    """A valid edit, then systemctl --user reload: the unit goes through reloading and the new
    sit-limit is in force. An invalid one: reloading again, the old settings stay, the journal
    names file:line, and the service runs on."""
    with session(h, conf=config("1h")) as s:
        due_us = s.status()["next_break_due_us"]
        s.write_config(config("2h"))
        states = reload_and_watch(s)
        check("reloading" in states, f"the unit's ActiveState went {states}, never 'reloading'")
        wait_for(lambda: s.status()["next_break_due_us"] > due_us + 1800 * S_US, 10.0, "the new sit-limit")
        due_us = s.status()["next_break_due_us"]
        line = STATUS_LINE.search(s.desk.sh("systemctl --user --no-pager status limber").out)
        check(line, "no status line after the reload")
        check(time.strftime("%H:%M", time.localtime(due_us / S_US)) == line.group(1),
              f"the status line says {line.group(0)!r}, the break is due at {due_us}")
        s.write_config("[breaks]\nsit-limit = soon\n")
        states = reload_and_watch(s)
        check("reloading" in states, f"the unit's ActiveState went {states}, never 'reloading'")
        journal = s.journal()
        check(re.search(r"limber\.conf:2\b.*sit-limit", journal), f"no file:line in the journal:\n{journal}")
        check("keeping the running configuration" in journal, f"journal:\n{journal}")
        check(abs(s.status()["next_break_due_us"] - due_us) < S_US, "the invalid edit changed the settings")
        unit = s.unit("ActiveState", "NRestarts")
        check(unit == {"ActiveState": "active", "NRestarts": "0"}, f"after the invalid edit: {unit}")


# -- 6. kill -9 -------------------------------------------------------------------------------------

def test_kill9_restarts(h):
    """kill -9 of limberd: the unit starts it again RestartSec later, and the sitting clock
    continues where it was."""
    with session(h, conf=config()) as s:
        s.wait_state("sitting")
        since = s.status()["sitting_since_us"]
        pid = s.unit("MainPID")["MainPID"]
        s.desk.sh(f"kill -9 {pid}")
        killed = time.monotonic()
        unit = s.wait_unit("running again", lambda u: u["ActiveState"] == "active"
                           and u["MainPID"] not in ("0", pid), timeout=RESTART_S + 15)
        print(f"running again {rig.elapsed(killed)} after kill -9: {unit}")
        check(unit["NRestarts"] == "1", f"restarts: {unit}")
        journal = s.journal()
        check("status=9/KILL" in journal, f"the journal does not say it was killed:\n{journal}")
        s.wait_state("sitting")
        after = s.status()["sitting_since_us"]
        check(abs(after - since) < S_US, f"the sitting clock restarted: since {since}, now {after}")


# -- 7. stop, and the session ending ------------------------------------------------------------------

def exited(changes):
    """The last (ExecMainCode, ExecMainStatus) the unit announced: ("1", "0") is an exit 0."""
    last = dict(changes)
    return last.get("ExecMainCode"), last.get("ExecMainStatus")


def test_stop_and_session_end(h):
    """systemctl --user stop: exit 0 and the state saved. Started again, then the X server goes
    away (the session ends): limberd exits 0 and the unit does not start it again."""
    with session(h, conf=config()) as s:
        s.wait_state("sitting")
        before_us = time.clock_gettime_ns(time.CLOCK_BOOTTIME) // 1000  # the container's clock too
        # An inactive unit's exit status is gone once the manager unloads it: watch it go.
        changes = s.watch_unit()
        s.desk.sh("systemctl --user stop limber")
        exit_seen = wait_until("the unit to stop", changes, lambda c: ("ActiveState", "inactive") in c, 10.0)
        print(f"at stop: {exit_seen}")
        check(exited(exit_seen) == ("1", "0"), f"limberd's exit at stop (want CLD_EXITED, 0): {exit_seen}")
        live = s.history().get("live", {})
        check(int(live.get("boot-saved-us", 0)) >= before_us, f"the state was not saved at stop: {live}")
        s.desk.sh("systemctl --user start limber")
        s.wait_state("sitting")
        changes = s.watch_unit()
        check(s.desk.signal("Xvfb") is not None, "Xvfb did not stop")
        gone = time.monotonic()
        exit_seen = wait_until("the unit to stop when the X server went", changes,
                               lambda c: ("ActiveState", "inactive") in c or ("ActiveState", "failed") in c, 15.0)
        print(f"when the X server went: {exit_seen}")
        check(exited(exit_seen) == ("1", "0") and ("ActiveState", "failed") not in exit_seen,
              f"limberd's exit when the X server went (want CLD_EXITED, 0): {exit_seen}")
        check("The X server went away" in s.journal(), "no word in the journal about the X server")
        time.sleep(max(0.0, RESTART_S + 1.5 - (time.monotonic() - gone)))  # the point: past RestartSec
        unit = s.unit("ActiveState", "NRestarts")
        check(unit["ActiveState"] == "inactive" and unit["NRestarts"] in ("0", ""),
              f"restarted after the session ended: {unit}; changes {changes()}")
        check(("ActiveState", "activating") not in changes(), f"started again: {changes()}")


def test_start_limit(h):
    """With the session's X server gone, a start fails (status 1) and the unit restarts it, but
    only five times a minute: then it stays failed instead of looping every 5 s (systemd 257
    keeps the result exit-code and says "Start request repeated too quickly")."""
    with session(h, conf=config()) as s:
        s.wait_state("sitting")
        s.desk.sh("systemctl --user stop limber")
        s.desk.signal("Xvfb")
        r = s.desk.sh("systemctl --user start limber", check=False)
        check(r.rc != 0, "limberd started without its X server")
        wait_until("the unit to give up", s.journal, lambda j: "Start request repeated too quickly" in j,
                   6 * RESTART_S + 20)
        gave_up = time.monotonic()
        unit = s.unit("ActiveState", "NRestarts", "Result")
        print(f"gave up: {unit}")
        check(unit["ActiveState"] == "failed" and int(unit["NRestarts"]) <= 5, f"{unit}")
        time.sleep(max(0.0, RESTART_S + 1.5 - (time.monotonic() - gave_up)))  # the point: past RestartSec
        again = s.unit("ActiveState", "NRestarts")
        check(again == {"ActiveState": "failed", "NRestarts": unit["NRestarts"]}, f"started again: {again}")


def test_invalid_config_no_loop(h):
    """An invalid config at start: the start fails at once with status 78, the journal and
    systemctl status name file:line, and the unit does not restart it; once the file is fixed, a
    start works."""
    with session(h, conf="[breaks]\nsit-limit = 30\n", install=False) as s:
        s.install(ok=False)
        out = s.install_output
        check("limber.service" in out, f"tools/install did not point at the failed unit:\n{out}")
        failed = time.monotonic()
        status = s.desk.sh("systemctl --user --no-pager status limber", check=False).out
        print(status)
        check("status=78/CONFIG" in status, "systemctl status does not show 78/CONFIG")
        check("limber.conf:2" in status, "systemctl status does not name file:line")
        time.sleep(max(0.0, RESTART_S + 1.5 - (time.monotonic() - failed)))  # the point: past RestartSec
        unit = s.unit("ActiveState", "NRestarts", "Result")
        check(unit == {"ActiveState": "failed", "NRestarts": "0", "Result": "exit-code"}, f"{unit}")
        s.write_config(config())
        s.desk.sh("systemctl --user start limber")
        s.wait_state("sitting")


# -- 8. uninstall -------------------------------------------------------------------------------------

def test_uninstall_keeps_data(h):
    """tools/uninstall stops the service and removes every file tools/install put in place, and
    what it gave the user manager; the config and the history stay."""
    with session(h, conf=config()) as s:
        s.wait_state("sitting")
        log = s.read(f"{HOME}/limber/build-user/meson-logs/install-log.txt")
        installed = [line for line in log.splitlines() if line and not line.startswith("#")]
        files = [p for p in installed if not os.path.isdir(s.path(p))]
        check(files, "meson's install log lists no files")
        enabled = f"{HOME}/.config/systemd/user/graphical-session.target.wants/limber.service"
        check(os.path.lexists(s.path(enabled)), "tools/install did not enable the unit")
        s.desk.sh("systemctl --user stop limber")  # saves the history
        check(s.read(HISTORY) is not None, "no history to keep")
        r = s.desk.sh("cd ~/limber && tools/uninstall")
        print(r.out + r.err)
        left = [p for p in files + [enabled] if os.path.lexists(s.path(p))]
        check(not left, f"tools/uninstall left {left}")
        check(s.desk.sh("systemctl --user list-unit-files limber.service --no-legend", check=False).out.strip() == "",
              "the user manager still knows limber.service")
        env = s.desk.sh("systemctl --user show-environment").out
        check(not any(v.startswith("DISPLAY=") for v in env.splitlines()),
              f"the DISPLAY tools/install gave the user manager is still there:\n{env}")
        check(s.read(CONFIG) == config(), "the config did not stay as it was")
        check(s.read(HISTORY) is not None, "the history went")


# -- the screenshot ----------------------------------------------------------------------------------

def start_dunst(desk):
    """dunst as the notification server, with the visual test's look, finding the installed icon
    by name through the icon theme, as a user's dunst would."""
    with open(os.path.join(SOURCE_DIR, "tests", "integration", "dunstrc")) as f:
        rc = f.read().replace("[global]\n", "[global]\n    enable_recursive_icon_lookup = true\n"
                              "    icon_theme = hicolor\n", 1)
    desk.sh("mkdir -p ~/.config/dunst && cat > ~/.config/dunst/dunstrc", input=rc)
    desk.spawn("dunst", "exec dunst")
    desk.wait_name("org.freedesktop.Notifications")


def capture(s, path=None):
    """The container's screen, from the framebuffer file its Xvfb keeps (the container has a
    network of its own, so the host cannot connect to that X server): the raw file, or, with
    `path`, a PNG there (ImageMagick on the host converts it)."""
    screen = s.path(f"{FBDIR}/Xvfb_screen0")
    if path is None:
        with open(screen, "rb") as f:
            return f.read()
    subprocess.run(["convert", f"xwd:{screen}", path], check=True, capture_output=True, timeout=20)
    return None


def settle(s, previous):
    """The screen once it holds still (two captures alike), from `previous` on."""
    last = {"pixels": previous}

    def still():
        pixels = capture(s)
        done = pixels == last["pixels"]
        last["pixels"] = pixels
        return pixels if done else None
    return wait_for(still, 15.0, "the screen to hold still", interval=0.1)


def test_reminder_screenshot(h):
    """A reminder sent by the installed unit, as dunst shows it in the session's X server;
    saved as session-reminder.png in LIMBER_SCREENSHOT_DIR (default: the test's directory), below
    the first run's notice, as a new user sees them. The root has no SVG loader for gdk-pixbuf
    (librsvg is only recommended), so dunst shows no icon."""
    rig.need(shutil.which("convert") is not None, "ImageMagick's convert is not installed on the host")
    with session(h, conf=config("10s"), notifications=start_dunst, install=False) as s:
        calls = f"{HOME}/notify-calls.log"
        s.desk.spawn("monitor", "exec busctl --user monitor --match "
                     "\"interface=org.freedesktop.Notifications,member=Notify\"", log=calls)
        wait_for(lambda: "Monitoring bus message stream" in (s.read(calls) or ""), 10.0, "busctl monitor")
        s.install()
        # The first run's notice comes first: the screen as it is before the reminder.
        wait_for(lambda: s.desk.sh("dunstctl count displayed").out.strip() != "0", 15.0,
                 "dunst to show the first-run notice")
        blank = settle(s, capture(s))
        wait_for(lambda: "stand up" in (s.read(calls) or "").lower(), 30.0, "limberd to send the reminder")
        last = {"pixels": blank}

        def settled():
            pixels = capture(s)
            done = pixels != blank and pixels == last["pixels"]
            last["pixels"] = pixels
            return done
        wait_for(settled, 15.0, "dunst to draw the reminder", interval=0.05)
        out_dir = os.environ.get("LIMBER_SCREENSHOT_DIR", h.tmp)
        path = os.path.join(out_dir, "session-reminder.png")
        capture(s, path)
        print(f"saved {path}")
        # What was on the screen: dunst's history of closed popups has the reminder.
        s.desk.sh("dunstctl close-all")
        history = s.desk.sh("dunstctl history").out
        check("stand up" in history.lower(), f"dunst did not show the reminder: {history[:2000]}")


# -- idle inhibitors through logind (issue 16) -------------------------------------------------------

INHIBITED = """\
[reminders]
defer-inhibited = true
defer-at-most = {cap}
"""
FILM = "exec systemd-inhibit --what=idle --who=film --why='watching a film' sleep infinity"
LOGIND = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
POLKIT = "org.freedesktop.PolicyKit1"
# The container's system bus lets root own polkit's name and anyone call it, as polkitd's own
# policy file does.
POLKIT_BUS_POLICY = f"""\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <policy user="root"><allow own="{POLKIT}"/></policy>
  <policy context="default"><allow send_destination="{POLKIT}"/></policy>
</busconfig>
"""


def allow_idle_inhibitors(box):
    """Lets users take idle inhibitors, as a Debian 13 desktop does. Without polkit, logind lets
    only root take an inhibitor lock, and the rig's root has no polkitd (debootstrap installs no
    Recommends; GNOME and KDE bring it). python3-dbusmock's polkitd on the container's system bus
    answers as Debian's policy does for org.freedesktop.login1.inhibit-block-idle (yes, for any
    user) and refuses everything else. logind, its inhibitor and the signals stay real."""
    box.run(["sh", "-c", "cat > /etc/dbus-1/system.d/limber-test-polkit.conf && "
             "busctl call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ReloadConfig"],
            input=POLKIT_BUS_POLICY)
    # Type=dbus: systemd-run returns once the mock owns its name.
    box.run(["systemd-run", "--unit=limber-test-polkit", "-p", "Type=dbus", "-p", f"BusName={POLKIT}",
             "python3", "-m", "dbusmock", "--system", "-t", "polkitd"], timeout=30)
    box.run(["busctl", "call", POLKIT, "/org/freedesktop/PolicyKit1/Authority", "org.freedesktop.DBus.Mock",
             "SetAllowed", "as", "1", "org.freedesktop.login1.inhibit-block-idle"])


def block_inhibited(s):
    """logind's BlockInhibited, e.g. "idle" or "idle:sleep", as the user reads it."""
    out = s.desk.sh("busctl get-property {} {} {} BlockInhibited".format(*LOGIND)).out.strip()
    return json.loads(out[2:]) if out.startswith("s ") else out


def start_film(s):
    """The user's film player takes an idle inhibitor through logind, as systemd-inhibit does for
    any program: from then on logind's BlockInhibited holds "idle"."""
    s.desk.spawn("film", FILM, log=f"{HOME}/film.log")
    wait_until("logind's BlockInhibited to hold idle", lambda: block_inhibited(s),
               lambda v: "idle" in v.split(":"), 10.0)
    listed = s.desk.sh("systemd-inhibit --list --no-pager").out
    print(listed)
    check(re.search(r"^\s*film\s+1000\s+limber\b.*\bidle\b.*watching a film\s+block\s*$", listed, re.M),
          "systemd-inhibit --list does not show the user's film")


def movements(s):
    return [n for n in s.notifications() if "stand up" in n[1].lower()]


def wait_held(s, timeout=20.0):
    """The due reminder held for the inhibitor; the status as limberctl status --json gives it."""
    st = wait_until("limberd to hold the reminder for the inhibitor", s.status,
                    lambda st: st["held_since_us"] and "inhibited" in st["busy"], timeout)
    check(st["busy"] == ["inhibited"], f"held for more than the inhibitor: {st['busy']}")
    check(not movements(s), f"a reminder while held: {s.notifications()}")
    text = s.desk.sh("limberctl status").out
    check("held: a program keeps the screen awake" in text, f"limberctl status:\n{text}")
    journal = s.journal()
    check(re.search(r"^Watching idle inhibitors through logind\b", journal, re.M),
          f"no line in the journal saying limberd watches idle inhibitors through logind:\n{journal}")
    return st


def test_inhibitor_until_free(h):
    """A film's idle inhibitor through real logind holds the reminder that falls due while it
    plays (defer-at-most is far off); once the player exits, logind drops the inhibitor and the
    reminder comes within 1 s."""
    with session(h, conf=config("6s") + INHIBITED.format(cap="10m"), install=False) as s:
        allow_idle_inhibitors(s.box)
        start_film(s)
        s.install()
        held = wait_held(s)
        print(f"held: {held}")
        time.sleep(2.0)  # the point: held on, past its due time, while the film plays
        check(not movements(s), f"a reminder while the film plays: {s.notifications()}")
        check(s.status()["held_since_us"] == held["held_since_us"], "the hold began again")
        ended_s = time.time()
        check(s.desk.signal("film") is not None, "systemd-inhibit did not exit")
        wait_for(lambda: movements(s), 10.0, "the reminder once the film ended")
        late_s = movements(s)[0][0] - ended_s
        print(f"reminder {late_s:.3f} s after the film ended; BlockInhibited now {block_inhibited(s)!r}")
        check(late_s < 1.0, f"the reminder came {late_s:.2f} s after the film ended, not within 1 s")
        check(s.status()["busy"] == [], f"still busy after the film: {s.status()['busy']}")


def test_inhibitor_cap(h):
    """The film plays on: defer-at-most (4 s) releases the held reminder on time, and the
    inhibitor is still in force when it comes."""
    cap_s = 4
    with session(h, conf=config("6s") + INHIBITED.format(cap=f"{cap_s}s"), install=False) as s:
        allow_idle_inhibitors(s.box)
        start_film(s)
        s.install()
        held_s = wait_held(s)["held_since_us"] / S_US
        wait_for(lambda: movements(s), cap_s + 10.0, "the reminder at the cap")
        waited_s = movements(s)[0][0] - held_s
        print(f"reminder {waited_s:.3f} s after it was held (defer-at-most = {cap_s}s)")
        check(cap_s - 0.1 <= waited_s <= cap_s + 1.0,
              f"the reminder came {waited_s:.2f} s after it was held, not at the {cap_s} s cap")
        check("idle" in block_inhibited(s).split(":"), "the film's inhibitor ended before the cap")
        check(s.status()["busy"] == ["inhibited"], f"busy at the cap: {s.status()['busy']}")
