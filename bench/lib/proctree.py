"""proctree: what a program and every process it started cost, read from /proc.

A Tree follows one program's processes: the root, its descendants, and
orphans that were re-parented to us (the bench makes itself a child
subreaper).  New processes are seen the moment they fork through the kernel's
process-event connector (netlink, needs CAP_NET_ADMIN); without it, by
scanning /proc at every sample, which misses processes that live less than a
sample interval.

Counters are sampled (default once a second) and kept per thread, keyed by
(tid, start time) so a recycled TID is never mistaken for an old one; a
thread's count is its last sample, so a thread that ends between two samples
loses at most one interval of context switches.  CPU time is read two ways
(see Tree.cpu_ns) and the larger figure is used.
"""

import ctypes
import os
import select
import socket
import struct
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    """Orphans of the programs we start come to us, so we can follow and reap them."""
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return None


def _stat_fields(text):
    """Fields of /proc/.../stat after the command name (field 3 is index 0)."""
    return text[text.rindex(")") + 2:].split()


def proc_stat(pid):
    """(ppid, state, utime+stime+cutime+cstime in ticks, threads, start time,
    cutime+cstime in ticks) or None."""
    text = _read(f"/proc/{pid}/stat")
    if text is None:
        return None
    f = _stat_fields(text)
    return (int(f[1]), f[0], int(f[11]) + int(f[12]) + int(f[13]) + int(f[14]),
            int(f[17]), int(f[19]), int(f[13]) + int(f[14]))


def comm(pid):
    text = _read(f"/proc/{pid}/comm")
    return text.strip() if text else "?"


def all_pids():
    return [int(n) for n in os.listdir("/proc") if n.isdigit()]


class ForkWatcher(threading.Thread):
    """The kernel's process events (PROC_EVENT_FORK/EXEC): every process our trees start."""

    NETLINK_CONNECTOR = 11
    CN_IDX_PROC = 1
    CN_VAL_PROC = 1
    PROC_CN_MCAST_LISTEN = 1
    PROC_EVENT_FORK = 0x1
    PROC_EVENT_EXEC = 0x2
    PROC_EVENT_EXIT = 0x80000000

    def __init__(self):
        super().__init__(daemon=True)
        self.lock = threading.Lock()
        self.trees = []
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, self.NETLINK_CONNECTOR)
        self.sock.bind((0, self.CN_IDX_PROC))
        op = struct.pack("=I", self.PROC_CN_MCAST_LISTEN)
        cn = struct.pack("=IIIIHH", self.CN_IDX_PROC, self.CN_VAL_PROC, 0, 0, len(op), 0) + op
        self.sock.send(struct.pack("=IHHII", 16 + len(cn), 3, 0, 0, 0) + cn)
        self.stopped = False

    def watch(self, tree):
        with self.lock:
            self.trees.append(tree)

    def unwatch(self, tree):
        with self.lock:
            self.trees.remove(tree)

    def run(self):
        while not self.stopped:
            if not select.select([self.sock], [], [], 0.5)[0]:
                continue
            try:
                data = self.sock.recv(65536)
            except OSError:
                return
            offset = 0
            while offset + 16 <= len(data):
                length = struct.unpack_from("=I", data, offset)[0]
                self._event(data, offset + 16 + 20)
                offset += (length + 3) & ~3
                if length == 0:
                    break

    def _event(self, data, at):
        if at + 16 > len(data):
            return
        what = struct.unpack_from("=I", data, at)[0]
        if what == self.PROC_EVENT_FORK:
            ppid, ptgid, cpid, ctgid = struct.unpack_from("=IIII", data, at + 16)
            if cpid != ctgid:
                return  # a new thread, not a process
            with self.lock:
                for tree in self.trees:
                    if ptgid in tree.members:
                        tree.add_spawned(ctgid)
        elif what == self.PROC_EVENT_EXEC:
            pid, tgid = struct.unpack_from("=II", data, at + 16)
            with self.lock:
                for tree in self.trees:
                    if tgid in tree.members:
                        tree.names[tgid] = comm(tgid)
        elif what == self.PROC_EVENT_EXIT:
            pid, tgid = struct.unpack_from("=II", data, at + 16)
            st = proc_stat(tgid) if pid == tgid else None
            if pid == tgid and (st is None or st[0] != os.getpid()):
                # Our own children stay members until we reap them (their CPU time).
                with self.lock:
                    for tree in self.trees:
                        if tgid != tree.root:
                            tree.members.discard(tgid)

    def stop(self):
        self.stopped = True
        self.sock.close()


class Sample:
    """One reading of a tree: per-thread counters and per-process totals."""

    def __init__(self):
        self.t = time.monotonic()
        self.ctxsw = {}       # (tid, start) -> voluntary + involuntary switches
        self.runtime = {}     # (tid, start) -> ns on CPU (schedstat)
        self.ticks = 0        # sum over live processes of utime+stime+cutime+cstime
        self.child_ticks = 0  # the cutime+cstime part of it, plus orphans we reaped
        self.threads = 0
        self.pids = set()


