"""limberctl report: the weeks as an HTML page, SVG and CSV (daemon/ctl/limberctl-report*.c).

Every case writes a fixture of 90 days into the state directory first: a working habit forming over
three months (long bouts and skipped breaks early, fewer later; most weekends off). Without a
running limberd, limberctl reads that file; `from_daemon` checks that a running limberd is asked
instead. The page is opened in headless Chromium (Debian's `chromium`) and its screenshot checked
for the charts' colours; LIMBER_SCREENSHOT_DIR=docs keeps it as docs/report.png."""

import csv
import ctypes
import datetime
import io
import os
import random
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from cases import quiet, start_limberd
from harness import Skip, TestFailure, check, wait_for

US_PER_MIN = 60 * 10**6
SVG_NS = "{http://www.w3.org/2000/svg}"
COUNTERS = ("breaks-due", "taken-natural", "taken-guided", "partial", "snoozed", "skipped", "ignored",
            "micro-shown", "micro-taken", "long-bouts")
SIT_LIMIT_MIN = 30
# Colours of the light theme (daemon/ctl/limberctl-report-svg.c): the darkest heat, a bout under
# and over the limit, a due break.
LIGHT_COLOURS = ("#8F3A14", "#2E7D6B", "#C0442A", "#C3CBC4")
LIGHT_BACKGROUND = (251, 250, 246)
DARK_BACKGROUND = (20, 26, 25)


def fixture_days(n_days=90, seed=19):
    """{date: record} for the n_days ending today (local time = the harness's TZ)."""
    rng = random.Random(seed)
    today = datetime.date.today()
    days = {}
    for i in range(n_days):
        date = today - datetime.timedelta(days=n_days - 1 - i)
        if date.weekday() >= 5 and rng.random() < 0.8:
            continue  # a weekend off: no record at all
        progress = i / n_days  # 0 at the start, 1 today: the habit forming
        sitting = rng.randint(180, 480) * US_PER_MIN + rng.randint(0, 59) * 10**6
        bout = int(rng.randint(20, 50) + (1 - progress) * rng.randint(10, 70)) * US_PER_MIN
        due = rng.randint(6, 12)
        taken = min(due, int(due * (0.35 + 0.6 * progress) + rng.random() * 2))
        natural = rng.randint(0, taken)
        guided = rng.randint(0, taken - natural)
        days[date.isoformat()] = {
            "sitting-us": sitting, "longest-bout-us": bout, "breaks-due": due,
            "taken-natural": natural, "taken-guided": guided, "partial": taken - natural - guided,
            "snoozed": rng.randint(0, 3), "skipped": rng.randint(0, due - taken), "ignored": 0,
            "micro-shown": rng.randint(5, 15), "micro-taken": rng.randint(0, 5),
            "long-bouts": 1 if bout > SIT_LIMIT_MIN * US_PER_MIN else 0,
        }
    return days


def write_fixture(h, days):
    lines = ["[limber]", "version=1", "carried-good-days=0", ""]
    for date in sorted(days):
        lines.append(f"[{date}]")
        lines += [f"{key}={value}" for key, value in days[date].items()]
        lines.append("")
    state_dir = os.path.join(h.env["XDG_STATE_HOME"], "limber")
    os.makedirs(state_dir, mode=0o700, exist_ok=True)
    path = os.path.join(state_dir, "history.ini")
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return path


def setup(h):
    h.write_config(f"[breaks]\nsit-limit = {SIT_LIMIT_MIN}m\n")
    days = fixture_days()
    write_fixture(h, days)
    return days


def calendar_dates():
    """The report's calendar: from the Monday 11 weeks before this week's to today."""
    today = datetime.date.today()
    first = today - datetime.timedelta(days=today.weekday() + 7 * 11)
    return [(first + datetime.timedelta(days=i)).isoformat() for i in range((today - first).days + 1)]


def taken(record):
    return record["taken-natural"] + record["taken-guided"] + record["partial"]


def is_good(record):
    return record["breaks-due"] > 0 and taken(record) * 100 >= record["breaks-due"] * 80


# -- HTML in Chromium ---------------------------------------------------------------

def chromium_screenshot(h, url, path, dark=False, size="1100,900"):
    chromium = shutil.which("chromium")
    if chromium is None:
        raise Skip("chromium is not installed (Debian's chromium package)")
    profile = tempfile.mkdtemp(dir=h.tmp, prefix="chromium-")
    argv = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", f"--screenshot={path}", f"--window-size={size}"]
    if dark:
        argv.append("--force-dark-mode")
    proc = subprocess.run([*argv, url], env=h.env, capture_output=True, text=True, timeout=90)
    check(proc.returncode == 0 and os.path.exists(path),
          f"chromium exited {proc.returncode} without a screenshot:\n{proc.stderr[-3000:]}")


