"""End to end against the real limberd: sd_notify, logind lock and sleep, the
daemon's own wake-ups, presence (XSync and --poll), fullscreen deferral, a
notification server restarting mid-routine, every control method and limberctl
subcommand, and the history (restart, corrupt file, a day boundary).

Everything runs on Xvfb, a private session bus, python3-dbusmock's notification
server and (for the logind cases) a mock logind on a private system bus, with
second-scale configs and xdotool as the user's hands."""

import glob
import json
import os
import re
import shutil
import signal
import subprocess
import time

from gi.repository import Gio, GLib

from harness import Skip, TestFailure, check, wait_for
from test_control import bus_call, start_watch
from test_presence import LOGIND, LOGIND_PATH, SESSION_PATH, emit_prepare_for_sleep, inhibitors, logind_call
from test_service import NotifyListener

S = 10**6  # microseconds per second

# No reminder due for an hour; the user is away after `break-length` without input.
QUIET = """\
[breaks]
sit-limit = 1h
break-length = {away}
micro-interval = 0
micro-length = 1s
snooze = 2s
"""


def quiet(away="2s", extra=""):
    return QUIET.format(away=away) + extra


def status_json(h):
    return json.loads(h.ctl("status", "--json").stdout)


def state(h):
    return status_json(h)["state"]


def wait_state(h, want, timeout=10.0):
    wait_for(lambda: state(h) == want, timeout, f"limberd's state to be {want!r} (is {state(h)!r})")


def is_movement(n):
    return "stand up" in n["summary"].lower()


def setup(h, config=None, hands=True, notifications=True, args=(), env_extra=None):
    if getattr(h, "xvfb", None) is None:
        h.start_x()
    if h.session_bus is None:
        h.start_session_bus()
    if notifications:
        h.start_notifications()
    if config is not None:
        h.write_config(config)
    if hands:
        h.start_hands(0.3)
    return h.start_daemon(*args, env_extra=env_extra)


def restart_daemon(h, *args):
    h._stop(h.daemon)
    check(h.daemon.returncode == 0, f"limberd exited {h.daemon.returncode}")
    h.forget(h.daemon)
    return h.start_daemon(*args)


def switches(pid):
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
    """Wake-ups between two switches() snapshots; a thread that ended woke at least once to end."""
    total = sum(n - before.get(tid, 0) for tid, n in after.items())
    return total + len(set(before) - set(after))


def settle(h):
    """Let start-up finish: the pool threads GIO used at start have ended (they
    end at once since limberd keeps no idle ones; kept, each would wake ~15 s
    later to exit) and our own status query is answered."""
    def pool_threads():
        names = []
        for path in glob.glob(f"/proc/{h.daemon.pid}/task/*/comm"):
            try:
                with open(path) as f:
                    names.append(f.read().strip())
            except FileNotFoundError:
                pass
        return [n for n in names if n.startswith("pool-")]
    try:
        wait_for(lambda: not pool_threads(), 3.0, "limberd's start-up pool threads to end")
    except TestFailure:
        pass  # measured anyway: the count shows them
    time.sleep(0.3)


def per_thread(h, before):
    """Which threads woke, by name: for the message of a failure."""
    out = {}
    for tid, n in switches(h.daemon.pid).items():
        if n != before.get(tid, 0):
            try:
                with open(f"/proc/{h.daemon.pid}/task/{tid}/comm") as f:
                    out[f"{f.read().strip()}/{tid}"] = n - before.get(tid, 0)
            except FileNotFoundError:
                pass
    gone = set(before) - set(switches(h.daemon.pid))
    return out if not gone else dict(out, ended=len(gone))


# -- sd_notify (issue 7) ---------------------------------------------------------------

