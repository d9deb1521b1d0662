"""Fault tests: the real limberd when its world breaks around it. X server or
session bus killed, notification server restarted, state directory unwritable,
SIGKILL mid-save, hostile config files on reload, wall-clock jumps under
libfaketime, the deadline timer refused by the kernel, and a storm of control calls and
SIGHUPs."""

import errno
import glob
import os
import random
import shutil
import signal
import subprocess
import threading
import time

from gi.repository import Gio, GLib

from cases import (DAEMON, FAST, HOUR_LIMIT, call, check_saved_at_exit, days, history_path, is_movement,
                   properties, read_history, start_limberd, state_dir)
from harness import Skip, TestFailure, boot_us, check, wait_for

LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
setup = start_limberd  # the name the cases here were written with


def quarantined(h):
    return glob.glob(os.path.join(state_dir(h), "*.corrupt-*"))


def rss_kb(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise TestFailure(f"no {key} for {pid}")


def warnings(h):
    return [l for l in h.daemon_output().splitlines() if "WARNING" in l or "CRITICAL" in l]


# -- the session around limberd goes away ------------------------------------------------------

def test_x_killed_state_saved(h):
    setup(h)
    h.wait_notification(is_movement, what="the movement reminder")
    killed_at_us = boot_us()  # any save before the kill is older than this
    h.xvfb.kill()
    h.xvfb.wait()
    check(h.daemon.wait(timeout=10) == 0, f"limberd exited {h.daemon.returncode}")
    groups = read_history(h)
    sitting = sum(int(d.get("sitting-us", 0)) for d in days(groups).values())
    check(sitting >= 4 * 10**6, f"sitting time not recorded: {groups}")
    check(int(days(groups)[max(days(groups))].get("breaks-due", 0)) == 1, f"the due break not counted: {groups}")
    check_saved_at_exit(groups, killed_at_us)
    check(not warnings(h), f"warnings: {warnings(h)}")


def test_notification_server_restarted(h):
    setup(h)
    h.wait_notification(is_movement, what="the first reminder")
    h.stop_hands()  # a natural break ends the reminder
    wait_for(lambda: properties(h)["Today"]["taken-natural"] == 1, 10, "the natural break")
    h.notifier.kill()  # killed, not stopped
    h.notifier.wait()
    h.forget(h.notifier)
    h.wait_name("org.freedesktop.Notifications", present=False)
    h.start_notifications()
    hands_at = time.time()
    h.start_hands()
    # The first popup on the new server is the next due reminder, a sit-limit (5 s) into the new
    # bout, which begins at the hands' first move: not the closed one shown again.
    n = h.wait_notification(timeout=15, what="the next reminder from the new server")
    check(is_movement(n), f"the first popup on the new server: {n}")
    check(n["at"] >= hands_at + 5 - 0.2, f"a reminder {n['at'] - hands_at:.2f} s into the new bout, want 5 s")
    check(n["replaces_id"] == 0, f"the reminder replaced an id of the dead server: {n['replaces_id']}")
    check(h.daemon.poll() is None, "limberd died")


def test_session_bus_gone(h):
    setup(h)
    h.wait_notification(is_movement, what="the movement reminder")
    bus = [p for (label, p) in h.procs if label == "session bus"][0]
    h.session_bus = None  # our own connection dies with it
    killed_at_us = boot_us()  # any save before the kill is older than this
    bus.kill()
    bus.wait()
    code = h.daemon.wait(timeout=10)
    # 1, not 0: with the X session still there a lost bus is a failure, and the unit's
    # Restart=on-failure brings limberd back once the bus is (see limberd(1), EXIT STATUS).
    check(code == 1, f"limberd exited {code} when the session bus went away (want 1)")
    check("session bus" in h.daemon_output(), "no message about the bus")
    groups = read_history(h)
    check(sum(int(d.get("sitting-us", 0)) for d in days(groups).values()) >= 4 * 10**6,
          f"sitting time not saved: {groups}")
    check_saved_at_exit(groups, killed_at_us)
    check(not [l for l in warnings(h) if "CRITICAL" in l], f"criticals: {warnings(h)}")


# -- the state directory cannot be written -----------------------------------------------------

def mount_tmpfs(path, options):
    """A small tmpfs on path, or Skip: without one the case would test a file in the directory's
    place, which state_dir_is_a_file does already."""
    os.makedirs(path, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        raise Skip("mounting a tmpfs needs root and mount(8)")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", path],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise Skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")


def unwritable_run(h, make):
    """make(dir) breaks the state directory and returns a cleanup; then two reminders must come."""
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    h.write_config(FAST)
    cleanup = make(state_dir(h))
    try:
        h.start_hands(0.4)
        h.start_daemon()
        h.wait_notification(is_movement, what="the first reminder")
        h.stop_hands()
        wait_for(lambda: properties(h)["Today"]["taken-natural"] == 1, 10, "a natural break")
        h.start_hands(0.4)
        h.wait_notification(is_movement, after=len(h.notifications()),
                            timeout=15, what="the second reminder")
        check(h.daemon.poll() is None, "limberd died")
        h.daemon.send_signal(signal.SIGTERM)
        check(h.daemon.wait(timeout=5) == 0, f"limberd exited {h.daemon.returncode}")
        found = warnings(h)
        check(len(found) == 1, f"want exactly one warning, got {len(found)}: {found}")
        check("state directory" in found[0] or "writable" in found[0], f"warning: {found[0]}")
    finally:
        cleanup()


def file_in_place_of_dir(path):
    with open(path, "w") as f:
        f.write("not a directory\n")
    return lambda: None


def test_state_dir_is_a_file(h):
    unwritable_run(h, file_in_place_of_dir)


def test_state_dir_full(h):
    def make(path):
        mount_tmpfs(path, "size=16k,mode=0700")
        fd = os.open(os.path.join(path, "filler"), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"x" * 1024):
                pass
        except OSError:
            pass
        os.close(fd)
        return lambda: subprocess.run(["umount", "-l", path])
    unwritable_run(h, make)


def test_state_dir_read_only(h):
    def make(path):
        mount_tmpfs(path, "size=16k,mode=0700,ro")
        return lambda: subprocess.run(["umount", "-l", path])
    unwritable_run(h, make)


# -- SIGKILL in the middle of saving ------------------------------------------------------------

def seed_history(h, n_days):
    os.makedirs(state_dir(h), mode=0o700, exist_ok=True)
    lines = ["[limber]", "version=1", "carried-good-days=0", ""]
    today = time.time()
    for i in range(n_days, 0, -1):
        lines += [f"[{time.strftime('%Y-%m-%d', time.localtime(today - i * 86400))}]",
                  f"sitting-us={rng_sitting(i)}", "longest-bout-us=1800000000", "breaks-due=9",
                  "taken-natural=7", "skipped=2", ""]
    with open(history_path(h), "w") as f:
        f.write("\n".join(lines))
    return n_days


def rng_sitting(i):
    return 3600 * 10**6 * (4 + i % 5)


def test_sigkill_during_saves(h):
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    h.write_config(HOUR_LIMIT)
    rng = random.Random(int(os.environ.get("LIMBER_SEED", "10")))
    # A year of history makes each save a write of ~100 kB: a save that is not atomic would
    # leave a short or empty file some of the time.
    n_days = seed_history(h, 360)
    cycles, saves_seen = 0, 0
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and cycles < 60:
        h.start_daemon()
        stop = threading.Event()

        def hammer():
            # Its own connection, and calls without waiting for replies: limberd stays busy saving.
            conn = Gio.DBusConnection.new_for_address_sync(
                h.env["DBUS_SESSION_BUS_ADDRESS"], Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
                Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
            while not stop.is_set():
                try:
                    for _ in range(20):
                        conn.call(DAEMON[0], DAEMON[1], DAEMON[2], "Pause", GLib.Variant("(t)", (0,)),
                                  None, Gio.DBusCallFlags.NONE, 5000, None, None)
                        conn.call(DAEMON[0], DAEMON[1], DAEMON[2], "Resume", None,
                                  None, Gio.DBusCallFlags.NONE, 5000, None, None)
                    call(h, "Resume", None, conn)  # keep the queue short
                except GLib.Error:
                    break  # limberd is gone
            conn.close_sync(None)
        threads = [threading.Thread(target=hammer) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.05, 0.3))
        h.daemon.send_signal(signal.SIGKILL)
        h.daemon.wait()
        stop.set()
        for t in threads:
            t.join()
        h.forget(h.daemon)
        cycles += 1
        if os.path.exists(history_path(h)):
            groups = read_history(h)
            saves_seen += 1
            check("live" in groups, f"cycle {cycles}: no live session")
            check(len(days(groups)) >= n_days, f"cycle {cycles}: {len(days(groups))} of {n_days} days left")
        check(not quarantined(h), f"cycle {cycles}: a quarantined file: {quarantined(h)}")
        h.wait_name(DAEMON[0], present=False)
    check(saves_seen >= cycles - 2 and cycles >= 10, f"only {saves_seen} saves seen in {cycles} cycles")
    # limberd's own loader has the last word.
    h.start_daemon()
    h.daemon.send_signal(signal.SIGTERM)
    check(h.daemon.wait(timeout=5) == 0, f"limberd exited {h.daemon.returncode}")
    check(not quarantined(h) and "could not be read" not in h.daemon_output(),
          f"limberd quarantined the history: {h.daemon_output()[-2000:]}")
    leftovers = [n for n in os.listdir(state_dir(h)) if n != "history.ini"]
    check(not leftovers, f"temporaries left after a restart: {leftovers}")
    print(f"{cycles} SIGKILLs, history intact after each")


# -- hostile configuration files on reload -----------------------------------------------------

def reload_refused(h, write):
    setup(h, config=HOUR_LIMIT, hands=False)
    due = properties(h)["NextBreakDue"]
    path = os.path.join(h.env["XDG_CONFIG_HOME"], "limber", "limber.conf")
    write(path)
    h.daemon.send_signal(signal.SIGHUP)
    # Two refusals: the SIGHUP's, and the one the file monitor starts after the write.
    h.wait_log("keeping the running configuration", timeout=10, count=2)
    check(h.daemon.poll() is None, "limberd died on the reload")
    check(abs(properties(h)["NextBreakDue"] - due) < 10**6, "the bad file changed the running config")
    status = h.ctl("status", "--json").stdout
    check('"state"' in status, f"status: {status}")
    peak_kb = rss_kb(h.daemon.pid, "VmHWM")
    check(peak_kb < 50 * 1024, f"limberd's peak RSS reached {peak_kb} kB")
    return peak_kb


def test_config_binary_on_reload(h):
    def write(path):
        rng = random.Random(7)
        with open(path, "wb") as f:
            f.write(b"[breaks]\nsit-limit = 5s\n\0\xff\xfe" + bytes(rng.randrange(256) for _ in range(65536)))
    print(f"peak RSS {reload_refused(h, write)} kB")


def test_config_100mb_on_reload(h):
    def write(path):
        line = b"# " + b"padding " * 16 + b"\n"
        with open(path, "wb") as f:
            f.write(b"[breaks]\nsit-limit = 5s\n")
            block = line * ((1 << 20) // len(line) + 1)
            for _ in range(100):
                f.write(block)
    print(f"peak RSS {reload_refused(h, write)} kB")


# -- the wall clock jumps ------------------------------------------------------------------------

TIMERFD_PROBE = r"""
#include <poll.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
int main (void) {
  struct timespec now; struct itimerspec spec = { 0 };
  int fd = timerfd_create (CLOCK_BOOTTIME, 0);
  struct pollfd p = { fd, POLLIN, 0 };
  clock_gettime (CLOCK_BOOTTIME, &now);
  spec.it_value = now; spec.it_value.tv_nsec = 0; spec.it_value.tv_sec += 1;
  timerfd_settime (fd, TFD_TIMER_ABSTIME, &spec, NULL);
  return poll (&p, 1, 2500) == 1 ? 0 : 1;
}
"""


def compile_c(h, name, source, shared=False):
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise Skip("no C compiler for the libfaketime shim")
    out = os.path.join(h.tmp, name)
    argv = [cc, "-o", out, "-x", "c", "-"]
    if shared:
        argv[1:1] = ["-shared", "-fPIC"]
    proc = subprocess.run(argv, input=source, capture_output=True, text=True)
    check(proc.returncode == 0, f"cc {name}: {proc.stderr}")
    return out


def faketime_env(h):
    if not os.path.exists(LIBFAKETIME):
        raise Skip("libfaketime is not installed (apt-get install faketime)")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "faketime-shim.c")) as f:
        shim = compile_c(h, "faketime-shim.so", f.read(), shared=True)
    stamp = os.path.join(h.tmp, "faketime")
    with open(stamp, "w") as f:
        f.write("+0\n")
    env = {"LD_PRELOAD": f"{shim} {LIBFAKETIME}", "DONT_FAKE_MONOTONIC": "1", "FAKETIME_NO_CACHE": "1",
           "FAKETIME_TIMESTAMP_FILE": stamp,
           # An ASan build wants its runtime first; the preloads only wrap time functions.
           "ASAN_OPTIONS": ":".join(filter(None, [h.env.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))}
    return stamp, env


def set_faketime(stamp, offset):
    with open(stamp + ".new", "w") as f:
        f.write(offset + "\n")
    os.rename(stamp + ".new", stamp)


PROBE = ("import time,sys\n"
         "for line in sys.stdin:\n"
         "    print(time.time(), time.clock_gettime(time.CLOCK_BOOTTIME), flush=True)\n")


def check_faketime_meaningful(h, stamp, env):
    """Under these settings the wall clock jumps in a running process and CLOCK_BOOTTIME does not."""
    probe = subprocess.Popen(["/usr/bin/python3", "-c", PROBE], env=dict(h.env, **env),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        def sample():
            probe.stdin.write("\n")
            probe.stdin.flush()
            wall, boot = map(float, probe.stdout.readline().split())
            return wall - time.time(), boot - time.clock_gettime(time.CLOCK_BOOTTIME)
        before = sample()
        set_faketime(stamp, "+30h")
        after = sample()
        set_faketime(stamp, "+0")
    finally:
        probe.stdin.close()
        probe.wait()
    check(abs(before[0]) < 5 and abs(after[0] - 30 * 3600) < 5, f"libfaketime did not move the wall clock: {after}")
    check(abs(after[1]) < 5, f"libfaketime faked CLOCK_BOOTTIME too ({after[1]:+.0f} s): the test would mean nothing")
    # A CLOCK_BOOTTIME deadline, the way limberd arms it, fires on time with the clock 30 h back.
    probe = compile_c(h, "timerfd-probe", TIMERFD_PROBE)
    set_faketime(stamp, "-30h")
    proc = subprocess.run([probe], env=dict(h.env, **env))
    set_faketime(stamp, "+0")
    check(proc.returncode == 0, "a CLOCK_BOOTTIME timerfd did not fire under libfaketime (is the shim loaded?)")


def test_wall_clock_jumps(h):
    stamp, env = faketime_env(h)
    check_faketime_meaningful(h, stamp, env)
    setup(h, env_extra=env)
    # Back by 30 hours in the middle of a sitting bout: the reminder still comes on time.
    time.sleep(1.0)  # the point: the jump falls inside the bout, not at its start
    set_faketime(stamp, "-30h")
    h.wait_notification(is_movement, timeout=8, what="the reminder after the clock went back")
    check(len([n for n in h.notifications() if is_movement(n)]) == 1, "more than one reminder")
    # A natural break, then forward by 30 hours as a new bout starts: no reminder at once.
    h.stop_hands()
    wait_for(lambda: properties(h)["Today"]["taken-natural"] == 1, 10, "the natural break")
    set_faketime(stamp, "+30h")
    before = len(h.notifications())
    hands_at = time.time()  # the real clock: the mock's times are not faked
    h.start_hands()
    wait_for(lambda: properties(h)["State"] == "sitting", 5, "sitting again")
    # The next reminder is a whole sit-limit (5 s) into the new bout, which begins at the hands'
    # first move; one right after the jump would be spurious.
    n = h.wait_notification(is_movement, after=before, timeout=10, what="the reminder after the clock went forward")
    check(n["at"] >= hands_at + 5 - 0.2,
          f"a spurious reminder {n['at'] - hands_at:.2f} s into the bout after the clock jumped forward")
    # The bout ends with a natural break while the clock says +30 h: that day gets it.
    h.stop_hands()
    wait_for(lambda: properties(h)["Today"]["taken-natural"] == 1, 10, "the natural break on the new day")
    h.daemon.send_signal(signal.SIGTERM)
    check(h.daemon.wait(timeout=5) == 0, f"limberd exited {h.daemon.returncode}")
    ahead = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 3600))
    behind = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 30 * 3600))
    groups = days(read_history(h))
    check(ahead in groups, f"no record for the faked day {ahead}: {sorted(groups)}")
    check(int(groups[ahead].get("taken-natural", 0)) >= 1, f"{ahead}: {groups[ahead]}")
    check(int(groups[ahead].get("sitting-us", 0)) >= 4 * 10**6, f"{ahead}: {groups[ahead]}")
    check(behind in groups and int(groups[behind].get("breaks-due", 0)) == 1,
          f"the first reminder not counted on {behind}: {groups}")
    check(not [g for g in groups if g not in (ahead, behind, time.strftime('%Y-%m-%d', time.gmtime()))],
          f"records on unexpected days: {sorted(groups)}")