def image_facts(h, path):
    """(number of distinct colours, the set of colours as #RRGGBB, the pixel at 5,5 as (r, g, b))."""
    out = h.run(["convert", path, "-alpha", "off", "-unique-colors", "-depth", "8", "txt:-"], check=True).stdout
    colours = {line.split()[2][:7].upper() for line in out.splitlines()[1:] if line.strip()}
    corner = h.run(["convert", path, "-alpha", "off", "-depth", "8", "-format", "%[fx:int(255*p{5,5}.r)],"
                    "%[fx:int(255*p{5,5}.g)],%[fx:int(255*p{5,5}.b)]", "info:"], check=True).stdout
    return len(colours), colours, tuple(int(v) for v in corner.split(","))


def near(a, b, tolerance=3):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_html_in_chromium(h):
    if not shutil.which("convert"):
        raise Skip("ImageMagick's convert is not installed")
    setup(h)
    page = os.path.join(h.tmp, "report.html")
    proc = h.ctl("report", "--output", page)
    check(proc.stdout == "" and proc.stderr == "", f"report --output printed {proc.stdout!r} {proc.stderr!r}")
    with open(page) as f:
        html = f.read()
    for banned in ("<script", "src=", "href=", "url(", "@import", "<link"):
        check(banned not in html, f"the page is not self-contained: it has {banned!r}")
    check("default-src 'none'" in html, "no Content-Security-Policy that forbids loading")
    check(html.count("<svg ") == 3, f"want 3 charts (no standing data): {html.count('<svg ')}")
    check("Standing" not in html, "a standing slot without standing data")
    check('<p class="summary" id="summary">From ' in html, "no summary sentences")
    shot = os.path.join(h.tmp, "report.png")
    chromium_screenshot(h, "file://" + page, shot)
    n_colours, colours, corner = image_facts(h, shot)
    check(n_colours > 50, f"the screenshot has {n_colours} colours: a blank page?")
    check(near(corner, LIGHT_BACKGROUND), f"light background is {corner}, want {LIGHT_BACKGROUND}")
    missing = [c for c in LIGHT_COLOURS if c not in colours]
    check(not missing, f"the charts' colours {missing} are not in the screenshot")
    dark = os.path.join(h.tmp, "report-dark.png")
    chromium_screenshot(h, "file://" + page, dark, dark=True)
    n_colours, colours, corner = image_facts(h, dark)
    check(n_colours > 50 and near(corner, DARK_BACKGROUND),
          f"dark theme: {n_colours} colours, background {corner}, want {DARK_BACKGROUND}")
    out_dir = os.environ.get("LIMBER_SCREENSHOT_DIR")
    if out_dir:
        chromium_screenshot(h, "file://" + page, os.path.join(out_dir, "report.png"), size="1100,1090")


# -- SVG and CSV ----------------------------------------------------------------------