def test_sd_notify(h):
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    notify = NotifyListener(h)
    h.write_config(quiet("2s"))
    h.poke()
    daemon = h.start_daemon()
    i, _ = notify.wait("READY", "1")
    _, first = notify.wait("STATUS")
    check(first["STATUS"].startswith("Sitting since "), f"first status {first['STATUS']!r}")
    check(first.get("_pid") == daemon.pid, f"sender {first.get('_pid')}, limberd is {daemon.pid}")
    # Nothing for 1 s: away, and the line says since when, in absolute time.
    i, away = notify.wait("STATUS", after=i + 1)
    check(re.fullmatch(r"Away since \d\d:\d\d", away["STATUS"]), f"away status {away['STATUS']!r}")
    h.start_hands(0.3)
    i, back = notify.wait("STATUS", after=i + 1)
    check(back["STATUS"].startswith("Sitting since "), f"back status {back['STATUS']!r}")
    check(re.search(r"movement break at \d\d:\d\d", back["STATUS"]), f"no due time: {back['STATUS']!r}")
    daemon.send_signal(signal.SIGHUP)
    i, reloading = notify.wait("RELOADING", "1", after=i + 1)
    usec = int(reloading.get("MONOTONIC_USEC", "0"))
    now = time.clock_gettime(time.CLOCK_MONOTONIC) * S
    check(0 < now - usec < 5 * S, f"MONOTONIC_USEC {usec} is not CLOCK_MONOTONIC now ({now:.0f})")
    i, _ = notify.wait("READY", "1", after=i + 1)
    daemon.send_signal(signal.SIGTERM)
    notify.wait("STOPPING", "1", after=i + 1)
    check(daemon.wait(timeout=5) == 0, f"limberd exited {daemon.returncode}")
    statuses = notify.values("STATUS")
    check(all(a != b for a, b in zip(statuses, statuses[1:])), f"a STATUS repeated: {statuses}")


# -- logind through the daemon (issue 5) -------------------------------------------------

def start_with_logind(h, config):
    h.start_x()
    h.start_session_bus()
    h.start_logind()
    h.mock_call(h.system_bus, LOGIND, LOGIND_PATH, "AddSession",
                ("auto", "seat0", 1000, "user", True), "(ssusb)")
    setup(h, config)
    wait_for(lambda: len(inhibitors(h)) == 1, 5.0, "limberd's sleep delay inhibitor")


def set_locked(h, locked):
    logind_call(h, SESSION_PATH, LOGIND + ".Session", "SetLockedHint", (locked,), "(b)")


def test_logind_lock(h):
    start_with_logind(h, quiet("2s"))
    # A short lock (under break-length) is no break.
    set_locked(h, True)
    wait_state(h, "locked")
    set_locked(h, False)
    wait_state(h, "sitting")
    check(status_json(h)["today"]["taken_natural"] == 0, "a 0.1 s lock counted as a break")
    # A long one is; the hands keep moving: input while locked does not end it.
    since = status_json(h)["sitting_since_us"]
    set_locked(h, True)
    wait_state(h, "locked")
    time.sleep(2.3)
    check(state(h) == "locked", f"input while locked ended the lock: {state(h)!r}")
    set_locked(h, False)
    wait_state(h, "sitting")
    s = status_json(h)
    check(s["today"]["taken_natural"] == 1, f"a lock of break-length not credited: {s['today']}")
    check(s["sitting_since_us"] > since + 2 * S, "the sitting clock did not restart after the lock")


def test_logind_sleep(h):
    # Due 4 s after start; the machine sleeps from 1 s to 6 s.
    start_with_logind(h, quiet("2s").replace("sit-limit = 1h", "sit-limit = 4s"))
    time.sleep(1.0)
    emit_prepare_for_sleep(h, True)
    wait_state(h, "asleep")
    wait_for(lambda: inhibitors(h) == [], 3.0, "the inhibitor to be released before sleep")
    history = os.path.join(h.env["XDG_STATE_HOME"], "limber", "history.ini")
    check(os.path.exists(history), "no state saved before sleep")
    time.sleep(5.0)
    check(not [n for n in h.notifications() if is_movement(n)], "a reminder while asleep")
    emit_prepare_for_sleep(h, False)
    wait_state(h, "sitting")
    wait_for(lambda: len(inhibitors(h)) == 1, 3.0, "the inhibitor again after resume")
    s = status_json(h)
    check(s["today"]["taken_natural"] == 1, f"the sleep was not credited as a break: {s['today']}")
    check(s["next_break_due_us"] - s["now_us"] > 2 * S, f"the due time did not restart: {s}")
    time.sleep(1.0)
    check(not [n for n in h.notifications() if is_movement(n)], "a reminder right after resume")


# -- wake-ups of limberd itself (issue 5) --------------------------------------------------

# LIMBER_WAKEUP_PERIOD_S=60 gives the figures of the issue (by hand; CI uses 10 s).
PERIOD_S = float(os.environ.get("LIMBER_WAKEUP_PERIOD_S", "10"))