# -- the deadline timer fails -----------------------------------------------------------------------

TIMER_FAILED = ("The deadline timer failed (timerfd_settime: Invalid argument); saving state and "
                "stopping so that the service manager restarts limberd.")


def timerfd_fail_env(h):
    """A preload that breaks limberd's timerfd: timerfd_create fails while the first returned
    file exists, timerfd_settime while the second does."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "timerfd-fail-shim.c")) as f:
        shim = compile_c(h, "timerfd-fail-shim.so", f.read(), shared=True)
    create, settime = os.path.join(h.tmp, "fail-create"), os.path.join(h.tmp, "fail-settime")
    env = {"LD_PRELOAD": shim, "LIMBER_FAIL_TIMERFD_CREATE": create, "LIMBER_FAIL_TIMERFD_SETTIME": settime,
           # An ASan build wants its runtime first; the preload only wraps the two timerfd calls.
           "ASAN_OPTIONS": ":".join(filter(None, [h.env.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))}
    return create, settime, env


def touch(path):
    open(path, "w").close()


def check_timer_failure_saved(h, broken_at_us, sat_us):
    code = h.daemon.wait(timeout=10)
    # 1, so that the unit's Restart=on-failure starts a limberd with a working timer.
    check(code == 1, f"limberd exited {code} when its timer failed (want 1)")
    found = warnings(h)
    check(len(found) == 1 and TIMER_FAILED in found[0], f"want the one timer warning, got: {found}")
    groups = read_history(h)
    check_saved_at_exit(groups, broken_at_us)
    check(int(groups["live"]["sitting-us"]) >= sat_us, f"the sitting clock was not saved: {groups['live']}")
    check(sum(int(d.get("sitting-us", 0)) for d in days(groups).values()) >= sat_us,
          f"the day's sitting time was not saved: {groups}")


def test_deadline_fails(h):
    create, settime, env = timerfd_fail_env(h)
    setup(h, config=HOUR_LIMIT, env_extra=env)
    wait_for(lambda: properties(h)["State"] == "sitting", 5, "sitting")
    time.sleep(2)  # sit a while: the clock the saved state must keep
    broken_at_us = boot_us()
    touch(settime)
    # A reload that moves the next break re-arms the timer, which now fails (one that leaves the
    # deadline where it is makes no timer call).
    h.write_config(HOUR_LIMIT.replace("sit-limit = 1h", "sit-limit = 2h"))
    h.daemon.send_signal(signal.SIGHUP)
    check_timer_failure_saved(h, broken_at_us, 2 * 10**6)


def test_deadline_fails_at_first_arming(h):
    # limberd arms its timer once before its main loop runs: the stop must not be lost there.
    create, settime, env = timerfd_fail_env(h)
    setup(h, config=HOUR_LIMIT)
    wait_for(lambda: properties(h)["State"] == "sitting", 5, "sitting")
    time.sleep(1)  # a first run leaves a sitting clock to continue
    h.daemon.send_signal(signal.SIGTERM)
    check(h.daemon.wait(timeout=5) == 0, f"limberd exited {h.daemon.returncode}")
    h.forget(h.daemon)
    sat_us = int(read_history(h)["live"]["sitting-us"])
    check(sat_us >= 10**6, f"the first run saved a sitting clock of {sat_us} us")
    touch(settime)
    broken_at_us = boot_us()
    h.start_daemon(wait_ready=False, env_extra=env)
    check_timer_failure_saved(h, broken_at_us, sat_us)


def test_deadline_fails_at_start(h):
    create, settime, env = timerfd_fail_env(h)
    touch(create)
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    h.write_config(HOUR_LIMIT)
    h.start_daemon(wait_ready=False, env_extra=env)
    code = h.daemon.wait(timeout=10)
    check(code == 1, f"limberd exited {code} without a timer (want 1)")
    want = (f"limberd: Could not create the deadline timer: timerfd_create (CLOCK_BOOTTIME) failed: "
            f"{os.strerror(errno.EMFILE)}.")
    check(want in h.daemon_output().splitlines(), f"want {want!r}, got:\n{h.daemon_output()}")
    check(not warnings(h), f"warnings: {warnings(h)}")


# -- a storm of calls and reloads ----------------------------------------------------------------

def storm(h, n_calls, n_hups):
    hups_left = n_hups
    for i in range(n_calls):
        r = i % 4
        if r == 0:
            check(properties(h)["State"] in ("sitting", "away", "paused"), "bad State")
        elif r == 1:
            call(h, "Pause", GLib.Variant("(t)", (0,)))
        elif r == 2:
            call(h, "Resume")
        else:
            call(h, "GetHistory", GLib.Variant("(u)", (7,)))
        if hups_left and i % (n_calls // n_hups) == 0:
            h.daemon.send_signal(signal.SIGHUP)
            hups_left -= 1


def sanitized(path):
    with open(path, "rb") as f:
        return b"__asan_init" in f.read()


def test_call_and_sighup_storm(h):
    asan = sanitized(h.limberd_path)
    # ASan holds freed memory back in its quarantine, which would read as growth.
    env = {"ASAN_OPTIONS": ":".join(filter(None, [h.env.get("ASAN_OPTIONS"), "quarantine_size_mb=0"]))}
    setup(h, config=FAST.replace("sit-limit = 5s", "sit-limit = 8s"), env_extra=env if asan else None)
    pid = h.daemon.pid
    storm(h, 400, 40)  # warm up: caches, bus match rules, allocator arenas
    wait_for(lambda: h.daemon_output().count("Configuration reloaded") >= 40, 10, "the warm-up reloads")
    before = rss_kb(pid)
    t0 = time.monotonic()
    storm(h, 1000, 100)
    elapsed = time.monotonic() - t0
    wait_for(lambda: h.daemon_output().count("Configuration reloaded") >= 140, 10, "the reloads")
    check(h.daemon.poll() is None, "limberd died")
    after = rss_kb(pid)
    print(f"1000 calls and 100 SIGHUPs in {elapsed:.1f} s; RSS {before} kB -> {after} kB")
    # ASan's allocator and its store of allocation stacks grow a little on their own; there
    # LeakSanitizer at the exit is the sharper check.
    margin_kb = 2048 if asan else 256
    check(after - before <= margin_kb, f"RSS grew by {after - before} kB over 1000 calls and 100 reloads")
    check(properties(h)["State"] == "sitting", f"state {properties(h)['State']}")
    check(h.ctl("status").returncode == 0, "status failed")
    before_n = len(h.notifications())
    h.wait_notification(is_movement, after=before_n, timeout=15, what="the next reminder after the storm")
    check(not warnings(h), f"warnings: {warnings(h)}")
    h.daemon.send_signal(signal.SIGTERM)  # under ASan, LeakSanitizer fails the exit on a leak
    check(h.daemon.wait(timeout=10) == 0, f"limberd exited {h.daemon.returncode}")



# -- a reload while a guided routine runs (found by bench/soak under ASan) ------------------------

# Three steps of 1 s: a reload lands while the first runs, another while a later one does.
THREE_STEP_ROUTINE = """
[stretch quick-reach]
title = Quick reach
area = upper-back
steps = Reach both arms up.;Lower them slowly.
hold = 1s
sides = one

