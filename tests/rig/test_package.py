"""The Debian package: built by tools/package on Debian 12 (this machine) and in the Debian 13
root, lintian-clean on both, installed with apt in the booted Debian 13 root, enabled by a user
who then gets a reminder from it, and removed and purged without touching that user's files.

Building takes a while, so the cases share one build per release: the first case to need a
release's packages builds them into LIMBER_PACKAGE_CACHE (default /var/tmp/limber-package), in a
directory named after the tree's contents, and the others (also those of a later run, e.g. the
ASan build's rig suite) reuse them while the source tree is the same. The builds skip the unit tests (DEB_BUILD_OPTIONS=nocheck): the unit
suite runs on its own.

Run one with:  /usr/bin/python3 tests/integration/run.py test_package CASE
"""

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import time

import rig
from harness import TestFailure, check, wait_for

CACHE = os.environ.get("LIMBER_PACKAGE_CACHE", "/var/tmp/limber-package")
HOME = f"/home/{rig.USER}"
NOTIFY_LOG = "/tmp/limber-notify.log"  # the container's /tmp: not the user's home
# A movement break after 5 s of sitting; the user's hands (xdotool in the session) keep them at
# the desk.
CONFIG = """\
[breaks]
sit-limit = 5s
break-length = 3s
micro-interval = 0
micro-length = 1s
"""
HANDS = "while :; do xdotool mousemove_relative -- 2 0 mousemove_relative -- -2 0; sleep 0.4; done"
# What the package must hold (and the unit, which the container checks running).
CONTENTS = [
    "usr/bin/limberd", "usr/bin/limberctl", "usr/lib/systemd/user/limber.service",
    "usr/share/icons/hicolor/scalable/status/limber-sitting.svg",
    "usr/share/man/man1/limberd.1.gz", "usr/share/man/man1/limberctl.1.gz",
    "usr/share/man/man5/limber.conf.5.gz", "usr/share/bash-completion/completions/limberctl",
    "usr/share/doc/limber/examples/limber.conf", "usr/share/doc/limber/README.Debian",
    "usr/share/doc/limber/copyright", "usr/share/doc/limber/dbus.md.gz",
    "usr/share/doc/limber/json.md.gz", "usr/share/doc/limber/limberctl.schema.json",
    "usr/share/dbus-1/interfaces/org.limber.Daemon1.xml",
    "usr/share/icons/hicolor/scalable/apps/limber.svg", "usr/share/applications/limber.desktop",
    "usr/share/limber/autostart/limber.desktop",
]


# -- the source tree and the build cache ------------------------------------------------

def source_files():
    """The files tools/package builds from: tracked and new ones not ignored, as they are now."""
    src = rig.SOURCE_DIR
    if os.path.exists(os.path.join(src, ".git")):
        out = subprocess.run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, check=True).stdout
        names = [n.decode() for n in out.split(b"\0") if n]
        return sorted(n for n in names if os.path.isfile(os.path.join(src, n)))
    names = []
    for top, dirs, files in os.walk(src):
        rel = os.path.relpath(top, src)
        dirs[:] = [d for d in dirs if not (rel == "." and (d.startswith("build") or d == "preview"))]
        names += [os.path.normpath(os.path.join(rel, f)) for f in files]
    return sorted(names)


def tree_key():
    digest = hashlib.sha256()
    for name in source_files():
        with open(os.path.join(rig.SOURCE_DIR, name), "rb") as f:
            digest.update(name.encode() + b"\0" + hashlib.sha256(f.read()).digest())
    return digest.hexdigest()


def copy_tree(dst):
    for name in source_files():
        target = os.path.join(dst, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(rig.SOURCE_DIR, name), target)


# Builds of other trees (other checkouts on the machine, earlier commits) older than this go when
# a new one is made; a younger one may still be in use by a run of its own.
STALE_S = 6 * 3600


def require_package_root():
    """The Debian 13 root, with what builds and checks the package: a root built before they were
    on its list would have tools/package install them into it, changing the shared root."""
    root = rig.require_root()
    for tool in ("usr/bin/dpkg-buildpackage", "usr/bin/dh", "usr/bin/lintian", "usr/bin/scdoc"):
        rig.need(os.path.exists(os.path.join(root, tool)),
                 f"the Debian 13 root at {root} has no /{tool}: it predates test_package; "
                 "build it again with tools/trixie-root")
    return root


