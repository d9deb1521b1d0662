"""What the popups say, against a real limberd and the mock notification server: the first-run
notice exactly once, "That hurt" and the gentle week it offers (limberctl gentle), the stretch's
picture where the server shows images, the words of each kind of step, and the wheelchair
profile."""

import os
import re

from cases import FAST, is_first_run, is_movement, read_history, start_limberd, status_json
from harness import SOURCE_DIR, check, wait_for

# The server GNOME, KDE and dunst are: buttons, markup, and images beside the text.
IMAGE_CAPS = "body body-markup actions persistence icon-static"
PICTURES = os.path.join(SOURCE_DIR, "data")


def with_pictures(h):
    """limberd finds the source tree's pictures as it finds installed ones: through XDG_DATA_DIRS."""
    h.env["XDG_DATA_DIRS"] = PICTURES


def first_run_notices(h):
    return [n for n in h.notifications() if is_first_run(n)]


def step(h, title, after=0, what=None):
    return h.wait_notification(lambda n: n["summary"].startswith(title), after=after, timeout=15,
                               what=what or f"the step {title!r}")


def today(h, key):
    return status_json(h)["today"][key]


# -- the first-run notice -----------------------------------------------------------------------

def test_first_run_notice_once(h):
    start_limberd(h)
    notice = h.wait_notification(is_first_run, what="the first-run notice")
    for words in ("1 in 5", "sharp pain", "Numbness, tingling or weakness", "groin", "bladder or bowel",
                  "get help now", "limber.conf"):
        check(words in notice["body"], f"the first-run notice lacks {words!r}: {notice['body']!r}")
    check(notice["actions"] == [], f"a notice with buttons: {notice['actions']}")
    check(read_history(h)["limber"].get("first-run-shown") == "1", "the state file does not say it was shown")
    # The first reminder comes as usual, and then a restart: no second notice.
    h.wait_notification(is_movement, what="the first reminder")
    h.restart_daemon()
    seen = len(h.notifications())
    h.wait_notification(is_movement, after=seen, timeout=15, what="a reminder after the restart")
    check(len(first_run_notices(h)) == 1, f"{len(first_run_notices(h))} first-run notices")


def test_first_run_notice_waits_for_server(h):
    """Started before the desktop's notification server, the notice is shown when one comes."""
    start_limberd(h, config=FAST.replace("sit-limit = 5s", "sit-limit = 1h"), notifications=False)
    h.start_notifications()
    h.wait_notification(is_first_run, timeout=15, what="the first-run notice once a server is there")
    check(len(first_run_notices(h)) == 1, f"{len(first_run_notices(h))} first-run notices")


# -- "That hurt" ----------------------------------------------------------------------------------

HURT_CONFIG = FAST + "[routines]\nmovement = legs-and-walk\n"


def start_routine(h, after=0):
    reminder = h.wait_notification(is_movement, after=after, timeout=15, what="the movement reminder")
    h.click(reminder["id"], "default")
    return step(h, "Split squat at the desk (1 of 3)", after=after)


def test_that_hurt(h):
    with_pictures(h)
    start_limberd(h, config=HURT_CONFIG, caps=IMAGE_CAPS)
    first = start_routine(h)
    check("hurt" in first["action_keys"], f"no \"That hurt\" on the step: {first['actions']}")
    seen = len(h.notifications())
    h.click(first["id"], "hurt")
    hurt = h.wait_notification(lambda n: n["summary"].startswith("Sorry it hurt"), after=seen,
                               what="the popup after \"That hurt\"")
    for words in ("Numbness, tingling or weakness", "get help now", "7 days"):
        check(words in hurt["body"], f"the popup after \"That hurt\" lacks {words!r}: {hurt['body']!r}")
    check(hurt["action_keys"] == ["gentle", "walk-only"], f"offers {hurt['actions']}")
    wait_for(lambda: today(h, "partial") == 1, 5, "the routine to count as a partial break")
    check(status_json(h)["state"] != "in-break", "the routine still runs")

    # Walks only for a week: recorded, said in a notice, and the next break is a walk.
    h.click(hurt["id"], "walk-only")
    notice = h.wait_notification(lambda n: n["body"].startswith("Walks only until"), after=seen,
                                 what="the notice of the gentle week")
    check("limberctl gentle off" in notice["body"], f"no way back named: {notice['body']!r}")
    out = h.ctl("gentle").stdout
    check(out.startswith("Gentle week: walks only until"), f"limberctl gentle: {out!r}")
    wait_for(lambda: read_history(h)["limber"].get("gentle-walk-only") == "1", 5, "the week in the state file")
    walk = h.wait_notification(is_movement, after=seen, timeout=15, what="the next reminder")
    check("<b>Walk</b>" in walk["body"] and "Stand up slowly" in walk["body"], f"not a slow walk: {walk['body']!r}")

    # Reversible: off, and the next reminder is the usual routine again.
    out = h.ctl("gentle", "off").stdout
    check(out.startswith("No gentle week"), f"limberctl gentle off: {out!r}")
    check(read_history(h)["limber"].get("gentle-until-us") == "0", "the state file keeps the week")
    h.click(walk["id"], "skip")
    seen = len(h.notifications())
    usual = h.wait_notification(is_movement, after=seen, timeout=15, what="the reminder after the week ended")
    check("Legs, then walk" in usual["body"] and "slowly" not in usual["body"], f"not the usual: {usual['body']!r}")


