"""The systemd user service and what `meson install` puts in place: the unit
passes `systemd-analyze verify` (and the check catches a broken copy), every
file lands where the unit and the docs say, the man pages render cleanly.

test_notify_listener checks harness.NotifyListener, the stand-in for systemd's
notify socket that the end-to-end READY/STATUS/RELOADING/STOPPING test uses.
"""

import filecmp
import glob
import json
import os
import re
import shutil
import socket
import subprocess

from cases import INDICATOR_ICONS
from harness import SOURCE_DIR, NotifyListener, Skip, TestFailure, check

MAN_PAGES = {"limberd.1": "man1", "limberctl.1": "man1", "limber.conf.5": "man5"}


# -- build facts ----------------------------------------------------------------

def build_options(h):
    path = os.path.join(h.build_dir, "meson-info", "intro-buildoptions.json")
    with open(path) as f:
        return {o["name"]: o["value"] for o in json.load(f)}


def install_dirs(h):
    """Where the docs say things go, from the build's own options."""
    opts = build_options(h)
    prefix = opts["prefix"]
    dirs = {name: os.path.join(prefix, opts[name])
            for name in ("bindir", "datadir", "mandir", "sysconfdir", "localedir")}
    dirs["prefix"] = prefix
    dirs["autostartdir"] = opts.get("autostartdir") or os.path.join(dirs["sysconfdir"], "xdg", "autostart")
    unitdir = opts.get("systemduserunitdir", "")
    if not unitdir:
        pc = subprocess.run(["pkg-config", f"--define-variable=prefix={prefix}",
                             "--variable=systemduserunitdir", "systemd"],
                            capture_output=True, text=True)
        unitdir = pc.stdout.strip() if pc.returncode == 0 and pc.stdout.strip() else \
            os.path.join(prefix, "lib", "systemd", "user")
    dirs["unitdir"] = unitdir
    dirs["man_pages"] = opts.get("man-pages") != "disabled" and shutil.which("scdoc") is not None
    return dirs


def unit_entries(path):
    """The unit as (section, key, value) triples; repeated keys are kept."""
    entries, section = [], None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            key, _, value = line.partition("=")
            entries.append((section, key.strip(), value.strip()))
    return entries


def unit_value(entries, section, key):
    values = [v for (s, k, v) in entries if s == section and k == key]
    check(len(values) == 1, f"[{section}] {key}= appears {len(values)} times, want once")
    return values[0]


def built_unit(h):
    path = os.path.join(h.build_dir, "systemd", "limber.service")
    check(os.path.exists(path), f"the configured unit {path} was not built")
    return path


# -- systemd-analyze verify ---------------------------------------------------------

def man_tree(h):
    """A MANPATH holding the built pages, so verify can check Documentation=."""
    root = os.path.join(h.tmp, "man")
    for page, section in MAN_PAGES.items():
        built = os.path.join(h.build_dir, "man", page)
        if not os.path.exists(built):
            return None
        os.makedirs(os.path.join(root, section), exist_ok=True)
        shutil.copy(built, os.path.join(root, section, page))
    return root


def verify(h, unit_path):
    """Run systemd-analyze --user verify; return its exit status and all its output."""
    if not shutil.which("systemd-analyze"):
        raise Skip("systemd-analyze is not installed")
    env = dict(h.env)  # has a private XDG_RUNTIME_DIR, which --user needs
    argv = ["systemd-analyze", "--user", "verify"]
    manpath = man_tree(h)
    if manpath:
        env["MANPATH"] = manpath
    else:
        argv.append("--man=no")  # scdoc absent: no pages to check Documentation= against
    proc = subprocess.run([*argv, unit_path], env=env, capture_output=True, text=True, timeout=60)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def unit_text(h):
    """The configured unit with ExecStart= pointed at the built limberd."""
    with open(built_unit(h)) as f:
        text = f.read()
    return re.sub(r"^ExecStart=.*$", f"ExecStart={os.path.abspath(h.limberd_path)}", text,
                  flags=re.M)


def unit_copy(h, subdir, text):
    units = os.path.join(h.tmp, "units", subdir)
    os.makedirs(units, exist_ok=True)
    path = os.path.join(units, "limber.service")
    with open(path, "w") as f:
        f.write(text)
    return path


def test_unit_verify(h):
    status, output = verify(h, unit_copy(h, "good", unit_text(h)))
    check(status == 0 and output == "",
          f"systemd-analyze verify exited {status} with output:\n{output}")


