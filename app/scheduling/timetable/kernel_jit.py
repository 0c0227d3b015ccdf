"""The placement loop of :mod:`~app.scheduling.timetable.kernel`, compiled with numba.

The compiled loop runs in the placement worker process
(:mod:`~app.scheduling.timetable.placement_worker`), which calls
:func:`load_in_this_process`: loading numba takes about half a second there, and its first
compile of the loop about half a minute, once: the machine code is cached in the app's own
cache folder (``NUMBA_CACHE_DIR``, set before numba is imported — never the installation
folder, which is read-only on locked-down machines). The compiled loop releases the GIL,
so the worker runs two searches side by side.

Without numba (or with ``TEACHERDESK_NO_NUMBA=1``) everything runs as plain Python, with
the same results.
"""

from __future__ import annotations

import os
import types
from collections.abc import Callable
from typing import Any

from app.scheduling.timetable import kernel


def disabled() -> bool:
    return bool(os.environ.get("TEACHERDESK_NO_NUMBA"))


def _build() -> Callable[[Any, Any, int], int]:
    """numba versions of the kernel's functions, calling one another; the entry point's
    compiled code (which holds every function it calls) is cached on disk."""
    os.makedirs(cache_dir(), exist_ok=True)
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


def cache_dir() -> str:
    """Where numba caches the compiled loop (the app's cache folder unless already set)."""
    if not os.environ.get("NUMBA_CACHE_DIR"):
        from app.paths import cache_dir as app_cache

        os.environ["NUMBA_CACHE_DIR"] = str(app_cache() / "numba")
    return os.environ["NUMBA_CACHE_DIR"]


def load_in_this_process() -> Callable[[Any, Any, int], int]:
    """The compiled ``run_search``: loaded from the cache, or compiled (and cached) if the
    cache is missing or stale; raises if numba is missing or fails."""
    return _build()


def to_arrays(flat: Any) -> Any:
    import numpy as np

    return np.asarray(flat, dtype=np.int64)
