"""Presence on Wayland, against real compositors: the ext-idle-notify backend under sway and the
GNOME backend under mutter, headless, watched through tests/presence-probe --backend; and the
real limberd at each desk with the mock notification server (*_cycle, *_killed, *_status). The
user's hands are wtype in the root (sway) and one RemoteDesktop session (mutter).

Two roots:
  - Debian 13 (tools/trixie-root; tests/rig/rig.py): sway 1.10 (wlroots 0.18), whose
    ext_idle_notifier_v1 is version 1, and mutter 48. Cases sway_* and gnome_*.
  - Debian testing (tools/trixie-root --sway2, at $LIMBER_SWAY2_ROOT, default
    /var/tmp/limber-sway2), for ext-idle-notify version 2 (get_input_idle_notification, wlroots
    0.19 and later): sway 1.12 (wlroots 0.20) when this was written, with foot and swayidle.
    Cases sway2_*.

Without root or a root each case skips with one line saying why; with CI=true a missing root
fails. The compositors' versions are printed at the start of each case.
"""

import contextlib
import glob
import json
import os
import re
import subprocess
import threading
import time

import rig
from harness import NotifyListener, boot_us, check, wait_for
from cases import (US_PER_S, Probe, check_saved_at_exit, days, is_movement, now_ms, properties, quiet,
                   read_history, state, status_json, wait_state)

PROBE = ("--no-logind", "--stdin")


# -- desks: one compositor and the hands at it -----------------------------------------

