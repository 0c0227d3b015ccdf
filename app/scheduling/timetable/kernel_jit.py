"""The placement loop of :mod:`~app.scheduling.timetable.kernel`, compiled with numba.

Loading numba costs about a second (and its first compile of the loop half a minute, once:
the compiled code is cached in the app's own cache folder, ``NUMBA_CACHE_DIR``, set before
numba is imported — never the installation folder, which is read-only on locked-down
machines). So :func:`warm_up` loads it on a background thread while the plain-Python
loop starts the search, and :func:`compiled` hands over the compiled loop once it is ready;
the search then carries on from the same state, tens of times faster. The compiled loop
releases the GIL, so it can run beside other Python work.

Without numba (or with ``TEACHERDESK_NO_NUMBA=1``) everything runs as plain Python, with
the same results.
"""

from __future__ import annotations

import os
import threading
import types
from collections.abc import Callable
from typing import Any

from app.scheduling.timetable import kernel

_lock = threading.Lock()
_thread: threading.Thread | None = None
_ready = threading.Event()
_search: Callable[[Any, Any, int], int] | None = None
_error: str | None = None


def disabled() -> bool:
    return bool(os.environ.get("TEACHERDESK_NO_NUMBA"))


def _build() -> Callable[[Any, Any, int], int]:
    """numba versions of the kernel's functions, calling one another; the entry point's
    compiled code (which holds every function it calls) is cached on disk."""
    os.makedirs(_cache_dir(), exist_ok=True)
    import numba  # type: ignore[import-untyped,unused-ignore]
    import numpy as np

    space = dict(vars(kernel))
    for name in kernel.JIT:
        f = getattr(kernel, name)
        clone = types.FunctionType(f.__code__, space, f.__name__, f.__defaults__, f.__closure__)
        clone.__qualname__ = f.__qualname__
        space[name] = numba.njit(nogil=True, cache=name == "run_search")(clone)
    search = space["run_search"]
    tiny = np.zeros(1, dtype=np.int64)
    search(tiny, tiny, 0)  # loads (or, the first time, compiles) the machine code
    return search  # type: ignore[no-any-return]


def _cache_dir() -> str:
    if not os.environ.get("NUMBA_CACHE_DIR"):
        from app.paths import cache_dir

        os.environ["NUMBA_CACHE_DIR"] = str(cache_dir() / "numba")
    return os.environ["NUMBA_CACHE_DIR"]


def _stamp() -> str:
    """What the cached machine code was compiled from: this kernel and numba's version."""
    from importlib.metadata import version

    src = os.stat(kernel.__file__)
    return f"{src.st_mtime_ns} {src.st_size} numba {version('numba')}"


def _marker() -> str:
    return os.path.join(_cache_dir(), "placement-kernel.stamp")


def _compile_in_child() -> None:
    """Compile (and cache) in another process: compiling holds this process's GIL for
    seconds at a time, which would stall the search and the progress reports. The child
    is a process of its own, not joined at exit: a solve shorter than the first compile
    ends on time, and the compile finishes behind it for the next run."""
    import subprocess
    import sys

    if getattr(sys, "frozen", False):  # a frozen build has no interpreter to start with -c
        import multiprocessing

        proc = multiprocessing.get_context("spawn").Process(target=_build_and_mark, name="placement-compile",
                                                            daemon=True)
        proc.start()
        proc.join()
        return
    code = "from app.scheduling.timetable.kernel_jit import _build_and_mark; _build_and_mark()"
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, creationflags=flags,
                             start_new_session=sys.platform != "win32")
    child.wait()


def _build_and_mark() -> None:
    _build()
    with open(_marker(), "w", encoding="utf-8") as f:
        f.write(_stamp())


def _cached() -> bool:
    try:
        with open(_marker(), encoding="utf-8") as f:
            return f.read() == _stamp()
    except OSError:
        return False


def _load() -> None:
    global _search, _error
    try:
        if not _cached():
            _compile_in_child()
        _search = _build()
    except Exception as exc:  # missing or broken numba: the plain-Python loop does the work
        _error = f"{type(exc).__name__}: {exc}"
    finally:
        _ready.set()


def warm_up() -> None:
    """Start loading the compiled loop in the background (once per process)."""
    global _thread
    if disabled():
        return
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_load, name="placement-compile", daemon=True)
            _thread.start()


def loading() -> bool:
    """Whether the compiled loop is being loaded right now."""
    return _thread is not None and not _ready.is_set()


def compiled(wait: float = 0.0) -> Callable[[Any, Any, int], int] | None:
    """The compiled ``run_search`` if it is ready (waiting up to ``wait`` seconds)."""
    if disabled() or _thread is None:
        return None
    _ready.wait(wait)
    return _search


def to_arrays(flat: Any) -> Any:
    import numpy as np

    return np.asarray(flat, dtype=np.int64)
