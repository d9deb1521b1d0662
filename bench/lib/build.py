"""build: the benchmarks' own build of limberd, limberctl and bench/floor.

The benchmarks build into build-bench/ of the source tree, apart from the build/ a developer
configures as they like (sanitizers, another buildtype), so that a clean checkout measures
without any set-up and every run measures the sources as they are. buildtype=debugoptimized:
the project's default, so figures compare with those measured before, and -O2 as Debian's
packages are built (dpkg-buildflags); the debug sections it adds are never mapped, so they do
not count in RSS. No sanitizer, so the memory is limberd's own.
"""

import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DIR = os.path.join(ROOT, "build-bench")
TARGETS = ["daemon/limberd", "daemon/limberctl", "bench/floor"]
SETUP = ["--buildtype=debugoptimized", "-Db_sanitize=none", "-Dman-pages=disabled"]


def ensure(build_dir=DEFAULT_DIR):
    """None when limberd, limberctl and floor in `build_dir` are up to date (meson setup when
    the directory is not configured yet, then ninja, which does nothing when nothing changed);
    else why they cannot be had."""
    missing = [tool for tool in ("meson", "ninja") if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} is not installed: apt-get install meson ninja-build "
                "(tools/lib.sh lists the rest)")
    steps = []
    if not os.path.exists(os.path.join(build_dir, "build.ninja")):
        steps.append(["meson", "setup", *SETUP, build_dir])
    steps.append(["ninja", "-C", build_dir, *TARGETS])
    for argv in steps:
        print(f"build: {shlex.join(argv)}", file=sys.stderr, flush=True)
        r = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
        if r.returncode != 0:
            tail = " | ".join((r.stdout + r.stderr).strip().splitlines()[-3:])
            return f"{shlex.join(argv)} failed (exit {r.returncode}): {tail}"
    return None
