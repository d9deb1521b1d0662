"""The rules of the user's choices, one answer wherever they come from: limberctl, the
popup's buttons and the bus all go through the scheduler's check, against the real limberd."""

from cases import is_movement, start_limberd, state, status_json
from harness import check, wait_for


def config(max_snoozes=2, snooze="1m"):
    return f"""\
[breaks]
sit-limit = 3s
break-length = 2s
micro-interval = 0
micro-length = 1s
snooze = {snooze}
max-snoozes = {max_snoozes}
"""


def start(h, text):
    return start_limberd(h, text, hands=True)


def refused(h, *args, why):
    proc = h.ctl(*args, check=False)
    check(proc.returncode == 3, f"limberctl {' '.join(args)} exited {proc.returncode}, not 3 (refused): "
          f"{proc.stdout!r} {proc.stderr!r}")
    check(proc.stdout == "", f"a refused limberctl {' '.join(args)} printed {proc.stdout!r}")
    check(why in proc.stderr, f"limberctl {' '.join(args)} does not say why ({why!r}): {proc.stderr!r}")


def test_nothing_to_answer(h):
    text = config().replace("sit-limit = 3s", "sit-limit = 1h")
    start(h, text)
    refused(h, "snooze", why="No break is due")
    refused(h, "skip", why="No break is due")
    refused(h, "resume", why="not paused")
    check(state(h) == "sitting", f"a refused choice changed the state: {status_json(h)}")


def test_snooze_none_left(h):
    start(h, config(max_snoozes=0))
    reminder = h.wait_notification(is_movement, what="the movement reminder")
    check("snooze" not in reminder["action_keys"], f"Snooze offered with none allowed: {reminder['action_keys']}")
    refused(h, "snooze", why="max-snoozes")


def test_skip_after_snooze(h):
    start(h, config())
    h.wait_notification(is_movement, what="the movement reminder")
    check(h.ctl("snooze").stdout.strip() == "Snoozed.", "snooze did not say so")
    proc = h.ctl("skip")
    check(proc.stdout.strip() == "Skipped this break.", f"skip after a snooze said {proc.stdout!r}")
    refused(h, "skip", why="No break is due")


def test_start_during_routine(h):
    start(h, config().replace("sit-limit = 3s", "sit-limit = 1h"))
    h.ctl("start")
    wait_for(lambda: state(h) == "in-break", 5, "the routine")
    refused(h, "start", why="already running")
    refused(h, "snooze", why="already running")
