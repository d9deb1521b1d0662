"""Control: limberctl end to end against the control bus (daemon/bus/bus.c).

Until limberd is wired, the daemon side is tests/bus-probe: bus.c with callbacks
that record each call on stdout ("call Pause 2700000000") and change the state.
The lead re-targets these at limberd by changing start_probe()."""

import json
import os
import re
import subprocess

from cases import bus_error, start_watch, state_dir, status_json
from harness import SOURCE_DIR, TestFailure, check

START_HINT = "systemctl --user start limber"
COMMANDS = ["status", "watch", "pause", "resume", "start", "snooze", "skip", "stand", "sit", "reload", "stats",
            "report", "gentle", "check-config", "stretches"]


def start_probe(h):
    if h.session_bus is None:
        h.start_session_bus()
    h.limberd_path = os.path.join(h.build_dir, "tests", "bus-probe")
    h.state_dir = state_dir(h)
    os.makedirs(h.state_dir, exist_ok=True)
    h.start_daemon("--state-dir", h.state_dir)
    h.wait_log("ready")


def calls(h):
    return [line[5:] for line in h.daemon_output().splitlines() if line.startswith("call ")]


def test_help_lists_every_command(h):
    out = h.ctl("--help").stdout
    for command in COMMANDS:
        check(re.search(rf"^  {re.escape(command)}\b", out, re.M), f"--help does not list {command}: {out}")


def test_no_daemon(h):
    h.start_session_bus()
    for args in (["status"], ["status", "--json"], ["pause"], ["pause", "45m"], ["resume"], ["start"],
                 ["snooze"], ["skip"], ["reload"], ["stats"], ["stats", "--json", "--days", "3"]):
        proc = h.ctl(*args, check=False)
        check(proc.returncode == 1, f"limberctl {' '.join(args)}: exit {proc.returncode}, want 1")
        check(START_HINT in proc.stderr, f"limberctl {' '.join(args)}: no hint how to start: {proc.stderr!r}")
        check(proc.stdout == "", f"limberctl {' '.join(args)} printed {proc.stdout!r}")


def test_usage_errors(h):
    start_probe(h)
    for args in (["bogus"], [], ["pause", "5x"], ["pause", "1h", "2h"], ["stats", "--days", "0"],
                 ["stats", "--days", "400"], ["status", "extra"], ["watch", "--format", "nope"],
                 ["status", "--no-such-option"], ["resume", "now"]):
        proc = h.ctl(*args, check=False)
        check(proc.returncode == 2, f"limberctl {' '.join(args)}: exit {proc.returncode}, want 2")
        check("limberctl" in proc.stderr and proc.stderr.strip(), f"no message for {args}: {proc.stderr!r}")
    check(calls(h) == [], f"a usage error reached the daemon: {calls(h)}")


def test_status(h):
    start_probe(h)
    line = h.ctl("status").stdout.strip()
    check(re.fullmatch(r"Sitting \d+ min · movement break in \d+ min", line), f"status line {line!r}")
    s = status_json(h)
    check(s["state"] == "sitting", f"state {s['state']!r}")
    check(s["text"] == line, f"text {s['text']!r}, but status said {line!r}")
    check(s["line"].startswith("Sitting since "), f"line {s['line']!r}")
    check(s["next_break_due_us"] > s["sitting_since_us"] > 0, f"times {s}")
    check(s["paused_until_us"] is None and s["away_since_us"] is None, f"none-times not null: {s}")
    check(s["today"]["breaks_due"] == 1 and s["today"]["sitting_us"] > 0, f"today {s['today']}")


def test_methods(h):
    start_probe(h)
    h.ctl("snooze")
    out = h.ctl("pause", "45m").stdout
    check(out.startswith("Limber is paused until "), f"pause said {out!r}")
    s = status_json(h)
    check(s["state"] == "paused" and not s["paused_until_resumed"], f"after pause 45m: {s}")
    check(s["paused_until_us"] - s["now_us"] <= 45 * 60 * 10**6, "pause longer than asked")
    check(h.ctl("status").stdout.startswith("Paused · "), "status while paused")
    h.ctl("resume")
    h.ctl("start")
    check(status_json(h)["state"] == "in-break", "start did not start a break")
    h.ctl("skip")
    h.ctl("reload")
    h.ctl("pause")
    s = status_json(h)
    check(s["state"] == "paused" and s["paused_until_resumed"], f"after pause: {s}")
    check(h.ctl("status").stdout.strip() == "Paused until resumed", "status while paused indefinitely")
    want = ["Snooze", "Pause 2700000000", "Resume", "StartBreak", "Skip", "Reload", "Pause 0"]
    check(calls(h) == want, f"calls {calls(h)}, want {want}")
    today = s["today"]
    check(today["snoozed"] == 1 and today["taken_guided"] == 1 and today["skipped"] == 1, f"today {today}")


