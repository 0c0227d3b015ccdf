"""The placement search in a process of its own, beside the one that reads the school.

Why a process: the compiled search is loaded beside the parent, on the other core, while
the parent reads the school and searches in plain Python; then it runs two compiled
searches (two seeds) side by side, since compiled code releases the interpreter lock.
Loading it takes about a tenth of a second (its kept machine code, see
:mod:`~app.scheduling.timetable.kernel_jit`); only the first run of an install compiles
it with numba, about half a minute, and in the parent's process numba's hundreds of
files would have waited for the interpreter lock the plain-Python search holds.

The worker is started once per app or command (:func:`start_early`, as soon as a solve is
asked for, before the file is read) and kept for later solves, so the app's re-solves do
not load the search again. It talks over its standard input and output: length-prefixed
pickled tuples, integers only (the school as the kernel's flat array; no names, nothing
written to disk). When its parent goes away its input ends and it exits; a first compile
of the search (about half a minute, once per install, cached in the app's cache folder)
is finished first, so the next run finds it.

Messages, parent to worker: ``("solve", job, net, n_resources, n_rooms, seeds, seconds)``
(``net``: the kernel's ``N`` as int64 bytes) and ``("stop", job)``. Worker to parent:
``("ready", compiled, error)`` once the search is loaded, ``("progress", job, placed)``
four times a second, and ``("result", job, done, start, room, steps, placed, more)``:
the first complete timetable of any seed, else the one with most lessons placed, when
time is up or on ``stop``. With ``more`` set, the seeds holding soft rules go on, and
``("later", job, done, start, room, steps, placed, False)`` follows: their complete
timetable (``done``) or nothing (see ``_Race``).

``TEACHERDESK_NO_PLACEMENT_WORKER=1`` turns the worker off (the search then runs in plain
Python in the calling process only, as the tests do).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from app.scheduling.timetable import kernel as k
from app.scheduling.timetable import worker_launch

# Compiled, a search gives up only after this many times the plain-Python patience (its
# steps take microseconds); it is never restarted (measured on FET's examples: restarts
# threw progress away), the second seed weighs displacements the other way instead, and
# one more seed, which does start again, races beside them (RESTARTER_ALONE).
STALL_COMPILED = 25
NO_RESTART = 1 << 60
_HEADER = 8  # bytes of a message's length
PROGRESS_EVERY = 0.25  # seconds between reports of the most lessons placed
# After a first timetable is handed over, the seeds holding soft rules go on for this long
# at least (or four times what the first took): measured on FET's examples they finish in
# 0.1-4 s, where the first took 0.05-0.5 s.
SOFT_GRACE = 3.0
# Compiled, one more seed starts again from an empty timetable whenever it stops getting
# further (as the plain-Python search does): on some schools every seed that never starts
# again stalls (FET's Saudi exam example: at 119-228 of 280 lessons, for good), where this
# one places them all in 0.1-0.5 s; on others starting again throws progress away
# (Kalenga: 0.7-5.8 s instead of 1.1-3.1 s). So it races for this long, then only while
# it has placed at least as many lessons at once as any other seed still searching, or
# while those have found no better partial timetable for a quarter of the time so far
# (at least this long): they may be stuck for good (FET's dgspro example, in one run of
# eight: both seeds at 359-361 of 362 lessons until they gave up, 6 s later).
RESTARTER_ALONE = 0.6
STUCK_SHARE = 0.25
# Until a first timetable exists, the seeds holding soft rules do so for this long; then
# they let go of them and weigh displacements the other way, as a second seed racing for
# the first timetable (FET's Ancona example: placed by neither seed holding soft rules in
# 15 s, by one weighing the other way in 3-5 s).
HOLD_ALONE = 2.0


disabled = worker_launch.disabled


# -- framing -------------------------------------------------------------------------


class _Channel:
    """Pickled messages over two binary streams (the worker's stdin and stdout), each
    prefixed by its length."""

    def __init__(self, rfile: IO[bytes], wfile: IO[bytes]) -> None:
        self.rfile, self.wfile = rfile, wfile
        self.lock = threading.Lock()

    def send(self, message: tuple[Any, ...]) -> bool:
        """Send ``message``; False once the other side has gone."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with self.lock:
                self._write(data)
            return True
        except (OSError, ValueError, EOFError):
            return False

    def recv(self) -> tuple[Any, ...] | None:
        """The next message; None once the other side has gone."""
        try:
            data = self._read()
            message = pickle.loads(data) if data is not None else None  # noqa: S301 - our own child, its own pipe
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            return None
        return message if isinstance(message, tuple) else None

    def _write(self, data: bytes) -> None:
        self.wfile.write(len(data).to_bytes(_HEADER, "little") + data)
        self.wfile.flush()

    def _read(self) -> bytes | None:
        head = self.rfile.read(_HEADER)
        if len(head) < _HEADER:
            return None
        size = int.from_bytes(head, "little")
        data = self.rfile.read(size)
        return data if len(data) == size else None


class _ConnChannel(_Channel):
    """The same over a multiprocessing connection (frozen builds have no interpreter to
    start with ``-m``; multiprocessing starts the app's own executable instead)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def _write(self, data: bytes) -> None:
        self.conn.send_bytes(data)

    def _read(self) -> bytes | None:
        return bytes(self.conn.recv_bytes())


# -- the worker process ---------------------------------------------------------------


@dataclass
class _Outcome:
    done: bool
    start: list[int]
    room: list[int]
    steps: int
    placed: int


def _load_search() -> tuple[Callable[[Any, Any, int], int], bool, str]:
    """The compiled search (compiled and cached first if need be), or the plain-Python
    one when numba is missing or turned off."""
    from app.scheduling.timetable import kernel_jit

    if kernel_jit.disabled():
        return k.run_search, False, ""
    try:
        return kernel_jit.load_in_this_process(), True, ""
    except Exception as exc:  # missing or broken numba: plain Python does the work
        return k.run_search, False, f"{type(exc).__name__}: {exc}"


class _Race:
    """One job: a search per seed (compiled ones on threads of their own), the first
    complete timetable stopping the others.

    Every other seed places as FET does, holding the soft rules as if hard as often as
    their weight says (:func:`~app.scheduling.timetable.kernel.soft_as_hard`): measured on
    FET's examples, its first timetables have a third to a twentieth of the penalty, but
    take up to ten times as long. So when a seed that does not hold them finishes first,
    its timetable is handed over at once (``first``) and the seeds that hold them go on
    for a while (:data:`SOFT_GRACE`): the caller shows the first timetable and takes the
    later one if it is better. While no seed has finished, they hold soft rules for
    :data:`HOLD_ALONE` seconds only. Compiled, one more seed starts again whenever it
    gets stuck: for :data:`RESTARTER_ALONE` seconds, then while it leads or the others
    are stuck; a seed stuck behind another gives up its core (:meth:`_waits`)."""

    def __init__(self, search: Callable[[Any, Any, int], int], compiled: bool, net_bytes: bytes,
                 n_resources: int, n_rooms: int, seeds: list[int], seconds: float, halt: threading.Event,
                 report: Callable[[int], None] = lambda placed: None,
                 first: Callable[[_Outcome], None] = lambda out: None) -> None:
        self.search, self.compiled, self.halt, self.report, self.first = search, compiled, halt, report, first
        self.t0 = self.reported = time.monotonic()
        self.deadline = self.t0 + seconds
        self.lock = threading.Lock()
        self.handed_over = False  # a timetable went ahead through ``first``
        self.plain_done = threading.Event()  # seeds not holding soft rules stop
        net: Any = array("q", net_bytes)
        soft = k.has_soft_rules(net)  # on the array: any() runs through it in C
        if compiled:
            net[k.NS_stall] *= STALL_COMPILED
        else:
            net = list(net)
            seeds = seeds[:1]  # plain Python holds the interpreter lock: one search at a time
        self.net, self.shape, self.seeds = net, (n_resources, n_rooms), list(seeds)
        # One seed alone holds no soft rule (the first timetable comes first). Holding them
        # or not is the first way seeds differ, weighing displacements the second (the
        # usual weights place faster, both ways: measured on FET's examples).
        self.strict = [soft and m % 2 == 1 for m in range(len(seeds))]
        self.other = [(m // 2 if soft else m) % 2 == 1 for m in range(len(seeds))]
        # Seeds' runs differ in their random generator only: each is a copy of one built once.
        self.fresh: Any = k.new_run(self.net, *self.shape, seeds[0], packed=compiled)
        self.runs = [self._run(seed, self.other[m], self.strict[m]) for m, seed in enumerate(seeds)]
        self.restarter = -1  # the seed that starts again when stuck (RESTARTER_ALONE), if any
        if compiled:
            self.restarter = len(self.runs)
            self.seeds.append(seeds[-1] + 104723)
            self.strict.append(False)
            self.other.append(False)
            self.runs.append(self._run(self.seeds[-1], False, False))
            self.runs[-1][k.PATIENCE] = int(self.net[k.NS_patience0])
        self.status = [k.MORE] * len(self.runs)
        # Each seed's most lessons placed at once, and when that last went up.
        self.seen = [0] * len(self.runs)
        self.improved = [self.t0] * len(self.runs)

    def _run(self, seed: int, other: bool, strict: bool) -> Any:
        run: Any = k.reseeded(self.fresh, seed, soft_as_hard=strict)
        if self.compiled:
            run[k.PATIENCE] = NO_RESTART
        if other:
            run[k.WEIGHTS] = 1  # the other way of weighing displacements
        return run

    def go(self) -> _Outcome:
        threads = [threading.Thread(target=self._search, args=(m,), name=f"placement-{m}", daemon=True)
                   for m in range(1, len(self.runs))]
        for t in threads:
            t.start()
        self._search(0)
        for t in threads:
            t.join()
        return self._outcome()

    def _search(self, m: int) -> None:
        turns = 256 if self.compiled else 16
        while not self.halt.is_set() and time.monotonic() < self.deadline:
            if m == self.restarter and self.plain_done.is_set():
                return  # a first timetable went ahead: the seeds holding soft rules go on
            if self._gives_way(m):
                self.halt.wait(0.05)
                continue
            if self.plain_done.is_set() and not self.strict[m]:
                if not self._join_strict(m):
                    return
                turns = 256
            t1 = time.monotonic()
            if not self._turns(m, turns):
                if self.strict[m] or not self.plain_done.is_set():
                    return
                continue  # it handed its timetable over: on to holding the soft rules
            turns = self._after_turns(m, turns, time.monotonic() - t1)

    def _after_turns(self, m: int, turns: int, took: float) -> int:
        """Seed ``m``'s bookkeeping after its turns took ``took`` seconds; how many turns
        it takes next (the clock is looked at about fifty times a second)."""
        now = time.monotonic()
        if self.runs[m][k.BEST_PLACED] > self.seen[m]:
            self.seen[m], self.improved[m] = int(self.runs[m][k.BEST_PLACED]), now
        self._loosen(m)
        if m == 0 and now - self.reported > PROGRESS_EVERY:
            self.reported = now
            self.report(max(int(run[k.BEST_PLACED]) for run in self.runs))
        return turns * 2 if took < 0.02 else turns

    def _gives_way(self, m: int) -> bool:
        """Whether seed ``m`` waits for now (:meth:`_waits`). First, with no timetable
        after :data:`HOLD_ALONE`, a seed holding soft rules lets go of them, even one that
        would wait: behind the others because it held them, it used to wait on, holding
        them, for the rest of the race (FET's Ancona example: in three runs of eight the
        seed that places it most often never searched again after its first second)."""
        if self.strict[m] and not self.plain_done.is_set() and time.monotonic() - self.t0 > HOLD_ALONE:
            self._let_go(m)
        return self._waits(m)

    def _waits(self, m: int) -> bool:
        """Whether seed ``m`` gives its core to the others for now. Until a first
        timetable exists, after :data:`RESTARTER_ALONE`, and only behind a seed still
        searching that has placed more lessons at once: the seed that starts again when
        stuck waits while those keep finding better partial timetables, any other seed
        while it has itself found none for :data:`STUCK_SHARE` of the time so far (FET's
        Saudi exam example: the seeds that never start again stay at 119-228 of 280
        lessons, and the one that does places them all)."""
        now = time.monotonic()
        if self.plain_done.is_set() or now - self.t0 < RESTARTER_ALONE:
            return False
        mine = int(self.runs[m][k.BEST_PLACED])
        ahead = [q for q in range(len(self.runs))
                 if q != m and self.status[q] == k.MORE and int(self.runs[q][k.BEST_PLACED]) > mine]
        if not ahead:
            return False
        quiet = max(RESTARTER_ALONE, STUCK_SHARE * (now - self.t0))
        if m == self.restarter:
            return now - max(self.improved[q] for q in ahead) <= quiet
        return now - self.improved[m] > quiet

    def _turns(self, m: int, turns: int) -> bool:
        """Seed ``m``'s next ``turns``; False once its search has ended (every lesson
        placed, stalled, or failed inside the compiled loop)."""
        try:
            self.status[m] = self.search(self.net, self.runs[m], turns)
        except RuntimeError:  # the compiled loop failed inside: this seed is out
            self.status[m] = k.DONE
            return False
        if self.status[m] == k.MORE:
            return True
        if self._complete(m):
            self._finished(m)
        return False

    def _finished(self, m: int) -> None:
        """Seed ``m`` placed every lesson: the end of the race, or, if it held no soft
        rule and a seed holding them still runs, a first timetable handed over."""
        with self.lock:
            if self.handed_over and not self.strict[m]:
                return
            still = [q for q in range(len(self.runs)) if self.strict[q] and self.status[q] == k.MORE]
            if self.strict[m] or not still or self.halt.is_set():
                self.halt.set()
                return
            self.handed_over = True
            self.plain_done.set()
            # The seeds holding soft rules get a while longer, then stop.
            self.deadline = min(self.deadline, time.monotonic() + max(SOFT_GRACE, 4 * (time.monotonic() - self.t0)))
        self.first(self._outcome_of(m))

    def _join_strict(self, m: int) -> bool:
        """A first timetable went ahead: seed ``m``, which held no soft rules, starts again
        holding them, one more search racing for the timetable with the lower penalty (its
        core would idle otherwise; how long a seed holding them takes varies tenfold
        between seeds on FET's examples)."""
        if not self.compiled:
            return False
        with self.lock:
            if self.halt.is_set():
                return False
            self.runs[m] = self._run(self.seeds[m] + 104729, m % 2 == 1, True)
            self.status[m] = k.MORE
            self.strict[m] = True
        return True

    def _let_go(self, m: int) -> None:
        """No first timetable yet: seed ``m`` stops holding soft rules and races for one."""
        with self.lock:
            if not self.handed_over:
                self.strict[m] = False
                self.runs[m][k.SOFT] = 0
                self.runs[m][k.WEIGHTS] = 1
                # A new way of searching: it gets a quarter of the time so far before it
                # may wait behind the others (see _waits).
                self.improved[m] = time.monotonic()

    def _loosen(self, m: int) -> None:
        """After a hand-over, seed ``m`` holding the soft rules but no longer getting
        further (as long without a new best as the plain-Python search's patience) places
        its last lessons without them: its timetable keeps most of what holding them
        gained (FET's Greek exam example: a seed holding them places 85 of 86 lessons in a
        tenth of a second and then never the last one)."""
        run = self.runs[m]
        if self.handed_over and self.strict[m] and run[k.SOFT] \
                and run[k.STEPS] - run[k.BEST_STEP] > self.net[k.NS_stall] // STALL_COMPILED:
            run[k.SOFT] = 0
            run[k.BEST_STEP] = run[k.STEPS]

    def _complete(self, m: int) -> bool:
        run = self.runs[m]
        return self.status[m] == k.DONE and int(run[k.PLACED]) == int(self.net[k.NS_n])

    def _outcome(self) -> _Outcome:
        """The result: after a hand-over, the complete timetable of a seed holding soft
        rules, if one finished (else "not done"); otherwise the first complete one, or
        the partial one with most lessons placed."""
        if self.handed_over:
            for m in range(len(self.runs)):
                if self.strict[m] and self._complete(m):
                    return self._outcome_of(m)
            return _Outcome(False, [], [], sum(int(r[k.STEPS]) for r in self.runs), 0)
        best = max(range(len(self.runs)), key=lambda m: (self._complete(m), int(self.runs[m][k.BEST_PLACED])))
        return self._outcome_of(best)

    def _outcome_of(self, m: int) -> _Outcome:
        run, done = self.runs[m], self._complete(m)
        start = k.run_table(run, "start" if done else "best_start")
        room = k.run_table(run, "room" if done else "best_room")
        return _Outcome(done, start, room, sum(int(r[k.STEPS]) for r in self.runs), int(run[k.BEST_PLACED]))


class _Inbox:
    """The parent's messages, read on a thread: jobs queued, stops flagged. When the parent
    goes, every job stops, even one not started yet."""

    def __init__(self, channel: _Channel) -> None:
        self.channel = channel
        self.jobs: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        self.halts: dict[int, threading.Event] = {}
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._read, name="placement-inbox", daemon=True).start()

    def halt_of(self, job: int) -> threading.Event:
        with self.lock:
            event = self.halts.setdefault(job, threading.Event())
            if self.closed:
                event.set()
            return event

    def done(self, job: int) -> None:
        with self.lock:
            self.halts.pop(job, None)

    def _read(self) -> None:
        while (message := self.channel.recv()) is not None:
            if message[0] == "stop":
                self.halt_of(message[1]).set()
            else:
                self.jobs.put(message)
        with self.lock:
            self.closed = True
            for event in self.halts.values():
                event.set()
        self.jobs.put(None)