def packages(release, h):
    """The directory holding limber_*.deb, its .changes and tools/package's logs for `release`
    ("bookworm": here; "trixie": in the Debian 13 root), built now unless this tree's are there."""
    os.makedirs(CACHE, exist_ok=True)
    key = tree_key()
    out = os.path.join(CACHE, f"{release}-{key[:16]}")
    with open(os.path.join(CACHE, f"{release}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder a release; the others wait, then reuse
        stamp = os.path.join(out, "tree-key")
        if os.path.exists(stamp) and open(stamp).read() == key:
            print(f"{release}: reusing the packages of this tree in {out}")
            os.utime(out)  # in use: not stale
            return out
        for name in os.listdir(CACHE):
            old = os.path.join(CACHE, name)
            if (name.startswith(release + "-") and os.path.isdir(old)
                    and time.time() - os.path.getmtime(old) > STALE_S):
                shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)  # a build that failed half-way
        start = time.monotonic()
        env = {"DEB_BUILD_OPTIONS": "nocheck", "LIMBER_PACKAGE_LINTIAN": "no"}
        if release == "bookworm":
            r = subprocess.run([os.path.join(rig.SOURCE_DIR, "tools", "package"), out],
                               env=dict(os.environ, **env), capture_output=True, text=True,
                               timeout=900)
        else:
            # The tree is copied under the test's /tmp directory, which the root sees at the same
            # path; the root itself is left as it was.
            src = os.path.join(h.tmp, "src")
            copy_tree(src)
            built = os.path.join(h.tmp, "debs")
            with rig.Chroot(require_package_root()) as chroot:
                r = chroot.run(["sh", "-c", f"cd {shlex.quote(src)} && tools/package {shlex.quote(built)}"],
                               env=env, check=False, timeout=900)
            if r.returncode == 0:
                shutil.copytree(built, out)
        if r.returncode != 0:
            raise TestFailure(f"tools/package for {release} exited {r.returncode}:\n{r.stdout}{r.stderr}")
        print(f"{release}: tools/package built {sorted(os.listdir(out))} in {rig.elapsed(start)} "
              f"(DEB_BUILD_OPTIONS=nocheck)")
        with open(stamp, "w") as f:
            f.write(key)
        return out


def the_deb(out):
    debs = [n for n in os.listdir(out) if re.fullmatch(r"limber_[^_]+_[^_]+\.deb", n)]
    check(len(debs) == 1, f"want one limber_*.deb in {out}, found {debs}")
    return os.path.join(out, debs[0])


# -- what the package is ---------------------------------------------------------------------

def check_package(deb, run):
    """The .deb's files, relations and maintainer scripts. `run(argv)` runs where it was built."""
    listing = run(["dpkg-deb", "-c", deb]).stdout
    files = {line.split()[5].lstrip("./") for line in listing.splitlines() if line.split()}
    missing = [f for f in CONTENTS if f not in files]
    check(not missing, f"the package lacks {missing}; it has:\n{listing}")
    # Nothing in /etc: no autostart entry that starts limberd for everyone, no unit enabled there.
    etc = sorted(f for f in files if f.startswith("etc"))
    check(not etc, f"the package puts files in /etc: {etc}")
    depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
    recommends = run(["dpkg-deb", "-f", deb, "Recommends"]).stdout
    check("libpipewire" not in depends, f"libpipewire is opened with dlopen, not a dependency: {depends}")
    check("libpipewire" in recommends, f"Recommends lacks libpipewire: {recommends!r}")
    for lib in ("libglib2.0-0", "libx11-6", "libxss1", "libjson-glib"):
        check(lib in depends, f"Depends lacks {lib} (from ${{shlibs:Depends}}): {depends}")
    scripts = os.path.join(os.path.dirname(deb), "control-" + os.path.basename(deb))
    shutil.rmtree(scripts, ignore_errors=True)
    run(["dpkg-deb", "-e", deb, scripts])
    for name in sorted(set(os.listdir(scripts)) & {"preinst", "postinst", "prerm", "postrm", "config"}):
        with open(os.path.join(scripts, name)) as f:
            text = f.read()
        for line in text.splitlines():
            # dh_installsystemduser --no-enable: enable only where the unit was enabled before
            # (an upgrade keeps an administrator's `systemctl --global enable`), never anew.
            if "deb-systemd-helper" in line and " enable " in line:
                check("was-enabled" in text, f"{name} enables the unit: {line.strip()}")
            check("systemctl" not in line, f"{name} runs systemctl: {line.strip()}")
            check("/home" not in line and "~" not in line, f"{name} reaches into homes: {line.strip()}")
    print(f"Depends: {depends.strip()}\nRecommends: {recommends.strip()}")


def lintian(run, out, h):
    """lintian on the .changes (the .deb and the .buildinfo) and on a source package of this tree:
    no error, no warning. Prints what it says at all levels."""
    changes = [n for n in os.listdir(out) if n.endswith(".changes")]
    check(len(changes) == 1, f"want one .changes in {out}: {os.listdir(out)}")
    src = os.path.join(h.tmp, "source", "limber")
    copy_tree(src)
    run(["sh", "-c", f"cd {shlex.quote(src)} && dpkg-source -b ."], timeout=120)
    dsc = [os.path.join(os.path.dirname(src), n) for n in os.listdir(os.path.dirname(src))
           if n.endswith(".dsc")]
    check(len(dsc) == 1, f"dpkg-source made no single .dsc: {os.listdir(os.path.dirname(src))}")
    version = run(["lintian", "--version"]).stdout.strip()
    r = run(["lintian", "--fail-on", "error,warning", "--display-level", ">=pedantic", "--show-overrides",
             os.path.join(out, changes[0]), dsc[0]], check=False, timeout=300)
    said = [line for line in (r.stdout + r.stderr).splitlines()
            if line and "running with root privileges" not in line]
    print(f"{version} on {changes[0]} and {os.path.basename(dsc[0])}: "
          + ("\n  ".join([""] + said) if said else "nothing to say"))
    check(r.returncode == 0, f"lintian failed ({r.returncode}): errors or warnings above")
    check(not [s for s in said if s[:2] in ("E:", "W:")], "lintian reported errors or warnings")


def host_run(argv, check=True, timeout=60):
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise TestFailure(f"{shlex.join(argv)} exited {r.returncode}:\n{r.stdout}{r.stderr}")
    return r


def test_bookworm_lintian(h):
    """tools/package on this Debian 12 machine: the package holds what it should, enables
    nothing, and lintian 2.116 finds no error or warning in it or in the source package."""
    rig.need(os.geteuid() == 0, "tools/package installs missing build dependencies as root")
    for tool in ("dpkg-buildpackage", "lintian", "dh"):
        rig.need(shutil.which(tool), f"{tool} is not installed (tools/lib.sh LIMBER_PACKAGE_PACKAGES)")
    out = packages("bookworm", h)
    check_package(the_deb(out), host_run)
    lintian(host_run, out, h)


def test_trixie_lintian(h):
    """tools/package in the Debian 13 root: the same checks, with Debian 13's lintian."""
    root = require_package_root()
    out = packages("trixie", h)
    with rig.Chroot(root) as chroot:
        def run(argv, check=True, timeout=60):
            return chroot.run(argv, check=check, timeout=timeout)
        # The checks read the cache through the shared /tmp.
        work = os.path.join(h.tmp, "trixie")
        shutil.copytree(out, work)
        check_package(the_deb(work), run)
        lintian(run, work, h)


# -- installed in the booted root --------------------------------------------------------------

@contextlib.contextmanager
def desktop(box):
    """The user's graphical login on seat0 (rig.Desktop: the foreground session, as a display
    manager opens it) with an Xvfb, the user manager given its DISPLAY as README.Debian says a
    session does, the user's hands on the mouse and python3-dbusmock's notification server."""
    with rig.Desktop(box) as desk:
        desk.start_x(screen="1024x768x24")
        desk.sh("systemctl --user import-environment DISPLAY XDG_SESSION_TYPE")
        desk.spawn("hands", HANDS)
        desk.start_notifications(NOTIFY_LOG)
        yield desk


def install(box, debs):
    """apt install ./limber_*.deb in the container, as the README says; apt finds every
    dependency in the root (the container has no network)."""
    r = box.run(["sh", "-c", "cd /debs && apt-get install -y ./limber_*.deb"], check=False, timeout=180)
    check(r.returncode == 0, f"apt install ./limber_*.deb exited {r.returncode}:\n{r.stdout}{r.stderr}")
    check(box.run(["dpkg-query", "-W", "-f", "${Status}", "limber"]).stdout == "install ok installed",
          "limber is not installed after apt install")


def boot(h, debs):
    root = rig.require_root("systemd-nspawn", "nsenter")
    # A network of its own: the X servers' abstract sockets stay apart from the host's, and apt
    # must find everything in the root.
    return rig.Container(root, h.tmp, nspawn_args=[f"--bind-ro={debs}:/debs", "--private-network"])


def unit_report(desk):
    """limber.service's status and log, for a failure's message."""
    status = desk.sh("systemctl --user --no-pager status limber", check=False)
    # As root: this boot keeps the root's volatile journal, which is not split per user.
    log = desk.box.run(["journalctl", "--no-pager", "-n", "30", "_SYSTEMD_USER_UNIT=limber.service"],
                       check=False)
    return f"{status.out}{status.err}\n--- its log ---\n{log.stdout}{log.stderr}"


def wait_reminder(desk, timeout=30.0):
    def movement():
        return [n for n in desk.notifications() if "stand up" in n[1].lower()]
    try:
        return wait_for(movement, timeout, "a movement-break reminder from limber.service", interval=0.2)
    except TestFailure as e:
        raise TestFailure(f"{e}\n{unit_report(desk)}") from None


def start_as_user(desk):
    """The user's own start, typed in their session: a short sit limit in their config, then the
    command README.Debian gives."""
    desk.sh("mkdir -p ~/.config/limber && cat > ~/.config/limber/limber.conf && limberctl check-config",
            input=CONFIG)
    r = desk.sh("systemctl --user enable --now limber", check=False)
    check(r.rc == 0, f"systemctl --user enable --now limber exited {r.rc}:\n{r.out}{r.err}\n"
                     f"{unit_report(desk)}")


def test_install_remind(h):
    """apt install ./limber_*.deb in the booted Debian 13 root enables nothing; the user, logged
    in on seat0 in the foreground, types `systemctl --user enable --now limber`, which starts
    /usr/bin/limberd: it sees them sitting and reminds them on time."""
    debs = packages("trixie", h)
    start = time.monotonic()
    with boot(h, debs) as box:
        print(f"booted ({box.state}) in {rig.elapsed(start)}")
        install(box, debs)
        state = box.run(["systemctl", "--global", "is-enabled", "limber"], check=False).stdout.strip()
        check(state == "disabled", f"after install limber.service is {state!r} for all users")
        wants = box.run(["sh", "-c", "ls /etc/systemd/user/*.wants 2>/dev/null | grep -c limber || true"])
        check(wants.stdout.strip() == "0", "after install a unit of limber is wanted in /etc/systemd/user")
        with desktop(box) as desk:
            state = desk.sh("systemctl --user is-enabled limber", check=False).out.strip()
            check(state == "disabled", f"the user's unit is {state!r} before they enable it")
            active = desk.sh("systemctl --user is-active limber", check=False).out.strip()
            check(active == "inactive", f"limber.service is {active!r} before the user enables it")
            enabled_at = time.monotonic()
            start_as_user(desk)
            shown = wait_reminder(desk)
            print(f"reminder {rig.elapsed(enabled_at)} after enable --now (sit-limit 5 s): {shown[0][1]!r}")
            unit = desk.sh("systemctl --user show limber -p ActiveState -p ExecStart").out
            check("ActiveState=active" in unit and "path=/usr/bin/limberd " in unit,
                  f"limber.service: {unit}")
            status = desk.sh("limberctl status").out
            print(f"limberctl status: {status.strip()}")
            # The foreground session: the user at the desk is sitting, not away.
            state = json.loads(desk.sh("limberctl status --json").out)["state"]
            check(state == "sitting", f"limberd's state in the foreground session: {state!r}")


def snapshot(box):
    """Every file, directory and link in the user's home: type, mode, size, mtime, target and,
    for files, a checksum."""
    listing = box.run(["find", HOME, "-printf", r"%y %m %s %T@ %p -> %l\n"]).stdout
    sums = box.run(["sh", "-c", f"find {HOME} -type f -print0 | xargs -0 -r sha256sum"]).stdout
    return sorted(listing.splitlines()) + sorted(sums.splitlines())


def test_remove_keeps_home(h):
    """The user's config, history and enable link stay as they were through apt remove, and
    through apt purge after installing again; the package's own files go."""
    debs = packages("trixie", h)
    with boot(h, debs) as box:
        install(box, debs)
        with desktop(box) as desk:
            start_as_user(desk)
            wait_reminder(desk)
            wait_for(lambda: box.read(f"{HOME}/.local/state/limber/history.ini"),
                     20.0, "limberd to save the history", interval=0.2)
            # Stopped (still enabled), so that only apt could change the home from now on.
            desk.sh("systemctl --user stop limber")
        before = snapshot(box)
        kept = [f for f in (".config/limber/limber.conf", ".local/state/limber/history.ini",
                            ".config/systemd/user/graphical-session.target.wants/limber.service")
                if any(line.endswith(f"{HOME}/{f}") or f" {HOME}/{f} ->" in line for line in before)]
        check(len(kept) == 3, f"before removing, the home lacks some of config, history and the "
                              f"enable link; it has:\n" + "\n".join(before))
        for step in ("remove", "purge"):
            if step == "purge":
                install(box, debs)
            r = box.run(["apt-get", step, "-y", "limber"], check=False, timeout=120)
            check(r.returncode == 0, f"apt {step} limber exited {r.returncode}:\n{r.stdout}{r.stderr}")
            status = box.run(["dpkg-query", "-W", "-f", "${db:Status-Status}", "limber"], check=False).stdout
            check(status in ("", "not-installed", "config-files"), f"after apt {step} limber is {status!r}")
            after = snapshot(box)
            check(after == before, f"apt {step} changed {HOME}:\n" + "\n".join(
                [f"- {line}" for line in before if line not in after] +
                [f"+ {line}" for line in after if line not in before]))
            for path in ("/usr/bin/limberd", "/usr/lib/systemd/user/limber.service"):
                check(box.run(["test", "-e", path], check=False).returncode != 0,
                      f"{path} is still there after apt {step}")
            print(f"apt {step}: {len(before)} entries of {HOME} unchanged, the package's files gone")
