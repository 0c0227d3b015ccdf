"""The Windows branches of the workspace lock and of private files, run on any system.

Windows itself is not available here, so its two system interfaces are replaced by fakes
that behave like them: ``msvcrt.locking`` (byte-range locks per handle, at the file
position, failing with OSError when another handle has the byte) and the advapi32 calls
behind :class:`app.store.private_files.WindowsSecurity`. What is checked is everything of
ours around them: which byte is locked, that it is unlocked before the handle closes,
that the holder's note stays readable, and that every file of a workspace gets the
owner-only DACL. The ctypes layer itself runs only on Windows.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from app.core import oslock
from app.store import create_workspace, lock, open_workspace, private_files
from app.store.backup import backup_workspace
from app.store.keys import Sidecar
from app.store.lock import WorkspaceBusy, lock_path

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows does it: a byte range per open handle."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}  # (file, offset) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        where = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        owner = self.held.get(where)
        if mode == self.LK_NBLCK:
            if owner is not None:
                raise PermissionError(13, "Permission denied")
            self.held[where] = fd
        elif mode == self.LK_UNLCK:
            if owner != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[where]
        else:
            raise AssertionError(f"unexpected mode {mode}")


class FakeSecurity:
    """The DACL belongs to the file, not its name: a rename keeps it, as on NTFS."""

    def __init__(self, fail: bool = False) -> None:
        self.by_file: dict[int, str] = {}
        self.fail = fail

    def user_sid(self) -> str:
        return SID

    def set_dacl(self, path: Path, sddl: str) -> None:
        if self.fail:
            raise OSError(1, "Incorrect function")  # what a FAT USB stick answers
        self.by_file[os.stat(path).st_ino] = sddl

    def dacl(self, path: Path) -> str | None:
        return self.by_file.get(os.stat(path).st_ino)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeMsvcrt, FakeSecurity]:
    fake_msvcrt, security = FakeMsvcrt(), FakeSecurity()
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt)
    monkeypatch.setattr(private_files, "_windows", security)
    monkeypatch.setattr(private_files, "_sid", None)
    monkeypatch.setattr(sys, "platform", "win32")
    return fake_msvcrt, security


def test_owner_only_descriptors() -> None:
    assert private_files.owner_only_sddl(SID, folder=False) == f"D:P(A;;FA;;;{SID})"
    assert private_files.owner_only_sddl(SID, folder=True) == f"D:P(A;OICI;FA;;;{SID})"


def test_every_file_of_a_workspace_gets_the_owner_only_dacl(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake_msvcrt, security = windows
    from app.paths import data_dir

    path = data_dir() / "school.tdw"
    ws = create_workspace(path, school_name="Lincoln").workspace
    backup = backup_workspace(ws)
    ws.close()
    file_dacl = f"D:P(A;;FA;;;{SID})"
    for f in (path, Sidecar.path_for(path), lock_path(path), backup, Sidecar.path_for(backup)):
        assert security.dacl(f) == file_dacl, f.name
    folder_dacl = f"D:P(A;OICI;FA;;;{SID})"
    assert security.dacl(data_dir()) == folder_dacl  # what SQLite makes in it inherits this
    assert security.dacl(backup.parent) == folder_dacl
    assert fake_msvcrt.held == {}  # closing let the lock go, unlocked before the close


def test_a_folder_the_teacher_chose_keeps_its_own_acl(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, security = windows
    ws = create_workspace(tmp_path / "mine" / "school.tdw", school_name="Lincoln").workspace
    ws.close()
    assert security.dacl(tmp_path / "mine") is None
    assert security.dacl(tmp_path / "mine" / "school.tdw") == f"D:P(A;;FA;;;{SID})"


def test_no_acls_on_the_file_system_never_stops_a_save(windows, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(private_files, "_windows", FakeSecurity(fail=True))
    ws = create_workspace(tmp_path / "usb" / "school.tdw", school_name="Lincoln").workspace
    assert backup_workspace(ws).exists()
    ws.close()
    assert private_files.make_private(tmp_path / "usb" / "school.tdw") is False


def test_the_windows_lock_holds_one_byte_far_past_the_readable_note(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake_msvcrt, _ = windows
    path = tmp_path / "w.tdw"
    lock.set_holder_name("teacherdesk grade")
    try:
        release = lock.acquire(path, wait_seconds=0)
    finally:
        lock.set_holder_name("TeacherDesk")
    ino = os.stat(lock_path(path)).st_ino
    assert list(fake_msvcrt.held) == [(ino, oslock.WINDOWS_LOCK_OFFSET)]
    note = lock.read_holder(path)  # another process can read who holds it
    assert note is not None and note["pid"] == os.getpid() and note["command"] == "teacherdesk grade"
    release()
    assert fake_msvcrt.held == {}


def test_another_windows_process_holding_it_is_named_and_probes_let_go(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake_msvcrt, _ = windows
    path = tmp_path / "w.tdw"
    release = lock.acquire(path, wait_seconds=0)  # writes the holder's note
    release()
    other = os.open(lock_path(path), os.O_RDWR)  # "another process" takes the byte
    assert lock._try_lock(other)
    try:
        assert lock.is_locked_elsewhere(path)
        with pytest.raises(WorkspaceBusy, match=f"process {os.getpid()}"):
            lock.acquire(path, wait_seconds=0)
        with pytest.raises(WorkspaceBusy, match="one TeacherDesk window at a time"):
            lock.acquire(path, wait_seconds=0, app_window=True)
    finally:
        lock._unlock(other)
    assert not lock.is_locked_elsewhere(path)
    assert fake_msvcrt.held == {}  # the probe that got the byte unlocked it before closing
    ws_path = tmp_path / "real.tdw"
    create_workspace(ws_path, school_name="Lincoln").workspace.close()
    open_workspace(ws_path, daily_backup=False).close()
    assert fake_msvcrt.held == {}


@pytest.mark.skipif(sys.platform != "win32", reason="the ctypes calls exist only on Windows")
def test_real_windows_security_calls(tmp_path: Path) -> None:
    security = private_files.WindowsSecurity()
    assert security.user_sid().startswith("S-1-5-")
    f = tmp_path / "x"
    f.write_bytes(b"")
    assert private_files.make_private(f)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_recovery_sheet_is_private(tmp_path: Path) -> None:
    from app.store.recovery_sheet import write_recovery_sheet

    old = os.umask(0o022)
    try:
        out = write_recovery_sheet(tmp_path / "sheet.pdf", recovery_key="ABCD-" * 13 + "ABCD",
                                   workspace_name="w.tdw", workspace_id="x")
    finally:
        os.umask(old)
    assert out.read_bytes().startswith(b"%PDF") and (out.stat().st_mode & 0o777) == 0o600