def test_wakeups_typing(h):
    setup(h, quiet("5s"), hands=False)
    h.poke()
    check(state(h) == "sitting", f"state {state(h)}")
    settle(h)
    before = switches(h.daemon.pid)
    end = time.monotonic() + PERIOD_S
    while time.monotonic() < end:
        h.xdotool("type", "--delay", "50", "x" * 10)
    woke = woken(before, switches(h.daemon.pid))
    print(f"limberd wake-ups while typing for {PERIOD_S:.0f} s: {woke} {per_thread(h, before)}")
    check(state(h) == "sitting", "the typing did not keep the user present")
    check(woke <= 2, f"{woke} wake-ups while typing")


def test_wakeups_fresh_home(h):
    """A first run: no config file, no config directory, the shipped defaults."""
    setup(h, config=None, hands=False)
    h.poke()
    settle(h)
    before = switches(h.daemon.pid)
    time.sleep(PERIOD_S)
    woke = woken(before, switches(h.daemon.pid))
    print(f"limberd wake-ups, fresh home, {PERIOD_S:.0f} s: {woke} {per_thread(h, before)}")
    check(woke <= 1, f"{woke} wake-ups with nothing to do")


def test_wakeups_away(h):
    setup(h, quiet("2s"), hands=False)
    wait_state(h, "away")
    settle(h)
    before = switches(h.daemon.pid)
    time.sleep(PERIOD_S)
    woke = woken(before, switches(h.daemon.pid))
    print(f"limberd wake-ups while away for {PERIOD_S:.0f} s: {woke} {per_thread(h, before)}")
    check(woke <= 2, f"{woke} wake-ups while away")
    h.poke()
    wait_state(h, "sitting")  # and it was still listening


# -- presence through the daemon (issue 5) --------------------------------------------------

def test_started_idle(h):
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    time.sleep(2.2)  # no input since the server started: idle past break-length
    setup(h, quiet("2s"), hands=False, notifications=False)
    s = status_json(h)
    check(s["state"] == "away", f"started while idle but state {s['state']!r}")
    check(s["today"].get("breaks_due") == 0 and s["today"].get("sitting_us") == 0 and "date" in s["today"],
          f"today before any record: {s['today']}")
    # The scheduler knows nothing before its start: away since then at the latest.
    check(s["away_since_us"] is not None and s["away_since_us"] <= s["now_us"], f"away_since: {s}")
    h.poke()
    wait_state(h, "sitting", timeout=2.0)


def test_poll_away_and_back(h):
    setup(h, quiet("2s"), hands=False, args=("--poll",))
    h.poke()
    wait_state(h, "away", timeout=4.0)
    h.poke()
    wait_state(h, "sitting", timeout=2.5)
    wait_state(h, "away", timeout=4.0)


# -- fullscreen deferral (issue 6) -----------------------------------------------------------

