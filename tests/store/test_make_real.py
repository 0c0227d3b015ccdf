"""A demo workspace made a real one: a new file under a protected key, the demo's plain
key gone, real imports allowed; an interruption at any point leaves the demo or the real
workspace, never neither."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.store import convert, keys, lock, open_workspace
from app.store.convert import ConversionError, make_real
from app.store.database import (
    DemoWorkspaceError,
    converted_sidecar_path,
    creating_path,
    raw_connect,
)
from app.store.keys import Sidecar, WrongKey
from app.store.models import Guardian, School, Section, Staff, Student
from app.store.roster import import_roster
from tests.store.data.roster_sets import DATA

EXPORT = DATA / "sis_export.csv"


def _count(ws, model) -> int:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name.startswith(".") or p.name.endswith(("-wal", "-shm", "-journal")))


def test_make_real_moves_the_school_under_a_protected_key(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    path, old_key, old_id = ws.path, ws.key, ws.workspace_id
    students = _count(ws, Student)
    assert Sidecar.load(path).demo_key  # the demo's key is in the clear beside it
    with pytest.raises(DemoWorkspaceError, match="make-real"):
        import_roster(ws, EXPORT)

    done = make_real(ws)
    real = done.created.workspace
    try:
        assert done.created.unlock == "keyring" and done.removed == {}
        assert not real.demo and real.workspace_id != old_id
        assert _count(real, Student) == students  # everything came across
        report = import_roster(real, EXPORT)  # real records are accepted now
        assert report.applied, report.summary()
        assert _count(real, Student) == students + 5
    finally:
        real.close()
    sidecar = Sidecar.load(path)
    assert sidecar is not None and sidecar.demo_key is None and not sidecar.demo
    assert keys.keyring_get(sidecar.workspace_id) == real.key != old_key
    with pytest.raises(WrongKey):  # the plain key that sat beside the demo opens nothing now
        raw_connect(path, old_key)
    assert _leftovers(path) == []
    if os.name == "posix":
        assert (path.stat().st_mode & 0o777, Sidecar.path_for(path).stat().st_mode & 0o777) == (0o600, 0o600)
    # The recovery key shown once opens it, on a computer without the keyring entry.
    keys.keyring_delete(sidecar.workspace_id)
    again = open_workspace(path, recovery_key=done.created.recovery_key, daily_backup=False)
    try:
        assert _count(again, Student) == students + 5
    finally:
        again.close()


def test_make_real_with_a_passphrase_and_without_the_demo_people(demo_workspace, no_keyring) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    path = ws.path
    done = make_real(ws, passphrase="our school 2026", remove_demo_people=True)
    done.created.workspace.close()
    assert done.created.unlock == "passphrase"
    assert done.removed["students"] == 75 and done.removed["staff"] > 0
    with pytest.raises(keys.NoKeyAvailable):
        open_workspace(path, daily_backup=False)
    real = open_workspace(path, passphrase="our school 2026", daily_backup=False)
    try:
        for model in (Student, Guardian, Section, Staff):
            assert _count(real, model) == 0, model.__tablename__
        assert _count(real, School) == 1  # the school and its settings stay
    finally:
        real.close()


def test_a_real_workspace_is_not_converted(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConversionError, match="already a real workspace"):
        make_real(empty_workspace)


def test_a_failure_before_the_switch_leaves_the_demo(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    path, students = ws.path, _count(ws, Student)
    before = set(keys_in_keyring())

    def fail() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        make_real(ws, _after_export=fail)
    assert _leftovers(path) == [] and set(keys_in_keyring()) == before
    # The caller (an app window) goes on with its demo, still holding it.
    assert ws.demo and _count(ws, Student) == students
    assert str(path.resolve()) in lock._registry
    demo = open_workspace(path, daily_backup=False)
    try:
        assert demo.demo and _count(demo, Student) == students
    finally:
        demo.close()


def test_killed_after_the_copy_is_made_the_next_open_keeps_the_demo(demo_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    path, students = ws.path, _count(ws, Student)
    monkeypatch.setattr(convert, "_undo", lambda *a: None)  # a kill runs no clean-up

    def killed() -> None:
        raise SystemExit(9)

    with pytest.raises(SystemExit):
        make_real(ws, _after_export=killed)
    assert creating_path(path).exists() and converted_sidecar_path(path).exists()
    waiting = Sidecar.load_file(converted_sidecar_path(path))
    assert waiting is not None and keys.keyring_get(waiting.workspace_id) is not None

    demo = open_workspace(path, daily_backup=False)
    try:
        assert demo.demo and _count(demo, Student) == students
    finally:
        demo.close()
    assert _leftovers(path) == []
    assert keys.keyring_get(waiting.workspace_id) is None  # the unused key is gone too


def test_killed_between_the_two_renames_the_next_open_finishes(demo_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    path, students = ws.path, _count(ws, Student)
    real_replace = os.replace
    calls: list[str] = []

    def replace_then_die(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) in (path, Sidecar.path_for(path)):
            calls.append(Path(dst).name)
            if len(calls) == 2:  # the key file's rename never happens
                raise SystemExit(9)
        real_replace(src, dst)

    monkeypatch.setattr(convert.os, "replace", replace_then_die)
    with pytest.raises(SystemExit):
        make_real(ws)
    monkeypatch.setattr(convert.os, "replace", real_replace)
    assert calls == [path.name, Sidecar.path_for(path).name]
    assert Sidecar.load(path).demo_key  # the file is the real one, the key file still the demo's

    real = open_workspace(path, daily_backup=False)
    try:
        assert not real.demo and _count(real, Student) == students
    finally:
        real.close()
    assert Sidecar.load(path).demo_key is None and _leftovers(path) == []


def test_cli_make_real(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ws = tmp_path / "demo.tdw"
    env = dict(os.environ)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", *args, "--workspace", str(ws)],
                              env=env, capture_output=True, text=True, timeout=300)

    assert cli("demo", "--students", "8").returncode == 0
    refused = cli("roster", "import", str(EXPORT))
    assert refused.returncode != 0 and "make-real" in refused.stderr
    done = cli("make-real", "--remove-demo-people")
    assert done.returncode == 0, done.stderr
    assert "is now a real workspace" in done.stdout and "removed: 8 students" in done.stdout
    recovery = done.stdout.strip().splitlines()[-1].strip()
    assert len(recovery.split("-")) == 14
    assert cli("roster", "import", str(EXPORT)).returncode == 0
    again = cli("make-real")
    assert again.returncode == 1 and "already a real workspace" in again.stderr


def keys_in_keyring() -> list[str]:
    import json

    file = Path(os.environ["TEACHERDESK_TEST_KEYRING"])
    return list(json.loads(file.read_text())) if file.exists() else []
