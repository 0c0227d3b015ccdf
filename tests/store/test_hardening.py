"""Crashes, two writers and secrets: the workspace store's guarantees, one test each."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.store import create_workspace, open_workspace
from app.store import database as database_module
from app.store.backup import backup_workspace, list_backups, partial_path, restore_workspace
from app.store.database import WorkspaceError, creating_path
from app.store.keys import Sidecar, keyring_get
from app.store.lock import WorkspaceBusy, lock_path
from app.store.models import School, Student

ROOT = Path(__file__).resolve().parent.parent.parent
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@POSIX_ONLY
def test_workspace_key_file_lock_and_backups_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a default that would make files world-readable
    try:
        created = create_workspace(tmp_path / "w.tdw", school_name="Lincoln", passphrase="long enough pass")
        ws = created.workspace
        with ws.session() as s:  # creates the WAL
            s.add(School(name="Second", timezone="UTC"))
        backup = backup_workspace(ws)
        wal = ws.path.with_name(ws.path.name + "-wal")
        files = [ws.path, Sidecar.path_for(ws.path), lock_path(ws.path), backup, Sidecar.path_for(backup)]
        assert wal.exists()
        modes = {f.name: _mode(f) for f in [*files, wal]}
        ws.close()
    finally:
        os.umask(old)
    assert modes == dict.fromkeys(modes, 0o600)
    assert _mode(backup.parent) == 0o700


def _hold_in_subprocess(path: Path) -> subprocess.Popen[str]:
    code = textwrap.dedent(f"""
        import sys, time
        from app.store.lock import set_holder_name
        from app.store import open_workspace
        set_holder_name("'teacherdesk grade'")
        ws = open_workspace({str(path)!r}, daily_backup=False)
        print("held", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_process_is_told_which_process_holds_the_workspace(tmp_path: Path) -> None:
    path = tmp_path / "w.tdw"
    create_workspace(path, school_name="Lincoln").workspace.close()
    holder = _hold_in_subprocess(path)
    try:
        waited: list[str] = []
        start = time.monotonic()
        with pytest.raises(WorkspaceBusy) as err:
            open_workspace(path, wait_seconds=0.5, on_wait=waited.append)
        assert time.monotonic() - start >= 0.45  # it waited before giving up
        assert f"process {holder.pid}" in str(err.value) and "teacherdesk grade" in str(err.value)
        assert waited and str(holder.pid) in waited[0]
        # an app window does not wait: it is refused at once with the same facts
        with pytest.raises(WorkspaceBusy, match="already open in 'teacherdesk grade'"):
            open_workspace(path, app_window=True)
    finally:
        holder.kill()
        holder.wait()
    # the OS dropped the dead holder's lock: the workspace opens again at once
    open_workspace(path, wait_seconds=0, daily_backup=False).close()


def test_the_cli_prints_one_line_naming_the_holder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.tdw"
    create_workspace(path, school_name="Lincoln").workspace.close()
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_in_subprocess(path)
    try:
        code = main(["info", "--workspace", str(path)])
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code == 75
    assert "Traceback" not in err and f"process {holder.pid}" in err and "try again" in err


def test_writes_begin_immediate_and_wait_the_busy_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 400)
    ws = create_workspace(tmp_path / "w.tdw", school_name="Lincoln").workspace
    other = database_module.raw_connect(ws.path, ws.key)  # a writer outside this workspace object
    other.execute("BEGIN IMMEDIATE")
    try:
        with ws.read() as s:  # readers are not held up by a writer (WAL)
            assert s.scalar(select(func.count()).select_from(School)) == 1
        start = time.monotonic()
        with pytest.raises(WorkspaceBusy, match="Nothing was saved"), ws.session() as s:
            s.scalar(select(func.count()).select_from(School))  # the write lock is taken up front
        assert time.monotonic() - start >= 0.35
    finally:
        other.rollback()
        other.close()
    with ws.session() as s:
        s.add(School(name="Now it works", timezone="UTC"))
    ws.close()


