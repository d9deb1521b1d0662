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
import signal
import time

from cases import (US_PER_S, local_tz_before_midnight, bus_call, bus_error, history_path, is_done, is_movement, quiet, read_history, reminders,
                   start_limberd, start_watch, state, status_json, wait_state)
from harness import (HANDS_INTERVAL_S, WAKEUP_PERIOD_S, NotifyListener, boot_us, check, thread_names, thread_switches, wait_for,
                     wait_quiet, woke_by_thread, woken)

S = US_PER_S  # short, for the many figures below


def settle(h):
    """Let start-up finish, and return the thread_switches() snapshot to measure from. The pool
    threads GIO used at start must end (limberd keeps no idle ones: kept, each would wake ~15 s
    later to exit), then limberd must go quiet (our own status query answered)."""
    wait_for(lambda: not [n for n in thread_names(h.daemon.pid) if n.startswith("pool-")], 5.0,
             "limberd's start-up pool threads to end (idle pool threads wake later to exit)")
    return wait_quiet(h.daemon.pid)


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
    # Nothing for break-length (2 s): away, and the line says since when, in absolute time.
    i, away = notify.wait("STATUS", after=i + 1)
    check(re.fullmatch(r"Away since \d\d:\d\d \(x11\)", away["STATUS"]), f"away status {away['STATUS']!r}")
    h.start_hands()
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
    h.add_logind_session()
    start_limberd(h, config)
    wait_for(lambda: len(h.inhibitors()) == 1, 5.0, "limberd's sleep delay inhibitor")


def test_logind_lock(h):
    start_with_logind(h, quiet("2s"))
    # A short lock (under break-length) is no break.
    h.set_locked_hint(True)
    wait_state(h, "locked")
    h.set_locked_hint(False)
    wait_state(h, "sitting")
    check(status_json(h)["today"]["taken_natural"] == 0, "a 0.1 s lock counted as a break")
    # A long one is; the hands keep moving: input while locked does not end it.
    since = status_json(h)["sitting_since_us"]
    h.set_locked_hint(True)
    wait_state(h, "locked")
    time.sleep(2.3)  # the point: locked for longer than break-length (2 s), with the hands moving
    check(state(h) == "locked", f"input while locked ended the lock: {state(h)!r}")
    h.set_locked_hint(False)
    wait_state(h, "sitting")
    s = status_json(h)
    check(s["today"]["taken_natural"] == 1, f"a lock of break-length not credited: {s['today']}")
    check(s["sitting_since_us"] > since + 2 * S, "the sitting clock did not restart after the lock")


def test_logind_switch(h):
    """Fast user switching: while another session has the seat, this one is away, even with
    input reaching its X server; switching back after break-length is a natural break."""
    start_with_logind(h, quiet("2s"))
    since = status_json(h)["sitting_since_us"]
    h.set_session_active(False)
    wait_state(h, "away")
    time.sleep(2.3)  # the point: inactive for longer than break-length (2 s), with the hands moving
    check(state(h) == "away", f"input while inactive made the user present: {state(h)!r}")
    h.set_session_active(True)
    wait_state(h, "sitting")
    s = status_json(h)
    check(s["today"]["taken_natural"] == 1, f"a switch of break-length not credited: {s['today']}")
    check(s["sitting_since_us"] > since + 2 * S, "the sitting clock did not restart after the switch")


def test_logind_sleep(h):
    # Due 4 s after start; the machine goes to sleep at once and wakes a second after the due time.
    start_with_logind(h, quiet("2s", sit_limit="4s"))
    due_us = status_json(h)["next_break_due_us"]  # wall clock
    announced_us = boot_us()
    h.emit_prepare_for_sleep(True)
    wait_state(h, "asleep")
    wait_for(lambda: h.inhibitors() == [], 3.0, "the inhibitor to be released before sleep")
    live = read_history(h).get("live", {})
    check(int(live.get("boot-saved-us", 0)) >= announced_us,
          f"the state was not saved when sleep was announced: live session {live}")
    # The point: asleep across the due time, and a second past it for a timer that fires anyway.
    time.sleep(max(0.0, due_us / S - time.time()) + 1.0)
    check(not [n for n in h.notifications() if is_movement(n)], "a reminder while asleep")
    h.emit_prepare_for_sleep(False)
    wait_state(h, "sitting")
    wait_for(lambda: len(h.inhibitors()) == 1, 3.0, "the inhibitor again after resume")
    s = status_json(h)
    check(s["today"]["taken_natural"] == 1, f"the sleep was not credited as a break: {s['today']}")
    check(s["next_break_due_us"] - s["now_us"] > 2 * S, f"the due time did not restart: {s}")
    time.sleep(1.0)  # the point: a timer left armed for the old due time would fire at once
    check(not [n for n in h.notifications() if is_movement(n)], "a reminder right after resume")