def test_that_hurt_gentler(h):
    """The gentler week: the split squat becomes the desk squat; a restart keeps the week."""
    start_limberd(h, config=HURT_CONFIG)
    first = start_routine(h)
    seen = len(h.notifications())
    h.click(first["id"], "hurt")
    hurt = h.wait_notification(lambda n: n["summary"].startswith("Sorry it hurt"), after=seen)
    h.click(hurt["id"], "default")
    h.wait_notification(lambda n: n["body"].startswith("Gentler stretches until"), after=seen)
    h.restart_daemon()
    check(h.ctl("gentle").stdout.startswith("Gentle week: gentler stretches"), "a restart lost the week")
    seen = len(h.notifications())
    reminder = h.wait_notification(is_movement, after=seen, timeout=15)
    h.click(reminder["id"], "default")
    step(h, "Desk squat (1 of 2)", after=seen)
    # Its steps stay as offered: the week is not changed under a running routine.
    proc = h.ctl("gentle", "off", check=False)
    check(proc.returncode == 3 and "guided break" in proc.stderr, f"gentle off mid-routine: {proc.returncode} "
                                                                   f"{proc.stderr!r}")


def test_gentle_command(h):
    h.start_session_bus()
    proc = h.ctl("gentle", check=False)
    check(proc.returncode == 1 and "systemctl --user start limber" in proc.stderr, f"no daemon: {proc.stderr!r}")
    start_limberd(h, config=FAST.replace("sit-limit = 5s", "sit-limit = 1h"))
    for bad in (["gentle", "maybe"], ["gentle", "on", "off"]):
        proc = h.ctl(*bad, check=False)
        check(proc.returncode == 2 and "on, walk-only or off" in proc.stderr, f"{bad}: {proc.returncode} {proc.stderr!r}")
    check(h.ctl("gentle").stdout.startswith("No gentle week"), "a gentle week from nowhere")
    out = h.ctl("gentle", "on").stdout
    check(re.match(r"Gentle week: gentler stretches until \w+ \d+ \w+, \d\d:\d\d\.", out), f"gentle on: {out!r}")
    check(read_history(h)["limber"].get("gentle-walk-only") == "0", "gentle on recorded walks only")
    check(h.ctl("gentle", "off").stdout.startswith("No gentle week"), "gentle off did not end it")


# -- pictures, words, profiles ---------------------------------------------------------------------

def test_picture_where_images_show(h):
    with_pictures(h)
    start_limberd(h, config=HURT_CONFIG, caps=IMAGE_CAPS)
    first = start_routine(h)
    want = os.path.join(PICTURES, "limber", "stretches", "split-squat.svg")
    check(first["hints"].get("image-path") == want, f"image-path {first['hints'].get('image-path')!r}, want {want!r}")
    check(h.ctl("stretches", "split-squat").stdout.count(f"Picture: {want}") == 1,
          "limberctl stretches does not name the picture")


def test_no_picture_without_images(h):
    with_pictures(h)
    start_limberd(h, config=HURT_CONFIG)
    first = start_routine(h)
    check(first["hints"].get("image-path") == "limber", f"image-path {first['hints'].get('image-path')!r}")
    # The text alone is complete: what to do, for how long, the safety line and the caution.
    for words in ("One hand on the desk", "6 slow rounds on this side.", "Slow, small, no pain.", "Care: "):
        check(words in first["body"], f"the step lacks {words!r}: {first['body']!r}")


def test_step_words_by_kind(h):
    """A walk says to keep walking for at least break-length, the second side says to switch."""
    start_limberd(h, config=HURT_CONFIG.replace("break-length = 3s", "break-length = 4s"))
    first = start_routine(h)
    seen = len(h.notifications())
    h.click(first["id"], "next")
    second = step(h, "Split squat at the desk (2 of 3)", after=seen)
    check(second["body"].startswith("<b>Switch sides now.</b>"), f"no switch cue: {second['body']!r}")
    h.click(second["id"], "next")
    walk = step(h, "Walk away from the desk (3 of 3)", after=seen)
    check("Keep walking for 2 min." in walk["body"] and "Hold" not in walk["body"], f"walk: {walk['body']!r}")


def test_wheelchair_profile(h):
    with_pictures(h)
    start_limberd(h, config=FAST + "[profile]\nmobility = seated\n[routines]\nmovement = march-and-walk\n",
                  caps=IMAGE_CAPS)
    reminder = h.wait_notification(lambda n: n["summary"].startswith("Time to move"), timeout=15,
                                   what="the seated reminder")
    check("stand" not in (reminder["summary"] + reminder["body"]).lower(), f"standing up: {reminder!r}")
    check("March, then walk" in reminder["body"], f"{reminder['body']!r}")
    seen = len(h.notifications())
    h.click(reminder["id"], "default")
    arms = step(h, "Seated arm swing (1 of 2)", after=seen)
    check("Keep swinging for 40 s." in arms["body"], f"{arms['body']!r}")
    h.click(arms["id"], "next")
    wheel = step(h, "Wheel away from the desk (2 of 2)", after=seen)
    check(wheel["hints"].get("image-path", "").endswith("wheel-away.svg"), f"{wheel['hints']}")
    check("Keep wheeling" in wheel["body"], f"{wheel['body']!r}")
