"""Sit-stand desks through the real limberd on Xvfb, a private session bus and the mock
notification server: limberctl stand and sit and the popups' buttons change the posture, the
status, the service's line and limberctl watch say it, the history keeps standing apart from
sitting, a restart keeps the posture, a sitting desk refuses it, and [profile] desk = sit-stand
gives the sit 20, stand 8, move 2 rhythm (here with second-scale timings: 1 min = 0.5 s)."""

import json
import time

from cases import US_PER_S as S, days, read_history, start_limberd, start_watch, state, status_json
from harness import NotifyListener, check, wait_for


def config(sit_limit="1h", sit_before_stand="1h", stand_before_sit="1h", stand_limit="0", desk="sit-stand",
           break_length="2s"):
    return f"""\
[breaks]
sit-limit = {sit_limit}
break-length = {break_length}
micro-interval = 0
micro-length = 1s
snooze = 1m

[profile]
desk = {desk}

[sit-stand]
sit-before-stand = {sit_before_stand}
stand-before-sit = {stand_before_sit}
stand-limit = {stand_limit}
"""


def boot_s():
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def posture(h):
    return status_json(h)["posture"]


def wait_posture(h, want, timeout=5.0):
    wait_for(lambda: posture(h) == want, timeout, f"the posture to be {want!r} (is {posture(h)!r})")


def test_ctl_stand_and_sit(h):
    notify = NotifyListener(h)
    start_limberd(h, config())
    proc, lines = start_watch(h)
    check(lines.next().startswith("Sitting since "), "watch's first line is not the sitting one")
    check(posture(h) == "sitting", f"a new session is not sitting: {status_json(h)}")
    before_us = int(time.time() * S)
    out = h.ctl("stand").stdout
    check(out.startswith("Standing"), f"limberctl stand said {out!r}")
    status = status_json(h)
    check(status["posture"] == "standing" and status["state"] == "sitting", f"after stand: {status}")
    check(status["posture_since_us"] >= before_us - S // 10, f"posture_since_us {status['posture_since_us']} "
          f"is before the stand ({before_us})")
    # The movement break still counts from the start of the desk time, not from standing up.
    check(status["sitting_since_us"] < status["posture_since_us"], f"the desk clock restarted: {status}")
    check(status["text"].startswith("Standing "), f"status text {status['text']!r}")
    line = lines.next()
    check(line.startswith("Standing since "), f"watch after stand: {line!r}")
    wait_for(lambda: any(v.startswith("Standing since ") for v in notify.values("STATUS")), 5,
             f"the service's status line to say Standing (got {notify.values('STATUS')})")
    # The same posture again changes nothing, and says so without failing (a desk tool repeats itself).
    h.ctl("stand")
    lines.assert_silent()
    h.ctl("sit")
    check(posture(h) == "sitting", f"after sit: {status_json(h)}")
    line = lines.next()
    check(line.startswith("Sitting since "), f"watch after sit: {line!r}")
    proc.terminate()
    check(proc.wait(timeout=5) == 0, "watch did not exit cleanly")


def test_sitting_desk_refuses(h):
    start_limberd(h, config(desk="sitting"))
    for command in ("stand", "sit"):
        proc = h.ctl(command, check=False)
        check(proc.returncode == 3, f"limberctl {command} at a sitting desk exited {proc.returncode}")
        check("desk = sit-stand" in proc.stderr and proc.stdout == "",
              f"limberctl {command} does not say what to do: {proc.stdout!r} {proc.stderr!r}")
    check(posture(h) == "sitting", f"a refused stand changed the posture: {status_json(h)}")
    check(status_json(h)["today"]["switches"] == 0, "a refused stand was counted")


def test_popup_actions(h):
    start_limberd(h, config(sit_before_stand="2s", stand_before_sit="2s"))
    prompt = h.wait_notification(lambda n: n["summary"].startswith("Time to stand"), timeout=10,
                                 what="the popup that says it is time to stand")
    check(prompt["action_keys"] == ["stand"], f"its buttons: {prompt['actions']}")
    check("I'm standing now" in prompt["actions"], f"its labels: {prompt['actions']}")
    h.click(prompt["id"], "stand")
    wait_posture(h, "standing")
    note = h.wait_notification(lambda n: n["summary"].startswith("You may sit"), timeout=10,
                               what="the note that you may sit")
    check(note["action_keys"] == ["sit"] and note["hints"].get("urgency", 1) != 2,
          f"the note is not a gentle one with 'I sat down': {note['actions']} {note['hints']}")
    h.click(note["id"], "sit")
    wait_posture(h, "sitting")
    # Sitting again: a new sitting spell, so the prompt comes once more after sit-before-stand.
    seen = len(h.notifications())
    again = h.wait_notification(lambda n: n["summary"].startswith("Time to stand"), after=seen, timeout=10,
                                what="the next prompt to stand")
    # Clicking the popup's body is no answer: the posture stays.
    h.click(again["id"], "default")
    time.sleep(0.3)  # nothing to await: the check is that nothing changes
    check(posture(h) == "sitting", "a click on the body of the popup changed the posture")


