"""The compiled placement loop's kept machine code: loaded again without numba, making
the plain-Python loop's choices; a damaged, stale or foreign file is never trusted; an
error inside the loop is reported, not taken for a result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from app.scheduling.timetable import kernel as k
from app.scheduling.timetable import machine_code as mc
from tests.scheduling.test_timetable_kernel import _start

ROOT = Path(__file__).resolve().parents[2]


def _sample(tmp_path: Path) -> tuple[Path, mc.MachineCode]:
    code = mc.MachineCode("entry_point", ("numba_do_raise", "PyErr_Clear"), ("PyExc_RuntimeError",), b"\x7fELF" + bytes(range(256)) * 4)
    path = tmp_path / "placement-test.bin"
    mc.save(path, code)
    return path, code


def test_kept_machine_code_reads_back_whole(tmp_path: Path) -> None:
    path, code = _sample(tmp_path)
    assert mc.read(path) == code
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("damage", ["missing", "truncated", "flipped", "foreign", "header"])
def test_a_damaged_file_is_unusable_never_loaded(tmp_path: Path, damage: str) -> None:
    path, _code = _sample(tmp_path)
    blob = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(blob[:-100])
    elif damage == "flipped":
        path.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    elif damage == "foreign":
        path.write_bytes(b"\x7fELF" + blob)
    else:
        head_end = blob.index(b"\n", len(mc.FORMAT))
        path.write_bytes(mc.FORMAT + json.dumps({"entry": "x"}).encode() + blob[head_end:])
    with pytest.raises(mc.Unusable, match=path.name if damage != "missing" else "placement-test"):
        mc.read(path)


def test_machine_code_needing_what_this_process_lacks_is_unusable() -> None:
    pytest.importorskip("llvmlite")
    code = mc.MachineCode("entry", ("teacherdesk_no_such_function",), (), b"")
    with pytest.raises(mc.Unusable, match="teacherdesk_no_such_function"):
        mc.load(code)


def test_the_file_name_follows_the_loop_and_the_processor(tmp_path: Path) -> None:
    pytest.importorskip("llvmlite")
    a, b = mc.file_for(tmp_path, "loop-1"), mc.file_for(tmp_path, "loop-2")
    assert a != b and a.parent == b.parent == tmp_path and a == mc.file_for(tmp_path, "loop-1")


_RERUN = """
import hashlib, sys
from array import array
from app.scheduling.timetable import kernel as k, kernel_jit
from tests.scheduling.test_timetable_kernel import _start
search = kernel_jit.load_in_this_process()
for seed in (0, 3, 12):
    net, run, _pl = _start(seed)
    run = array("q", run)
    for turns in (1, 50, 500):
        search(array("q", net), run, turns)
    print(seed, hashlib.sha256(run.tobytes()).hexdigest())
print("numba loaded:", "numba" in sys.modules)
"""


@pytest.mark.xdist_group("numba")
def test_a_new_process_loads_the_kept_code_without_numba(numba_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numba")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(numba_cache))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    from app.scheduling.timetable import kernel_jit

    kernel_jit.load_in_this_process()  # compiles (and keeps) it unless an earlier test did
    kept = kernel_jit.cache_files()
    assert len(kept) == 1
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _RERUN], env=env, capture_output=True, text=True, timeout=120, check=True)
    lines = out.stdout.split("\n")
    assert "numba loaded: False" in lines
    import hashlib

    for seed in (0, 3, 12):
        net, run, _pl = _start(seed)
        for turns in (1, 50, 500):
            k.run_search(net, run, turns)
        assert f"{seed} {hashlib.sha256(array('q', run).tobytes()).hexdigest()}" in lines, f"school {seed}"
    assert kernel_jit.cache_files() == kept  # nothing compiled again


@pytest.mark.xdist_group("numba")
def test_an_error_inside_the_compiled_loop_raises(numba_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A day of zero hours divides by zero inside the loop: its error path calls the
    stand-in, and the caller gets an exception instead of a status."""
    pytest.importorskip("numba")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(numba_cache))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    from app.scheduling.timetable import kernel_jit

    # The kept machine code, as every later process loads it: the first test of the group
    # to run compiles with numba, whose own error handling only prints the exception.
    kernel_jit.load_in_this_process()
    search = mc.load(mc.read(kernel_jit._kept_file()))
    net, run, _pl = _start(3)
    net[k.NS_H] = 0
    with pytest.raises(ZeroDivisionError):
        k.run_search(list(net), list(run), 50)
    with pytest.raises(RuntimeError, match="failed"):
        search(array("q", net), array("q", run), 50)