def serve(channel: _Channel) -> None:
    """The worker's life: load the search, then answer jobs until the parent goes."""
    inbox = _Inbox(channel)
    search, compiled, error = _load_search()
    channel.send(("ready", compiled, error))
    while (message := inbox.jobs.get()) is not None:
        _tag, job, net_bytes, n_resources, n_rooms, seeds, seconds = message
        halt = inbox.halt_of(job)

        def report(placed: int, job: int = job) -> None:
            channel.send(("progress", job, placed))

        def first(out: _Outcome, job: int = job) -> None:
            channel.send(("result", job, out.done, out.start, out.room, out.steps, out.placed, True))

        race = _Race(search, compiled, net_bytes, n_resources, n_rooms, list(seeds), seconds, halt, report, first)
        out = race.go()
        inbox.done(job)
        tag = "later" if race.handed_over else "result"
        if not channel.send((tag, job, out.done, out.start, out.room, out.steps, out.placed, False)):
            return


def main() -> None:
    """Entry point of ``python -m app.scheduling.timetable.placement_worker``: messages on
    stdin/stdout; anything else printed (numba's warnings) goes nowhere."""
    rfile = os.fdopen(os.dup(0), "rb")
    wfile = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    serve(_Channel(rfile, wfile))


def _serve_connection(conn: Any) -> None:  # multiprocessing target (frozen builds)
    serve(_ConnChannel(conn))