def test_unit_verify_catches_breakage(h):
    # Each edit is a mistake verify must report; most only as a warning with
    # exit status 0, which is why the good case requires empty output.
    breakages = {
        "bad value": lambda t: t.replace("Type=notify", "Type=notfiy"),
        "bad time": lambda t: t.replace("RestartSec=5", "RestartSec=five"),
        "unknown key": lambda t: t.replace("Restart=on-failure", "Restrat=on-failure"),
        "missing binary": lambda t: re.sub(r"^ExecStart=.*$", "ExecStart=/nonexistent/limberd",
                                           t, flags=re.M),
        "unknown man page": lambda t: t.replace("man:limberd(1)", "man:limberd-missing(1)"),
    }
    for what, edit in breakages.items():
        if what == "unknown man page" and man_tree(h) is None:
            continue  # without built pages verify runs with --man=no
        good = unit_text(h)
        broken = edit(good)
        check(broken != good, f"{what}: the edit changed nothing")
        status, output = verify(h, unit_copy(h, what.replace(" ", "-"), broken))
        check(output != "", f"{what}: verify said nothing (exit {status}) about the broken unit")


def test_unit_contents(h):
    entries = unit_entries(built_unit(h))
    dirs = install_dirs(h)
    want = {
        ("Unit", "PartOf"): "graphical-session.target",
        ("Unit", "After"): "graphical-session.target",
        ("Unit", "Documentation"): "man:limberd(1) man:limber.conf(5)",
        ("Service", "Type"): "notify",
        ("Service", "ExecStart"): os.path.join(dirs["bindir"], "limberd"),
        ("Service", "ExecReload"): "kill -HUP $MAINPID",
        ("Service", "Restart"): "on-failure",
        ("Service", "RestartSec"): "5",
        ("Service", "RestartPreventExitStatus"): "78",
        ("Unit", "StartLimitIntervalSec"): "1min",
        ("Unit", "StartLimitBurst"): "5",
        ("Service", "Slice"): "app.slice",
        ("Service", "NoNewPrivileges"): "yes",
        ("Install", "WantedBy"): "graphical-session.target",
    }
    for (section, key), value in want.items():
        got = unit_value(entries, section, key)
        check(got == value, f"[{section}] {key}={got!r}, want {value!r}")
    # Mount-namespace sandboxing needs privileges (or user namespaces) that
    # an unprivileged user manager may not have: none of it belongs here.
    for key in ("ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "ReadOnlyPaths",
                "InaccessiblePaths", "ProtectKernelTunables", "ProtectControlGroups"):
        check(not any(k == key for (_, k, _) in entries), f"{key}= does not work in a user unit")


# -- meson install --------------------------------------------------------------

def destdir_install(h):
    meson = shutil.which("meson")
    if meson is None:
        raise Skip("meson is not on PATH")
    dest = os.path.join(h.tmp, "dest")
    proc = subprocess.run([meson, "install", "-C", h.build_dir, "--no-rebuild", "--quiet",
                           "--destdir", dest], capture_output=True, text=True, timeout=120)
    check(proc.returncode == 0, f"meson install failed:\n{proc.stdout}{proc.stderr}")
    return lambda path: dest + path


def read_desktop(path):
    values, group = {}, None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                group = line.strip("[]")
            elif line and not line.startswith("#") and group == "Desktop Entry":
                key, _, value = line.partition("=")
                values[key] = value
    return values


