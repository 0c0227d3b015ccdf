"""One writer per workspace: an OS lock on a small file beside the workspace.

SQLite's own locking keeps the file consistent, but it tells a second process only
"database is locked". TeacherDesk holds an OS lock (``flock`` on POSIX, ``msvcrt.locking``
on Windows) on ``NAME.tdw.lock`` for as long as a workspace is open, and writes into that
file who holds it (process id, what it is doing, since when). A second process waits for
it a short while and is then told which process has the workspace; the app does not wait
and refuses a second window at once.

The OS releases the lock when the holder dies, even by ``kill -9``, so a stale file never
blocks anyone: only a live holder does. The file holds no student data and is created
0600 like every other file of the workspace.

Within one process the lock is counted, so code that opens the same workspace twice (a
page and a background task, a test and the CLI it calls) does not lock itself out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import holder as this_process
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.oslock import try_lock as _try_lock
from app.core.oslock import unlock as _unlock
from app.store.private_files import make_private, open_private

LOCK_SUFFIX = ".lock"

_registry: dict[str, _Held] = {}
_registry_guard = threading.Lock()


class WorkspaceBusy(UserFacingError):
    """Another process has the workspace open."""

    exit_code = 75  # EX_TEMPFAIL: try again later


@dataclass
class _Held:
    fd: int
    count: int


def set_holder_name(name: str) -> None:
    """What this process is, as other processes will be told ("teacherdesk grade")."""
    this_process.name = name


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + LOCK_SUFFIX)


def read_holder(workspace: Path) -> dict[str, object] | None:
    """Who wrote the lock file last (pid, command, since); None if unknown."""
    try:
        raw = lock_path(workspace).read_text("utf-8")
        note = json.loads(raw)
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) else None


def describe_holder(workspace: Path) -> str:
    note = read_holder(workspace)
    if not note:
        return _("another TeacherDesk process")
    since = str(note.get("since", ""))[11:16]
    what = str(note.get("command") or "TeacherDesk")
    if since:
        return _("{what} (process {pid}, since {since} UTC)").format(what=what, pid=note.get("pid", "?"), since=since)
    return _("{what} (process {pid})").format(what=what, pid=note.get("pid", "?"))


def is_locked_elsewhere(workspace: Path) -> bool:
    """True if a live process other than this one holds the workspace (used by cleanup)."""
    key = str(workspace.resolve())
    with _registry_guard:
        if key in _registry:
            return False
    path = lock_path(workspace)
    if not path.exists():
        return False
    fd = open_private(path, os.O_RDWR)
    if _try_lock(fd):
        _unlock(fd)  # the probe got it: nobody holds it; let it go before closing
        return False
    os.close(fd)
    return True


def acquire(
    workspace: Path,
    *,
    wait_seconds: float = 10.0,
    on_wait: Callable[[str], None] | None = None,
    app_window: bool = False,
) -> Callable[[], None]:
    """Hold the workspace for this process; returns the function that lets it go.

    Waits up to ``wait_seconds`` for another holder to finish (telling ``on_wait`` once
    whom it waits for), then raises :class:`WorkspaceBusy` naming that holder.
    """
    key = str(workspace.resolve())
    with _registry_guard:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return _releaser(key)
    path = lock_path(workspace)
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
    deadline = time.monotonic() + max(0.0, wait_seconds)
    told = False
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            os.close(fd)
            holder = describe_holder(workspace)
            if app_window:
                raise WorkspaceBusy(
                    _("{name} is already open in {holder}").format(name=workspace.name, holder=holder),
                    file=workspace,
                    fix=_("Switch to that window, or close it first: a workspace can be open "
                        "in one TeacherDesk window at a time."),
                )
            raise WorkspaceBusy(
                _("{name} is in use by {holder}").format(name=workspace.name, holder=holder),
                file=workspace,
                fix=_("Wait for it to finish or close that TeacherDesk window, then try again."),
            )
        if on_wait is not None and not told:
            on_wait(_("Waiting for {holder} to finish with {name}…").format(holder=describe_holder(workspace), name=workspace.name))
            told = True
        time.sleep(0.1)
    note = {
        "pid": os.getpid(),
        "command": this_process.name,
        "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(note).encode())
    make_private(path)
    with _registry_guard:
        _registry[key] = _Held(fd, 1)
    return _releaser(key)


def _releaser(key: str) -> Callable[[], None]:
    done = False

    def release() -> None:
        nonlocal done
        if done:
            return
        done = True
        with _registry_guard:
            held = _registry.get(key)
            if held is None:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _registry[key]
        _unlock(held.fd)

    return release

