"""Starting the placement worker's process as early as a command can.

The worker needs about a tenth of a second to load the compiled search, and a small
school is placed a moment after that, so every hundredth counts. The parent used to start
it only after importing the placement code (dataclasses, pickle, the kernel, the app's
paths: 20-25 ms); this module imports nothing but :mod:`subprocess`, so ``timetable
solve`` starts the worker first thing and imports the rest while it loads.
:class:`~app.scheduling.timetable.placement_worker.Worker` then adopts the process
(:func:`take`). A process nobody adopts (the command stopped on a bad argument) is told
to exit when this one does: its input closes and it ends.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys

MODULE = "app.scheduling.timetable.placement_worker"

_early: subprocess.Popen[bytes] | None = None


def disabled() -> bool:
    """``TEACHERDESK_NO_PLACEMENT_WORKER=1``: no worker (plain Python in the caller only)."""
    return bool(os.environ.get("TEACHERDESK_NO_PLACEMENT_WORKER"))


def spawn() -> subprocess.Popen[bytes]:
    """The worker's process, talking over its standard input and output."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
    return subprocess.Popen(
        [sys.executable, "-m", MODULE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        creationflags=flags, start_new_session=sys.platform != "win32", env=_child_env(),
    )


def start_early() -> None:
    """Start the worker's process now, if there is none waiting to be adopted (frozen
    builds start theirs through multiprocessing, when the worker is asked for)."""
    global _early
    if _early is not None or disabled() or getattr(sys, "frozen", False):
        return
    try:
        _early = spawn()
    except OSError:
        return
    atexit.register(_close_unadopted)


def take() -> subprocess.Popen[bytes] | None:
    """The process :func:`start_early` started, if it is still running (once)."""
    global _early
    proc, _early = _early, None
    return proc if proc is not None and proc.poll() is None else None


def _close_unadopted() -> None:
    proc = take()
    if proc is not None and proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()  # it reads the end of its input and exits


def _child_env() -> dict[str, str]:
    """The worker finds this package however the app was started. (It finds the compiled
    search's cache folder itself, as this process would: the same settings, inherited.)"""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env
