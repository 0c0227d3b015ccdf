"""Rotating backups of a workspace through the SQLCipher backup API, and restore.

A live SQLite file must never be copied byte for byte (a write in flight, or the WAL,
would be missed); the backup API copies a consistent snapshot page by page. Backups are
encrypted with the workspace's own key, so they are as safe as the workspace itself.

A backup is written under a hidden temporary name (``.NAME.tdw.partial``), synced to disk
and renamed into place only when complete, with its key file beside it first: a crash
never leaves an empty or half-written backup in the list. A restore checks the backup in
full (``PRAGMA integrity_check``) and refuses one that holds no school.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.core.i18n import _
from app.store.database import Workspace, WorkspaceError, fsync_dir, fsync_file, raw_connect
from app.store.keys import Sidecar, WrongKey, write_private_atomically
from app.store.private_files import make_private_folder

KEEP_DAILY = 14
KEEP_OTHER = 10
REPLACED = "replaced"
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
        if not match or _is_empty(item):
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
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if dest.parent == backup_dir(ws.path):
        make_private_folder(dest.parent)
    partial = partial_path(dest)
    _remove_with_companions(partial)
    source = raw_connect(ws.path, ws.key)
    target = raw_connect(partial, ws.key)
    try:
        source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()
    fsync_file(partial)
    # The backup opens the same ways the workspace does (keyring, passphrase, recovery key);
    # its key file is in place before the backup itself appears.
    sidecar = Sidecar.path_for(ws.path)
    if sidecar.exists():
        write_private_atomically(Sidecar.path_for(dest), sidecar.read_bytes())
    os.replace(partial, dest)
    fsync_dir(dest.parent)
    _rotate(ws.path)
    return dest


def partial_path(dest: Path) -> Path:
    """The hidden name a backup has while it is being written."""
    return dest.with_name(f".{dest.name}.partial")


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return True


def _remove_with_companions(db: Path) -> None:
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
              db.with_name(db.name + "-journal")):
        f.unlink(missing_ok=True)


def clean_partial_backups(workspace_path: Path) -> int:
    """Remove what killed backups left (hidden partial files, key files with no backup).

    Called only while this process holds the workspace, so no live backup is in progress.
    """
    folder = backup_dir(workspace_path)
    removed = 0
    if not folder.is_dir():
        return 0
    for item in folder.glob(".*.partial*"):
        item.unlink(missing_ok=True)
        removed += 1
    for keyfile in folder.glob("*.tdw" + ".keys"):
        if not keyfile.with_name(keyfile.name[: -len(".keys")]).exists():
            keyfile.unlink(missing_ok=True)
            removed += 1
    return removed


def daily_backup(ws: Workspace) -> Path | None:
    today = dt.datetime.now(dt.UTC).date()
    if any(b.taken_at.date() == today for b in list_backups(ws.path)):
        return None
    return backup_workspace(ws, reason="daily")


def _rotate(workspace_path: Path) -> None:
    clean_partial_backups(workspace_path)
    backups = list_backups(workspace_path)
    daily = [b for b in backups if b.reason == "daily"]
    # A workspace set aside by "demo --force" is the only copy of it: never rotated away.
    other = [b for b in backups if b.reason not in ("daily", REPLACED)]
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
        raise WorkspaceError(_("There is no backup at {backup_file}.").format(backup_file=backup_file))
    try:
        source = raw_connect(backup_file, ws.key)
    except WrongKey as exc:
        raise WorkspaceError(
            _("{name} is not a backup of this workspace (its key does not fit).").format(name=backup_file.name)
        ) from exc
    try:
        _check_restorable(source, backup_file)
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


def _check_restorable(source: sqlcipher3.Connection, backup_file: Path) -> None:
    """Refuse a damaged backup, or one with no school in it (an empty or unfinished one)."""
    try:
        rows = source.execute("PRAGMA integrity_check").fetchall()
        ok = rows == [("ok",)]
        detail = "; ".join(str(r[0]) for r in rows[:3])
        schools = source.execute("SELECT count(*) FROM school").fetchone()[0] if ok else 0
    except sqlcipher3.DatabaseError as exc:
        ok, detail, schools = False, str(exc), 0
    if not ok:
        raise WorkspaceError(_("{name} is damaged ({detail}), so it was not restored").format(name=backup_file.name, detail=detail),
                             file=backup_file, fix=_("Choose another backup (teacherdesk backups)."))
    if not schools:
        raise WorkspaceError(_("{name} holds no school (it is empty or unfinished), so it was not restored").format(name=backup_file.name), file=backup_file,
                             fix=_("Choose another backup (teacherdesk backups)."))


def set_aside(path: Path) -> Path | None:
    """Make room at ``path`` for a new workspace without losing the one there.

    A demo workspace (invented people) is deleted. Anything else is moved, whole, into the
    backup folder as ``NAME-STAMP-replaced.tdw`` (listed by ``teacherdesk backups`` and never
    rotated away) and that path is returned. Refused while another process has it open.
    """
    from app.store import lock
    from app.store.keys import WorkspaceKeyError

    release = lock.acquire(path, wait_seconds=0)
    try:
        try:
            sidecar = Sidecar.load(path)
        except WorkspaceKeyError:
            sidecar = None
        is_demo = sidecar is not None and (bool(sidecar.demo_key) or sidecar.demo)
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                 path.with_name(path.name + "-journal"), Sidecar.path_for(path)]
        if is_demo:
            for f in files:
                f.unlink(missing_ok=True)
            return None
        folder = backup_dir(path)
        make_private_folder(folder)
        now = dt.datetime.now(dt.UTC)
        dest = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{REPLACED}.tdw"
        n = 1
        while dest.exists():
            n += 1
            dest = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{REPLACED}-{n}.tdw"
        # key file and WAL first, the database last: once it moves, all of it is there
        for f in files[1:]:
            if f.exists():
                os.replace(f, dest.with_name(dest.name + f.name[len(path.name):]))
        os.replace(path, dest)
        fsync_dir(folder)
        fsync_dir(path.parent)
        return dest
    finally:
        release()
