"""Smoke tests of the rig (tests/rig/rig.py): each part works on this machine, so a Wayland or
logind test that fails there fails because of Limber, not of the rig.

Run one with:  /usr/bin/python3 tests/integration/run.py test_rig CASE
"""

import os
import subprocess
import time

import rig
from harness import TestFailure, check, wait_for


def _host_wayland_info(sway, h):
    """The globals sway offers, as Debian 12's wayland-info on the host lists them."""
    r = subprocess.run(["wayland-info"], env=sway.client_env(h.env), capture_output=True,
                       text=True, timeout=20)
    check(r.returncode == 0, f"wayland-info on the host failed ({r.returncode}): {r.stderr}")
    return {line.split("'")[1]: line for line in r.stdout.splitlines()
            if line.startswith("interface: '")}


def test_sway_idle_notifier(h):
    """sway headless in the root offers ext_idle_notifier_v1 to a client built on the host."""
    root = rig.require_root("wayland-info")
    start = time.monotonic()
    with rig.Chroot(root) as chroot, rig.Sway(chroot, h.tmp) as sway:
        print(f"{sway.version()} up in {rig.elapsed(start)}, socket {sway.display}")
        globals_ = _host_wayland_info(sway, h)
        for name in ("ext_idle_notifier_v1", "wl_seat", "zwp_virtual_keyboard_manager_v1"):
            check(name in globals_, f"sway does not offer {name}; it offers {sorted(globals_)}")
        print(globals_["ext_idle_notifier_v1"])


def test_sway_wtype_resets_idle(h):
    """swayidle in the root goes idle after 1 s without input and resumes at one wtype key."""
    root = rig.require_root()
    with rig.Chroot(root) as chroot, rig.Sway(chroot, h.tmp) as sway:
        log_path = os.path.join(h.tmp, "swayidle.log")
        with open(log_path, "w") as log:
            chroot.spawn("swayidle", ["swayidle", "-w", "timeout", "1", "echo idle",
                                      "resume", "echo resumed"],
                         env=sway.client_env(), stdout=log, stderr=subprocess.STDOUT)

        def said(word):
            with open(log_path) as f:
                return word in f.read().split()
        try:
            wait_for(lambda: said("idle"), 10.0, "swayidle to report idle after 1 s without input")
        except TestFailure:
            with open(log_path) as f:
                raise TestFailure(f"swayidle never reported idle; its output: {f.read()!r}") from None
        check(not said("resumed"), "swayidle resumed before any input")
        typed = time.monotonic()
        sway.type("a")
        wait_for(lambda: said("resumed"), 10.0, "swayidle to see the wtype key")
        print(f"swayidle resumed {rig.elapsed(typed)} after wtype started")


def test_mutter_idletime(h):
    """Mutter's IdleMonitor counts idle time and one RemoteDesktop motion resets it."""
    root = rig.require_root()
    start = time.monotonic()
    with rig.Chroot(root) as chroot, rig.Mutter(chroot, h.tmp) as mutter, mutter.input() as hands:
        print(f"{mutter.version()} up with a RemoteDesktop session in {rig.elapsed(start)}")
        before_ms = wait_for(lambda: (lambda t: t if t > 2000 else 0)(mutter.idletime_ms()), 15.0,
                             "mutter's idle time to pass 2 s")
        hands.motion(1, 0)
        # mutter takes the motion on its own loop: wait for it to count, within a second.
        try:
            after_ms = wait_for(lambda: (lambda t: t if t < 1000 else 0)(mutter.idletime_ms()), 1.0,
                                "the idle time to fall below 1 s after the motion")
        except TestFailure:
            raise TestFailure(f"idle time is {mutter.idletime_ms()} ms a second after the motion, "
                              "not below 1 s") from None
        print(f"GetIdletime: {before_ms} ms before one pointer motion, {after_ms} ms after")


def test_container_session(h):
    """The root boots with systemd as PID 1; `su - limber` opens a logind session and starts
    user@1000.service, whose manager answers on the user's session bus."""
    root = rig.require_root("systemd-nspawn", "nsenter")
    start = time.monotonic()
    with rig.Container(root, h.tmp) as box:
        print(f"booted ({box.state}) in {rig.elapsed(start)}")
        print("systemd:", box.run(["systemctl", "--version"]).stdout.splitlines()[0])
        print("logind:", box.run(["/usr/lib/systemd/systemd-logind", "--version"]).stdout.splitlines()[0])
        check(box.run(["ls", "/src/meson.build"], check=False).returncode == 0,
              "the checkout is not at /src in the container")
        r = box.run(["sh", "-c", "loginctl list-sessions --no-legend; echo ---;"
                     " systemctl --user is-system-running --wait; echo ---;"
                     " busctl --user get-property org.freedesktop.systemd1 /org/freedesktop/systemd1"
                     " org.freedesktop.systemd1.Manager SystemState"], user=True, check=False)
        print(f"as {rig.USER}:\n{r.stdout}{r.stderr}")
        sessions, state, bus_state = (part.strip() for part in (r.stdout.split("---") + ["", ""])[:3])
        mine = [s for s in sessions.splitlines() if s.split()[1:3] == [str(rig.UID), rig.USER]]
        check(mine, f"loginctl lists no session of {rig.USER} during su -: {sessions!r}")
        check(state in ("running", "degraded"), f"the user manager answered {state!r}")
        check(bus_state.startswith('s "'), f"no answer from the user manager on the session bus: "
              f"{bus_state!r}")
        check(r.returncode == 0, f"su - {rig.USER} exited {r.returncode}")
