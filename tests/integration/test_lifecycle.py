"""The daemon's life across restarts, reboots, midnight and reloads, through the real
limberd on Xvfb, a private session bus and the mock notification server: what a restart
keeps (the open reminder, the snoozes used), what a new boot starts afresh, Today turning
over at midnight without any other change, and a reload that changes the routine running."""

import os
import time

from cases import US_PER_S as S, history_path, is_movement, local_tz_before_midnight, start_limberd, status_json
from harness import check, wait_for


def movement_config(sit="3s", snooze="1m", max_snoozes=2, extra=""):
    return f"""\
[breaks]
sit-limit = {sit}
break-length = 2s
micro-interval = 0
micro-length = 1s
snooze = {snooze}
max-snoozes = {max_snoozes}
{extra}"""


def start(h, config):
    return start_limberd(h, config, hands=True)


def test_restart_shows_open_reminder(h):
    # Snoozing comes back only after a minute: a reminder soon after the restart is the restored one.
    start(h, movement_config(max_snoozes=1))
    first = h.wait_notification(is_movement, what="the movement reminder")
    check("snooze" in first["action_keys"], f"no Snooze on the first reminder: {first['action_keys']}")
    seen = len(h.notifications())
    h.restart_daemon()
    again = h.wait_notification(is_movement, after=seen, timeout=5,
                                what="the open reminder shown again right after the restart")
    check("snooze" in again["action_keys"], f"the snooze left was lost: {again['action_keys']}")
    h.ctl("snooze")
    # The one snooze is used: after a restart it stays used.
    h.restart_daemon()
    refused = h.ctl("snooze", check=False)
    check(refused.returncode == 3, f"limberctl snooze after the restart exited {refused.returncode}: "
          f"{refused.stdout}{refused.stderr}")
    check("max-snoozes" in refused.stderr, f"the refusal does not say why: {refused.stderr!r}")


def write_live_session(h, boot_id, wall_saved_us, sitting_us):
    path = history_path(h)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "w") as f:
        f.write("[limber]\nversion=1\n\n"
                f"[live]\nwall-saved-us={wall_saved_us}\nboot-id={boot_id}\nboot-saved-us=1\n"
                f"sitting-us={sitting_us}\npause-left-us=0\nsnoozes-used=0\nbreak-number=3\n")
    os.chmod(path, 0o600)
    return path


def test_new_boot_starts_new_session(h):
    # Saved 25 minutes into a sitting bout, "an hour from now" by a wall clock that is behind
    # after the reboot, under another boot id: the machine was off, so the clock starts again.
    now_us = int(time.time() * S)
    write_live_session(h, "00000000-0000-0000-0000-000000000000", now_us + 3600 * S, 25 * 60 * S)
    start(h, movement_config(sit="1h"))
    since = status_json(h)["sitting_since_us"]
    check(since is not None and since >= now_us - 5 * S,
          f"the sitting clock carried on from before the reboot: since {(now_us - (since or 0)) / S:.0f} s ago")


def test_same_boot_keeps_clock(h):
    with open("/proc/sys/kernel/random/boot_id") as f:
        boot_id = f.read().strip()
    now_us = int(time.time() * S)
    # Saved at CLOCK_BOOTTIME 1 µs, i.e. long ago in this boot: that gap is a break too.
    write_live_session(h, boot_id, now_us, 25 * 60 * S)
    start(h, movement_config(sit="1h"))
    since = status_json(h)["sitting_since_us"]
    check(since >= now_us - 5 * S, "a gap longer than break-length in the same boot kept the old clock")


def test_today_turns_at_midnight(h):
    # Sitting through midnight with nothing else happening: Today is the new day all the same.
    h.env["TZ"], _ = local_tz_before_midnight(4)
    start(h, movement_config(sit="1h"))
    before = status_json(h)["today"]["date"]
    after = wait_for(lambda: (d := status_json(h)["today"]["date"]) != before and d, timeout=10,
                     what="Today to turn to the new day after midnight")
    check(after > before, f"Today went from {before} to {after}")
    today = status_json(h)["today"]
    check(0 < today["sitting_us"] <= 10 * S, f"the new day's sitting is {today['sitting_us'] / S:.1f} s")


ROUTINE = """\
[breaks]
sit-limit = 1h
break-length = 2m
micro-interval = 0
micro-length = 1s

[stretch first-reach]
title = First reach
area = upper-back
steps = Reach both arms up.
hold = 30s
sides = one

[stretch second-lunge]
title = Second lunge
area = hips
steps = Step one foot back.
hold = 30s
sides = one

[routine changing]
title = Changing routine
stretches = first-reach;second-lunge

[routines]
movement = changing
"""


def test_reload_changes_running_routine(h):
    start(h, ROUTINE)
    h.ctl("start")
    step = h.wait_notification(lambda n: "First reach" in n["summary"] + n["body"], what="the first step")
    check(status_json(h)["state"] == "in-break", "no routine running after limberctl start")
    # The routine loses a stretch: its remaining steps are not those of the file any more.
    h.write_config(ROUTINE.replace("stretches = first-reach;second-lunge", "stretches = second-lunge"))
    h.ctl("reload")
    notice = h.wait_notification(lambda n: "changed the guided break" in n["body"],
                                 what="a notice that the routine in progress was ended")
    check("Changing routine" in notice["body"], f"the notice does not name the routine: {notice['body']!r}")
    wait_for(lambda: status_json(h)["state"] == "sitting", 5, "the routine to be over")
    closed = [args[0] for (_, _, args) in h.notify_calls("CloseNotification")]
    check(step["id"] in closed, f"the old step popup was left up (closed: {closed})")
    check("changed the guided break" in h.daemon_output(), "the log does not say the routine was ended")