[stretch quick-lunge]
title = Quick lunge
area = hips
steps = Step one foot back.;Ease the hips forward.
hold = 1s
sides = both

[routine quick]
title = Quick test routine
stretches = quick-reach;quick-lunge;quick-reach

[routines]
movement = quick
"""


def test_reload_during_routine(h):
    setup(h, config=FAST + THREE_STEP_ROUTINE)
    n = h.wait_notification(is_movement, what="the movement reminder")
    before = len(h.notifications())
    h.click(n["id"], "default")
    h.stop_hands()
    h.wait_notification(lambda x: "Quick reach" in x["summary"], after=before, what="the first step")
    # The steps in progress come from the catalogue: reload twice (the same file, then one whose
    # routine lost a stretch); the next step must come from live memory, and the changed routine
    # is ended with a notice, not left showing steps from freed memory.
    h.daemon.send_signal(signal.SIGHUP)
    h.wait_log("Configuration reloaded")
    h.wait_notification(lambda x: "Quick lunge" in x["summary"], after=before, what="the second step")
    h.write_config(FAST + THREE_STEP_ROUTINE.replace("quick-reach;quick-lunge;quick-reach", "quick-lunge"))
    h.daemon.send_signal(signal.SIGHUP)
    wait_for(lambda: h.daemon_output().count("Configuration reloaded") >= 2, 10, "the second reload")
    h.wait_notification(lambda x: "changed the guided break" in x["body"], after=before,
                        what="the notice that the changed routine was ended")
    check(h.daemon.poll() is None, "limberd died")
    h.daemon.send_signal(signal.SIGTERM)
    check(h.daemon.wait(timeout=10) == 0, f"limberd exited {h.daemon.returncode}")