# -- wake-ups of limberd itself (issue 5) --------------------------------------------------

def test_wakeups_typing(h):
    start_limberd(h, quiet("5s"), hands=False)
    h.poke()
    check(state(h) == "sitting", f"state {state(h)}")
    before = settle(h)
    end = time.monotonic() + WAKEUP_PERIOD_S
    while time.monotonic() < end:  # the point: WAKEUP_PERIOD_S of typing, a key every 50 ms
        h.xdotool("type", "--delay", "50", "x" * 10)
    woke = woken(before, thread_switches(h.daemon.pid))
    print(f"limberd wake-ups while typing for {WAKEUP_PERIOD_S:.0f} s: {woke} {woke_by_thread(h.daemon.pid, before)}")
    check(state(h) == "sitting", "the typing did not keep the user present")
    check(woke <= 2, f"{woke} wake-ups while typing")


def test_wakeups_fresh_home(h):
    """A first run: no config file, no config directory, the shipped defaults."""
    start_limberd(h, config=None, hands=False)
    h.poke()
    before = settle(h)
    time.sleep(WAKEUP_PERIOD_S)  # the point: nothing happens for a while; count the wake-ups
    woke = woken(before, thread_switches(h.daemon.pid))
    print(f"limberd wake-ups, fresh home, {WAKEUP_PERIOD_S:.0f} s: {woke} {woke_by_thread(h.daemon.pid, before)}")
    check(woke <= 1, f"{woke} wake-ups with nothing to do")


def test_wakeups_away(h):
    start_limberd(h, quiet("2s"), hands=False)
    wait_state(h, "away")
    before = settle(h)
    time.sleep(WAKEUP_PERIOD_S)  # the point: away for a while; count the wake-ups
    woke = woken(before, thread_switches(h.daemon.pid))
    print(f"limberd wake-ups while away for {WAKEUP_PERIOD_S:.0f} s: {woke} {woke_by_thread(h.daemon.pid, before)}")
    check(woke <= 2, f"{woke} wake-ups while away")
    h.poke()
    wait_state(h, "sitting")  # and it was still listening


# -- presence through the daemon (issue 5) --------------------------------------------------

def test_started_idle(h):
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    # The point: no input since the X server started, for longer than break-length (2 s). The
    # idle time only grows with time, so there is nothing to wait for but the clock.
    time.sleep(2.2)
    start_limberd(h, quiet("2s"), hands=False, notifications=False)
    s = status_json(h)
    check(s["state"] == "away", f"started while idle but state {s['state']!r}")
    check(s["today"].get("breaks_due") == 0 and s["today"].get("sitting_us") == 0 and "date" in s["today"],
          f"today before any record: {s['today']}")
    # The scheduler knows nothing before its start: away since then at the latest.
    check(s["away_since_us"] is not None and s["away_since_us"] <= s["now_us"], f"away_since: {s}")
    h.poke()
    wait_state(h, "sitting", timeout=2.0)


def test_poll_away_and_back(h):
    start_limberd(h, quiet("2s"), hands=False, args=("--poll",))
    h.poke()
    wait_state(h, "away", timeout=4.0)
    h.poke()
    wait_state(h, "sitting", timeout=2.5)
    wait_state(h, "away", timeout=4.0)


# -- fullscreen deferral (issue 6) -----------------------------------------------------------

def deferral(h, cap_s):
    """A fullscreen active window, and a reminder due 3 s after start that limberd holds back.
    limberd looks again every tenth of the cap, at least every second. Returns (window, due_us)."""
    h.start_x()
    logo, window = h.open_window()
    h.set_active_window(window)
    h.set_fullscreen(window)
    start_limberd(h, quiet("2s", f"[reminders]\ndefer-at-most = {cap_s}s\n", sit_limit="3s"))
    due_us = status_json(h)["next_break_due_us"]  # wall clock, like the mock's times
    h.wait_log("holding it back", timeout=5)
    return logo, due_us