def test_errors(h):
    start_probe(h)
    h.ctl("pause")
    proc = h.ctl("snooze", check=False)
    check(proc.returncode == 3, f"snooze while paused: exit {proc.returncode}")
    check(proc.stderr.strip() == "limberctl: There is no reminder to snooze right now.", repr(proc.stderr))
    open(os.path.join(h.state_dir, "reload-fails"), "w").close()
    proc = h.ctl("reload", check=False)
    check(proc.returncode == 3 and "limber.conf:3: sit-limit" in proc.stderr, repr(proc.stderr))
    check("GDBus" not in proc.stderr, f"the D-Bus error name leaks: {proc.stderr!r}")
    proc = h.ctl("pause", "25h", check=False)
    check(proc.returncode == 3 and "at most 24 hours" in proc.stderr, repr(proc.stderr))
    for method, args, sig in (("Pause", (25 * 3600 * 10**6,), "(t)"), ("GetHistory", (0,), "(u)")):
        name, message = bus_error(h, method, args, sig)
        check(name == "org.limber.Error.InvalidArgument", f"{method}{args}: {name}: {message}")
    name, message = bus_error(h, "Snooze")
    check(name == "org.limber.Error.NotApplicable", f"Snooze while paused: {name}: {message}")
    check("Pause 90000000000" not in calls(h), "an over-long pause reached the callback")


def test_stats(h):
    start_probe(h)
    out = h.ctl("stats").stdout
    rows = [l for l in out.splitlines() if re.match(r"^\w{3} \d{4}-\d\d-\d\d ", l)]
    check(len(rows) == 7, f"want 7 day rows:\n{out}")
    check(re.search(r"5 h +1 h 10 min +1 +4/5$", rows[-2]), f"yesterday's row: {rows[-2]!r}")
    check("Habit: day 1 of a first 30-day milestone." in out, f"no habit line:\n{out}")
    data = json.loads(h.ctl("stats", "--json").stdout)
    check(len(data["days"]) == 7 and data["habit_days"] == 1 and data["habit_goal"] == 30, f"{data}")
    yesterday = data["days"][-2]
    check(yesterday["long_bouts"] == 1 and yesterday["longest_bout_us"] == 70 * 60 * 10**6, f"{yesterday}")
    check(yesterday["taken_natural"] == 4 and yesterday["breaks_due"] == 5, f"{yesterday}")
    check(data["days"][0]["sitting_us"] == 0, "a day without records is not zero")
    data = json.loads(h.ctl("stats", "--json", "--days", "3").stdout)
    check([d["date"] for d in data["days"]] == sorted(d["date"] for d in data["days"]), "not oldest first")
    check(len(data["days"]) == 3, f"--days 3 gave {len(data['days'])}")


def test_watch_one_line_per_change(h):
    start_probe(h)
    proc, lines = start_watch(h)
    first = lines.next()
    check(first.startswith("Sitting since "), f"first line {first!r}")
    lines.assert_silent()
    for args, want in ((["pause", "45m"], "Paused until "), (["resume"], "Sitting since "),
                       (["start"], "Taking a movement break"), (["skip"], "Sitting since "),
                       (["pause"], "Paused until resumed")):
        h.ctl(*args)
        line = lines.next()
        check(line.startswith(want), f"after {args}: {line!r}, want {want!r}…")
        lines.assert_silent()
    h.ctl("reload")  # changes nothing: no line
    lines.assert_silent()
    proc.terminate()
    check(proc.wait(timeout=5) == 0, "watch did not exit cleanly on SIGTERM")


