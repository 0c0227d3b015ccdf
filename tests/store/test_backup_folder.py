"""Backups to a folder the teacher chooses: the service, and the command line as typed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.store import audit, open_workspace
from app.store.backup_folder import BackupFolderError, back_up, chosen_folder, set_folder
from app.store.models import Student


def test_a_chosen_folder_takes_the_manual_backups(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        s.add(Student(local_id="1", given_name="Zoë", family_name="O'Brien"))
    stick = tmp_path / "USB STICK"
    stick.mkdir()
    done = set_folder(ws, "ms.kelly", stick)
    assert done.value == stick.resolve() and chosen_folder(ws) == stick.resolve()
    with ws.read() as s:
        assert audit.entries(s, entity="setting")[0].details["after"] == str(stick.resolve())
    first, second = back_up(ws), back_up(ws)
    assert first.parent == second.parent == stick.resolve() and first != second
    assert first.name.startswith("school-") and first.name.endswith("-manual.tdw")
    with pytest.raises(sqlite3.DatabaseError):  # as encrypted as the workspace
        sqlite3.connect(first).execute("SELECT 1 FROM sqlite_master").fetchall()
    copy = open_workspace(first, migrate=False)  # opens with the same stored key
    with copy.read() as s:
        assert [n for (n,) in s.execute(select(Student.given_name))] == ["Zoë"]
    copy.close()
    # The stick is pulled out: a clear message, no backup pretended.
    stick_gone = tmp_path / "E-drive"
    set_folder(ws, "ms.kelly", stick)
    with pytest.raises(BackupFolderError, match="not there"):
        back_up(ws, stick_gone)
    with pytest.raises(BackupFolderError, match="not there"):
        set_folder(ws, "ms.kelly", stick_gone)
    set_folder(ws, "ms.kelly", None)
    assert chosen_folder(ws) is None
    assert back_up(ws).parent.name == "school.tdw-backups"


def test_cli_backup_folder_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "w.tdw"
    assert main(["demo", "--workspace", str(ws), "--students", "10"]) == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    capsys.readouterr()
    assert main(["backup", "--workspace", str(ws), "--folder", str(stick), "--remember"]) == 0
    out = capsys.readouterr().out
    assert "from now on" in out and str(stick.resolve()) in out
    assert main(["backup", "--workspace", str(ws)]) == 0  # the remembered folder
    assert len(list(stick.glob("w-*-manual*.tdw"))) == 2
    code = main(["backup", "--workspace", str(ws), "--folder", str(tmp_path / "unplugged")])
    err = capsys.readouterr().err
    assert code == 2 and "not there" in err and "Traceback" not in err
    assert main(["backup", "--workspace", str(ws), "--forget-folder"]) == 0
    assert "beside the workspace" in capsys.readouterr().out
    assert len(list(stick.glob("*.tdw"))) == 2