# -- the parent's side ----------------------------------------------------------------


@dataclass
class Result:
    done: bool  # every lesson placed
    start: list[int]  # lesson index -> slot, or -1
    room: list[int]  # lesson index -> room index, or -1
    steps: int
    placed: int
    more: bool = False  # a timetable holding the soft rules may follow (see Worker.later)


class Worker:
    """The parent's handle on the worker process."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.compiled = False
        self.error = ""
        self.alive = True
        self._results: dict[int, Result] = {}
        self._later: dict[int, Result] = {}
        self._stopped: set[int] = set()  # jobs whose result nobody will collect
        self._progress: dict[int, int] = {}  # job -> most lessons placed so far
        self._arrived = threading.Condition()
        self._next_job = 0
        self._proc: Any = None
        self.channel = self._spawn()
        threading.Thread(target=self._read, name="placement-results", daemon=True).start()
        atexit.register(self.close)

    def _spawn(self) -> _Channel:
        if getattr(sys, "frozen", False):
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            mine, theirs = context.Pipe()
            self._proc = context.Process(target=_serve_connection, args=(theirs,), name="placement", daemon=True)
            self._proc.start()
            theirs.close()
            return _ConnChannel(mine)
        # The process ``timetable solve`` started first thing, or a new one.
        self._proc = worker_launch.take() or worker_launch.spawn()
        assert self._proc.stdin is not None and self._proc.stdout is not None
        return _Channel(self._proc.stdout, self._proc.stdin)

    def _read(self) -> None:
        while (message := self.channel.recv()) is not None:
            if message[0] == "ready":
                self.compiled, self.error = bool(message[1]), str(message[2])
                self.ready.set()
            elif message[0] == "progress":
                self._progress[message[1]] = int(message[2])
            elif message[0] in ("result", "later"):
                with self._arrived:
                    if message[1] not in self._stopped:
                        box = self._results if message[0] == "result" else self._later
                        box[message[1]] = Result(*message[2:])
                    self._arrived.notify_all()
        with self._arrived:
            self.alive = False
            self._arrived.notify_all()
        self.ready.set()

    def submit(self, net: Any, n_resources: int, n_rooms: int, seeds: list[int], seconds: float) -> int | None:
        """Start a search; its job number, or None if the worker is gone."""
        self._next_job += 1
        job = self._next_job
        data = array("q", net).tobytes()
        if not self.alive or not self.channel.send(("solve", job, data, n_resources, n_rooms, seeds, seconds)):
            self.alive = False
            return None
        return job

    def racing(self) -> bool:
        """Whether the compiled search is running (plain Python here is then worth little)."""
        return self.ready.is_set() and self.compiled and self.alive

    def placed(self, job: int) -> int:
        """The most lessons ``job``'s searches have placed at once so far."""
        return self._progress.get(job, 0)

    def arrived(self, job: int) -> bool:
        with self._arrived:
            return job in self._results or not self.alive

    def later_arrived(self, job: int) -> bool:
        with self._arrived:
            return job in self._later or not self.alive

    def result(self, job: int, wait: float = 0.0) -> Result | None:
        """``job``'s result if it has arrived (waiting up to ``wait`` seconds)."""
        end = time.monotonic() + wait
        with self._arrived:
            while job not in self._results and self.alive and time.monotonic() < end:
                self._arrived.wait(end - time.monotonic())
            return self._results.pop(job, None)

    def later(self, job: int, wait: float = 0.0) -> Result | None:
        """The timetable holding the soft rules that followed ``job``'s first one (a result
        with ``more`` set), once it has arrived (waiting up to ``wait`` seconds); ``done``
        False if none was found."""
        end = time.monotonic() + wait
        with self._arrived:
            while job not in self._later and self.alive and time.monotonic() < end:
                self._arrived.wait(end - time.monotonic())
            return self._later.pop(job, None)

    def stop(self, job: int, collect: bool = True) -> None:
        """Stop ``job``'s search; its best partial result follows unless ``collect`` is False."""
        with self._arrived:
            if not collect:
                self._stopped.add(job)
                self._results.pop(job, None)
                self._later.pop(job, None)
        self.channel.send(("stop", job))

    def close(self, wait: float = 2.0) -> None:
        """End the worker: its input closes, its search stops and it exits (waited for a
        moment; one still loading, or compiling for the first time, is not waited for and
        exits once done, the compiled loop cached for the next run)."""
        self.alive = False
        proc = self._proc
        if isinstance(proc, subprocess.Popen):
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()  # the worker reads the end of its input and exits
            if self.ready.is_set():  # still loading: it exits on its own once loaded
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=wait)


_worker: Worker | None = None
_lock = threading.Lock()


def worker() -> Worker | None:
    """The running worker (started now if need be); None when turned off or it cannot start."""
    global _worker
    if disabled():
        return None
    with _lock:
        if _worker is None or not _worker.alive:
            try:
                _worker = Worker()
            except OSError:
                _worker = None
        return _worker


def start_early() -> None:
    """Start the worker now, so the search is loaded by the time the school is read."""
    worker()


if __name__ == "__main__":
    main()