def test_watch_waybar(h):
    start_probe(h)
    proc, lines = start_watch(h, "--format", "waybar")
    first = json.loads(lines.next())
    check(set(first) == {"version", "text", "tooltip", "class", "percentage"}, f"keys {sorted(first)}")
    check(first["class"] == "sitting" and 0 <= first["percentage"] <= 100, f"{first}")
    check("Today: " in first["tooltip"], f"tooltip {first['tooltip']!r}")
    h.ctl("pause", "1h")
    second = json.loads(lines.next())
    check(second["class"] == "paused" and second["text"].startswith("Paused until "), f"{second}")
    lines.assert_silent()
    # The daemon goes away: one "stopped" line; it comes back: one line with its state.
    h.stop_daemon()
    stopped = json.loads(lines.next())
    check(stopped["class"] == "stopped", f"{stopped}")
    lines.assert_silent()
    start_probe(h)
    back = json.loads(lines.next())
    check(back["class"] == "sitting", f"{back}")
    proc.terminate()
    proc.wait(timeout=5)


def test_watch_json(h):
    start_probe(h)
    proc, lines = start_watch(h, "--format", "json")
    check(json.loads(lines.next())["state"] == "sitting", "first json line")
    h.ctl("start")
    check(json.loads(lines.next())["state"] == "in-break", "second json line")
    proc.terminate()
    proc.wait(timeout=5)


def test_watch_json_across_restart(h):
    # Every line of --format json is one JSON object: the status object while the daemon runs
    # (the keys of status --json), {"version": 1, "state": "stopped", "text": ...} while it does not.
    start_probe(h)
    keys = set(status_json(h))
    proc, lines = start_watch(h, "--format", "json")

    def next_object():
        line = lines.next()
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise TestFailure(f"not JSON ({e}): {line!r}") from None
        check(isinstance(obj, dict), f"not a JSON object: {line!r}")
        return obj
    first = next_object()
    check(set(first) == keys and first["state"] == "sitting", f"first line {first}")
    h._stop(h.daemon)
    h.forget(h.daemon)
    stopped = next_object()
    check(stopped == {"version": 1, "state": "stopped", "text": "Limber is not running"},
          f"stopped line {stopped}")
    lines.assert_silent()
    start_probe(h)
    back = next_object()
    check(set(back) == keys and back["state"] == "sitting", f"line after the restart {back}")
    proc.terminate()
    check(proc.wait(timeout=5) == 0, "watch did not exit cleanly on SIGTERM")

def test_single_instance(h):
    start_probe(h)
    second = h.spawn("second probe", [h.limberd_path, "--state-dir", h.state_dir], env=h.env,
                     stdout=subprocess.PIPE, text=True)
    out, _ = second.communicate(timeout=10)
    check(second.returncode == 1 and "name lost" in out, f"second instance: exit {second.returncode}, {out!r}")
    check(h.ctl("status").returncode == 0, "the first instance stopped answering")


def test_config_commands(h):
    shipped = os.path.join(SOURCE_DIR, "config", "limber.conf")
    proc = h.ctl("check-config", shipped, check=False)
    check(proc.returncode == 0 and proc.stdout == "", f"shipped config: {proc.returncode} {proc.stdout!r}")
    bad = h.write_config("[breaks]\nsit-limit = 30\nsit-limt = 5m\n")
    proc = h.ctl("check-config", bad, check=False)
    check(proc.returncode == 1, f"bad config: exit {proc.returncode}")
    check("limber.conf:2" in proc.stdout and "sit-limit" in proc.stdout, f"no file:line: {proc.stdout!r}")
    check("limber.conf:3" in proc.stdout and "did you mean" in proc.stdout.lower(), f"{proc.stdout!r}")
    # stretches reads the user's file: an invalid one is reported, a valid one used.
    check(h.ctl("stretches", check=False).returncode == 1, "stretches ignored an invalid config")
    h.write_config("[breaks]\nsit-limit = 45m\n")
    listing = h.ctl("stretches").stdout
    check("hip-flexor-standing" in listing, f"listing: {listing[:300]!r}")
    one = h.ctl("stretches", "hip-flexor-standing").stdout
    check(len(one.splitlines()) > 3, f"one stretch: {one!r}")
    proc = h.ctl("stretches", "no-such-stretch", check=False)
    check(proc.returncode == 1 and proc.stdout + proc.stderr != "", "unknown id accepted")

