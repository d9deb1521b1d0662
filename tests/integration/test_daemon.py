"""limberd end to end: the real daemon on Xvfb, a private bus and the mock
notification server, with second-scale intervals and xdotool as the user."""

import os
import signal
import subprocess

from cases import FAST, is_done, is_movement, start_limberd, status_json
from harness import check, wait_for

# A two-stretch routine of a few seconds, so a guided break runs in a test; the lunge is
# two-sided, so its step says "switch sides".
QUICK_ROUTINE = """
[stretch quick-reach]
title = Quick reach
area = upper-back
steps = Reach both arms up.;Lower them slowly.
hold = 2s
sides = one

[stretch quick-lunge]
title = Quick lunge
area = hips
steps = Step one foot back.;Ease the hips forward.
hold = 1s
sides = both

[routine quick]
title = Quick test routine
stretches = quick-reach;quick-lunge

[routines]
movement = quick
"""
SNOOZE_S = 3  # FAST's snooze
# Two times the server logged (wall-clock s) are this close at worst to what limberd meant:
# each popup waits a little in the bus and in the mock before the mock logs it.
LOG_SLACK_S = 0.5


def test_movement_reminder(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    check(n["app"] == "limber", f"app {n['app']!r}")
    check(n["action_keys"][:1] == ["default"], f"Start is not the default action: {n['actions']}")
    check("snooze" in n["action_keys"] and "skip" in n["action_keys"], f"actions {n['actions']}")
    check(n["hints"].get("desktop-entry") == "limber", f"hints {n['hints']}")
    check(n["hints"].get("urgency") == 1, f"urgency {n['hints'].get('urgency')}")
    check(n["hints"].get("category", "").startswith("x-limber"), f"hints {n['hints']}")
    check(n["body"].strip() != "", "empty body")
    # The popup stays, and nothing follows it while the user keeps working inside the snooze
    # period: the next reminder is this unanswered one shown again, a snooze period later.
    again = h.wait_notification(is_movement, after=h.notifications().index(n) + 1, timeout=SNOOZE_S + 7,
                                what="the unanswered reminder shown again")
    check(again["at"] - n["at"] >= SNOOZE_S - LOG_SLACK_S,
          f"a second reminder {again['at'] - n['at']:.2f} s after the first, inside the snooze period")
    check(n["id"] not in h.closed_ids(), "the unanswered reminder was closed")


def test_start_walks_every_step(h):
    start_limberd(h, config=FAST + QUICK_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.stop_hands()  # stretching, away from the keyboard
    h.wait_notification(is_done, after=before, timeout=20, what="the routine's done popup")
    steps = [x for x in h.notifications()[before:] if "next" in x["action_keys"]]
    check(steps and "Quick reach" in steps[0]["summary"], f"first step: {[x['summary'] for x in steps]}")
    check(any("Quick lunge" in x["summary"] for x in steps), f"steps: {[x['summary'] for x in steps]}")
    check("switch sides" in " ".join(x["body"] for x in steps).lower(), "no 'switch sides' for a two-sided hold")
    check(all(x["id"] == steps[0]["id"] for x in steps), "steps did not update one popup in place")
    wait_for(lambda: status_json(h)["today"]["taken_guided"] == 1, 10, "the guided break to be counted")


def test_snooze_then_option_gone(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    for left in (2, 1):
        before = len(h.notifications())
        h.click(n["id"], "snooze")
        closed = wait_for(lambda: [t for (t, _, args) in h.notify_calls("CloseNotification") if args[0] == n["id"]],
                          5, "the snoozed reminder to close")
        n = h.wait_notification(is_movement, after=before, timeout=15, what="the snoozed reminder again")
        check(n["at"] - closed[0] >= SNOOZE_S - LOG_SLACK_S,
              f"the snoozed reminder came back {n['at'] - closed[0]:.2f} s after the snooze, want {SNOOZE_S} s")
    check("snooze" not in n["action_keys"], f"snooze still offered after max-snoozes: {n['actions']}")
    check(status_json(h)["today"]["snoozed"] == 2, "snoozes not counted")


def test_skip_counts(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    h.click(n["id"], "skip")
    wait_for(lambda: status_json(h)["today"]["skipped"] == 1, 10, "the skip to be counted")


def test_going_idle_closes_reminder(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    h.stop_hands()
    wait_for(lambda: n["id"] in h.closed_ids(), 10, "CloseNotification after break-length away")
    wait_for(lambda: status_json(h)["state"] == "away", 5, "the away state")


def test_markup_escaped(h):
    config = FAST + QUICK_ROUTINE.replace("title = Quick test routine", "title = Walk <b>&</b> talk")
    start_limberd(h, config=config)
    n = h.wait_notification(is_movement, what="the movement reminder")
    check("Walk &lt;b&gt;&amp;&lt;/b&gt; talk" in n["body"], f"not escaped: {n['body']!r}")


def test_no_server_at_start(h):
    start_limberd(h, notifications=False)
    h.wait_log("No notification server is running", timeout=15)
    h.start_notifications()
    h.wait_notification(is_movement, timeout=15, what="the reminder once a server appeared")


def test_second_instance(h):
    start_limberd(h)
    proc = h.run([h.limberd_path], timeout=10)
    check(proc.returncode == 1, f"second limberd exited {proc.returncode}")
    check("already running" in proc.stderr, f"stderr: {proc.stderr!r}")


def test_x_server_killed(h):
    # That the state is saved at this exit is test_faults' x_killed_state_saved.
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    h.stop_hands()
    h.xvfb.kill()
    h.xvfb.wait()
    check(h.daemon.wait(timeout=10) == 0, f"limberd exited {h.daemon.returncode}")
    check("The X server went away" in h.daemon_output(), "no message about the X server")
    check(n["id"] in h.closed_ids(), "the open reminder was not withdrawn when the X server went away")


def test_sigterm_clean_stop(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    h.daemon.send_signal(signal.SIGTERM)
    check(h.daemon.wait(timeout=5) == 0, f"limberd exited {h.daemon.returncode}")
    check(n["id"] in h.closed_ids(), "the open popup was not closed on stop")


def test_no_display(h):
    h.start_session_bus()
    proc = h.run([h.limberd_path], timeout=10)
    check(proc.returncode == 1, f"exit {proc.returncode}")
    check("DISPLAY" in proc.stderr or "display" in proc.stderr, f"stderr: {proc.stderr!r}")
    check(len(proc.stderr.strip().splitlines()) == 1, f"not one line: {proc.stderr!r}")


def test_wayland_never_x11(h):
    # A Wayland session whose compositor cannot be reached: limberd must not fall back to the
    # X server it can see (through Xwayland it would see only X programs' input).
    h.start_x()
    h.start_session_bus()
    env = dict(h.env, WAYLAND_DISPLAY="wayland-nowhere", XDG_SESSION_TYPE="wayland")
    proc = subprocess.run([h.limberd_path], env=env, capture_output=True, text=True, timeout=10)
    check(proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr!r}")
    check("Wayland" in proc.stderr and "wayland-nowhere" in proc.stderr, f"stderr: {proc.stderr!r}")
    check(len(proc.stderr.strip().splitlines()) == 1, f"not one line: {proc.stderr!r}")


def test_bad_backend(h):
    h.start_session_bus()
    proc = h.run([h.limberd_path, "--backend", "mir"], timeout=10)
    check(proc.returncode == 2, f"exit {proc.returncode}")
    check("x11" in proc.stderr and "wayland" in proc.stderr and "gnome" in proc.stderr,
          f"the error does not list the backends: {proc.stderr!r}")


def test_invalid_config_refused(h):
    h.start_x()
    h.start_session_bus()
    path = h.write_config("[breaks]\nsit-limit = 30\n")
    proc = h.run([h.limberd_path], timeout=10)
    check(proc.returncode == 78, f"exit {proc.returncode}, want 78 (the unit does not restart on it)")
    check("limber.conf:2" in proc.stderr and "sit-limit" in proc.stderr, f"stderr: {proc.stderr!r}")
    check(os.path.exists(path), "the user's file was touched")


def test_reload_valid_and_invalid(h):
    start_limberd(h, config=FAST.replace("sit-limit = 5s", "sit-limit = 1h"))
    hour_us = 3600 * 10**6
    due = status_json(h)["next_break_due_us"]
    h.write_config(FAST.replace("sit-limit = 5s", "sit-limit = 2h"))
    wait_for(lambda: status_json(h)["next_break_due_us"] > due + hour_us / 2, 10, "the new sit-limit to apply")
    due = status_json(h)["next_break_due_us"]
    h.write_config("[breaks]\nsit-limit = soon\n")
    h.wait_log("keeping the running configuration", timeout=10)
    check(h.daemon.poll() is None, "limberd died on an invalid reload")
    check(abs(status_json(h)["next_break_due_us"] - due) < 10**6, "an invalid file changed the running config")
    notice = h.wait_notification(lambda n: "limber.conf:2" in n["body"], what="a notice naming the bad line")
    check("sit-limit" in notice["body"], f"notice: {notice['body']!r}")


def test_bad_reload_keeps_reminder(h):
    start_limberd(h)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.write_config("[breaks]\nsit-limit = 30\n")
    notice = h.wait_notification(lambda x: "limber.conf:2" in x["body"], after=before,
                                 what="a notice naming the bad line")
    check(notice["id"] != n["id"], "the notice replaced the open reminder")
    check(n["id"] not in h.closed_ids(), "the open reminder was closed by a failed reload")
    h.click(n["id"], "skip")
    wait_for(lambda: status_json(h)["today"]["skipped"] == 1, 10, "the reminder to still answer")


def test_user_file_takes_over_system_file(h):
    system = os.path.join(h.env["XDG_CONFIG_DIRS"], "limber")
    os.makedirs(system)
    with open(os.path.join(system, "limber.conf"), "w") as f:
        f.write("[breaks]\nsit-limit = 1h\n")
    start_limberd(h, config=None)
    due = status_json(h)["next_break_due_us"]
    h.write_config("[breaks]\nsit-limit = 3h\n")
    wait_for(lambda: status_json(h)["next_break_due_us"] > due + 3600 * 10**6, 10,
             "the new user file to take over from the system-wide one")