def fullscreen_window(h):
    if not (shutil.which("xlogo") and shutil.which("xprop")):
        raise Skip("xlogo (x11-apps) and xprop (x11-utils) are needed")
    h.start_x()
    logo = h.spawn("xlogo", ["xlogo", "-geometry", "100x100"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    found = wait_for(lambda: h.run(["xdotool", "search", "--onlyvisible", "--class", "xlogo"]).stdout.split(),
                     5.0, "the xlogo window", interval=0.05)
    window = found[-1]
    h.run(["xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", window],
          check=True)
    h.run(["xprop", "-id", window, "-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE",
           "_NET_WM_STATE_FULLSCREEN"], check=True)
    return logo, window


def deferral(h, cap):
    logo, window = fullscreen_window(h)
    setup(h, quiet("2s", f"[reminders]\ndefer-at-most = {cap}\n").replace("sit-limit = 1h", "sit-limit = 3s"))
    due = status_json(h)["next_break_due_us"]
    h.wait_log("holding it back", timeout=5)
    return logo, window, due


def test_fullscreen_until_closed(h):
    logo, _, _ = deferral(h, "30s")
    time.sleep(1.0)
    check(not h.notifications(), f"a reminder over a fullscreen window: {h.notifications()}")
    closed = time.monotonic()
    h._stop(logo)
    h.wait_notification(is_movement, timeout=6, what="the reminder once the fullscreen window closed")
    check(time.monotonic() - closed < 6, "the reminder came only at the cap")
    time.sleep(1.0)
    check(len(h.notifications()) == 1, f"not one consolidated reminder: {h.notifications()}")


def test_fullscreen_cap(h):
    deferral(h, "3s")
    held = time.monotonic()
    time.sleep(1.5)
    check(not h.notifications(), f"a reminder over a fullscreen window: {h.notifications()}")
    h.wait_notification(is_movement, timeout=5, what="the reminder at the cap")
    check(time.monotonic() - held >= 1.5, "the reminder came before the cap")
    time.sleep(1.0)
    check(len(h.notifications()) == 1, f"not one reminder at the cap: {h.notifications()}")


# -- the notification server restarts mid-routine (issue 6) ------------------------------------

SLOW_ROUTINE = """\
[breaks]
sit-limit = 3s
break-length = 2s
micro-interval = 0
micro-length = 1s

[stretch slow-reach]
title = Slow reach
area = upper-back
steps = Reach both arms up.
hold = 4s
sides = one

[stretch slow-lunge]
title = Slow lunge
area = hips
steps = Step one foot back.
hold = 3s
sides = one

[routine slow]
title = Slow test routine
stretches = slow-reach;slow-lunge

[routines]
movement = slow
"""


def test_server_restart_mid_routine(h):
    setup(h, SLOW_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.wait_notification(lambda x: "Slow reach" in x["summary"], after=before, what="the first step")
    h.stop_notifications()
    h.start_notifications()  # a fresh server with its own call log
    h.wait_notification(lambda x: "Slow lunge" in x["summary"], timeout=8, what="the next step on the new server")
    h.wait_notification(lambda x: x["summary"].lower().startswith("done"), timeout=8, what="the done popup")
    wait_for(lambda: status_json(h)["today"]["taken_guided"] == 1, 5, "the guided break to be counted")


def test_reload_mid_routine(h):
    """The routine's steps point into the catalogue a reload replaces."""
    setup(h, SLOW_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.wait_notification(lambda x: "Slow reach" in x["summary"], after=before, what="the first step")
    h.daemon.send_signal(signal.SIGHUP)
    h.wait_log("Configuration reloaded")
    h.wait_notification(lambda x: "Slow lunge" in x["summary"], timeout=8, what="the next step after a reload")
    h.wait_notification(lambda x: x["summary"].lower().startswith("done"), timeout=8, what="the done popup")
    check(h.daemon.poll() is None, f"limberd exited {h.daemon.returncode}")
    h.daemon.send_signal(signal.SIGHUP)  # and StartBreak after it offers a routine of the new catalogue
    wait_for(lambda: h.daemon_output().count("Configuration reloaded") == 2, 5, "the second reload")
    bus_call(h, "StartBreak")
    h.wait_notification(lambda x: "Slow reach" in x["summary"], after=before + 3, what="a step of a new break")


def test_config_error_once(h):
    h.start_x()
    h.start_session_bus()
    h.write_config("[breaks]\nsit-limit = 30\nbreak-length = soon\n")
    proc = h.run([h.limberd_path], timeout=10)
    check(proc.returncode == 1, f"exit {proc.returncode}")
    for line in ("limber.conf:2: sit-limit", "limber.conf:3: break-length"):
        check(proc.stderr.count(line) == 1, f"{line!r} not exactly once: {proc.stderr!r}")


# -- control (issue 8) -----------------------------------------------------------------------

def bus_error(h, method, args=None, signature=None):
    try:
        bus_call(h, method, args, signature)
    except GLib.Error as e:
        name = Gio.DBusError.get_remote_error(e)
        return name, e.message.split(f"{name}: ", 1)[-1]
    raise TestFailure(f"{method}{args or ''} was accepted")


def sentence(text):
    return text and text[0].isupper() and text.rstrip().endswith(".") and " " in text


def test_bus_methods(h):
    setup(h, quiet("2s").replace("sit-limit = 1h", "sit-limit = 3s"))
    bus_call(h, "Pause", (45 * 60 * S,), "(t)")
    s = status_json(h)
    check(s["state"] == "paused" and not s["paused_until_resumed"], f"after Pause(45m): {s}")
    check(abs(s["paused_until_us"] - s["now_us"] - 45 * 60 * S) < 5 * S, f"pause end {s}")
    bus_call(h, "Resume")
    check(state(h) == "sitting", "Resume did not resume")
    bus_call(h, "Pause", (0,), "(t)")
    s = status_json(h)
    check(s["state"] == "paused" and s["paused_until_resumed"], f"after Pause(0): {s}")
    bus_call(h, "Resume")
    n = h.wait_notification(is_movement, what="the movement reminder")
    bus_call(h, "Snooze")
    wait_for(lambda: status_json(h)["today"]["snoozed"] == 1, 5, "the snooze to count")
    h.wait_notification(is_movement, after=h.notifications().index(n) + 1, timeout=10, what="the reminder again")
    bus_call(h, "Skip")
    wait_for(lambda: status_json(h)["today"]["skipped"] == 1, 5, "the skip to count")
    # Bad arguments and wrong states: a D-Bus error with a sentence.
    name, message = bus_error(h, "Pause", (25 * 3600 * S,), "(t)")
    check(name == "org.limber.Error.InvalidArgument" and sentence(message) and "24 hours" in message,
          f"{name}: {message!r}")
    name, message = bus_error(h, "GetHistory", (0,), "(u)")
    check(name == "org.limber.Error.InvalidArgument" and sentence(message), f"{name}: {message!r}")
    bus_call(h, "Pause", (0,), "(t)")
    name, message = bus_error(h, "Snooze")
    check(name == "org.limber.Error.NotApplicable" and sentence(message), f"{name}: {message!r}")
    h.write_config("[breaks]\nsit-limit = soon\n")
    name, message = bus_error(h, "Reload")
    check("limber.conf:2" in message and "sit-limit" in message, f"{name}: {message!r}")
    check(h.daemon.poll() is None, "limberd died")
    check(state(h) == "paused", f"a failed reload changed the state: {status_json(h)}")
    name, message = bus_error(h, "Skip")
    check(name == "org.limber.Error.NotApplicable" and sentence(message), f"{name}: {message!r}")
    bus_call(h, "Resume")
    name, message = bus_error(h, "Resume")
    check(name == "org.limber.Error.NotApplicable" and sentence(message), f"{name}: {message!r}")
    h.write_config(quiet("2s").replace("sit-limit = 1h", "sit-limit = 3s"))
    bus_call(h, "Reload")
    bus_call(h, "StartBreak")
    check(state(h) == "in-break", f"StartBreak: state {state(h)!r}")


def test_limberctl_commands(h):
    setup(h, quiet("2s").replace("sit-limit = 1h", "sit-limit = 3s"))
    line = h.ctl("status").stdout.strip()
    check(re.fullmatch(r"Sitting (\d+ min|less than a minute) · movement break in (\d+ min|less than a minute)",
                       line), f"status {line!r}")
    s = status_json(h)
    check(s["state"] == "sitting" and s["text"] == line, f"status --json {s}")
    check(s["next_break_due_us"] > s["sitting_since_us"] > 0 and s["paused_until_us"] is None, f"{s}")
    out = h.ctl("pause", "45m").stdout
    check(out.startswith("Limber is paused until "), f"pause said {out!r}")
    check(h.ctl("status").stdout.startswith("Paused · "), "status while paused")
    h.ctl("resume")
    h.ctl("pause")
    check(h.ctl("status").stdout.strip() == "Paused until resumed", "status while paused indefinitely")
    proc = h.ctl("pause", "25h", check=False)
    check(proc.returncode == 3 and "at most 24 hours" in proc.stderr, f"pause 25h: {proc.returncode} {proc.stderr!r}")
    proc = h.ctl("snooze", check=False)
    check(proc.returncode == 3 and sentence(proc.stderr.split(": ", 1)[-1]), f"snooze while paused: {proc.stderr!r}")
    h.ctl("resume")
    h.wait_notification(is_movement, what="the movement reminder")
    h.ctl("snooze")
    check(status_json(h)["today"]["snoozed"] == 1, "snooze not counted")
    h.wait_notification(is_movement, after=1, timeout=10, what="the reminder again")
    h.ctl("skip")
    check(status_json(h)["today"]["skipped"] == 1, "skip not counted")
    h.ctl("start")
    check(state(h) == "in-break", "start did not start a break")
    h.ctl("reload")
    h.wait_log("Configuration reloaded")
    proc = h.ctl("check-config", check=False)
    check(proc.returncode == 0, f"check-config: {proc.returncode} {proc.stdout!r} {proc.stderr!r}")
    out = h.ctl("stretches").stdout
    check(re.search(r"^hip-flexor-standing +hips ", out, re.M), f"stretches does not list the shipped catalogue: {out[:300]!r}")
    stats(h)


def stats(h):
    out = h.ctl("stats").stdout
    rows = [l for l in out.splitlines() if re.match(r"^\w{3} \d{4}-\d\d-\d\d ", l)]
    check(len(rows) == 7, f"want 7 day rows:\n{out}")
    check("of 31" in out, f"no habit line:\n{out}")
    data = json.loads(h.ctl("stats", "--json").stdout)
    check(len(data["days"]) == 7 and data["habit_goal"] == 31, f"{data}")
    today = data["days"][-1]
    check(today["sitting_us"] > 0 and today["breaks_due"] >= 1, f"today {today}")
    check(today["snoozed"] == 1 and today["skipped"] == 1, f"today {today}")
    check(all(d["sitting_us"] == 0 for d in data["days"][:-1]), "sitting time on days never run")
    data = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)
    check(len(data["days"]) == 2, f"--days 2 gave {len(data['days'])}")


def test_watch_one_line_per_change(h):
    setup(h, quiet("30m"))
    proc, lines = start_watch(h)
    first = lines.next()
    check(first.startswith("Sitting since "), f"first line {first!r}")
    lines.assert_silent(1.0)  # the hands keep moving: nothing to say
    for args, want in ((["pause", "45m"], "Paused until "), (["resume"], "Sitting since "),
                       (["pause"], "Paused until resumed"), (["resume"], "Sitting since "),
                       (["start"], "Taking a movement break")):
        h.ctl(*args)
        line = lines.next()
        check(line.startswith(want), f"after {args}: {line!r}, want {want!r}…")
        lines.assert_silent(0.7)
    h.ctl("reload")  # changes nothing: no line
    lines.assert_silent(0.7)
    proc.terminate()
    check(proc.wait(timeout=5) == 0, "watch did not exit cleanly on SIGTERM")


# -- history (issue 8) ---------------------------------------------------------------------------

def state_file(h):
    return os.path.join(h.env["XDG_STATE_HOME"], "limber", "history.ini")


def test_restart_keeps_clock(h):
    setup(h, quiet("3s"))
    time.sleep(1.5)
    since = status_json(h)["sitting_since_us"]
    restart_daemon(h)
    s = status_json(h)
    check(s["state"] == "sitting", f"state after restart {s['state']!r}")
    check(abs(s["sitting_since_us"] - since) < S, f"sitting since moved by {(s['sitting_since_us'] - since) / S:.1f} s")
    # Down for longer than break-length: that was a break, the clock starts again.
    h._stop(h.daemon)
    h.forget(h.daemon)
    time.sleep(3.5)
    h.start_daemon()
    s = status_json(h)
    check(s["sitting_since_us"] > since + 3 * S, "a restart after break-length kept the old clock")


def test_corrupt_history(h):
    path = state_file(h)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"[day 2024-01-0\x00\xff garbage\nsitting-us=\n=[[\n")
    setup(h, quiet("30m"))
    h.wait_log("moved", timeout=5)
    aside = glob.glob(path + ".corrupt-*")
    check(len(aside) == 1, f"not moved aside: {os.listdir(os.path.dirname(path))}")
    check(os.path.basename(aside[0]) in h.daemon_output(), "the log does not name where it went")
    with open(aside[0], "rb") as f:
        check(b"garbage" in f.read(), "the corrupt content was not kept")
    check(status_json(h)["state"] == "sitting", "limberd does not answer")
    h.ctl("pause")  # a transition: the new history is written
    wait_for(lambda: os.path.exists(path), 5, "a fresh history file")
    check(oct(os.stat(path).st_mode & 0o777) == "0o600", "history file mode")


def local_tz_before_midnight(seconds):
    """A POSIX TZ whose local time is `seconds` before midnight now."""
    utc = int(time.time()) % 86400
    offset = (86400 - seconds - utc) % 86400
    if offset > 43200:
        offset -= 86400
    sign = "-" if offset >= 0 else "+"  # POSIX: the offset is west of Greenwich
    offset = abs(offset)
    return f"LBR{sign}{offset // 3600:02d}:{offset % 3600 // 60:02d}:{offset % 60:02d}"


def test_day_boundary(h):
    h.env["TZ"] = local_tz_before_midnight(5)
    setup(h, quiet("30m"))
    before = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)["days"]
    time.sleep(6.5)  # midnight passes while sitting
    h.ctl("pause")  # a transition: the sitting time is recorded
    days = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)["days"]
    check(days[0]["date"] == before[-1]["date"], f"the day did not change: {before} → {days}")
    yesterday, today = days[0]["sitting_us"], days[1]["sitting_us"]
    check(3 * S <= yesterday <= 6 * S and 1 * S <= today <= 4 * S,
          f"sitting split {yesterday / S:.1f} s + {today / S:.1f} s across midnight")
