"""Rotating backups of a workspace through the SQLCipher backup API, and restore.

A live SQLite file must never be copied byte for byte (a write in flight, or the WAL,
would be missed); the backup API copies a consistent snapshot page by page. Backups are
encrypted with the workspace's own key, so they are as safe as the workspace itself.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.store.database import Workspace, WorkspaceError, raw_connect
from app.store.keys import Sidecar, WrongKey

KEEP_DAILY = 14
KEEP_OTHER = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-(?P<n>\d+))?\.tdw$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    sequence: int = 0


def backup_dir(workspace_path: Path) -> Path:
    return workspace_path.with_name(workspace_path.name + "-backups")


def list_backups(workspace_path: Path) -> list[BackupInfo]:
    folder = backup_dir(workspace_path)
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for item in folder.glob("*.tdw"):
        match = _NAME.match(item.name)
        if not match:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        found.append(BackupInfo(item, taken, match["reason"], int(match["n"] or 0)))
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def backup_workspace(ws: Workspace, reason: str = "manual", dest: Path | None = None) -> Path:
    """Write a consistent, encrypted snapshot of the workspace; returns its path."""
    now = dt.datetime.now(dt.UTC)
    if dest is None:
        folder = backup_dir(ws.path)
        folder.mkdir(parents=True, exist_ok=True)
        stem = ws.path.stem
        dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}.tdw"
        n = 1
        while dest.exists():  # two backups in one second: keep both
            n += 1
            dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}-{n}.tdw"
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = raw_connect(ws.path, ws.key)
    target = raw_connect(dest, ws.key)
    try:
        source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()
    # The backup opens the same ways the workspace does (keyring, passphrase, recovery key).
    sidecar = Sidecar.path_for(ws.path)
    if sidecar.exists():
        shutil.copyfile(sidecar, Sidecar.path_for(dest))
    _rotate(ws.path)
    return dest


def daily_backup(ws: Workspace) -> Path | None:
    today = dt.datetime.now(dt.UTC).date()
    if any(b.taken_at.date() == today for b in list_backups(ws.path)):
        return None
    return backup_workspace(ws, reason="daily")


def _rotate(workspace_path: Path) -> None:
    backups = list_backups(workspace_path)
    daily = [b for b in backups if b.reason == "daily"]
    other = [b for b in backups if b.reason != "daily"]
    for old in daily[KEEP_DAILY:] + other[KEEP_OTHER:]:
        for f in (old.path, Sidecar.path_for(old.path),
                  old.path.with_name(old.path.name + "-wal"), old.path.with_name(old.path.name + "-shm")):
            f.unlink(missing_ok=True)


def restore_workspace(ws: Workspace, backup_file: Path) -> Path:
    """Replace the workspace's content with a backup's; returns the safety backup taken first.

    The backup must open with this workspace's key. The current state is backed up first,
    so a restore can itself be undone.
    """
    backup_file = Path(backup_file)
    if not backup_file.exists():
        raise WorkspaceError(f"There is no backup at {backup_file}.")
    try:
        source = raw_connect(backup_file, ws.key)
    except WrongKey as exc:
        raise WorkspaceError(
            f"{backup_file.name} is not a backup of this workspace (its key does not fit)."
        ) from exc
    try:
        check = source.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise WorkspaceError(f"{backup_file.name} is damaged ({check}); choose another backup.")
    except Exception:
        source.close()
        raise
    safety = backup_workspace(ws, reason="before-restore")
    ws.engine.dispose()  # no pooled connection may hold the old pages
    target = raw_connect(ws.path, ws.key)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return safety