def test_svg_is_xml(h):
    days = setup(h)
    svg = h.ctl("report", "--format", "svg", "--output", "-").stdout
    check(svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n'), f"no XML declaration: {svg[:80]!r}")
    root = ET.fromstring(svg.encode())
    check(root.tag == SVG_NS + "svg", f"root element {root.tag}")
    check(root.find(SVG_NS + "title").text == "Limber: 12 weeks of sitting", "no document title")
    charts = root.findall(SVG_NS + "svg")
    check([c.get("aria-labelledby").split("-")[0] for c in charts] == ["calendar", "bouts", "breaks"],
          f"charts {[c.get('aria-labelledby') for c in charts]}")
    dates = calendar_dates()
    cells = [r for r in charts[0].iter(SVG_NS + "rect") if r.get("rx") == "3"]
    check(len(cells) == len(dates), f"{len(cells)} calendar squares for {len(dates)} days")
    for date, cell in zip(dates, cells):
        record = days.get(date)
        minutes = record["sitting-us"] // US_PER_MIN if record else 0
        want = 0 if minutes == 0 else min(minutes // 120 + 1, 4)
        check(cell.get("class").split()[0] == f"h{want}", f"{date}: class {cell.get('class')}, want h{want}")
    over = [r for r in charts[1].iter(SVG_NS + "rect") if r.get("class") == "over"]
    want_over = sum(1 for d in dates if d in days and days[d]["longest-bout-us"] > SIT_LIMIT_MIN * US_PER_MIN)
    check(len(over) == want_over, f"{len(over)} bars over the limit, want {want_over}")


HALF_A_TENTH = 0.05 + 1e-9  # the CSV rounds minutes to one decimal


def check_csv_rows(text, days, dates):
    check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "rows do not end with CRLF")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    check([r["date"] for r in rows] == dates, f"dates {[r['date'] for r in rows][:3]}…, want {dates[:3]}…")
    for row in rows:
        record = days.get(row["date"], {key: 0 for key in ("sitting-us", "longest-bout-us", *COUNTERS)})
        check(abs(float(row["sitting_min"]) - record["sitting-us"] / US_PER_MIN) <= HALF_A_TENTH,
              f"{row['date']}: sitting {row['sitting_min']} min, fixture {record['sitting-us']} µs")
        check(abs(float(row["longest_bout_min"]) - record["longest-bout-us"] / US_PER_MIN) <= HALF_A_TENTH,
              f"{row['date']}: longest bout {row['longest_bout_min']}")
        for key in COUNTERS:
            column = "bouts_over_limit" if key == "long-bouts" else key.replace("-", "_")
            check(int(row[column]) == record[key], f"{row['date']}: {column} {row[column]}, fixture {record[key]}")
        check(int(row["breaks_taken"]) == taken(record), f"{row['date']}: breaks_taken {row['breaks_taken']}")
        check(row["good_day"] == ("1" if is_good(record) else "0"), f"{row['date']}: good_day {row['good_day']}")
        check(row["standing_min"] == "", f"{row['date']}: standing {row['standing_min']!r} without data")
    return rows


def test_csv_round_trip(h):
    days = setup(h)
    path = os.path.join(h.tmp, "days.csv")
    h.ctl("report", "--format", "csv", "--output", path)
    with open(path, newline="") as f:
        text = f.read()
    check_csv_rows(text, days, calendar_dates())
    # A locale that writes decimals with a comma changes neither the CSV nor the SVG's numbers.
    locales = os.path.join(h.tmp, "locales")
    os.makedirs(locales)
    if h.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locales, "de_DE.UTF-8")]).returncode != 0:
        raise Skip("cannot build the de_DE locale here (Debian's locales package has its sources)")
    env = dict(h.env, LOCPATH=locales, LC_ALL="de_DE.UTF-8")
    german = subprocess.run([h.limberctl_path, "report", "--format", "csv", "--output", "-"], env=env,
                            capture_output=True, text=True, check=True, timeout=10).stdout
    check(german.replace("\r\n", "\n") == text.replace("\r\n", "\n"), "the CSV changes with the locale")
    svg = subprocess.run([h.limberctl_path, "report", "--format", "svg", "--output", "-"], env=env,
                         capture_output=True, text=True, check=True, timeout=10).stdout
    ET.fromstring(svg.encode())
    check("Okt" in svg or "Nov" in svg or "Dez" in svg, "the months are not in the user's language")


# -- where the days come from, where the report goes -----------------------------------

def test_from_daemon(h):
    """A running limberd is asked (its memory is newer than the file), not the file."""
    days = setup(h)
    start_limberd(h, quiet())
    h.wait_log("is watching your sitting time")
    history = os.path.join(h.env["XDG_STATE_HOME"], "limber", "history.ini")
    for attempt in range(3):
        os.rename(history, history + ".aside")  # limberd has read it; the report must not need it
        h.ctl("report", "--format", "csv", "--output", os.path.join(h.tmp, "days.csv"))
        if not os.path.exists(history):
            os.replace(history + ".aside", history)
            break
        # limberd saves on its transitions only; one fell between the rename and the report.
        os.unlink(history + ".aside")
    else:
        raise TestFailure("limberd saved its history during every attempt")
    with open(os.path.join(h.tmp, "days.csv"), newline="") as f:
        text = f.read()
    dates = calendar_dates()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    check([r["date"] for r in rows] == dates, "the daemon's days are not the calendar")
    past = "".join(line + "\r\n" for line in text.split("\r\n")[:-2])  # today has limberd's own minutes
    check_csv_rows(past, days, dates[:-1])


def launch_env(h, handler=True):
    """A desktop whose default program for text/html is a script that notes the URI it was given."""
    env = dict(h.env)
    data = os.path.join(h.tmp, "data")
    apps = os.path.join(data, "applications")
    os.makedirs(apps, exist_ok=True)
    env["XDG_DATA_HOME"] = data
    env["XDG_DATA_DIRS"] = "/usr/share" if handler else os.path.join(h.tmp, "no-data")
    opened = os.path.join(h.tmp, "opened")
    if handler:
        script = os.path.join(h.tmp, "fake-browser")
        with open(script, "w") as f:
            f.write(f"#!/bin/sh\necho \"$1\" > {opened}.tmp && mv {opened}.tmp {opened}\n")
        os.chmod(script, 0o755)
        with open(os.path.join(apps, "limber-test-browser.desktop"), "w") as f:
            f.write(f"[Desktop Entry]\nType=Application\nName=Test browser\nExec={script} %u\n"
                    "MimeType=text/html;image/svg+xml;text/csv;\n")
        with open(os.path.join(h.env["XDG_CONFIG_HOME"], "mimeapps.list"), "w") as f:
            f.write("[Default Applications]\ntext/html=limber-test-browser.desktop\n"
                    "image/svg+xml=limber-test-browser.desktop\ntext/csv=limber-test-browser.desktop\n")
    return env, opened


