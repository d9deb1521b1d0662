"""Presence on X11 and logind, driven through tests/presence-probe (the presence
modules alone, one stdout line per event) on Xvfb with xdotool as the user's
hands, and a python3-dbusmock logind on a private system bus."""

import os
import signal
import subprocess
import time

from cases import Probe, now_ms
from harness import LOGIND_SESSION_PATH, WAKEUP_PERIOD_S, check, wait_for


def start(h, *args, mode="xsync"):
    probe = Probe(h, *args)
    _, ready = probe.wait("ready")
    check(ready["mode"] == mode, f"mode {ready['mode']}, want {mode}")
    return probe


def poke_timed(h):
    """One input; returns (before, after) in boot ms around it."""
    before = now_ms()
    h.poke()
    return before, now_ms()


# -- the four presence cases, each through XSync and through polling --------------

def away_in_time(h, *flags, mode):
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "1000", *flags, mode=mode)
    _, last_input = poke_timed(h)
    t, away = probe.wait("away", timeout=4.0)
    late = t - last_input - 1000
    check(late <= 1000, f"away {late:.0f} ms after the threshold")
    check(t >= last_input + 1000 - 50, f"away {last_input + 1000 - t:.0f} ms before the threshold")
    check(last_input - 400 <= away["since_ms"] <= last_input + 20,
          f"since_ms {away['since_ms']} but the last input ended at {last_input:.0f}")


def back_in_time(h, *flags, mode):
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "700", *flags, mode=mode)
    probe.wait("away", timeout=4.0)
    before, after = poke_timed(h)
    t, back = probe.wait("back", timeout=3.0)
    # Polling looks once a second while away: allow that plus scheduling.
    limit = 1100 if mode == "poll" else 1000
    check(t - back["at_ms"] <= limit, f"back {t - back['at_ms']:.0f} ms after the input")
    check(before - 20 <= back["at_ms"] <= after + 20,
          f"at_ms {back['at_ms']} outside the input [{before:.0f}, {after:.0f}]")
    # And it goes away again: the cycle re-arms.
    probe.wait("away", count=2, timeout=4.0)


def started_idle(h, *flags, mode):
    h.start_x()
    # The point: no input since the X server started, for longer than the threshold (1 s). The
    # idle time only grows with time, so there is nothing to wait for but the clock.
    time.sleep(1.1)
    probe = Probe(h, "--no-logind", "--threshold-ms", "1000", *flags)
    t_ready, ready = probe.wait("ready")
    check(ready["mode"] == mode, f"mode {ready['mode']}")
    t, away = probe.wait("away", timeout=2.0)
    check(t - t_ready <= 300, f"away {t - t_ready:.0f} ms after start, want at once")
    check(away["idle_ms"] >= 1000, f"idle_ms {away['idle_ms']}")
    h.poke()
    probe.wait("back", timeout=2.0)


def no_away_while_active(h, *flags, mode):
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "1000", *flags, mode=mode)
    end = time.monotonic() + 3.0  # three thresholds of typing
    while time.monotonic() < end:
        h.poke()
        time.sleep(0.3)  # paces the simulated input, well inside the 1 s threshold
    check(probe.events("away") == [], f"away while typing: {probe.events('away')}")
    # Stop: the same probe must now see the user leave.
    probe.wait("away", timeout=3.0)


def test_xsync_away_in_time(h):
    away_in_time(h, mode="xsync")


def test_xsync_back_in_time(h):
    back_in_time(h, mode="xsync")


def test_xsync_started_idle(h):
    started_idle(h, mode="xsync")


def test_xsync_no_away_while_active(h):
    no_away_while_active(h, mode="xsync")


def test_poll_away_in_time(h):
    away_in_time(h, "--poll", mode="poll")


def test_poll_back_in_time(h):
    back_in_time(h, "--poll", mode="poll")


def test_poll_started_idle(h):
    started_idle(h, "--poll", mode="poll")


def test_poll_no_away_while_active(h):
    no_away_while_active(h, "--poll", mode="poll")


# -- logind -----------------------------------------------------------------------

def start_with_logind(h):
    h.start_x()
    h.start_logind()
    h.add_logind_session()
    probe = start(h, "--threshold-ms", "60000")
    _, session = probe.wait("session")
    check(session["path"] == LOGIND_SESSION_PATH, f"session {session['path']}")
    return probe


def test_logind_lock(h):
    probe = start_with_logind(h)
    h.set_locked_hint(True)
    probe.wait("locked")
    h.poke()  # typing the password is input, but only LockedHint ends the lock
    h.set_locked_hint(False)
    probe.wait("unlocked")
    check([l for _, l in probe.events()][-2:] == ["locked", "unlocked"], f"lines {probe.events()}")


def test_logind_switch(h):
    probe = start_with_logind(h)
    h.set_session_active(False)
    probe.wait("inactive")
    h.set_session_active(True)
    probe.wait("active")
    check([l for _, l in probe.events()][-2:] == ["inactive", "active"], f"lines {probe.events()}")


def test_logind_sleep(h):
    probe = start_with_logind(h)
    wait_for(lambda: len(h.inhibitors()) == 1, 3.0, "the sleep delay inhibitor")
    what, who, _why, mode, _uid, _pid = h.inhibitors()[0]
    check((what, mode) == ("sleep", "delay"), f"inhibitor {h.inhibitors()}")
    h.emit_prepare_for_sleep(True)
    probe.wait("sleep")
    wait_for(lambda: h.inhibitors() == [], 3.0, "the inhibitor to be released before sleep")
    h.emit_prepare_for_sleep(False)
    probe.wait("wake")
    wait_for(lambda: len(h.inhibitors()) == 1, 3.0, "the inhibitor to be taken again after resume")


