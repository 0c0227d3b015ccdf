"""Making a demo workspace a real one: a protected key, a recovery key, a new file.

A demo workspace keeps its key in plain text in its key file, so it refuses real student
records. A teacher who has set up a school in the demo (classes, calendar, settings) can
keep that work: the data is copied with ``sqlcipher_export`` into a new file encrypted
with a fresh key, which goes into the OS credential store (or a passphrase wrap) exactly
as when a real workspace is created, and a recovery key is shown. The demo's invented
people can be removed on the way.

Crash safety: the new file is built beside the demo (``.NAME.tdw.creating``) with its key
file waiting under ``.NAME.tdw.converted.keys``. Renaming the new file over the demo is
the commit point; the key file follows. Whoever opens the workspace next finishes or
undoes an interrupted conversion (:func:`app.store.database.finish_conversion`), so a kill
at any moment leaves the demo or the real workspace, never neither and never a file
without the key that opens it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.progress import Progress
from app.store import audit, keys
from app.store.database import (
    CreatedWorkspace,
    Workspace,
    _new_key,
    _open_held,
    converted_sidecar_path,
    create_private_file,
    creating_path,
    fsync_dir,
    fsync_file,
    make_engine,
    raw_connect,
)
from app.store.keys import Sidecar
from app.store.models import Course, Guardian, School, Section, Staff, Student


def needs_passphrase() -> bool:
    """True where the new key cannot go into a credential store and no passphrase is set
    for scripts: the user must choose one."""
    return not keys.keyring_available() and not os.environ.get(keys.PASSPHRASE_ENV)


class ConversionError(UserFacingError):
    """The demo could not be made a real workspace; the demo is unchanged."""


@dataclass
class Converted:
    created: CreatedWorkspace
    removed: dict[str, int]


# The invented people and the classes they fill; the school, its years, terms, calendar and
# settings stay. Foreign keys cascade to enrollments, family links, grades and attendance.
_DEMO_PEOPLE = (("students", Student), ("families", Guardian), ("classes", Section),
                ("courses", Course), ("staff", Staff))


def make_real(
    ws: Workspace,
    *,
    passphrase: str | None = None,
    remove_demo_people: bool = False,
    progress: Progress | None = None,
    _after_export: Callable[[], None] | None = None,
) -> Converted:
    """Turn the open demo workspace ``ws`` into a real one; ``ws`` is closed.

    Returns the real workspace, open, with its recovery key (shown once to the user) and
    how it is unlocked. Raises :class:`ConversionError` if ``ws`` is not a demo; on any
    failure the demo is unchanged and ``ws`` stays open and held by the caller.
    """
    if not ws.demo:
        raise ConversionError(_("{name} is already a real workspace").format(name=ws.path.name), file=ws.path,
                              fix=_("Nothing to do: real rosters can be imported into it."))
    path, release = ws.path, ws.release_lock
    tell = progress or (lambda _f, _m: None)
    tell(0.0, _("Creating a protected key…"))
    key, sidecar, unlock = _new_key(demo=False, keyless=False, passphrase=passphrase)
    ws.release_lock = lambda: None  # this process keeps the workspace through the switch
    ws.close()
    tmp = creating_path(path)
    try:
        tell(0.1, _("Copying the workspace into a new encrypted file…"))
        _export(path, ws.key, tmp, key)
        # Saved after the copy exists: a waiting key file with no copy beside it means
        # the copy was renamed into place (see finish_conversion).
        sidecar.save_file(converted_sidecar_path(path))
        tell(0.5, _("Checking the new file…"))
        removed = _finish_new_file(tmp, key, sidecar, ws.actor, remove_demo_people)
        if _after_export is not None:
            _after_export()
        tell(0.9, _("Switching to the real workspace…"))
        _switch(path, tmp)
    except BaseException:
        _undo(path, tmp, sidecar, unlock)
        ws.release_lock = release  # still the caller's demo, held and usable as before
        raise
    keys.keyring_delete(ws.workspace_id)  # a demo made with a keyring left its key there
    real = _open_held(path, release, passphrase=passphrase, recovery_key=None, prompt=None)
    tell(1.0, _("The workspace is now a real one."))
    return Converted(CreatedWorkspace(real, keys.recovery_key_from_data_key(key), unlock), removed)


def _export(path: Path, old_key: bytes, tmp: Path, new_key: bytes) -> None:
    """Copy every table of the demo into ``tmp`` under ``new_key``."""
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    create_private_file(tmp)
    conn = raw_connect(path, old_key)
    try:
        conn.execute("ATTACH DATABASE ? AS real KEY ?", (str(tmp), f"x'{new_key.hex()}'"))
        conn.execute("SELECT sqlcipher_export('real')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA real.user_version = {int(version)}")
        conn.execute("DETACH DATABASE real")
    finally:
        conn.close()


def _finish_new_file(tmp: Path, key: bytes, sidecar: Sidecar, actor: str, remove: bool) -> dict[str, int]:
    """Remove the demo people if asked, record the change, check the copy."""
    engine = make_engine(tmp, key)
    try:
        new = Workspace(path=tmp, engine=engine, workspace_id=sidecar.workspace_id, key=key, actor=actor)
        removed: dict[str, int] = {}
        with new.session() as s:
            if remove:
                for label, model in _DEMO_PEOPLE:
                    removed[label] = s.scalar(select(func.count()).select_from(model)) or 0
                    s.execute(delete(model))
            audit.record(s, actor, "workspace.make_real", "workspace", sidecar.workspace_id,
                         removed=removed)
        with new.read() as s:
            schools = s.scalar(select(func.count()).select_from(School)) or 0
            verdict = s.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        if verdict != "ok" or schools == 0:
            raise ConversionError(_("the copy of {name} failed its check ({verdict})")
                                  .format(name=tmp.name, verdict=verdict),
                                  fix=_("The demo workspace is unchanged; try again."))
    finally:
        engine.dispose()  # checkpoints and removes the WAL: the file stands alone
    fsync_file(tmp)
    return removed


def _switch(path: Path, tmp: Path) -> None:
    """The commit point: the new file replaces the demo, then its key file follows."""
    for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        # The demo's engine is closed, so its WAL is gone; a WAL left here would be
        # replayed into the new file.
        if stale.exists():
            raise ConversionError(_("{name} is still in use ({file} is open)").format(name=path.name, file=stale.name),
                                  fix=_("Close every TeacherDesk window on it and try again."))
    fsync_file(converted_sidecar_path(path))
    fsync_dir(path.parent)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    os.replace(converted_sidecar_path(path), Sidecar.path_for(path))
    fsync_dir(path.parent)


def _undo(path: Path, tmp: Path, sidecar: Sidecar, unlock: str) -> None:
    """Before the commit point: drop the half-made copy and its key; the demo stays."""
    if tmp.exists() or not converted_sidecar_path(path).exists():
        # The waiting key file goes first: alone, it would mean "committed".
        for f in (converted_sidecar_path(path), tmp, tmp.with_name(tmp.name + "-wal"),
                  tmp.with_name(tmp.name + "-shm")):
            with contextlib.suppress(OSError):
                f.unlink(missing_ok=True)
        if unlock == "keyring":
            keys.keyring_delete(sidecar.workspace_id)
