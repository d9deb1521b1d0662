"""peers: the other break reminders bench/footprint measures beside limberd, and how each is given
the short sit-limit of the reminder run.

Each peer runs with its defaults in the main run. For the reminder run it is set, as its own
settings allow, to remind after one minute of work (limberd's reminder run: sit-limit = 1m), in
the fresh HOME and XDG directories of that run. None of them can be made to snooze from outside
its own window: Workrave and RSIBreak put Postpone and Skip buttons in their break windows (no
D-Bus method for them), Safe Eyes offers postponing only when allow_postpone is set (it is not by
default) and then as a button, xwrits has no snooze. Their snooze is reported as n/a.
"""

import json
import os
import shutil

# name: (label, Debian packages, argv)
PEERS = {
    "workrave": ("Workrave", ["workrave"], ["workrave"]),
    # xprintidle is only recommended, but it is how Safe Eyes notices a break by default.
    "safeeyes": ("Safe Eyes", ["safeeyes", "xprintidle"], ["safeeyes"]),
    "rsibreak": ("RSIBreak", ["rsibreak"], ["rsibreak"]),
    "xwrits": ("xwrits", ["xwrits"], ["xwrits"]),
}

# Directories a first start expects to exist (Safe Eyes 2.1.5 copies its default config into
# $XDG_CONFIG_HOME/safeeyes/ without creating it).
PREPARE = {"safeeyes": ["config/safeeyes/style", "config/autostart"]}

SAFEEYES_DEFAULTS = "/usr/lib/python3/dist-packages/safeeyes/config/safeeyes.json"
SAFEEYES_STYLE = "/usr/lib/python3/dist-packages/safeeyes/config/style/safeeyes_style.css"


def workrave_short(env):
    """Workrave keeps its settings in GSettings: the keyfile backend with the micro-break after
    60 s of activity (its default is 180 s)."""
    path = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "keyfile"), "w") as f:
        f.write("[org/workrave/timers/micro-pause]\nlimit=60\n")
    env["GSETTINGS_BACKEND"] = "keyfile"
    return []


def safeeyes_short(env):
    """Safe Eyes' short break every minute (its smallest; default 15)."""
    with open(SAFEEYES_DEFAULTS) as f:
        config = json.load(f)
    config["short_break_interval"] = 1
    path = os.path.join(env["XDG_CONFIG_HOME"], "safeeyes")
    os.makedirs(os.path.join(path, "style"), exist_ok=True)
    with open(os.path.join(path, "safeeyes.json"), "w") as f:
        json.dump(config, f)
    # With a config of its own there, Safe Eyes copies nothing else: its break screen needs this.
    shutil.copy(SAFEEYES_STYLE, os.path.join(path, "style"))
    return []


def rsibreak_short(env):
    """RSIBreak's tiny break every minute (TinyInterval, in minutes; default 10)."""
    with open(os.path.join(env["XDG_CONFIG_HOME"], "rsibreakrc"), "w") as f:
        f.write("[General Settings]\nTinyInterval=1\nTinyEnabled=true\n")
    return []


def xwrits_short(env):
    """xwrits' break after one minute of typing (typetime=, minutes; default 55)."""
    return ["typetime=1"]


SHORT = {"workrave": workrave_short, "safeeyes": safeeyes_short, "rsibreak": rsibreak_short,
         "xwrits": xwrits_short}


def short_config(name, env):
    """Sets `env` (and files under its XDG_CONFIG_HOME) for the reminder run; returns arguments to
    add to the peer's argv."""
    fn = SHORT.get(name)
    return fn(env) if fn else []
