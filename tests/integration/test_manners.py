"""Good manners against real parts: a real PipeWire daemon (with WirePlumber linking streams)
on the test's private runtime directory, with a node that says it is a camera, a virtual
microphone, a recording stream and a peak meter; idle inhibitors through python3-dbusmock
mocks of the GNOME session manager and of logind (BlockInhibited) on private buses (the real
logind, with systemd-inhibit: tests/rig/test_session.py's inhibitor cases); GNOME Wellbeing
through GSettings' memory backend with a schema compiled for the test and a mock
org.gnome.Shell.ScreenTime.

Each case has a reminder fall due while the user is busy and checks that it waits, and when
it comes."""

import os
import shutil
import subprocess
import time

from gi.repository import GLib

from cases import is_movement, start_limberd, status_json
from harness import PYTHON, Skip, check, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))

# Due 4 s after the start; the user's hands keep them at the desk; held for at most a minute.
MANNERS = """\
[breaks]
sit-limit = 4s
break-length = 3s
micro-interval = 0
micro-length = 1s
snooze = 1m
[reminders]
defer-at-most = {cap}
{extra}
"""


def manners(cap="1m", extra=""):
    return MANNERS.format(cap=cap, extra=extra)


def wait_held(h, reason, timeout=10.0):
    """The due reminder is held, for `reason` (a name of the bus's Busy)."""
    def held():
        st = status_json(h)
        return st if st["held_since_us"] and reason in st["busy"] else None
    return wait_for(held, timeout, f"limberd to hold the reminder for {reason!r}")


def no_reminder_yet(h):
    check(not [n for n in h.notifications() if is_movement(n)], f"a reminder while busy: {h.notifications()}")


def released_within(h, ended, seconds, what):
    h.wait_notification(is_movement, timeout=10, what=what)
    late = time.monotonic() - ended
    check(late < seconds, f"the reminder came {late:.2f} s after the end, not within {seconds} s")


# -- PipeWire ---------------------------------------------------------------------------------

def pw(h, *args, check_rc=True):
    proc = h.run(["pw-cli", *args], timeout=10)
    if check_rc and proc.returncode != 0:
        raise AssertionError(f"pw-cli {' '.join(args)}: {proc.stderr}")
    return proc.stdout


def node_state(h, name):
    out = pw(h, "info", name, check_rc=False)
    for line in out.splitlines():
        if "state:" in line:
            return line.split('"')[1]
    return None