def test_a_killed_creation_leaves_nothing_and_is_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "w.tdw"
    code = textwrap.dedent(f"""
        import os
        from app.store import create_workspace
        create_workspace({str(path)!r}, school_name="Lincoln", populate=lambda ws: os._exit(9))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT)
    assert result.returncode == 9
    assert not path.exists()  # nothing under the real name
    assert creating_path(path).exists()  # the leftover, recognisable by its name
    leftover_id = Sidecar.load(creating_path(path))
    assert leftover_id is not None and keyring_get(leftover_id.workspace_id) is not None
    created = create_workspace(path, school_name="Lincoln")  # not blocked by the leftover
    created.workspace.close()
    assert not creating_path(path).exists() and not Sidecar.path_for(creating_path(path)).exists()
    assert keyring_get(leftover_id.workspace_id) is None  # its key is gone from the keyring too


def test_a_failed_creation_removes_its_files_and_key(tmp_path: Path) -> None:
    path = tmp_path / "w.tdw"

    def boom(_ws: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        create_workspace(path, school_name="Lincoln", populate=boom)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.tdw.lock"]


def test_a_killed_backup_is_never_listed_and_is_cleaned_up(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "w.tdw", school_name="Lincoln").workspace
    first = backup_workspace(ws)
    # what a kill during a backup leaves: the hidden partial file (and perhaps its WAL)
    half = partial_path(first.with_name("w-20260101-000000-daily.tdw"))
    half.write_bytes(b"\0" * 4096)
    half.with_name(half.name + "-wal").write_bytes(b"\0" * 100)
    # and what older versions left: an empty backup under a final name
    (first.parent / "w-20260102-000000-daily.tdw").write_bytes(b"")
    assert [b.path for b in list_backups(ws.path)] == [first]
    backup_workspace(ws)
    assert not half.exists() and not half.with_name(half.name + "-wal").exists()
    ws.close()


def test_restore_refuses_a_damaged_backup_and_one_without_a_school(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "w.tdw", school_name="Lincoln").workspace
    with ws.session() as s:
        s.add(Student(given_name="Ana", family_name="Ramírez", local_id="S1"))
    good = backup_workspace(ws)
    with ws.session() as s:  # a workspace with no school, backed up with the same key
        for school in s.scalars(select(School)):
            s.delete(school)
    empty = backup_workspace(ws, dest=tmp_path / "empty.tdw")
    with pytest.raises(WorkspaceError, match="holds no school"):
        restore_workspace(ws, empty)
    damaged = tmp_path / "damaged.tdw"
    data = bytearray(good.read_bytes())
    for i in range(4096 * 2, len(data) - 4096, 4096):
        data[i + 100 : i + 200] = os.urandom(100)  # damage inside pages; the header still decrypts
    damaged.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="damaged"):
        restore_workspace(ws, damaged)
    restore_workspace(ws, good)
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(School)) == 1
    ws.close()


def test_demo_force_keeps_a_real_workspace_and_replaces_a_demo(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.tdw"
    created = create_workspace(path, school_name="Real School")
    created.workspace.close()
    assert main(["demo", "--workspace", str(path), "--students", "3", "--force"]) == 0
    err = capsys.readouterr().err
    kept = [b for b in list_backups(path) if b.reason == "replaced"]
    assert len(kept) == 1 and str(kept[0].path) in err
    with open_workspace(kept[0].path, daily_backup=False) as old, old.read() as s:
        assert s.scalars(select(School.name)).all() == ["Real School"]
    # replacing the demo itself deletes it: nothing more is kept
    assert main(["demo", "--workspace", str(path), "--students", "3", "--force"]) == 0
    assert len([b for b in list_backups(path) if b.reason == "replaced"]) == 1


def test_a_demo_workspace_refuses_a_real_roster_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.store.demo import build_demo
    from app.store.roster import import_plain_csv

    ws = build_demo(tmp_path / "demo.tdw", students=3, keyless=True).workspace
    roster = tmp_path / "students.csv"
    roster.write_text("Student ID,First Name,Last Name,Grade\n901,Real,Person,5\n", "utf-8")
    mapping = {"student_id": "Student ID", "first_name": "First Name", "last_name": "Last Name",
               "grade": "Grade"}
    with pytest.raises(Exception, match="demo workspace") as err:
        import_plain_csv(ws, roster, mapping)
    assert "teacherdesk init" in str(err.value)
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Student).where(Student.given_name == "Real")) == 0
    ws.close()
    # the same file goes into a real workspace
    real = create_workspace(tmp_path / "real.tdw", school_name="Lincoln").workspace
    report = import_plain_csv(real, roster, mapping)
    assert report.applied, report.errors
    real.close()


def test_a_raw_lock_error_is_a_sentence() -> None:
    from app.commands import user_message

    message = user_message(RuntimeError("(sqlcipher3.dbapi2.OperationalError) database is locked"))
    assert message is not None and "busy" in message and "Nothing was saved" in message
