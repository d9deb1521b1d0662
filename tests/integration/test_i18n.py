"""Limber in German: the real limberd and limberctl of the build with LANGUAGE=de, reading the
build's catalogues (build/po/LANG/LC_MESSAGES/limber.mo).

The programs look their words up where meson installs them (LIMBER_LOCALEDIR). Rather than give
them a way round that for tests, these cases preload tests/integration/localedir-shim.c, which
points bindtextdomain() for "limber" at the build's po/ directory; nothing else changes. The
harness's locale is C.UTF-8, where glibc honours LANGUAGE (in C or POSIX it would not), so no
de_DE locale needs to be generated.

popup_screenshot_dunst saves docs/popup-de.png when LIMBER_SCREENSHOT_DIR names a directory."""

import json
import os
import shutil
import subprocess

from cases import HOUR_LIMIT, history_path, start_limberd
from harness import HERE, NOTIFY_NAME, SOURCE_DIR, Skip, check, wait_for

SHIM = os.path.join(HERE, "localedir-shim.c")


def german(h, lang="de"):
    """The environment that makes a program of the build speak `lang` from the build's catalogues."""
    po = os.path.join(h.build_dir, "po")
    if not os.path.exists(os.path.join(po, lang, "LC_MESSAGES", "limber.mo")):
        raise Skip(f"the build has no {lang} catalogue (is gettext's msgfmt installed?)")
    shim = os.path.join(h.tmp, "localedir-shim.so")
    if not os.path.exists(shim):
        cc = shutil.which("cc") or shutil.which("gcc")
        if cc is None:
            raise Skip("no C compiler for the localedir shim")
        proc = subprocess.run([cc, "-shared", "-fPIC", "-o", shim, SHIM, "-ldl"], capture_output=True, text=True)
        check(proc.returncode == 0, f"cc localedir-shim.c: {proc.stderr}")
    return {"LD_PRELOAD": shim, "LIMBER_TEST_LOCALEDIR": po, "LANGUAGE": lang,
            # An ASan build wants its runtime first; the preload only wraps bindtextdomain().
            "ASAN_OPTIONS": ":".join(filter(None, [h.env.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))}


def ctl_in(h, env, *args, check_status=True):
    proc = subprocess.run([h.limberctl_path, *args], env=dict(h.env, **env), capture_output=True, text=True,
                          timeout=10)
    # As h.ctl does: a sanitizer's report fails the case when the harness closes.
    if any(m in (proc.stderr or "") for m in h.SANITIZER_MARKS):
        h.ctl_sanitizer_output = getattr(h, "ctl_sanitizer_output", []) + [proc.stderr]
    if check_status:
        check(proc.returncode == 0, f"limberctl {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def welcomed(h):
    """A history that has shown the first-run notice already: the popups under test come alone."""
    os.makedirs(os.path.dirname(history_path(h)), mode=0o700, exist_ok=True)
    with open(history_path(h), "w") as f:
        f.write("[limber]\nversion=1\nfirst-run-shown=1\n")


def test_status_in_german(h):
    """LANGUAGE=de limberctl status against a running (English) limberd: the line, its help and its
    errors are German; what scripts read (--json's names and state) is not translated."""
    start_limberd(h, config=HOUR_LIMIT)
    de = german(h)
    line = ctl_in(h, de, "status").stdout.strip()
    english = h.ctl("status").stdout.strip()
    check(line.startswith("Sitzend seit ") and " · Bewegungspause in " in line, f"German status {line!r}")
    check(english.startswith("Sitting ") and " · movement break in " in english, f"English status {english!r}")
    status = json.loads(ctl_in(h, de, "status", "--json").stdout)
    check(status["state"] == "sitting" and status["posture"] == "sitting", f"--json names {status}")
    check(status["text"].startswith("Sitzend seit "), f"--json text {status['text']!r}")
    helped = ctl_in(h, de, "--help").stdout
    check("Befehle:" in helped and "Wie lange du schon sitzt" in helped, f"German --help:\n{helped}")
    usage = ctl_in(h, de, "pause", "30", check_status=False)
    check(usage.returncode == 2 and "„30“ braucht eine Einheit, z. B. 30m" in usage.stderr,
          f"German usage error {usage.returncode}: {usage.stderr!r}")
    refused = ctl_in(h, de, "resume", check_status=False)
    # The refusal is the daemon's sentence, in the daemon's language (English here).
    check(refused.returncode == 3 and "Limber is not paused" in refused.stderr, f"refusal {refused.stderr!r}")


def test_popup_in_german(h):
    """limberd with LANGUAGE=de: the first-run notice, the movement reminder (summary, body, the
    shipped routine's title and first step, the buttons) and the routine's first step are German,
    as the notification server receives them."""
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    # desk-reset's first stretch is the standing hip flexor stretch.
    h.write_config(HOUR_LIMIT.replace("sit-limit = 1h", "sit-limit = 4s") + "[routines]\nmovement = desk-reset\n")
    h.start_hands()
    h.start_daemon(env_extra=german(h))
    notice = h.wait_notification(lambda n: n["hints"].get("category") == "x-limber.notice", what="the notice")
    check(notice["body"].startswith("Alle 4 s eine kurze Bewegungspause.") and "1 von 5" in notice["body"]
          and "sofort Hilfe holen" in notice["body"], f"German first-run notice {notice['body']!r}")
    reminder = h.wait_notification(lambda n: n["hints"].get("category") == "x-limber.break", timeout=15,
                                   what="the movement reminder")
    check(reminder["summary"].startswith("Zeit zum Aufstehen – ") and reminder["summary"].endswith(" im Sitzen"),
          f"summary {reminder['summary']!r}")
    body = reminder["body"]
    for words in ("Deine Hüftbeuger sind seit ", "<b>Neustart am Schreibtisch</b>",
                  "Zuerst: Hand auf den Tisch, ein Bein einen Schritt zurück."):
        check(words in body, f"{words!r} not in the reminder's body {body!r}")
    labels = dict(zip(reminder["actions"][0::2], reminder["actions"][1::2]))
    check(labels.get("default") == "Starten" and labels.get("skip") == "Auslassen"
          and labels.get("snooze") == "3 s später", f"buttons {labels}")
    h.click(reminder["id"], "default")
    step = h.wait_notification(lambda n: n["summary"].startswith("Hüftbeuger-Dehnung im Stehen ("),
                               what="the first step in German")
    for words in ("Hand auf den Tisch", "Diese Seite: 25 s halten.", "Vorsicht: Brust hoch"):
        check(words in step["body"], f"{words!r} not in the step's body {step['body']!r}")
    check(step["action_keys"] == ["next", "stop", "hurt"] and step["actions"][5] == "Das tat weh",
          f"step buttons {step['actions']}")


def test_check_config_in_german(h):
    """check-config's messages are German, and the translated shipped catalogue gives none of its
    step-length warnings (the built-in file is checked with every run)."""
    de = german(h)
    path = h.write_config("[breaks]\nsit-limit = 45\n", name="bad.conf")
    proc = ctl_in(h, de, "check-config", path, check_status=False)
    check(proc.returncode == 1, f"check-config exited {proc.returncode}")
    check(f"{path}:2: sit-limit: „45“ braucht eine Einheit, z. B. 45m" in proc.stdout, f"German problem {proc.stdout!r}")
    check("built-in" not in proc.stdout, f"the translated catalogue has problems:\n{proc.stdout}")
    good = h.write_config("[breaks]\nsit-limit = 45m\n", name="good.conf")
    proc = ctl_in(h, de, "check-config", good)
    check(proc.stdout == "", f"a good file with the German catalogue: {proc.stdout!r}")
    shown = ctl_in(h, de, "stretches", "walk").stdout
    check(shown.startswith("Weg vom Schreibtisch gehen (walk)\nBereich: whole-body · move · 2 min · weg vom "
                           "Schreibtisch\n"), f"German stretches walk:\n{shown}")
    check("keine medizinische Beratung" in shown, f"the safety note is not German:\n{shown}")


def test_popup_screenshot_dunst(h):
    """The first step of a guided routine in German, drawn by dunst on Xvfb: docs/popup-de.png."""
    for tool in ("dunst", "import", "convert", "identify"):
        if not shutil.which(tool):
            raise Skip(f"{tool} is not installed")
    h.start_x()
    h.start_session_bus()
    dunstrc = os.path.join(h.tmp, "dunstrc")
    with open(os.path.join(HERE, "dunstrc")) as src, open(dunstrc, "w") as dst:
        dst.write(src.read().replace("[global]\n", "[global]\n    icon_path = %s\n" % os.path.join(SOURCE_DIR, "data"),
                                     1))
    h.spawn("dunst", ["dunst", "-config", dunstrc], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    h.wait_name(NOTIFY_NAME)
    welcomed(h)
    h.write_config(HOUR_LIMIT)
    h.start_hands()
    # The stretches' pictures from the source tree, found as installed ones are.
    h.start_daemon(env_extra=dict(german(h), XDG_DATA_DIRS=os.path.join(SOURCE_DIR, "data")))
    before = screen(h)
    ctl_in(h, german(h), "start")
    wait_drawn(h, before, "dunst to draw the German step")
    out_dir = os.environ.get("LIMBER_SCREENSHOT_DIR", h.tmp)
    path = os.path.join(out_dir, "popup-de.png")
    subprocess.run(["import", "-window", "root", path], env=h.env, check=True, timeout=20)
    # Only the popup (dunst puts it top right, on the black of an empty Xvfb screen).
    subprocess.run(["convert", path, "-trim", "+repage", path], env=h.env, check=True, timeout=20)
    size = subprocess.run(["identify", "-format", "%w %h", path], env=h.env, check=True, capture_output=True,
                          text=True, timeout=20).stdout.split()
    # A popup, not the whole screen nor a sliver: dunst's width is 360 to 520 pixels (dunstrc).
    check(360 <= int(size[0]) <= 560 and int(size[1]) >= 100, f"the trimmed screenshot is {size}")


def screen(h):
    return subprocess.run(["import", "-window", "root", "rgb:-"], env=h.env, check=True, timeout=20,
                          capture_output=True).stdout


def wait_drawn(h, before, what):
    """Wait until the screen differs from `before` and holds still for one more capture: dunst
    draws asynchronously, and nothing on the bus says "drawn"."""
    last = {"pixels": before}

    def settled():
        pixels = screen(h)
        done = pixels != before and pixels == last["pixels"]
        last["pixels"] = pixels
        return pixels if done else None
    return wait_for(settled, 15, what, interval=0.05)