def test_fullscreen_until_closed(h):
    cap_s = 10
    logo, due_us = deferral(h, cap_s)
    time.sleep(1.5)  # the point: held back through a look-again while the window stays fullscreen
    # (The first-run notice came at start, before anything was due: it is no reminder.)
    check(not reminders(h), f"a reminder over a fullscreen window: {reminders(h)}")
    h._stop(logo)
    # The next look (within 1 s) finds no fullscreen window; the cap is 8 s and more away.
    n = h.wait_notification(is_movement, timeout=5, what="the reminder once the fullscreen window closed")
    check(n["at"] < due_us / S + cap_s, "the reminder came only at the cap")
    time.sleep(1.2)  # the point: one more look-again period, at which a second delivery would come
    check(len(reminders(h)) == 1, f"not one consolidated reminder: {reminders(h)}")


def test_fullscreen_cap(h):
    cap_s = 3
    _, due_us = deferral(h, cap_s)
    # The window stays fullscreen: the reminder comes at the cap after it fell due, and not before.
    n = h.wait_notification(is_movement, timeout=cap_s + 5, what="the reminder at the cap")
    cap_at = due_us / S + cap_s
    early = [x for x in reminders(h) if x["at"] < cap_at - 0.05]
    check(not early, f"{len(early)} popups over a fullscreen window before the cap, the first "
                     f"{cap_at - early[0]['at'] if early else 0:.2f} s early: {early}")
    check(n["at"] >= cap_at - 0.05, "the reminder came before the cap")
    time.sleep(1.2)  # the point: one more look-again period, at which a second delivery would come
    check(len(reminders(h)) == 1, f"not one reminder at the cap: {reminders(h)}")


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
    start_limberd(h, SLOW_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.wait_notification(lambda x: "Slow reach" in x["summary"], after=before, what="the first step")
    h.stop_notifications()
    h.start_notifications()  # a fresh server with its own call log
    h.wait_notification(lambda x: "Slow lunge" in x["summary"], timeout=8, what="the next step on the new server")
    h.wait_notification(is_done, timeout=8, what="the done popup")
    wait_for(lambda: status_json(h)["today"]["taken_guided"] == 1, 5, "the guided break to be counted")


def test_reload_mid_routine(h):
    """The routine's steps point into the catalogue a reload replaces."""
    start_limberd(h, SLOW_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.wait_notification(lambda x: "Slow reach" in x["summary"], after=before, what="the first step")
    h.daemon.send_signal(signal.SIGHUP)
    h.wait_log("Configuration reloaded")
    h.wait_notification(lambda x: "Slow lunge" in x["summary"], timeout=8, what="the next step after a reload")
    h.wait_notification(is_done, timeout=8, what="the done popup")
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
    check(proc.returncode == 78, f"exit {proc.returncode}")
    for line in ("limber.conf:2: sit-limit", "limber.conf:3: break-length"):
        check(proc.stderr.count(line) == 1, f"{line!r} not exactly once: {proc.stderr!r}")


# -- control (issue 8) -----------------------------------------------------------------------

def sentence(text):
    return text and text[0].isupper() and text.rstrip().endswith(".") and " " in text


def test_bus_methods(h):
    start_limberd(h, quiet("2s", sit_limit="3s"))
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
    h.write_config(quiet("2s", sit_limit="3s"))
    bus_call(h, "Reload")
    bus_call(h, "StartBreak")
    check(state(h) == "in-break", f"StartBreak: state {state(h)!r}")


def test_limberctl_commands(h):
    start_limberd(h, quiet("2s", sit_limit="3s"))
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
    check("of a first 30-day milestone" in out, f"no habit line:\n{out}")
    data = json.loads(h.ctl("stats", "--json").stdout)
    check(len(data["days"]) == 7 and data["habit_goal"] == 30, f"{data}")
    today = data["days"][-1]
    check(today["sitting_us"] > 0 and today["breaks_due"] >= 1, f"today {today}")
    check(today["snoozed"] == 1 and today["skipped"] == 1, f"today {today}")
    check(all(d["sitting_us"] == 0 for d in data["days"][:-1]), "sitting time on days never run")
    data = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)
    check(len(data["days"]) == 2, f"--days 2 gave {len(data['days'])}")


def test_watch_one_line_per_change(h):
    start_limberd(h, quiet("30m"))
    proc, lines = start_watch(h)
    first = lines.next()
    check(first.startswith("Sitting since "), f"first line {first!r}")
    lines.assert_silent(1.0)  # the hands move twice meanwhile: nothing to say
    for args, want in ((["pause", "45m"], "Paused until "), (["resume"], "Sitting since "),
                       (["pause"], "Paused until resumed"), (["resume"], "Sitting since "),
                       (["start"], "Taking a movement break")):
        h.ctl(*args)
        line = lines.next()
        check(line.startswith(want), f"after {args}: {line!r}, want {want!r}…")
        lines.assert_silent(0.5)  # a second line for one change would follow at once
    h.ctl("reload")  # changes nothing: no line
    lines.assert_silent(0.5)
    proc.terminate()
    check(proc.wait(timeout=5) == 0, "watch did not exit cleanly on SIGTERM")


# -- history (issue 8) ---------------------------------------------------------------------------

def test_restart_keeps_clock(h):
    start_limberd(h, quiet("3s"))
    time.sleep(1.5)  # the point: the bout is old enough that a clock started afresh would show
    since = status_json(h)["sitting_since_us"]
    h.restart_daemon()
    s = status_json(h)
    check(s["state"] == "sitting", f"state after restart {s['state']!r}")
    check(abs(s["sitting_since_us"] - since) < S, f"sitting since moved by {(s['sitting_since_us'] - since) / S:.1f} s")
    # Down for longer than break-length: that was a break, the clock starts again.
    h.stop_daemon()
    time.sleep(3.5)  # the point: limberd is down for longer than break-length (3 s)
    h.start_daemon()
    s = status_json(h)
    check(s["sitting_since_us"] > since + 3 * S, "a restart after break-length kept the old clock")


def test_sigkill_keeps_clock(h):
    """Killed (kill -9, a crash) in its first bout, sitting all along, so nothing was saved
    after start-up: the next run continues the sitting clock, since the time after that save
    was nobody's to watch, not a break (start-up saves the bout; only a stop says it ended)."""
    start_limberd(h, quiet("3s"))
    time.sleep(3.5)  # the point: sitting for longer than break-length (3 s) since the last save
    since = status_json(h)["sitting_since_us"]
    h.daemon.kill()
    h.daemon.wait()
    h.forget(h.daemon)
    h.start_daemon()
    s = status_json(h)
    check(abs(s["sitting_since_us"] - since) < S, f"sitting since moved by {(s['sitting_since_us'] - since) / S:.1f} s")


def test_corrupt_history(h):
    path = history_path(h)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"[day 2024-01-0\x00\xff garbage\nsitting-us=\n=[[\n")
    start_limberd(h, quiet("30m"))
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