def test_logind_absent(h):
    h.start_x()
    h.env["DBUS_SYSTEM_BUS_ADDRESS"] = "unix:path=" + os.path.join(h.tmp, "no-system-bus")
    probe = start(h, "--threshold-ms", "500")
    _, session = probe.wait("session")
    check(session["path"] == "none", f"session {session}")
    probe.wait("away", timeout=3.0)  # presence works without it
    notices = [l for _, l in probe.err]
    check(len(notices) == 1 and "system bus" in notices[0], f"stderr {notices}")


# -- the X server and the environment -------------------------------------------------

def x_lost(h, *flags, mode):
    h.start_x()
    probe = start(h, "--no-logind", *flags, mode=mode)
    h.xvfb.kill()
    h.xvfb.wait()
    probe.wait("x-lost", timeout=3.0)
    rc = probe.finish()
    check(rc == 0, f"exit status {rc} after the X server died")


def test_x_lost(h):
    x_lost(h, mode="xsync")


def test_poll_x_lost(h):
    """Polling while away: the next poll finds the server gone."""
    x_lost(h, "--poll", "--threshold-ms", "200", mode="poll")


def run(argv, env):
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=10)


def test_no_display(h):
    path = os.path.join(h.build_dir, "tests", "presence-probe")
    proc = run([path, "--no-logind"], h.env)
    check(proc.returncode == 1, f"exit {proc.returncode}")
    check(proc.stderr.count("\n") == 1 and "DISPLAY is not set" in proc.stderr, repr(proc.stderr))
    env = dict(h.env, DISPLAY=":4095")
    proc = run([path, "--no-logind"], env)
    check(proc.returncode == 1, f"exit {proc.returncode}")
    check(proc.stderr.count("\n") == 1 and "DISPLAY=:4095" in proc.stderr, repr(proc.stderr))


def test_wayland_refused(h):
    h.start_x()
    path = os.path.join(h.build_dir, "tests", "presence-probe")
    for extra in ({"WAYLAND_DISPLAY": "wayland-0"}, {"XDG_SESSION_TYPE": "wayland"}):
        proc = run([path, "--no-logind"], dict(h.env, **extra))
        check(proc.returncode == 3, f"{extra}: exit {proc.returncode}")
        check("Wayland" in proc.stderr, repr(proc.stderr))


# -- wake-ups ---------------------------------------------------------------------------

def test_wakeups_typing(h):
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "30000")
    probe.wait_quiet()
    before = probe.switches()
    # The point: WAKEUP_PERIOD_S of key presses, one every 50 ms.
    h.xdotool("type", "--delay", "50", "x" * int(WAKEUP_PERIOD_S * 1000 / 50))
    woke = probe.switches() - before
    print(f"wake-ups while typing for {WAKEUP_PERIOD_S:.0f} s: {woke}")
    os.kill(probe.proc.pid, signal.SIGUSR1)  # the typing did reach the idle counter
    _, idle = probe.wait("idle_ms")
    check(idle["idle_ms"] < 1000, f"idle {idle['idle_ms']} ms: the typing did not count")
    check(woke <= 2, f"{woke} wake-ups while typing")


def test_wakeups_idle(h):
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "30000")
    probe.wait_quiet()
    before = probe.switches()
    time.sleep(WAKEUP_PERIOD_S)  # the point: nothing happens for a while; count the wake-ups
    woke = probe.switches() - before
    print(f"wake-ups while idle for {WAKEUP_PERIOD_S:.0f} s: {woke}")
    check(woke <= 2, f"{woke} wake-ups while idle")


def test_wakeups_away(h):
    """Away for the whole period: one wake-up for the away event, none after."""
    h.start_x()
    probe = start(h, "--no-logind", "--threshold-ms", "500")
    probe.wait("away", timeout=3.0)
    probe.wait_quiet()
    before = probe.switches()
    time.sleep(WAKEUP_PERIOD_S)  # the point: away for a while; count the wake-ups
    woke = probe.switches() - before
    print(f"wake-ups while away for {WAKEUP_PERIOD_S:.0f} s: {woke}")
    check(woke <= 2, f"{woke} wake-ups while away")


# -- fullscreen -------------------------------------------------------------------------

def test_fullscreen_focused(h):
    h.start_x()
    probe = start(h, "--no-logind")
    logo, window = h.open_window()

    def ask(count):
        os.kill(probe.proc.pid, signal.SIGUSR2)
        return probe.wait("fullscreen", count=count)[1]["fullscreen"]

    check(ask(1) == 0, "fullscreen without an active window")
    h.set_active_window(window)
    check(ask(2) == 0, "fullscreen with a normal active window")
    h.set_fullscreen(window)
    check(ask(3) == 1, "not fullscreen with _NET_WM_STATE_FULLSCREEN set")
    # The active window goes away while the property still names it: no crash, not fullscreen.
    h._stop(logo)
    check(ask(4) == 0, "fullscreen with a vanished active window")
    check(probe.proc.poll() is None, "the probe died on a BadWindow error")