def _fake_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    """kernel_jit with the kept file, loading and compiling stood in for: ``state["kept"]``
    says whether another process has kept the code yet."""
    from app.scheduling.timetable import kernel_jit

    state: dict[str, object] = {"kept": False, "compiled": 0}

    def read(path: Path) -> object:
        if not state["kept"]:
            raise mc.Unusable("not there")
        return "code"

    def compile_here() -> tuple[object, None]:
        state["compiled"] = int(state["compiled"]) + 1  # type: ignore[call-overload]
        return "compiled here", None

    monkeypatch.setattr(kernel_jit, "cache_dir", lambda: str(tmp_path))
    monkeypatch.setattr(mc, "read", read)
    monkeypatch.setattr(mc, "load", lambda code: "loaded from the cache")
    monkeypatch.setattr(kernel_jit, "compile_with_numba", compile_here)
    return state


def test_a_process_waits_for_another_compiling_then_loads_its_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import threading
    import time

    from app.core.oslock import try_lock, unlock
    from app.scheduling.timetable import kernel_jit

    state = _fake_cache(monkeypatch, tmp_path)
    lock_file = str(mc.file_for(str(tmp_path), kernel_jit.code_digest())) + ".lock"
    other = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)  # "another process" compiling
    assert try_lock(other)
    got: list[object] = []
    waiting = threading.Thread(target=lambda: got.append(kernel_jit.load_in_this_process()))
    waiting.start()
    time.sleep(0.6)
    assert waiting.is_alive() and not got  # it waits rather than compiling too
    state["kept"] = True  # the other process kept its code and lets go
    unlock(other)
    waiting.join(5)
    assert got == ["loaded from the cache"] and state["compiled"] == 0


def test_without_a_lock_file_it_compiles_all_the_same(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.scheduling.timetable import kernel_jit

    state = _fake_cache(monkeypatch, tmp_path / "missing")
    real_open = os.open

    def refuse(path: str, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(path)
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert kernel_jit.load_in_this_process() == "compiled here" and state["compiled"] == 1


def test_the_solving_process_takes_kept_code_only_and_never_compiles(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    """Repair in the solving process uses the compiled loop only if the worker has kept
    it: no kept file means plain Python (None), not half a minute of compiling; once
    loaded it is not loaded again; with numba turned off it is never looked for."""
    from app.scheduling.timetable import kernel_jit

    state = _fake_cache(monkeypatch, tmp_path)
    monkeypatch.setattr(kernel_jit, "_kept", [])
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    assert kernel_jit.kept_in_this_process() is None and state["compiled"] == 0
    state["kept"] = True
    assert kernel_jit.kept_in_this_process() == "loaded from the cache"
    monkeypatch.setattr(mc, "load", lambda code: "loaded twice")
    assert kernel_jit.kept_in_this_process() == "loaded from the cache"
    monkeypatch.setattr(kernel_jit, "_kept", [])
    monkeypatch.setenv("TEACHERDESK_NO_NUMBA", "1")
    assert kernel_jit.kept_in_this_process() is None


def test_preloading_loads_the_kept_code_in_a_thread_of_its_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import threading
    import time

    from app.scheduling.timetable import kernel_jit

    state = _fake_cache(monkeypatch, tmp_path)
    state["kept"] = True
    monkeypatch.setattr(kernel_jit, "_kept", [])
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    loading = threading.Event()
    main = threading.current_thread()

    def slow_load(code: object) -> str:
        assert threading.current_thread() is not main
        loading.set()
        time.sleep(0.3)
        return "loaded in the background"

    monkeypatch.setattr(mc, "load", slow_load)
    kernel_jit.preload()
    assert loading.wait(5)
    assert kernel_jit.kept_in_this_process() == "loaded in the background"  # waits for it, loads nothing twice
    assert state["compiled"] == 0


@pytest.mark.xdist_group("numba")
def test_repair_with_the_compiled_loop_makes_the_plain_loops_choices(numba_cache: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Repair's tries on the kernel's tables, with the compiled loop, end exactly where
    the same tries with the loop in plain Python end (same timetable, same penalty)."""
    pytest.importorskip("numba")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(numba_cache))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    from app.scheduling.timetable import kernel_jit
    from app.scheduling.timetable.repair_kernel import KernelRuin, Net
    from app.scheduling.timetable.rules import compile_rules
    from tests.scheduling.test_timetable_repair import _schools

    search = kernel_jit.load_in_this_process()
    compared = 0
    for seed, p, first in _schools()[:3]:
        rules = compile_rules(p)
        runs = [KernelRuin(Net(rules, {}, loop, packed), first, seed)
                for loop, packed in ((k.run_search, False), (search, True))]
        for _ in range(25):
            got = [ruin.attempt() for ruin in runs]
            assert got[0] == got[1]
            if got[0] is None:
                break
            compared += 1
        assert runs[0].best == runs[1].best and runs[0].ev.penalty == runs[1].ev.penalty
    assert compared >= 25
