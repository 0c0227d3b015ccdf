"""The workspace file: encrypted at rest, unlockable by keyring, passphrase or recovery key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.store import (
    NoKeyAvailable,
    WrongKey,
    create_workspace,
    open_workspace,
)
from app.store.keys import (
    Sidecar,
    data_key_from_recovery_key,
    keyring_delete,
    recovery_key_from_data_key,
)
from app.store.models import Guardian, Student


def _add_student(ws, name: str = "José") -> None:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        s.add(Student(local_id="42", given_name=name, family_name="Ramírez"))


def test_file_is_not_readable_without_the_key(tmp_path: Path) -> None:
    created = create_workspace(tmp_path / "w.tdw", school_name="Lincoln")
    _add_student(created.workspace)
    created.workspace.close()
    raw = (tmp_path / "w.tdw").read_bytes()
    assert b"SQLite format 3" not in raw[:16]
    assert "Ramírez".encode() not in raw and b"Lincoln" not in raw
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(tmp_path / "w.tdw").execute("SELECT * FROM sqlite_master").fetchall()


def test_keyring_unlocks_and_recovery_key_unlocks_when_keyring_entry_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "w.tdw"
    created = create_workspace(path)
    assert created.unlock == "keyring"
    _add_student(created.workspace)
    created.workspace.close()

    with open_workspace(path) as ws, ws.read() as s:
        assert s.scalar(select(Student.given_name)) == "José"

    keyring_delete(created.workspace.workspace_id)
    with pytest.raises(NoKeyAvailable):
        open_workspace(path)
    typed = created.recovery_key.lower().replace("-", " ")  # as a person might type it
    with open_workspace(path, recovery_key=typed) as ws, ws.read() as s:
        assert s.scalar(select(Student.family_name)) == "Ramírez"
    # the recovery key put the key back in the keyring
    open_workspace(path).close()


def test_wrong_recovery_key_is_refused(tmp_path: Path) -> None:
    created = create_workspace(tmp_path / "w.tdw")
    created.workspace.close()
    other = recovery_key_from_data_key(bytes(32))
    with pytest.raises(WrongKey):
        open_workspace(tmp_path / "w.tdw", recovery_key=other)
    with pytest.raises(WrongKey, match="typo"):
        # Change the last character to a different one (it may already be "0").
        last = "1" if created.recovery_key.endswith("0") else "0"
        open_workspace(tmp_path / "w.tdw", recovery_key=created.recovery_key[:-1] + last)


def test_recovery_key_round_trip() -> None:
    key = bytes(range(32))
    assert data_key_from_recovery_key(recovery_key_from_data_key(key)) == key


@pytest.mark.usefixtures("no_keyring")
def test_without_keyring_a_passphrase_is_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NoKeyAvailable, match="passphrase"):
        create_workspace(tmp_path / "a.tdw")
    created = create_workspace(tmp_path / "b.tdw", passphrase="correct horse battery")
    assert created.unlock == "passphrase"
    created.workspace.close()
    with pytest.raises(NoKeyAvailable):
        open_workspace(tmp_path / "b.tdw")
    with pytest.raises(WrongKey):
        open_workspace(tmp_path / "b.tdw", passphrase="wrong passphrase")
    monkeypatch.setenv("TEACHERDESK_PASSPHRASE", "correct horse battery")
    open_workspace(tmp_path / "b.tdw").close()
    # an interactive prompt gets three tries
    monkeypatch.delenv("TEACHERDESK_PASSPHRASE")
    answers = iter(["nope", "correct horse battery"])
    open_workspace(tmp_path / "b.tdw", prompt=lambda _m: next(answers)).close()
    sidecar = (tmp_path / "b.tdw.keys").read_text()
    assert "correct horse" not in sidecar


@pytest.mark.usefixtures("no_keyring")
def test_demo_workspace_opens_with_no_keyring_and_no_prompt(tmp_path: Path) -> None:
    from app.scheduling.demo import build_demo

    created = build_demo(tmp_path / "demo.tdw", students=12)
    assert created.unlock == "demo"
    created.workspace.close()
    with open_workspace(tmp_path / "demo.tdw") as ws, ws.read() as s:
        assert len(s.scalars(select(Student)).all()) == 12
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(tmp_path / "demo.tdw").execute("SELECT 1 FROM student").fetchall()


def test_connection_pragmas(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    with empty_workspace.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert conn.execute(text("PRAGMA cipher_version")).scalar()


def test_one_action_is_one_transaction(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), empty_workspace.session() as s:
        s.add(Student(local_id="1", given_name="Ana", family_name="López"))
        s.flush()
        s.add(Guardian(given_name="Rosa", family_name="López", preferred_language="es"))
        raise RuntimeError("the user's action failed half-way")
    with empty_workspace.read() as s:
        assert s.scalars(select(Student)).all() == []
        assert s.scalars(select(Guardian)).all() == []


def test_foreign_keys_are_enforced(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    from app.store.models import Enrollment

    with pytest.raises(IntegrityError), empty_workspace.session() as s:
        s.add(Enrollment(section_id=999, student_id=999))


def test_no_plaintext_sidecar_secrets(tmp_path: Path) -> None:
    created = create_workspace(tmp_path / "w.tdw", passphrase="a long passphrase")
    created.workspace.close()
    sidecar = Sidecar.load(tmp_path / "w.tdw")
    assert sidecar is not None and sidecar.demo_key is None
    text_ = (tmp_path / "w.tdw.keys").read_text()
    assert created.workspace.key.hex() not in text_