def start_pipewire(h):
    """PipeWire and WirePlumber on the test's own XDG_RUNTIME_DIR and session bus."""
    for tool in ("pipewire", "wireplumber", "pw-cli", "pw-record", "gst-launch-1.0"):
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (tools/lib.sh lists the test packages)")
    if h.xvfb is None:
        h.start_x()
    if h.session_bus is None:
        h.start_session_bus()
    socket = os.path.join(h.env["XDG_RUNTIME_DIR"], "pipewire-0")
    h.spawn("pipewire", ["pipewire"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: os.path.exists(socket), 10, "PipeWire's socket")
    h.spawn("wireplumber", ["wireplumber"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # WirePlumber is up when it has made its metadata objects ("default" holds the routing defaults).
    wait_for(lambda: "default" in pw(h, "ls", "Metadata"), 10, "WirePlumber to start")


def create_node(h, props):
    pw(h, "create-node", "adapter", "{ " + props + " object.linger=true }")
    name = props.split("node.name=")[1].split()[0]
    wait_for(lambda: node_state(h, name) is not None, 5, f"node {name}")


def add_camera(h):
    create_node(h, "factory.name=videotestsrc library.name=videotestsrc/libspa-videotestsrc "
                   "node.name=test-camera node.description=Test-camera media.class=Video/Source media.role=Camera")


def add_microphone(h):
    create_node(h, "factory.name=support.null-audio-sink node.name=test-mic media.class=Audio/Source/Virtual "
                   "audio.position=[MONO]")


def run_until_running(h, argv, name, label):
    """Starts a PipeWire client and waits until node `name` runs."""
    proc = h.spawn(label, argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: node_state(h, name) == "running", 10, f"{name} to run ({label})")
    return proc


def stop(h, proc):
    h._stop(proc)
    h.forget(proc)
    return time.monotonic()


def test_camera_holds(h):
    start_pipewire(h)
    add_camera(h)
    call = run_until_running(h, ["gst-launch-1.0", "-q", "pipewiresrc", "target-object=test-camera", "!",
                                 "video/x-raw", "!", "fakesink"], "test-camera", "video call")
    start_limberd(h, manners())
    h.wait_log("Watching PipeWire")
    st = wait_held(h, "camera")
    check("held: camera in use" in h.ctl("status").stdout, f"status: {h.ctl('status').stdout!r}")
    check(st["text"].startswith("Sitting"), f"status text {st['text']!r}")
    time.sleep(1.0)  # the reminder would have shown by now
    no_reminder_yet(h)
    ended = stop(h, call)
    released_within(h, ended, 1.0, "the reminder once the camera stopped")
    check(status_json(h)["held_since_us"] is None, "still held after the release")


def test_recording_holds(h):
    start_pipewire(h)
    add_microphone(h)
    call = run_until_running(h, ["pw-record", "--target", "test-mic", "/dev/null"], "pw-record", "voice call")
    start_limberd(h, manners())
    wait_held(h, "microphone")
    time.sleep(1.0)
    no_reminder_yet(h)
    ended = stop(h, call)
    released_within(h, ended, 1.0, "the reminder once the recording stopped")


def test_peak_meter_holds_nothing(h):
    start_pipewire(h)
    add_microphone(h)
    # A volume applet's meter: pipewire-pulse marks PEAK_DETECT streams stream.monitor = true.
    run_until_running(h, ["pw-record", "-P", "{ stream.monitor=true }", "--target", "test-mic", "/dev/null"],
                      "pw-record", "peak meter")
    start_limberd(h, manners())
    h.wait_log("Watching PipeWire")
    n = h.wait_notification(is_movement, timeout=10, what="the reminder beside a peak meter")
    check(not n["summary"] == "", "empty reminder")
    check(status_json(h)["busy"] == [], f"busy with only a peak meter: {status_json(h)['busy']}")


def test_calls_off_loads_no_pipewire(h):
    start_pipewire(h)
    start_limberd(h, manners(extra="defer-during-calls = false"))
    maps = open(f"/proc/{h.daemon.pid}/maps").read()
    check("libpipewire" not in maps, "libpipewire is mapped with defer-during-calls = false")
    check("Watching PipeWire" not in h.daemon_output(), "PipeWire watched with defer-during-calls = false")


def test_calls_reload(h):
    """defer-during-calls turned on by a reload starts watching (libpipewire loaded then);
    turned off, what the camera said holds nothing any more."""
    start_pipewire(h)
    add_camera(h)
    run_until_running(h, ["gst-launch-1.0", "-q", "pipewiresrc", "target-object=test-camera", "!",
                          "video/x-raw", "!", "fakesink"], "test-camera", "video call")
    hour = manners().replace("sit-limit = 4s", "sit-limit = 1h")
    start_limberd(h, hour + "defer-during-calls = false\n")
    check(status_json(h)["busy"] == [], f"busy with calls off: {status_json(h)['busy']}")
    h.write_config(hour + "defer-during-calls = true\n")
    h.ctl("reload")
    wait_for(lambda: "camera" in status_json(h)["busy"], 10, "the camera seen after the reload")
    check("libpipewire" in open(f"/proc/{h.daemon.pid}/maps").read(), "libpipewire not loaded")
    h.write_config(hour + "defer-during-calls = false\n")
    h.ctl("reload")
    wait_for(lambda: status_json(h)["busy"] == [], 10, "the camera forgotten once calls are off")


# -- idle inhibitors ----------------------------------------------------------------------------

GSM_NAME = "org.gnome.SessionManager"
GSM_PATH = "/org/gnome/SessionManager"


def start_session_manager(h, actions):
    """A mock GNOME session manager whose InhibitedActions is `actions` (8: idle)."""
    h.spawn("session manager mock", [PYTHON, "-m", "dbusmock", "--session", GSM_NAME, GSM_PATH, GSM_NAME],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    h.wait_name(GSM_NAME)
    h.mock_call(h.session_bus, GSM_NAME, GSM_PATH, "AddProperty",
                (GSM_NAME, "InhibitedActions", GLib.Variant("u", actions)), "(ssv)")


def set_inhibited_actions(h, actions):
    h.mock_call(h.session_bus, GSM_NAME, GSM_PATH, "UpdateProperties",
                (GSM_NAME, {"InhibitedActions": GLib.Variant("u", actions)}), "(sa{sv})")


def test_inhibitor_gnome_until_free(h):
    h.start_x()
    h.start_session_bus()
    start_session_manager(h, 8 | 4)  # idle and suspend, as a video player asks
    start_limberd(h, manners())
    h.wait_log("Watching idle inhibitors through the GNOME session manager")
    wait_held(h, "inhibited")
    check("held: a program keeps the screen awake" in h.ctl("status").stdout, h.ctl("status").stdout)
    set_inhibited_actions(h, 4)  # suspend alone does not hold a reminder
    ended = time.monotonic()
    released_within(h, ended, 1.0, "the reminder once the idle inhibitor ended")


def test_inhibitor_cap(h):
    h.start_x()
    h.start_session_bus()
    start_session_manager(h, 8)
    start_limberd(h, manners(cap="3s"))
    st = wait_held(h, "inhibited")
    held_us = st["held_since_us"]
    n = h.wait_notification(is_movement, timeout=10, what="the reminder at the cap")
    # The mock's call times are wall-clock seconds, like held_since_us (n["at"]: the reminder's,
    # not the first-run notice's, which comes at start).
    shown_s = n["at"]
    waited = shown_s - held_us / 1e6
    check(2.9 <= waited, f"sent {waited:.2f} s after it was held, before the 3 s cap")
    check(n is not None and status_json(h)["busy"] == ["inhibited"], "the inhibitor is still in force")


LOGIND_NAME = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"


def test_inhibitor_logind(h):
    h.start_x()
    h.start_session_bus()
    h.start_logind()
    h.mock_call(h.system_bus, LOGIND_NAME, LOGIND_PATH, "AddProperty",
                (LOGIND_NAME + ".Manager", "BlockInhibited", GLib.Variant("s", "sleep:idle")), "(ssv)")
    start_limberd(h, manners())
    h.wait_log("Watching idle inhibitors through logind")
    wait_held(h, "inhibited")
    h.mock_call(h.system_bus, LOGIND_NAME, LOGIND_PATH, "UpdateProperties",
                (LOGIND_NAME + ".Manager", {"BlockInhibited": GLib.Variant("s", "sleep")}), "(sa{sv})")
    ended = time.monotonic()
    released_within(h, ended, 1.0, "the reminder once logind's idle inhibitor ended")


KDE_NAME = "org.kde.Solid.PowerManagement"
KDE_PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"
KDE_AGENT = "org.kde.Solid.PowerManagement.PolicyAgent"


def kde_has_inhibition(h, inhibited):
    """PowerDevil's HasInhibition answers `inhibited` for ChangeScreenSettings (4) alone."""
    h.mock_call(h.session_bus, KDE_NAME, KDE_PATH, "AddMethod",
                (KDE_AGENT, "HasInhibition", "u", "b", f"ret = args[0] == 4 and {inhibited}"), "(sssss)")


def test_inhibitor_kde(h):
    h.start_x()
    h.start_session_bus()
    h.spawn("PowerDevil mock", [PYTHON, "-m", "dbusmock", "--session", KDE_NAME, KDE_PATH, KDE_AGENT],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    h.wait_name(KDE_NAME)
    kde_has_inhibition(h, True)
    start_limberd(h, manners())
    h.wait_log("Watching idle inhibitors through KDE power management")
    wait_held(h, "inhibited")
    kde_has_inhibition(h, False)
    h.mock_call(h.session_bus, KDE_NAME, KDE_PATH, "EmitSignal",
                (KDE_AGENT, "InhibitionsChanged", "a(ss)as", [GLib.Variant("a(ss)", []), GLib.Variant("as", ["mpv"])]),
                "(sssav)")
    ended = time.monotonic()
    released_within(h, ended, 1.0, "the reminder once PowerDevil's inhibition ended")


# -- GNOME Wellbeing ------------------------------------------------------------------------------

SHELL_NAME = "org.gnome.Shell"
SCREEN_TIME_PATH = "/org/gnome/Shell/ScreenTime"
SCREEN_TIME = "org.gnome.Shell.ScreenTime"
ACTIVE, IN_BREAK, BREAK_DUE = 1, 3, 4  # as gnome-shell's breakManager.js numbers them


def wellbeing_env(h, selected="['movement']"):
    """The test's break-reminders schema, with GNOME's movement breaks selected as the Settings
    panel would, compiled into a schema directory; GSettings in memory."""
    schemas = os.path.join(h.tmp, "schemas")
    os.makedirs(schemas, exist_ok=True)
    shutil.copy(os.path.join(HERE, "data", "break-reminders.gschema.xml"), schemas)
    with open(os.path.join(schemas, "50-test.gschema.override"), "w") as f:
        f.write(f"[org.gnome.desktop.break-reminders]\nselected-breaks={selected}\n")
    subprocess.run(["glib-compile-schemas", schemas], check=True)
    return {"GSETTINGS_SCHEMA_DIR": schemas, "GSETTINGS_BACKEND": "memory"}


def start_screen_time(h, state):
    h.spawn("ScreenTime mock", [PYTHON, "-m", "dbusmock", "--session", SHELL_NAME, SCREEN_TIME_PATH, SCREEN_TIME],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    h.wait_name(SHELL_NAME)
    h.mock_call(h.session_bus, SHELL_NAME, SCREEN_TIME_PATH, "AddProperties",
                (SCREEN_TIME, {"State": GLib.Variant("u", state),
                               "LastBreakEndTime": GLib.Variant("t", int(time.time()) - 600)}), "(sa{sv})")


def set_screen_time(h, state, last_break_end=None):
    props = {"State": GLib.Variant("u", state)}
    if last_break_end is not None:
        props["LastBreakEndTime"] = GLib.Variant("t", last_break_end)
    h.mock_call(h.session_bus, SHELL_NAME, SCREEN_TIME_PATH, "UpdateProperties", (SCREEN_TIME, props), "(sa{sv})")


def today(h):
    return status_json(h)["today"]


def test_wellbeing_follow(h):
    h.start_x()
    h.start_session_bus()
    start_screen_time(h, ACTIVE)
    start_limberd(h, manners(), env_extra=wellbeing_env(h))
    h.wait_log("gnome-wellbeing = follow")
    check("Limber follows them" in h.ctl("status").stdout, h.ctl("status").stdout)
    check(status_json(h)["wellbeing"] == "follow", status_json(h))
    time.sleep(5.0)  # past Limber's own sit-limit (4 s)
    no_reminder_yet(h)
    check(today(h)["breaks_due"] == 0, f"a break of Limber's own fell due: {today(h)}")
    set_screen_time(h, BREAK_DUE)
    n = h.wait_notification(is_movement, timeout=5, what="the routine offered when GNOME's break is due")
    check("default" in n["action_keys"], f"no Start on the reminder: {n['action_keys']}")
    set_screen_time(h, IN_BREAK)
    set_screen_time(h, ACTIVE, last_break_end=int(time.time()))
    h.wait_log("GNOME Wellbeing's movement break was taken")
    wait_for(lambda: today(h)["taken_natural"] == 1, 5, "GNOME's break credited")
    check(today(h)["breaks_due"] == 1, f"not one due break: {today(h)}")
    check(len([x for x in h.notifications() if is_movement(x)]) == 1, f"not one reminder: {h.notifications()}")


def test_wellbeing_ignore(h):
    h.start_x()
    h.start_session_bus()
    start_screen_time(h, ACTIVE)
    start_limberd(h, manners(extra="gnome-wellbeing = ignore"), env_extra=wellbeing_env(h))
    h.wait_log("gnome-wellbeing = ignore")
    check("keeps its own schedule" in h.ctl("status").stdout, h.ctl("status").stdout)
    h.wait_notification(is_movement, timeout=10, what="Limber's own reminder beside GNOME's breaks")
    check(today(h)["breaks_due"] == 1, today(h))


def test_wellbeing_absent(h):
    h.start_x()
    h.start_session_bus()
    start_limberd(h, manners(), env_extra={"GSETTINGS_SCHEMA_DIR": os.path.join(h.tmp, "none"),
                                           "XDG_DATA_DIRS": os.path.join(h.tmp, "none")})
    h.wait_log("GNOME Wellbeing is not installed here")
    h.wait_notification(is_movement, timeout=10, what="Limber's own reminder without GNOME Wellbeing")
    check(status_json(h)["wellbeing"] is None, status_json(h))


def test_wellbeing_eye_break(h):
    """With eye breaks on too, a break GNOME calls due before its movement interval (30 min) has
    passed is an eye break: no routine offered, and its end is no movement break."""
    h.start_x()
    h.start_session_bus()
    start_screen_time(h, ACTIVE)
    start_limberd(h, manners(), env_extra=wellbeing_env(h, "['movement', 'eyesight']"))
    h.wait_log("gnome-wellbeing = follow")
    set_screen_time(h, BREAK_DUE)
    set_screen_time(h, IN_BREAK)
    set_screen_time(h, ACTIVE, last_break_end=int(time.time()))
    # The next break GNOME calls due, well within its movement interval, is an eye break too.
    set_screen_time(h, BREAK_DUE)
    h.ctl("status")  # limberd has seen every change above once it answers
    time.sleep(1.0)
    no_reminder_yet(h)
    check(today(h)["taken_natural"] == 0 and today(h)["breaks_due"] == 0, f"an eye break counted: {today(h)}")
