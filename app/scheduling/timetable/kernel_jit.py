"""The placement loop of :mod:`~app.scheduling.timetable.kernel`, compiled with numba.

The compiled loop runs in the placement worker process
(:mod:`~app.scheduling.timetable.placement_worker`), which calls
:func:`load_in_this_process`. The first time (once per install and processor) numba
compiles the loop, about half a minute; its machine code is then kept in the app's own
cache folder (``NUMBA_CACHE_DIR`` — never the installation folder, which is read-only on
locked-down machines) and later runs load it in milliseconds without importing numba
(:mod:`~app.scheduling.timetable.machine_code`). The compiled loop releases the
interpreter lock, so the worker runs two searches side by side.

Without numba (or with ``TEACHERDESK_NO_NUMBA=1``) everything runs as plain Python, with
the same results.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.scheduling.timetable import kernel

if TYPE_CHECKING:
    from app.scheduling.timetable import machine_code

Search = Callable[[Any, Any, int], int]


def disabled() -> bool:
    return bool(os.environ.get("TEACHERDESK_NO_NUMBA"))


def cache_dir() -> str:
    """Where the compiled loop is kept (the app's cache folder unless already set)."""
    if not os.environ.get("NUMBA_CACHE_DIR"):
        from app.paths import cache_dir as app_cache

        os.environ["NUMBA_CACHE_DIR"] = str(app_cache() / "numba")
    return os.environ["NUMBA_CACHE_DIR"]


def load_in_this_process() -> Search:
    """The compiled ``run_search`` (on ``array('q')`` tables): the kept machine code if it
    is there and fits this loop and processor, else compiled by numba now and kept; raises
    if numba is missing or fails."""
    from app.scheduling.timetable import machine_code

    path = _kept_file()
    try:
        return machine_code.load(machine_code.read(path))
    except machine_code.Unusable:
        pass
    # Several processes started at once after an install or upgrade (a few solves on the
    # command line, the app and a command) compile it once: the others wait, then load it.
    with _compiling(path):
        try:
            return machine_code.load(machine_code.read(path))
        except machine_code.Unusable:
            pass
        search, mc = compile_with_numba()
        if mc is not None:
            # A read-only cache folder: compiled again next time, still correct.
            with contextlib.suppress(OSError):
                machine_code.save(path, mc)
        return search


_kept: list[Search] = []  # the kept machine code, once loaded here (see kept_in_this_process)
_kept_lock = threading.Lock()


def kept_in_this_process() -> Search | None:
    """The compiled ``run_search`` from the kept machine code, loaded once per process (50
    ms or so); None if numba is off or there is no usable kept code yet. It never
    compiles: that half minute belongs to the placement worker, which keeps the code for
    everyone; a process that finds none goes on in plain Python. (A load already under
    way in another thread, see :func:`preload`, is waited for.)"""
    with _kept_lock:
        if _kept:
            return _kept[0]
        if disabled():
            return None
        from app.scheduling.timetable import machine_code

        try:
            search = machine_code.load(machine_code.read(_kept_file()))
        except (machine_code.Unusable, OSError):
            return None
        _kept.append(search)
        return search


def _kept_file() -> Path:
    """Where this loop's machine code is kept for this processor."""
    from app.scheduling.timetable import machine_code

    return machine_code.file_for(cache_dir(), code_digest())


def preload() -> None:
    """Load the kept machine code in a thread of its own, while this process has nothing
    else to do (it waits for the placement worker's compiled search): repair runs the
    compiled loop here next (repair_kernel.py) and then starts at once."""
    if not _kept and not disabled():
        threading.Thread(target=kept_in_this_process, name="load kept placement code", daemon=True).start()


COMPILE_WAIT = 180.0  # at most this long for another process's compile, then compile here too


@contextlib.contextmanager
def _compiling(path: Path) -> Iterator[None]:
    """Held while this process compiles the loop for ``path`` (an OS lock on a file beside
    it); waits while another process does. Without a lock file (a read-only cache folder)
    or after :data:`COMPILE_WAIT`, it goes on without the lock."""
    from app.core.oslock import try_lock, unlock

    try:
        os.makedirs(path.parent, exist_ok=True)
        fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    end = time.monotonic() + COMPILE_WAIT
    held = try_lock(fd)
    while not held and time.monotonic() < end:
        time.sleep(0.2)
        held = try_lock(fd)
    try:
        yield
    finally:
        if held:
            unlock(fd)
        else:
            os.close(fd)


def compile_with_numba() -> tuple[Search, machine_code.MachineCode | None]:
    """numba versions of the kernel's functions, calling one another, behind one C entry
    point; the callable and its machine code (None if numba would not hand it over)."""
    from app.scheduling.timetable import machine_code

    os.makedirs(cache_dir(), exist_ok=True)
    import numba as nb  # type: ignore[import-untyped,unused-ignore]

    numba: Any = nb  # its typing is partial; used as numba documents it
    nt = numba.types
    space = dict(vars(kernel))
    for name in kernel.JIT:
        f = getattr(kernel, name)
        clone = types.FunctionType(f.__code__, space, f.__name__, f.__defaults__, f.__closure__)
        clone.__qualname__ = f.__qualname__
        space[name] = numba.njit(nogil=True)(clone)
    search = space["run_search"]
    carray = numba.carray

    i64p = nt.CPointer(nt.int64)

    @numba.cfunc(nt.int64(i64p, nt.int64, i64p, nt.int64, nt.int64), nogil=True)  # type: ignore[untyped-decorator,misc,unused-ignore]
    def entry(net: Any, n_net: int, run: Any, n_run: int, turns: int) -> int:
        return search(carray(net, (n_net,)), carray(run, (n_run,)), turns)  # type: ignore[no-any-return]

    compiled = machine_code.Compiled(machine_code.ENTRY(entry.address), entry, None)
    return compiled, _machine_code_of(entry)


def _machine_code_of(entry: Any) -> machine_code.MachineCode | None:
    """The object file numba made for ``entry``, with the outside names it refers to
    (numba's private library object: None if a numba version lays it out otherwise)."""
    from app.scheduling.timetable import machine_code

    try:
        lib = entry._library
        module = lib._final_module
        code = bytes(lib._codegen._tm.emit_object(module))
        functions = tuple(f.name for f in module.functions if f.is_declaration)
        data = tuple(g.name for g in module.global_variables if g.is_declaration)
        return machine_code.MachineCode(entry.native_name, functions, data, code)
    except (AttributeError, RuntimeError, TypeError):
        return None


def code_digest() -> str:
    """A fingerprint of the loop: its functions' code and the kernel's constants (numba
    bakes both into the machine code), so any change to the kernel compiles anew."""
    import hashlib

    h = hashlib.sha256()
    for name in kernel.JIT:
        for part in _code_parts(getattr(kernel, name).__code__):
            h.update(part)
    consts = sorted((k, v) for k, v in vars(kernel).items() if type(v) in (int, bool))
    h.update(repr(consts).encode())
    return h.hexdigest()


def _code_parts(code: types.CodeType) -> Iterator[bytes]:
    yield code.co_code
    yield repr((code.co_names, code.co_varnames, code.co_argcount)).encode()
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            yield from _code_parts(c)
        else:
            yield repr(c).encode()


def to_arrays(flat: Any) -> Any:
    """A table as the compiled loop takes it."""
    from array import array

    return array("q", flat)


def cache_files() -> list[Path]:
    return sorted(Path(cache_dir()).glob("placement-*.bin"))
