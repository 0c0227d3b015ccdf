"""Backups to a folder the teacher chooses (a USB stick, a school share), not only beside
the workspace.

The chosen folder is a workspace setting (``setting`` row ``backup.folder``), so the app's
File ▸ Back up now and ``teacherdesk backup`` both use it. The automatic backups (daily,
before a migration) stay beside the workspace: a stick is not always plugged in, and
those must never fail. A backup written elsewhere carries its key file along, so it
opens the same ways as the workspace (stored key, passphrase, recovery key); it is as
encrypted as the workspace.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store import audit
from app.store.database import Workspace
from app.store.models import Setting
from app.store.private_files import make_private

SETTING_KEY = "backup.folder"


class BackupFolderError(UserFacingError):
    """The chosen backup folder cannot be used (unplugged, read-only, not a folder)."""

    exit_code = 2


def chosen_folder(ws: Workspace) -> Path | None:
    """The folder manual backups go to, or None for the default beside the workspace."""
    with ws.read() as s:
        row = s.get(Setting, SETTING_KEY)
        folder = (row.value or {}).get("path") if row is not None else None
    return Path(folder) if folder else None


def check_folder(folder: Path) -> Path:
    """The folder, resolved, if a backup can be written there; else a clear error."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise BackupFolderError(
            _("The backup folder {folder} is not there.").format(folder=folder),
            fix=_("Plug in the USB stick (or connect the drive) and try again, or choose another folder."))
    if not folder.is_dir():
        raise BackupFolderError(_("{folder} is a file, not a folder.").format(folder=folder), fix=_("Choose a folder for backups."))
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".teacherdesk-probe-"):
            pass
    except OSError as exc:
        raise BackupFolderError(
            _("TeacherDesk cannot write in {folder} ({value}).").format(folder=folder, value=exc.strerror or exc),
            fix=_("Choose a folder you can write to (a stick may be write-protected).")) from None
    return folder.resolve()


def set_folder(ws: Workspace, actor: str, folder: Path | str | None) -> Done[Path | None]:
    """Choose the backup folder (None: back beside the workspace); checked and audited."""
    chosen = check_folder(Path(folder)) if folder else None
    with ws.session() as s:
        row = s.get(Setting, SETTING_KEY)
        before = (row.value or {}).get("path") if row is not None else None
        if chosen is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(Setting(key=SETTING_KEY, value={"path": str(chosen)}))
        else:
            row.value = {"path": str(chosen)}
        audit.record(s, actor, "settings.backup_folder", "setting", SETTING_KEY,
                     before=before, after=str(chosen) if chosen else None)
    return Done(chosen, Changes.SETTINGS)


def backup_name(ws: Workspace, folder: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """``<workspace>-YYYYmmdd-HHMMSS-<reason>.tdw`` in ``folder``, never over an older one."""
    now = now or dt.datetime.now(dt.UTC)
    stem = ws.path.stem
    dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}.tdw"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}-{n}.tdw"
    return dest


def back_up(ws: Workspace, folder: Path | str | None = None, reason: str = "manual") -> Path:
    """Take a backup now: into ``folder``, else the chosen folder, else beside the workspace."""
    from app.store import backup

    target = Path(folder) if folder else chosen_folder(ws)
    if target is None:
        return backup.backup_workspace(ws, reason=reason)
    target = check_folder(target)
    if target == backup.backup_dir(ws.path).resolve():
        return backup.backup_workspace(ws, reason=reason)
    dest = backup_name(ws, target, reason)
    written = backup.backup_workspace(ws, reason=reason, dest=dest)
    make_private(written)
    return written


def backups_in(ws: Workspace, folder: Path) -> list[Path]:
    """This workspace's backups in ``folder`` (newest first); empty if it is not there."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{ws.path.stem}-*.tdw") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
