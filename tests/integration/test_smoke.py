"""The foundation: both programs answer --help/--version, and the real parts
(Xvfb, a private bus, the mock notification server) carry a notification."""

import os
import subprocess

from harness import check


def test_limberd_version(h):
    out = h.run([h.limberd_path, "--version"], check=True).stdout
    check(out.startswith("limberd ") and out.strip().split()[-1][0].isdigit(), f"unexpected: {out!r}")


def test_limberctl_version(h):
    out = h.run([h.limberctl_path, "--version"], check=True).stdout
    check(out.startswith("limberctl "), f"unexpected: {out!r}")


def test_limberd_help(h):
    out = h.run([h.limberd_path, "--help"], check=True).stdout
    check("--config" in out and "--version" in out, f"--help misses options: {out!r}")


def test_limberctl_help(h):
    out = h.run([h.limberctl_path, "--help"], check=True).stdout
    check("status" in out and "--version" in out, f"--help misses commands: {out!r}")


def test_bad_option(h):
    proc = h.run([h.limberd_path, "--no-such-option"])
    check(proc.returncode == 2, f"exit {proc.returncode}, want 2")
    check("no-such-option" in proc.stderr, f"stderr does not name the option: {proc.stderr!r}")


def test_notify_probe(h):
    h.start_x()
    h.start_session_bus()
    h.start_notifications()
    probe = os.path.join(h.build_dir, "tests", "notify-probe")
    subprocess.run([probe, "Probe summary", "Probe body"], env=h.env, check=True, timeout=10)
    n = h.wait_notification(lambda n: n["summary"] == "Probe summary", what="the probe's notification")
    check(n["body"] == "Probe body", f"body {n['body']!r}")
    check(n["app"] == "limber", f"app name {n['app']!r}")