def test_day_boundary(h):
    h.env["TZ"], midnight = local_tz_before_midnight(4)
    started = time.time()
    start_limberd(h, quiet("30m"))
    up = time.time()
    before = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)["days"]
    check(time.time() < midnight - 0.5, f"start-up took until {time.time() - midnight:+.1f} s from midnight")
    time.sleep(midnight + 1.5 - time.time())  # the point: midnight passes while the user sits
    paused = time.time()
    h.ctl("pause")  # a transition: the sitting time is recorded
    paused_after = time.time()
    days = json.loads(h.ctl("stats", "--json", "--days", "2").stdout)["days"]
    check(days[0]["date"] == before[-1]["date"], f"the day did not change: {before} → {days}")
    yesterday, today = days[0]["sitting_us"] / S, days[1]["sitting_us"] / S
    # The bout began between our start and limberd's first answer (give or take a move of the
    # hands) and ends at the pause; midnight cuts it.
    slack_s = 0.25
    want_yesterday = (midnight - up - HANDS_INTERVAL_S - slack_s, midnight - started + slack_s)
    want_today = (paused - midnight - slack_s, paused_after - midnight + slack_s)
    check(want_yesterday[0] <= yesterday <= want_yesterday[1] and want_today[0] <= today <= want_today[1],
          f"sitting split {yesterday:.2f} s + {today:.2f} s across midnight, want "
          f"{want_yesterday[0]:.2f}–{want_yesterday[1]:.2f} s + {want_today[0]:.2f}–{want_today[1]:.2f} s")