def test_stand_limit_popup(h):
    # Standing past stand-limit: move, or sit; "Move now" starts the guided movement break.
    start_limberd(h, config(stand_before_sit="0", stand_limit="2s"))
    h.ctl("stand")
    limit = h.wait_notification(lambda n: "standing — time to move" in n["summary"], timeout=10,
                                what="the stand-limit popup")
    check(limit["action_keys"] == ["start", "sit"], f"its buttons: {limit['actions']}")
    h.click(limit["id"], "start")
    wait_for(lambda: state(h) == "in-break", 5, "the guided break the popup's Move now starts")
    check(posture(h) == "standing", "starting a break changed the posture")


def test_history_records_minutes(h):
    start_limberd(h, config())
    t0 = boot_s()
    h.ctl("stand")
    t1 = boot_s()
    time.sleep(1.5)  # the standing to be measured
    t2 = boot_s()
    h.ctl("sit")
    t3 = boot_s()
    today = status_json(h)["today"]
    check(today["switches"] == 1, f"switches {today['switches']}, want 1")
    stats = h.ctl("stats", "--days", "1").stdout
    check("Standing" in stats and "Switches" in stats, f"stats has no standing columns:\n{stats}")
    check("Standing today: " in stats and "of the 2 h goal" in stats, f"stats has no standing goal:\n{stats}")
    js = json.loads(h.ctl("stats", "--json", "--days", "1").stdout)
    check(js["standing_goal_us"] == 2 * 3600 * S, f"standing_goal_us {js['standing_goal_us']}")
    check(h.stop_daemon() == 0, "limberd did not stop cleanly")
    end = boot_s()
    (record,) = days(read_history(h)).values()
    standing_us, sitting_us = int(record["standing-us"]), int(record["sitting-us"])
    # Standing is exactly the time between the two calls (each took effect inside its call).
    check((t2 - t1) * S - 1000 <= standing_us <= (t3 - t0) * S + 1000,
          f"standing-us {standing_us}, want between {(t2 - t1) * S:.0f} and {(t3 - t0) * S:.0f}")
    check(int(record["switches"]) == 1, f"switches {record['switches']}")
    # Sitting is the rest of the desk time, never the standing too.
    check(0 < sitting_us and sitting_us + standing_us <= (end - t0) * S + 10 * S,
          f"sitting-us {sitting_us} with standing-us {standing_us}")
    check(sitting_us + standing_us >= (t3 - t0) * S - 1000, f"desk time lost: {record}")


def test_restart_keeps_posture(h):
    start_limberd(h, config())
    h.ctl("stand")
    since = status_json(h)["posture_since_us"]
    h.restart_daemon()
    status = status_json(h)
    check(status["posture"] == "standing", f"the restart lost the posture: {status}")
    # A restart is no break: the standing spell goes on from when it began (to the second).
    check(abs(status["posture_since_us"] - since) < S, f"posture_since_us {since} became {status['posture_since_us']}")
    live = read_history(h)["live"]
    check(live.get("standing") == "true", f"the live session does not keep the posture: {live}")
    h.ctl("sit")
    check(posture(h) == "sitting", "sit after the restart did not take")


def test_rhythm_sit_stand_move(h):
    # Hedge's 20-8-2 at 1 min = 0.5 s: stand after 10 s sitting, may sit after 4 s standing, and
    # the movement break after sit-limit (30 min = 15 s) at the desk, sitting and standing together.
    start_limberd(h, config(sit_limit="15s", sit_before_stand="10s", stand_before_sit="4s", stand_limit="1h"))
    desk_since = status_json(h)["sitting_since_us"] / S
    prompt = h.wait_notification(lambda n: n["summary"].startswith("Time to stand"), timeout=15,
                                 what="time to stand")
    check(prompt["at"] >= desk_since + 10 - 0.05, f"'time to stand' {prompt['at'] - desk_since:.2f} s "
          "into sitting, before sit-before-stand (10 s)")
    clicked = time.time()
    h.click(prompt["id"], "stand")
    wait_posture(h, "standing")
    note = h.wait_notification(lambda n: n["summary"].startswith("You may sit"), timeout=10, what="you may sit")
    check(note["at"] >= clicked + 4 - 0.05, f"'you may sit' {note['at'] - clicked:.2f} s after standing up")
    move = h.wait_notification(lambda n: n["summary"].startswith("Time to move"), timeout=10,
                               what="the movement break, while standing")
    check(move["at"] >= desk_since + 15 - 0.05, f"the movement break {move['at'] - desk_since:.2f} s at the desk")
    check(posture(h) == "standing", "the movement break changed the posture")
    # The 2 of 20-8-2: away for break-length (2 s) is the movement break, taken; the desk stays up.
    h.stop_hands()
    wait_for(lambda: state(h) == "away", 10, "the user to be away")
    wait_for(lambda: status_json(h)["today"]["taken_natural"] >= 1, 10, "the natural break to be credited")
    before = time.time()
    h.start_hands()
    wait_for(lambda: state(h) == "sitting", 10, "the user to be back")
    status = status_json(h)
    check(status["posture"] == "standing", f"a break changed the posture: {status}")
    check(status["posture_since_us"] >= before * S - S // 2, f"the standing spell did not start again at the "
          f"return: since {status['posture_since_us']}, back at {before * S:.0f}")
    today = status["today"]
    check(today["standing_us"] > 0 and today["sitting_us"] > 0 and today["breaks_due"] == 1,
          f"today {today}")