def test_install_destdir(h):
    at = destdir_install(h)
    dirs = install_dirs(h)
    limberd = os.path.join(dirs["bindir"], "limberd")
    for program in ("limberd", "limberctl"):
        path = at(os.path.join(dirs["bindir"], program))
        check(os.access(path, os.X_OK), f"{path} is missing or not executable")

    unit = at(os.path.join(dirs["unitdir"], "limber.service"))
    check(os.path.exists(unit), f"the unit is not at {unit}")
    exec_start = unit_value(unit_entries(unit), "Service", "ExecStart")
    check(exec_start == limberd, f"installed unit runs {exec_start}, want {limberd}")
    if dirs["prefix"] in ("/usr", "/usr/local") and shutil.which("systemd-analyze"):
        paths = h.run(["systemd-analyze", "--user", "unit-paths"]).stdout.split()
        check(dirs["unitdir"] in paths, f"systemd does not look in {dirs['unitdir']}: {paths}")

    example = os.path.join(dirs["datadir"], "doc", "limber", "examples", "limber.conf")
    check(os.path.exists(at(example)), f"the example config is not at {example}")
    check(filecmp.cmp(at(example), os.path.join(SOURCE_DIR, "config", "limber.conf"), shallow=False),
          "the installed example differs from config/limber.conf")

    entry = read_desktop(at(os.path.join(dirs["datadir"], "applications", "limber.desktop")))
    check(entry.get("NoDisplay") == "true", f"limber.desktop: NoDisplay={entry.get('NoDisplay')}")
    check(entry.get("Exec") == limberd, f"limber.desktop: Exec={entry.get('Exec')}")
    autostart = read_desktop(at(os.path.join(dirs["autostartdir"], "limber.desktop")))
    check(autostart.get("X-systemd-skip") == "true", "the autostart entry lacks X-systemd-skip=true")
    check(autostart.get("Exec") == limberd, f"autostart: Exec={autostart.get('Exec')}")

    if dirs["man_pages"]:
        for page, section in MAN_PAGES.items():
            path = at(os.path.join(dirs["mandir"], section, page))
            check(os.path.exists(path), f"{page} is not at {path}")
        with open(at(os.path.join(dirs["mandir"], "man1", "limberd.1"))) as f:
            page = f.read().replace("\\-", "-").replace("\\&", "")
        check(example in page, f"limberd(1) does not name the example's real path {example}")

    # The translations, where the programs look for them: the directory is compiled in.
    with open(os.path.join(SOURCE_DIR, "po", "LINGUAS")) as f:
        langs = [w for line in f if not line.startswith("#") for w in line.split()]
    for lang in langs:
        mo = at(os.path.join(dirs["localedir"], lang, "LC_MESSAGES", "limber.mo"))
        check(os.path.exists(mo), f"the {lang} translation is not at {mo}")
    for program in ("limberd", "limberctl"):
        with open(at(os.path.join(dirs["bindir"], program)), "rb") as f:
            check(dirs["localedir"].encode() + b"\0" in f.read(), f"{program} does not look in {dirs['localedir']}")

    found = glob.glob(at(os.path.join(dirs["datadir"], "icons", "hicolor", "*", "apps", "limber.*")))
    check(found, "the icon is not in the hicolor theme")

    # The stretch pictures, where limberd looks for them first.
    pictures = glob.glob(at(os.path.join(dirs["datadir"], "limber", "stretches", "*.svg")))
    shipped = glob.glob(os.path.join(SOURCE_DIR, "data", "limber", "stretches", "*.svg"))
    check(shipped and len(pictures) == len(shipped), f"{len(pictures)} pictures installed of {len(shipped)}")


# -- man pages ------------------------------------------------------------------

def test_man_pages_render(h):
    if not shutil.which("man"):
        raise Skip("man is not installed")
    pages = [os.path.join(h.build_dir, "man", p) for p in MAN_PAGES]
    if not all(os.path.exists(p) for p in pages):
        if install_dirs(h)["man_pages"]:
            raise TestFailure("scdoc is present but the man pages were not built")
        raise Skip("scdoc is not installed: no man pages built")
    env = dict(h.env, MANWIDTH="80")
    for page in pages:
        proc = subprocess.run(["man", "-l", "--warnings", page], env=env, capture_output=True,
                              text=True, timeout=60)
        check(proc.returncode == 0, f"man -l {page} exited {proc.returncode}")
        check(proc.stderr == "", f"{page} renders with warnings:\n{proc.stderr}")
        check("NAME" in proc.stdout and len(proc.stdout) > 500, f"{page} rendered almost nothing")


def man_section(page, title):
    """The text of section TITLE in man/PAGE.scd (up to the next '# ' heading)."""
    with open(os.path.join(SOURCE_DIR, "man", page + ".scd")) as f:
        text = f.read()
    match = re.search(rf"^# {re.escape(title)}\n(.*?)(?=^# |\Z)", text, flags=re.M | re.S)
    check(match is not None, f"{page}.scd has no {title} section")
    return match.group(1)


def help_options(text):
    return set(re.findall(r"^[ \t]+(?:-\w, )?--([a-z][a-z-]*)", text, flags=re.M))