def reap_orphans():
    """The program GIO starts outlives limberctl; as subreaper the test is its parent and reaps it."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def become_subreaper():
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def run_report(h, env, *args):
    proc = subprocess.run([h.limberctl_path, "report", *args], env=env, capture_output=True, text=True,
                          timeout=20)
    check(proc.returncode == 0, f"limberctl report {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def test_opens_default_program(h):
    setup(h)
    become_subreaper()
    env, opened = launch_env(h)
    for args, name in (((), "report.html"), (("--format", "svg"), "report.svg")):
        proc = run_report(h, env, *args)
        path = os.path.join(h.env["XDG_RUNTIME_DIR"], "limber", name)
        check(proc.stdout == path + "\n", f"printed {proc.stdout!r}, want {path}")
        check(proc.stderr == "", f"stderr {proc.stderr!r}")
        wait_for(lambda: os.path.exists(opened), 10, "the default program to be started")
        with open(opened) as f:
            uri = f.read().strip()
        # GIO hands a program with %u the local path of a file:// URI.
        check(uri in (path, "file://" + path), f"the program was given {uri!r}, want {path}")
        check(os.stat(path).st_mode & 0o777 == 0o600, f"{path} is readable by others")
        check(os.stat(os.path.dirname(path)).st_mode & 0o777 == 0o700, "its directory is open to others")
        os.unlink(opened)
        reap_orphans()
    # No runtime directory: the cache directory.
    env.pop("XDG_RUNTIME_DIR")
    env["XDG_CACHE_HOME"] = os.path.join(h.tmp, "cache")
    proc = run_report(h, env)
    check(proc.stdout == os.path.join(h.tmp, "cache", "limber", "report.html") + "\n", f"{proc.stdout!r}")
    wait_for(lambda: os.path.exists(opened), 10, "the default program to be started")
    reap_orphans()


def test_nothing_opens_it(h):
    setup(h)
    env, opened = launch_env(h, handler=False)
    proc = run_report(h, env)
    path = os.path.join(h.env["XDG_RUNTIME_DIR"], "limber", "report.html")
    check(proc.stdout == path + "\n", f"the path is not on stdout: {proc.stdout!r}")
    check(f"wrote {path}, but nothing here opens html files" in proc.stderr and "browser" in proc.stderr,
          f"stderr {proc.stderr!r}")
    check(os.path.getsize(path) > 10000, "the report was not written")


def test_usage_and_errors(h):
    days = setup(h)
    for args in (["--format", "pdf"], ["extra"], ["--no-such-option"]):
        proc = h.ctl("report", *args, check=False)
        check(proc.returncode == 2 and proc.stderr.startswith("limberctl report"), f"{args}: {proc.returncode} "
              f"{proc.stderr!r}")
    proc = h.ctl("report", "--output", os.path.join(h.tmp, "no", "such", "dir", "r.html"), check=False)
    check(proc.returncode == 3 and "could not write the report" in proc.stderr, f"{proc.returncode} {proc.stderr!r}")
    # A history file limberd could not read either: said, and left where it is for limberd.
    history = write_fixture(h, days)
    with open(history, "a") as f:
        f.write("[2026-01-01]\nsitting-us=-5\n")
    with open(history) as f:
        before = f.read()
    proc = h.ctl("report", "--format", "csv", "--output", "-", check=False)
    check(proc.returncode == 3 and f"The history file {history} cannot be read" in proc.stderr,
          f"{proc.returncode} {proc.stderr!r}")
    with open(history) as f:
        check(f.read() == before, "the history file was changed")
    check(os.listdir(os.path.dirname(history)) == ["history.ini"], "something was moved aside")
    # No history at all: an empty report, and a word on why.
    os.unlink(history)
    proc = h.ctl("report", "--format", "csv", "--output", "-")
    check("has kept no history" in proc.stderr and len(proc.stdout.splitlines()) == 1 + len(calendar_dates()),
          f"{proc.stderr!r}")
    # A config file with errors: the default sit-limit, and a word on it.
    h.write_config("[breaks]\nsit-limit = 30\n")
    proc = h.ctl("report", "--format", "csv", "--output", "-")
    check("has errors" in proc.stderr and "default sit-limit" in proc.stderr, f"{proc.stderr!r}")