class SwayDesk:
    backend = "wayland"

    def __init__(self, h, chroot, sway, mode):
        self.h, self.chroot, self.sway = h, chroot, sway
        self.mode = mode  # the ext_idle_notifier_v1 version the probe should bind: v1 or v2
        self.env = sway.client_env(h.env)

    def swaymsg(self, *args):
        sock = glob.glob(os.path.join(self.sway.runtime, "sway-ipc.*.sock"))
        check(len(sock) == 1, f"sway's IPC socket: {sock}")
        return self.chroot.run(["swaymsg", *args], env=self.sway.client_env({"SWAYSOCK": sock[0]}))

    def poke(self):
        """One key press in the root; (before, after) in boot ms around it."""
        before = now_ms()
        self.sway.type("a")
        return before, now_ms()

    @contextlib.contextmanager
    def typing(self, count, interval_ms=500):
        """`count` key presses `interval_ms` apart, from one wtype: its one virtual keyboard lives
        throughout, so the seat's capabilities (which every seat client hears) do not change at
        each key as they would with a wtype per key on a seat without a real keyboard."""
        argv = ["wtype", "a"]
        for _ in range(count - 1):
            argv += ["-s", str(interval_ms), "a"]
        proc = self.chroot.spawn("wtype", argv, env=self.sway.client_env(),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield proc
        finally:
            rig.stop(proc)
            self.chroot.forget(proc)

    def kill(self):
        self.sway.proc.kill()


class MutterDesk:
    backend, mode = "gnome", "mutter"

    def __init__(self, h, mutter, hands):
        self.h, self.mutter, self.hands = h, mutter, hands
        self.env = mutter.client_env(h.env)

    def poke(self):
        before = now_ms()
        self.hands.motion(1, 0)
        return before, now_ms()

    @contextlib.contextmanager
    def typing(self, count, interval_ms=500):
        stop = threading.Event()

        def run():
            for _ in range(count):
                self.hands.motion(1, 0)
                if stop.wait(interval_ms / 1000):
                    return
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        try:
            yield thread
        finally:
            stop.set()
            thread.join(timeout=5)

    def kill(self):
        self.mutter.proc.kill()


def sway2_root():
    """The Debian testing root whose sway offers ext-idle-notify version 2 (tools/trixie-root
    --sway2), or a skip (a failure with CI=true, like every rig part)."""
    root = os.environ.get("LIMBER_SWAY2_ROOT") or "/var/tmp/limber-sway2"
    rig.need(os.geteuid() == 0, "the rig needs root (chroot, mount)")
    rig.need(os.path.exists(os.path.join(root, ".limber-root-complete")),
             f"no Debian testing root with a sway that offers ext-idle-notify v2 at {root} "
             "(build it with tools/trixie-root --sway2)")
    return root


@contextlib.contextmanager
def sway_desk(h, config=rig.Sway.DEFAULT_CONFIG, v2=False):
    root = sway2_root() if v2 else rig.require_root()
    with rig.Chroot(root) as chroot, rig.Sway(chroot, h.tmp, config) as sway:
        print(f"compositor: {sway.version()}")
        yield SwayDesk(h, chroot, sway, "v2" if v2 else "v1")


@contextlib.contextmanager
def sway2_desk(h, config=rig.Sway.DEFAULT_CONFIG):
    with sway_desk(h, config, v2=True) as desk:
        yield desk


@contextlib.contextmanager
def mutter_desk(h):
    root = rig.require_root()
    with rig.Chroot(root) as chroot, rig.Mutter(chroot, h.tmp) as mutter, \
            mutter.input() as hands:
        print(f"compositor: {mutter.version()}")
        yield MutterDesk(h, mutter, hands)


DESKS = {"sway": sway_desk, "sway2": sway2_desk, "gnome": mutter_desk}


def start(h, desk, *args, env=None):
    # The version-2 cases are about `[presence] media-playback = away`: only input counts.
    input_only = ("--input-only",) if desk.mode == "v2" else ()
    probe = Probe(h, "--backend", desk.backend, *PROBE, *input_only, *args, env=env or desk.env,
                  stdin=subprocess.PIPE)
    t, ready = probe.wait("ready")
    check((ready["backend"], ready["mode"]) == (desk.backend, desk.mode), f"ready line {ready}")
    return probe, t


def command(probe, line):
    probe.proc.stdin.write(line + "\n")
    probe.proc.stdin.flush()


def quiet_switches(probe, seconds):
    """The probe's context switches over `seconds` of waiting."""
    before = probe.switches()
    time.sleep(seconds)
    return probe.switches() - before


# -- the cases, each run for both desks -----------------------------------------------------

def away_in_time(h, desk):
    probe, _ = start(h, desk, "--threshold-ms", "1000")
    before, after = desk.poke()
    t, away = probe.wait("away", timeout=4.0)
    check(t - after - 1000 <= 1000, f"away {t - after - 1000:.0f} ms after the threshold")
    check(t >= before + 1000 - 50, f"away {before + 1000 - t:.0f} ms before the threshold")
    # sway: now − threshold at `idled`; mutter: now − GetIdletime.
    check(before - 20 <= away["since_ms"] <= after + 500,
          f"since_ms {away['since_ms']} but the input was in [{before:.0f}, {after:.0f}]")


def back_in_time(h, desk):
    probe, _ = start(h, desk, "--threshold-ms", "700")
    probe.wait("away", timeout=4.0)
    time.sleep(0.2)
    woke = quiet_switches(probe, 3.0)
    print(f"wake-ups while away for 3 s: {woke}")
    check(woke <= 2, f"{woke} wake-ups while away")
    before, after = desk.poke()
    t, back = probe.wait("back", timeout=3.0)
    check(t - after <= 1000, f"back {t - after:.0f} ms after the input")
    check(before - 20 <= back["at_ms"] <= after + 500,
          f"at_ms {back['at_ms']} outside the input [{before:.0f}, {after:.0f}]")
    probe.wait("away", count=2, timeout=4.0)  # and the cycle re-arms


def started_idle(h, desk):
    time.sleep(1.3)  # no input since the compositor started
    probe, t_ready = start(h, desk, "--threshold-ms", "1000")
    t, away = probe.wait("away", timeout=3.0)
    if desk.backend == "gnome":
        # Mutter counts from the last input: the watch fires at once, GetIdletime says how long.
        check(t - t_ready <= 300, f"away {t - t_ready:.0f} ms after start, want at once")
        check(away["idle_ms"] >= 1250, f"idle_ms {away['idle_ms']}: GetIdletime was not used")
    else:
        # ext-idle-notify counts from the notification's creation (the protocol says so).
        check(1000 - 50 <= t - t_ready <= 2000, f"away {t - t_ready:.0f} ms after start")
    desk.poke()
    probe.wait("back", timeout=2.0)


def no_away_while_active(h, desk):
    probe, _ = start(h, desk, "--threshold-ms", "1000")
    with desk.typing(40, 500):
        time.sleep(1.0)  # the first input reached the compositor
        woke = quiet_switches(probe, 18.0)
    print(f"wake-ups during 18 s of input every 0.5 s: {woke}")
    check(probe.events("away") == [], f"away while typing: {probe.events('away')}")
    check(woke <= 2, f"{woke} wake-ups while the user types")
    probe.wait("away", timeout=3.0)  # and the same probe sees the user leave


def expect_return(h, desk):
    """After a resume the user counts as away until the next input, which is BACK."""
    probe, _ = start(h, desk, "--threshold-ms", "60000")
    desk.poke()
    command(probe, "expect-return")
    probe.wait("expect-return")
    time.sleep(1.5)
    check(probe.events("back") == [] and probe.events("away") == [],
          f"events before any input: {probe.events()}")
    before, after = desk.poke()
    t, back = probe.wait("back", timeout=3.0)
    check(t - after <= 1000, f"back {t - after:.0f} ms after the input")
    check(back["at_ms"] >= before - 20, f"at_ms {back['at_ms']} before the input at {before:.0f}")
    # The watch for the return is gone: typing wakes the probe no more.
    with desk.typing(8, 250):
        time.sleep(0.5)
        woke = quiet_switches(probe, 1.5)
    print(f"wake-ups while typing after the return: {woke}")
    check(woke <= 2, f"{woke} wake-ups while typing after the return")
    check(len(probe.events("back")) == 1, f"lines {probe.events()}")


def threshold_while_away(h, desk):
    """A new threshold while away: the next input is still BACK, the new threshold then holds."""
    probe, _ = start(h, desk, "--threshold-ms", "700")
    probe.wait("away", timeout=4.0)
    command(probe, "threshold 4000")
    probe.wait("threshold")
    time.sleep(1.0)
    check(probe.events("back") == [], f"back without input: {probe.events()}")
    _, after = desk.poke()
    t, _ = probe.wait("back", timeout=3.0)
    check(t - after <= 1000, f"back {t - after:.0f} ms after the input")
    t2, _ = probe.wait("away", count=2, timeout=7.0)
    check(t2 - after >= 4000 - 50, f"away again {t2 - after:.0f} ms after the input, not 4 s")


def lost(h, desk):
    probe, _ = start(h, desk, "--threshold-ms", "60000")
    desk.kill()
    probe.wait("lost", timeout=5.0)
    rc = probe.finish()
    check(rc == 0, f"exit status {rc} after the compositor died")
    check(len(probe.events("lost")) == 1, f"lines {probe.events()}")


CASES = {"away_in_time": away_in_time, "back_in_time": back_in_time, "started_idle": started_idle,
         "no_away_while_active": no_away_while_active, "expect_return": expect_return,
         "threshold_while_away": threshold_while_away, "lost": lost}


def _register():
    for desk_name, make_desk in DESKS.items():
        for case_name, case in CASES.items():
            def test(h, make_desk=make_desk, case=case):
                with make_desk(h) as desk:
                    case(h, desk)
            test.__name__ = f"test_{desk_name}_{case_name}"
            globals()[test.__name__] = test


_register()


# -- the real limberd at each desk -----------------------------------------------------

# A movement break after 4 s of sitting; 2 s without input is a natural break (and, with
# micro-breaks off, the away threshold too).
CYCLE = """\
[breaks]
sit-limit = 4s
break-length = 2s
micro-interval = 0
micro-length = 1s
snooze = 3s
max-snoozes = 2
"""
HANDS_MS = 400  # the user's hands at the desk: one input this often, well inside break-length


@contextlib.contextmanager
def limberd_at(h, desk, config=CYCLE):
    """limberd at `desk` as a user's session starts it: no --backend (the session's choice), on
    the desk's session bus (mutter's own under GNOME, a private one beside sway) with the mock
    notification server there too. At the end it must stop cleanly on SIGTERM, unless the case
    has seen it exit."""
    if desk.backend == "gnome":
        h.join_session_bus(desk.mutter.bus_address)
        display = desk.mutter.client_env()
    else:
        h.start_session_bus()
        display = desk.sway.client_env()
    h.env.update(WAYLAND_DISPLAY=display["WAYLAND_DISPLAY"], XDG_RUNTIME_DIR=display["XDG_RUNTIME_DIR"],
                 XDG_SESSION_TYPE="wayland")
    h.start_notifications()
    h.write_config(config)
    daemon = h.start_daemon()
    yield daemon
    if daemon.poll() is None:
        code = h.stop_daemon()
        check(code == 0, f"limberd exited {code} on SIGTERM")


def hands(desk):
    """The user at the keyboard (sway) or the mouse (mutter) until the block ends."""
    return desk.typing(200, HANDS_MS)


def cycle(h, desk):
    """A whole reminder: sitting until it is due, the user walks away for break-length (the
    popup goes, a natural break is credited), and comes back (the sitting clock restarts)."""
    with limberd_at(h, desk):
        since_s = status_json(h)["sitting_since_us"] / US_PER_S
        with hands(desk):
            n = h.wait_notification(is_movement, timeout=15, what="the movement reminder")
            # The mock logs whole milliseconds; limberctl's wall times come from boot times.
            check(n["at"] - since_s >= 4 - 0.01, f"the reminder {n['at'] - since_s:.3f} s into sitting, want 4 s")
            check(state(h) == "sitting", f"state {state(h)!r} with the reminder open")
        left = time.time()  # the last input was at most HANDS_MS before this
        wait_for(lambda: n["id"] in h.closed_ids(), 10, "CloseNotification after break-length away")
        closed_at = [t for (t, _, args) in h.notify_calls("CloseNotification") if args[0] == n["id"]][0]
        check(closed_at - left >= 2 - HANDS_MS / 1000 - 0.1,
              f"withdrawn {closed_at - left:.2f} s after the hands stopped: before break-length")
        wait_for(lambda: properties(h)["Today"]["taken-natural"] == 1, 5, "the natural break on the bus")
        today = json.loads(h.ctl("stats", "--json", "--days", "1").stdout)["days"][-1]
        check(today["taken_natural"] == 1 and today["breaks_due"] == 1, f"stats today {today}")
        check(state(h) == "away", f"state {state(h)!r} after the natural break")
        before = time.time()
        desk.poke()
        wait_state(h, "sitting", timeout=5)
        s = status_json(h)
        back_s = s["sitting_since_us"] / US_PER_S
        check(before - 0.05 <= back_s <= time.time(), f"sitting since {back_s - before:+.2f} s from the return")
        check(s["next_break_due_us"] - s["sitting_since_us"] == 4 * US_PER_S, f"next break due {s}")
        check(s["today"]["taken_natural"] == 1, f"today {s['today']}")


def killed(h, desk):
    """The compositor dies under limberd: it withdraws the reminder, saves and exits 0."""
    with limberd_at(h, desk) as daemon:
        with hands(desk):
            n = h.wait_notification(is_movement, timeout=15, what="the movement reminder")
        killed_at_us = boot_us()  # any save before the kill is older than this
        desk.kill()
        check(daemon.wait(timeout=10) == 0, f"limberd exited {daemon.returncode}")
        h.forget(daemon)
        check("went away; saving state and stopping" in h.daemon_output(), "no word of the compositor")
        groups = read_history(h)
        sitting_us = sum(int(d.get("sitting-us", 0)) for d in days(groups).values())
        check(sitting_us >= 3 * US_PER_S, f"sitting time not recorded: {groups}")
        check(int(days(groups)[max(days(groups))].get("breaks-due", 0)) == 1, f"the due break: {groups}")
        check_saved_at_exit(groups, killed_at_us)
        if desk.backend == "gnome":  # the notification server lives on mutter's bus, which stays
            check(n["id"] in h.closed_ids(), "the reminder was left open")


def status(h, desk):
    """limberctl names the backend and what it cannot see, and so does the service's status; no X11
    library is loaded."""
    notify = NotifyListener(h)
    with limberd_at(h, desk, quiet()):
        s = status_json(h)
        check(s["presence"]["backend"] == desk.backend, f"presence {s['presence']}")
        notes = " ".join(s["presence"]["notes"])
        check("fullscreen" in notes, f"no word of fullscreen windows: {notes!r}")
        # Both obey idle inhibitors: ext-idle-notify version 1 and mutter's watches.
        check("inhibitors" in notes, f"no word of idle inhibitors: {notes!r}")
        if desk.backend == "wayland":
            check("version 1" in notes, f"notes {notes!r}")
        text = h.ctl("status").stdout
        check(all(note in text for note in s["presence"]["notes"]), f"limberctl status:\n{text}")
        _, first = notify.wait("STATUS")
        check(first["STATUS"].endswith(f"({desk.backend})"), f"STATUS {first['STATUS']!r}")
        # Xlib and its extensions are opened for the X11 backend alone: here they are never mapped.
        with open(f"/proc/{h.daemon.pid}/maps") as f:
            x11 = sorted({line.split()[-1] for line in f if re.search(r"/lib(X11|Xext|Xss|xcb)\.so", line)})
        check(not x11, f"X11 libraries mapped under {desk.backend}: {x11}")


def _register_daemon_cases():
    # Short names: the test's directory carries the name, and sway's IPC socket under it must
    # fit in a socket address (108 bytes).
    for case_name, case in {"cycle": cycle, "killed": killed, "status": status}.items():
        for desk_name in ("sway", "gnome"):
            def test(h, make_desk=DESKS[desk_name], case=case):
                with make_desk(h) as desk:
                    case(h, desk)
            test.__name__ = f"test_{desk_name}_{case_name}"
            globals()[test.__name__] = test


_register_daemon_cases()


# -- what ext-idle-notify is asked for ------------------------------------------------

def requests(probe, what):
    """The ext-idle-notify requests the probe sent (WAYLAND_DEBUG=client on its stderr)."""
    with probe.lock:
        return [line for _, line in probe.err if " -> " in line and what in line]


def notification_requests(h, desk, count, input_only=True):
    probe = Probe(h, "--backend", "wayland", *PROBE, "--threshold-ms", "700",
                  *(("--input-only",) if input_only else ()),
                  env=dict(desk.env, WAYLAND_DEBUG="client"), stdin=subprocess.PIPE)
    probe.wait("ready")
    wait_for(lambda: len(requests(probe, "idle_notification(")) >= count, 3.0,
             f"{count} notification requests")
    time.sleep(0.2)  # and no more
    return probe


def test_sway_requests(h):
    """Version 1: one regular notification at the threshold, nothing input-only."""
    with sway_desk(h) as desk:
        probe = notification_requests(h, desk, 1)
        made = requests(probe, "idle_notification(")
        check(len(made) == 1 and ".get_idle_notification(" in made[0] and ", 700, " in made[0],
              f"requests {made}")


def test_sway2_requests(h):
    """Version 2: the input-only notification and the regular fallback, both at the threshold;
    the fallback goes once the input-only one has sent `resumed`."""
    with sway2_desk(h) as desk:
        probe = notification_requests(h, desk, 2)
        made = requests(probe, "idle_notification(")
        check(len(made) == 2, f"requests {made}")
        check(".get_input_idle_notification(" in made[0] and ", 700, " in made[0], f"{made}")
        check(".get_idle_notification(" in made[1] and ", 700, " in made[1], f"{made}")
        fallback = made[1].split("ext_idle_notification_v1@")[1].split(",")[0]
        probe.wait("away", timeout=4.0)
        check(requests(probe, "destroy(") == [], f"destroyed before any return: {probe.err}")
        desk.poke()
        probe.wait("back", timeout=3.0)
        destroyed = wait_for(lambda: requests(probe, ".destroy("), 3.0, "the fallback's destroy")
        check(destroyed == [d for d in destroyed if f"ext_idle_notification_v1@{fallback}.destroy("
                                                     in d], f"destroyed {destroyed}")


def test_sway2_sitting(h):
    """Version 2 with the default `media-playback = sitting`: one regular notification, which
    an idle inhibitor holds back, as on version 1, X11 and GNOME."""
    with sway2_desk(h) as desk:
        probe = notification_requests(h, desk, 1, input_only=False)
        made = requests(probe, "idle_notification(")
        check(len(made) == 1 and ".get_idle_notification(" in made[0] and ", 700, " in made[0],
              f"requests {made}")


def test_sway2_inhibitor_ignored(h):
    """Version 2 sees a walk away from a window that inhibits idle (a video player, say): foot
    with sway's `inhibit_idle open`. swayidle, on regular notifications, is the control: it
    must not go idle meanwhile, or the inhibitor did not hold."""
    config = rig.Sway.DEFAULT_CONFIG + 'for_window [app_id="foot"] inhibit_idle open\n'
    with sway2_desk(h, config) as desk:
        foot = desk.chroot.spawn("foot", ["foot", "sleep", "600"],
                                 env=desk.sway.client_env({"HOME": "/root"}),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: '"inhibit_idle": true' in desk.swaymsg("-t", "get_tree").stdout, 10.0,
                 "foot to map with inhibit_idle on")
        control = os.path.join(h.tmp, "swayidle.log")
        with open(control, "w") as log:
            desk.chroot.spawn("swayidle", ["swayidle", "-w", "timeout", "1", "echo idle"],
                              env=desk.sway.client_env(), stdout=log, stderr=subprocess.STDOUT)
        probe, _ = start(h, desk, "--threshold-ms", "1000")
        _, after = desk.poke()
        t, _ = probe.wait("away", timeout=4.0)
        check(t - after - 1000 <= 1000, f"away {t - after - 1000:.0f} ms after the threshold")
        time.sleep(1.0)
        with open(control) as f:
            check("idle" not in f.read().split(), "swayidle went idle: the inhibitor did not hold")
        desk.poke()
        probe.wait("back", timeout=3.0)
        # The control works: without the window, swayidle goes idle.
        rig.stop(foot)

        def control_idle():
            with open(control) as f:
                return "idle" in f.read().split()
        wait_for(control_idle, 5.0, "swayidle to go idle once foot is gone")


# -- choosing the backend -------------------------------------------------------------

def run_probe(h, env, *args):
    path = os.path.join(h.build_dir, "tests", "presence-probe")
    return subprocess.run([path, "--no-logind", *args], env=env, capture_output=True, text=True,
                          timeout=20, stdin=subprocess.DEVNULL)


def first_line(h, env, *args):
    """The probe's first stdout line (it keeps running after it), or its error."""
    path = os.path.join(h.build_dir, "tests", "presence-probe")
    proc = subprocess.Popen([path, "--no-logind", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        line = proc.stdout.readline().strip()
    finally:
        rig.stop(proc)
    return line, proc.stderr.read()


def test_sway_auto(h):
    """On sway, with a session bus but no mutter, auto picks ext-idle-notify; version 1 comes
    with the note that idle inhibitors can hide idleness."""
    h.start_session_bus()
    with sway_desk(h) as desk:
        env = dict(desk.env, XDG_SESSION_TYPE="wayland")
        probe = Probe(h, "--backend", "auto", *PROBE, env=env, stdin=subprocess.PIPE)
        _, ready = probe.wait("ready")
        check((ready["backend"], ready["mode"]) == ("wayland", "v1"), f"ready {ready}")
        probe.wait("note")
        note = probe.events("note")[0][1]
        check("idle inhibitors" in note and "video" in note, f"note {note!r}")


def test_gnome_auto(h):
    """Under mutter (which has no ext-idle-notify), auto picks the idle monitor on the bus."""
    with mutter_desk(h) as desk:
        line, err = first_line(h, desk.env, "--backend", "auto")
        check(line.startswith("ready backend=gnome "), f"first line {line!r}, stderr {err!r}")


def test_mutter_wayland_lacks_idle_notify(h):
    """Mutter's Wayland display without its bus: ext-idle-notify is missing, and auto says that
    neither way of measuring is there, in one line."""
    with mutter_desk(h) as desk:
        # Mutter's bus socket is in its XDG_RUNTIME_DIR: name the display by its full path.
        env = dict(h.env, WAYLAND_DISPLAY=os.path.join(desk.env["XDG_RUNTIME_DIR"],
                                                       desk.env["WAYLAND_DISPLAY"]))
        r = run_probe(h, env, "--backend", "wayland")
        check(r.returncode == 1, f"exit {r.returncode}: {r.stdout} {r.stderr}")
        check(r.stderr.count("\n") == 1 and "no ext-idle-notify-v1" in r.stderr, repr(r.stderr))
        r = run_probe(h, env, "--backend", "auto")
        check(r.returncode == 1, f"exit {r.returncode}: {r.stdout} {r.stderr}")
        check(r.stderr.count("\n") == 1 and "neither ext-idle-notify-v1 nor GNOME's idle monitor"
              in r.stderr, repr(r.stderr))


def test_never_x11_on_wayland(h):
    """A reachable X server does not make auto use X11 when the session is Wayland."""
    h.start_x()
    for extra in ({"WAYLAND_DISPLAY": "wayland-none", "XDG_SESSION_TYPE": "wayland"},
                  {"WAYLAND_DISPLAY": "wayland-none", "XDG_SESSION_TYPE": ""},
                  {"XDG_SESSION_TYPE": "wayland"}):
        r = run_probe(h, dict(h.env, **extra), "--backend", "auto")
        check(r.returncode == 1 and "ready" not in r.stdout, f"{extra}: exit {r.returncode} {r.stdout}")
        check(r.stderr.count("\n") == 1 and "Wayland compositor" in r.stderr, f"{extra}: {r.stderr!r}")
    # Said explicitly, X11 is used (through Xwayland, say); auto on X11 picks it too.
    line, err = first_line(h, dict(h.env, WAYLAND_DISPLAY="wayland-none"), "--backend", "x11")
    check(line.startswith("ready backend=x11 "), f"{line!r} {err!r}")
    line, err = first_line(h, h.env, "--backend", "auto")
    check(line.startswith("ready backend=x11 "), f"{line!r} {err!r}")


def test_gnome_not_running(h):
    """--backend gnome on a session bus without mutter: one sentence, exit 1."""
    h.start_session_bus()
    r = run_probe(h, h.env, "--backend", "gnome")
    check(r.returncode == 1, f"exit {r.returncode}")
    check(r.stderr.count("\n") == 1 and "org.gnome.Mutter.IdleMonitor" in r.stderr, repr(r.stderr))


def test_no_session_at_all(h):
    """Neither DISPLAY nor WAYLAND_DISPLAY nor a GNOME bus: one sentence naming both."""
    r = run_probe(h, h.env, "--backend", "auto")
    check(r.returncode == 1, f"exit {r.returncode}")
    check(r.stderr.count("\n") == 1 and "DISPLAY is not set" in r.stderr
          and "WAYLAND_DISPLAY" in r.stderr, repr(r.stderr))


def test_bad_backend(h):
    r = run_probe(h, h.env, "--backend", "mir")
    check(r.returncode == 2 and "auto, x11, wayland or gnome" in r.stderr, f"{r.returncode} {r.stderr!r}")