class Tree:
    """One program's processes, followed from its root PID."""

    def __init__(self, root_pid, watcher=None):
        self.root = root_pid
        self.members = {root_pid}   # the live processes of the tree (TGIDs)
        self.starts = {}            # pid -> start time, to tell a recycled PID apart
        self.spawned = []           # (monotonic time, pid) of processes forked inside it
        self.names = {}             # pid -> command name after exec
        self.thread_names = {}      # (tid, start) -> the thread's name when first seen
        self.reaped_ticks = 0       # CPU of orphans we reaped ourselves
        self.watcher = watcher
        self.lock = watcher.lock if watcher else threading.Lock()
        if watcher:
            watcher.watch(self)

    def close(self):
        if self.watcher:
            self.watcher.unwatch(self)

    def add_spawned(self, pid):
        """Called with the lock held."""
        if pid not in self.members:
            self.members.add(pid)
            self.spawned.append((time.monotonic(), pid))

    def _scan(self):
        """Find the live members by parentage from the root (and the orphans we adopted);
        catches forks when the watcher is not there, and drops PIDs the system recycled."""
        me = os.getpid()
        procs = {}
        for pid in all_pids():
            st = proc_stat(pid)
            if st is not None:
                procs[pid] = st
        with self.lock:
            live = set()
            if self.root in procs and procs[self.root][0] == me:
                live.add(self.root)
            for pid in self.members:
                if pid in procs and procs[pid][0] == me and self.starts.get(pid) == procs[pid][4]:
                    live.add(pid)   # an orphan of the tree, re-parented to us
            changed = True
            while changed:
                changed = False
                for pid, st in procs.items():
                    if pid not in live and st[0] in live:
                        live.add(pid)
                        self.add_spawned(pid)
                        self.names.setdefault(pid, comm(pid))
                        changed = True
            for pid in live:
                self.starts.setdefault(pid, procs[pid][4])
            # Keep forks the watcher saw after the listing above.
            self.members = live | {p for p in self.members if p not in procs}
        # Dead orphans are ours to reap; keep their CPU time.
        for pid in list(live):
            st = procs[pid]
            if pid != self.root and st[0] == me and st[1] == "Z":
                try:
                    _, _, ru = os.wait4(pid, os.WNOHANG)
                    self.reaped_ticks += round((ru.ru_utime + ru.ru_stime) * CLK_TCK)
                    live.discard(pid)
                except ChildProcessError:
                    pass
        return live

    def live_pids(self):
        return self._scan()

    def sample(self):
        s = Sample()
        for pid in self._scan():
            st = proc_stat(pid)
            if st is None or st[1] in ("Z", "X"):
                if st is not None:
                    s.ticks += st[2]
                    s.child_ticks += st[5]
                continue
            s.ticks += st[2]
            s.child_ticks += st[5]
            s.threads += st[3]
            s.pids.add(pid)
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tids:
                self._sample_thread(s, pid, tid)
        s.ticks += self.reaped_ticks
        s.child_ticks += self.reaped_ticks
        return s

    def _sample_thread(self, s, pid, tid):
        base = f"/proc/{pid}/task/{tid}"
        stat = _read(base + "/stat")
        status = _read(base + "/status")
        if stat is None or status is None:
            return
        key = (int(tid), int(_stat_fields(stat)[19]))
        if key not in self.thread_names:
            self.thread_names[key] = (_read(base + "/comm") or "?").strip()
        n = 0
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                n += int(line.split()[1])
        s.ctxsw[key] = n
        sched = _read(base + "/schedstat")
        if sched:
            s.runtime[key] = int(sched.split()[0])

    def memory_kib(self):
        """Rss, Pss, Pss_Anon summed over the live processes (kB, from smaps_rollup)."""
        total = {"Rss": 0, "Pss": 0, "Pss_Anon": 0}
        for pid in self._scan():
            text = _read(f"/proc/{pid}/smaps_rollup")
            if not text:
                continue
            for line in text.splitlines():
                key = line.split(":")[0]
                if key in total:
                    total[key] += int(line.split()[1])
        return total


class Counters:
    """Per-thread counters kept across samples: the last value seen of every thread."""

    def __init__(self, first):
        self.start = first
        self.last_ctxsw = dict(first.ctxsw)
        self.last_runtime = dict(first.runtime)
        self.max_threads = first.threads
        self.end = first

    def add(self, s):
        self.last_ctxsw.update(s.ctxsw)
        self.last_runtime.update(s.runtime)
        self.max_threads = max(self.max_threads, s.threads)
        self.end = s

    def wakeups(self):
        return sum(v - self.start.ctxsw.get(k, 0) for k, v in self.last_ctxsw.items())

    def mark(self):
        """The per-thread counts so far: a point to split the phase at (switches())."""
        return dict(self.last_ctxsw)

    def switches(self, since=None, until=None):
        """Context switches per thread between two marks (None: the phase's start, the
        latest sample), {(tid, start): count} for the threads that switched; a thread born
        after `since` counts from zero."""
        since = self.start.ctxsw if since is None else since
        until = self.last_ctxsw if until is None else until
        out = {}
        for key, n in until.items():
            d = n - since.get(key, 0)
            if d:
                out[key] = d
        return out

    def cpu_ns(self):
        """Run time of every sampled thread (schedstat, ns) plus the CPU time of reaped
        children (cutime+cstime, whole ticks).  Never below the tick-based total of the
        tree, which counts children but has 10 ms steps."""
        tick_ns = 1_000_000_000 // CLK_TCK
        threads_ns = sum(v - self.start.runtime.get(k, 0) for k, v in self.last_runtime.items())
        children_ns = (self.end.child_ticks - self.start.child_ticks) * tick_ns
        ticks_ns = (self.end.ticks - self.start.ticks) * tick_ns
        return max(threads_ns + children_ns, ticks_ns - tick_ns)