def test_man_matches_help(h):
    # limberd: the same options in --help and in limberd(1).
    out = h.run([h.limberd_path, "--help"], check=True).stdout
    documented = set(re.findall(r"\*--([a-z][a-z-]*)\*", man_section("limberd.1", "OPTIONS")))
    check(help_options(out) == documented,
          f"limberd --help has {sorted(help_options(out))}, limberd(1) has {sorted(documented)}")
    # limberctl: every option and command --help lists is in limberctl(1).
    out = h.run([h.limberctl_path, "--help"], check=True).stdout
    documented = set(re.findall(r"\*--([a-z][a-z-]*)\*", man_section("limberctl.1", "OPTIONS")))
    check(help_options(out) <= documented,
          f"limberctl(1) misses options: {sorted(help_options(out) - documented)}")
    commands_help = out.partition("Commands:")[2].lstrip("\n").partition("\n\n")[0]
    commands = set(re.findall(r"^[ \t]+([a-z][a-z-]*)", commands_help, flags=re.M))
    documented = set(re.findall(r"^\*([a-z][a-z-]*)\*", man_section("limberctl.1", "COMMANDS"),
                                flags=re.M))
    check(commands, f"limberctl --help lists no commands: {out!r}")
    check(commands <= documented, f"limberctl(1) misses commands: {sorted(commands - documented)}")


def test_man_config_examples_valid(h):
    # Every config example in limber.conf(5) passes limberctl check-config.
    out = h.run([h.limberctl_path, "--help"], check=True).stdout
    if "check-config" not in out:
        raise Skip("this limberctl has no check-config yet")
    with open(os.path.join(SOURCE_DIR, "man", "limber.conf.5.scd")) as f:
        examples = re.findall(r"^```\n(.*?)^```", f.read(), flags=re.M | re.S)
    check(len(examples) >= 2, f"limber.conf(5) has {len(examples)} examples, want at least 2")
    for i, example in enumerate(examples):
        path = os.path.join(h.tmp, f"example-{i}.conf")
        with open(path, "w") as f:
            f.write(example)
        proc = h.ctl("check-config", path, check=False)
        # "profile:" lines say what an example's [profile] changes; they are no problems.
        problems = [line for line in proc.stdout.splitlines() if not line.startswith("profile: ")]
        check(proc.returncode == 0 and not problems,
              f"example {i} of limber.conf(5):\n{example}\ncheck-config exited {proc.returncode}:\n"
              f"{proc.stdout}{proc.stderr}")


# -- the helper itself ------------------------------------------------------------

def test_notify_listener(h):
    notify = NotifyListener(h)
    check(h.env["NOTIFY_SOCKET"] == notify.path, "NOTIFY_SOCKET was not set in h.env")
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    for datagram in (b"READY=1", b"STATUS=Sitting since 10:02", b"RELOADING=1\nMONOTONIC_USEC=42",
                     b"READY=1", b"STATUS=Away since 11:47", b"STOPPING=1"):
        sender.sendto(datagram, notify.path)
    sender.close()
    i, first = notify.wait("READY", "1")
    check(i == 0 and first["_pid"] == os.getpid(), f"first READY: {i}, {first}")
    i, reloading = notify.wait("RELOADING", "1", after=i + 1)
    check(reloading.get("MONOTONIC_USEC") == "42", f"RELOADING message: {reloading}")
    i, _ = notify.wait("READY", "1", after=i + 1)
    check(i == 3, f"READY after RELOADING at {i}, want 3")
    check(notify.values("STATUS") == ["Sitting since 10:02", "Away since 11:47"],
          f"statuses: {notify.values('STATUS')}")
    notify.wait("STOPPING", "1", after=i + 1)
    try:
        notify.wait("READY", "1", after=len(notify.messages), timeout=0.2)
    except TestFailure:
        pass
    else:
        raise TestFailure("wait() found a message that was never sent")
    notify.close()


def test_indicator_install(h):
    """limberd shows the tray icon itself: meson install puts the icons in the hicolor theme, and
    no program, unit, autostart entry or man page of a tray program of its own beside limberd."""
    at = destdir_install(h)
    dirs = install_dirs(h)
    for name in INDICATOR_ICONS:
        icon = at(os.path.join(dirs["datadir"], "icons", "hicolor", "scalable", "status", name + ".svg"))
        check(os.path.exists(icon), f"{icon} is not installed")
    programs = sorted(os.listdir(at(dirs["bindir"])))
    check(programs == ["limberctl", "limberd"], f"programs installed: {programs}")
    units = sorted(os.listdir(at(dirs["unitdir"])))
    check(units == ["limber.service"], f"units installed: {units}")
    autostart = sorted(os.listdir(at(dirs["autostartdir"])))
    check(autostart == ["limber.desktop"], f"autostart entries installed: {autostart}")
    if dirs["man_pages"]:
        pages = sorted(os.listdir(at(os.path.join(dirs["mandir"], "man1"))))
        check(pages == ["limberctl.1", "limberd.1"], f"man pages installed in man1: {pages}")
