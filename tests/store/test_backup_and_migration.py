"""Backups through the backup API, restore, and automatic migration of old workspaces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.store import WorkspaceError, backup, create_workspace, migrations, open_workspace
from app.store.database import make_engine
from app.store.models import Student


def test_backup_restore_round_trip(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        s.add(Student(local_id="1", given_name="Zoë", family_name="O'Brien"))
    snapshot = backup.backup_workspace(ws, reason="manual")
    assert snapshot.exists() and snapshot.with_name(snapshot.name + ".keys").exists()
    with ws.session() as s:
        s.add(Student(local_id="2", given_name="Siobhán", family_name="Murphy"))
    safety = backup.restore_workspace(ws, snapshot)
    with ws.read() as s:
        assert [n for (n,) in s.execute(select(Student.given_name))] == ["Zoë"]
    # the state before the restore was kept, so the restore itself can be undone
    backup.restore_workspace(ws, safety)
    with ws.read() as s:
        assert sorted(n for (n,) in s.execute(select(Student.given_name))) == ["Siobhán", "Zoë"]


def test_backup_is_encrypted_and_opens_like_the_workspace(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    dest = backup.backup_workspace(empty_workspace, dest=tmp_path / "copy.tdw")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(dest).execute("SELECT 1 FROM sqlite_master").fetchall()
    shutil.copyfile(empty_workspace.path.with_name(empty_workspace.path.name + ".keys"),
                    dest.with_name(dest.name + ".keys"))
    open_workspace(dest, daily_backup=False).close()


def test_restore_refuses_a_foreign_backup(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = create_workspace(tmp_path / "other.tdw")
    foreign = backup.backup_workspace(other.workspace, reason="manual")
    other.workspace.close()
    with pytest.raises(WorkspaceError, match="not a backup of this workspace"):
        backup.restore_workspace(empty_workspace, foreign)


def test_daily_backup_once_a_day_and_rotation(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    first = backup.daily_backup(empty_workspace)
    assert first is not None
    assert backup.daily_backup(empty_workspace) is None
    for _ in range(backup.KEEP_OTHER + 3):
        backup.backup_workspace(empty_workspace, reason="manual")
    manual = [b for b in backup.list_backups(empty_workspace.path) if b.reason == "manual"]
    assert len(manual) == backup.KEEP_OTHER


def test_old_workspace_is_backed_up_and_migrated_on_open(tmp_path: Path) -> None:
    """A workspace left at the first schema opens, after a backup, at the newest schema."""
    path = tmp_path / "old.tdw"
    created = create_workspace(path)
    ws = created.workspace
    heads = migrations.head_revisions()
    # Walk the file back to the first schema, as an old release would have left it.
    from alembic import command

    cfg = migrations._config()
    with ws.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert migrations.current_revisions(ws) == {"0001"}
    with ws.session() as s:
        s.add(Student(local_id="7", given_name="Mohammed", family_name="Al-Sayed"))
    ws.close()

    reopened = open_workspace(path)
    assert migrations.current_revisions(reopened) == heads
    with reopened.read() as s:
        assert s.scalar(select(Student.given_name)) == "Mohammed"
    reasons = [b.reason for b in backup.list_backups(path)]
    assert "before-migration" in reasons
    # the pre-migration backup is still at the first schema
    pre = next(b for b in backup.list_backups(path) if b.reason == "before-migration")
    engine = make_engine(pre.path, reopened.key)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0001"]
    engine.dispose()
    reopened.close()


def test_every_migration_downgrades_and_upgrades_cleanly(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    cfg = migrations._config()
    with empty_workspace.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    migrations.upgrade(empty_workspace)
    assert migrations.current_revisions(empty_workspace) == migrations.head_revisions()


def test_fast_head_reading_agrees_with_alembic() -> None:
    assert migrations.head_revisions() == migrations.heads_from_alembic()


def _schema(ws) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Every table's columns, indexes, foreign keys and checks, as SQLite reports them."""
    import re

    out: dict[str, object] = {}
    with ws.engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))]
        for t in tables:
            cols = [tuple(r[1:]) for r in conn.execute(text(f"PRAGMA table_info('{t}')"))]
            fks = sorted(tuple(r[2:]) for r in conn.execute(text(f"PRAGMA foreign_key_list('{t}')")))
            idx = sorted((r[1], r[2]) for r in conn.execute(text(f"PRAGMA index_list('{t}')")))
            sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name=:t"), {"t": t}).scalar() or ""
            checks = sorted(re.findall(r"CONSTRAINT (\w+) CHECK", sql))
            out[t] = (cols, fks, idx, checks)
    return out


def test_new_workspaces_get_exactly_the_migrated_schema(tmp_path: Path) -> None:
    """New workspaces are created from the models (fast); old ones are migrated. Both
    roads must lead to the same tables, columns, keys, indexes and checks."""
    created = create_workspace(tmp_path / "new.tdw").workspace
    migrated = create_workspace(tmp_path / "old.tdw").workspace
    from alembic import command

    cfg = migrations._config()
    with migrated.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    migrations.upgrade(migrated)
    assert migrations.current_revisions(created) == migrations.current_revisions(migrated)
    new_schema, old_schema = _schema(created), _schema(migrated)
    assert set(new_schema) == set(old_schema)
    for table in new_schema:
        assert new_schema[table] == old_schema[table], table
    created.close()
    migrated.close()
