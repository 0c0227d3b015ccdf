"""The compiled placement loop kept as machine code, and loaded again without numba.

numba compiles the loop once (about half a minute) and could load it from its own cache
later, but only after importing itself and setting up its compiler: half a second before
the first lesson is placed, on every run, which is most of a small school's time. So the
object file numba produced is kept here, with the names of the outside functions it
refers to, and loaded with llvmlite alone (numba's own code loader, already installed
with it): a few milliseconds.

The loop is pure integer code. The only outside functions it refers to are numba's and
CPython's, and only on its error paths (an exception inside the loop, which would be a
bug). Those are bound to one stand-in that counts the call: the caller sees the count go
up and raises instead of trusting the result (:class:`Compiled`).

The file is keyed by the loop's code and by the processor (the machine code uses its
vector instructions, so a copied profile on another computer compiles anew); it carries a
checksum, is written whole or not at all, and anything wrong with it means "compile
again", never a crash.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import platform
import sys
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = b"teacherdesk placement machine code 1\n"
# Outside names the loop may call on its error paths only; anything else it refers to
# must be found in this process (the C library), or the file is not used.
STAND_IN_PREFIXES = ("Py", "_Py", "numba_", "NRT_")

_I64P = ctypes.POINTER(ctypes.c_int64)
# run_search(net, len(net), run, len(run), turns) -> status; ctypes releases the
# interpreter lock for the call, so two searches run side by side on two threads.
ENTRY = ctypes.CFUNCTYPE(ctypes.c_int64, _I64P, ctypes.c_int64, _I64P, ctypes.c_int64, ctypes.c_int64)


class Unusable(Exception):
    """The kept machine code is missing, stale, damaged or cannot be loaded here."""


@dataclass(frozen=True)
class MachineCode:
    entry: str  # the symbol of the entry point
    functions: tuple[str, ...]  # outside functions it refers to
    data: tuple[str, ...]  # outside data it refers to
    code: bytes  # the object file (ELF, COFF or Mach-O)


def file_for(folder: str | Path, code_digest: str) -> Path:
    """Where the machine code of the loop with ``code_digest`` lives for this processor."""
    import llvmlite.binding as ll  # type: ignore[import-untyped,unused-ignore]

    machine = "|".join((sys.platform, platform.machine(), ll.get_host_cpu_name(),
                        ll.get_host_cpu_features().flatten(), FORMAT.decode().strip()))
    key = hashlib.sha256(f"{code_digest}|{machine}".encode()).hexdigest()[:24]
    return Path(folder) / f"placement-{key}.bin"


def save(path: Path, mc: MachineCode) -> None:
    """Write ``mc`` to ``path`` atomically (two workers compiling at once both succeed)."""
    head = {"entry": mc.entry, "functions": list(mc.functions), "data": list(mc.data),
            "size": len(mc.code), "sha256": hashlib.sha256(mc.code).hexdigest()}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT + json.dumps(head).encode() + b"\n" + mc.code)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read(path: Path) -> MachineCode:
    """The machine code kept at ``path``; :class:`Unusable` if missing or damaged."""
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise Unusable(f"{path.name}: {exc.strerror or exc}") from None
    if not blob.startswith(FORMAT):
        raise Unusable(f"{path.name}: not a placement machine-code file")
    head_line, _nl, code = blob[len(FORMAT):].partition(b"\n")
    try:
        head = json.loads(head_line)
        mc = MachineCode(str(head["entry"]), tuple(map(str, head["functions"])), tuple(map(str, head["data"])), code)
        intact = head["size"] == len(code) and head["sha256"] == hashlib.sha256(code).hexdigest()
    except (ValueError, KeyError, TypeError):
        raise Unusable(f"{path.name}: damaged header") from None
    if not intact:
        raise Unusable(f"{path.name}: damaged (checksum)")
    return mc


class _StandIn:
    """One C-callable function for every outside name of the error paths: it only counts
    its calls (ctypes takes the interpreter lock to run it)."""

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()
        self.fn = ctypes.CFUNCTYPE(ctypes.c_int64)(self._called)
        self.address: int = ctypes.cast(self.fn, ctypes.c_void_p).value or 0
        self.blank = (ctypes.c_int64 * 16)()  # what outside data names point at

    def _called(self) -> int:
        with self.lock:
            self.calls += 1
        return 0


_STAND_IN: _StandIn | None = None


def _stand_in() -> _StandIn:
    global _STAND_IN
    if _STAND_IN is None:
        _STAND_IN = _StandIn()
    return _STAND_IN


def _bind(ll: Any, functions: Iterable[str], data: Iterable[str]) -> _StandIn:
    stand_in = _stand_in()
    for name in functions:
        if name.startswith("llvm."):
            continue  # compiler intrinsics, not outside code
        if name.startswith(STAND_IN_PREFIXES):
            ll.add_symbol(name, stand_in.address)
        elif not ll.address_of_symbol(name):
            raise Unusable(f"the machine code needs {name!r}, which this process lacks")
    for name in data:
        if not name.startswith(STAND_IN_PREFIXES):
            raise Unusable(f"the machine code refers to outside data {name!r}")
        ll.add_symbol(name, ctypes.addressof(stand_in.blank))
    return stand_in


class Compiled:
    """The loop as a Python callable on ``array('q')`` (or any writable int64 buffer)."""

    def __init__(self, entry: Any, keep: Any, stand_in: _StandIn | None) -> None:
        self.entry, self._keep, self.stand_in = entry, keep, stand_in

    def __call__(self, net: Any, run: Any, turns: int) -> int:
        before = self.stand_in.calls if self.stand_in else 0
        n = (ctypes.c_int64 * len(net)).from_buffer(net)
        r = (ctypes.c_int64 * len(run)).from_buffer(run)
        status = int(self.entry(n, len(net), r, len(run), turns))
        if self.stand_in is not None and self.stand_in.calls != before:
            raise RuntimeError("the compiled placement loop failed (an error inside it); its result is not used")
        return status


def load(mc: MachineCode) -> Compiled:
    """Link ``mc`` into this process with llvmlite; :class:`Unusable` if it cannot be."""
    try:
        import llvmlite.binding as ll
    except ImportError as exc:
        raise Unusable(f"llvmlite is missing: {exc}") from None
    ll.initialize_native_target()
    ll.initialize_native_asmprinter()
    stand_in = _bind(ll, mc.functions, mc.data)
    try:
        machine = ll.Target.from_default_triple().create_target_machine()
        engine = ll.create_mcjit_compiler(ll.parse_assembly(""), machine)
        engine.add_object_file(ll.ObjectFileRef.from_data(mc.code))
        engine.finalize_object()
        address = engine.get_function_address(mc.entry)
    except (RuntimeError, ValueError, OSError) as exc:
        raise Unusable(f"the machine code could not be linked: {exc}") from None
    if not address:
        raise Unusable(f"the machine code has no {mc.entry!r}")
    return Compiled(ENTRY(address), (engine, machine), stand_in)
