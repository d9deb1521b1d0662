"""A terminal in a user's login session, for tests/rig/rig.py's Desktop (runs in the booted root).

`su - USER -c 'exec python3 -u /src/tests/rig/terminal.py'` makes this the user's login shell's
successor: every command it runs is in that logind session, with the environment a terminal in
it would have (XDG_SESSION_ID, XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS; DISPLAY once the X
server is up). One JSON request a line on stdin, one JSON answer a line on stdout:

    {"op": "run", "sh": CMD, "timeout": S, "input": TEXT}  -> {"rc", "out", "err"}
    {"op": "spawn", "label": L, "sh": CMD, "log": PATH}     -> {"pid"}   (runs on, output to PATH)
    {"op": "signal", "label": L, "signal": N, "wait": S}    -> {"rc"}    (rc null: still running)
    {"op": "xvfb", "args": [...]}                            -> {"display"}  (and exports DISPLAY)
    {"op": "export", "sh": CMD}  -> {"rc"}   (what CMD exports stays, as typed in a terminal)

At the end of input it stops what it spawned, last first, and exits: the session ends with it.
"""

import json
import os
import signal
import subprocess
import sys

children = {}  # label -> Popen, in start order


def run(req):
    try:
        proc = subprocess.run(["bash", "-c", req["sh"]], input=req.get("input", ""), text=True,
                              capture_output=True, timeout=req.get("timeout", 60))
        return {"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr}
    except subprocess.TimeoutExpired as e:
        return {"rc": None, "out": e.stdout or "", "err": f"timed out after {e.timeout} s"}


def spawn(req):
    with open(req.get("log", os.devnull), "w") as log:
        proc = subprocess.Popen(["bash", "-c", req["sh"]], stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
    children[req["label"]] = proc
    return {"pid": proc.pid}


def send_signal(req):
    proc = children[req["label"]]
    if proc.poll() is None:
        proc.send_signal(req.get("signal", signal.SIGTERM))
    try:
        return {"rc": proc.wait(timeout=req.get("wait", 5))}
    except subprocess.TimeoutExpired:
        return {"rc": None}


def xvfb(req):
    """Xvfb on a free display (-displayfd), exported as DISPLAY for what runs after."""
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-noreset", "-nolisten", "tcp",
                             *req.get("args", [])], pass_fds=(w,), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        return {"error": f"Xvfb exited {proc.wait()} before it had a display"}
    children["Xvfb"] = proc
    os.environ["DISPLAY"] = ":" + number
    return {"display": os.environ["DISPLAY"]}


def export(req):
    proc = subprocess.run(["bash", "-c", req["sh"] + "\nexec env -0"], capture_output=True)
    if proc.returncode == 0:
        os.environ.clear()
        os.environ.update(item.split("=", 1) for item in proc.stdout.decode().split("\0") if "=" in item)
    return {"rc": proc.returncode, "err": proc.stderr.decode(errors="replace")}


OPS = {"run": run, "spawn": spawn, "signal": send_signal, "xvfb": xvfb, "export": export}


def main():
    for line in sys.stdin:
        req = json.loads(line)
        try:
            answer = OPS[req["op"]](req)
        except Exception as e:  # noqa: BLE001 - the test reads the error, the terminal goes on
            answer = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer), flush=True)
    for proc in reversed(list(children.values())):
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    main()
