"""Files and folders that only the user who made them can open.

Every file of a workspace (database, key file, lock file, backups) holds student data or
what unlocks it, so other accounts on the computer must not read it:

* POSIX: files 0600, folders 0700 (SQLite gives its ``-wal``/``-shm``/``-journal`` the
  database's mode).
* Windows: mode bits mean nothing there, so each file gets a *protected* DACL (no
  inherited entries) with one entry, full control for the current user's SID; folders
  TeacherDesk owns (its data folder, the backups folder) get the same entry marked
  inheritable (``OICI``), so what SQLite creates inside them (``-wal``, ``-shm``) is
  owner-only too. A workspace saved in a folder the teacher chose keeps its own files
  owner-only, and SQLite's companions there inherit that folder's ACL (a user profile
  folder such as Documents is already private to its user). Administrators can still
  take ownership, as on any Windows file.

Where the file system has no permissions at all (a FAT-formatted USB stick) there is
nothing to set: this is best effort and never stops a save. The Win32 calls go through
ctypes (advapi32), no pywin32 and no ``icacls`` process.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

# The flags os.open needs for a private file; O_BINARY keeps Windows from translating bytes.
BINARY = getattr(os, "O_BINARY", 0)

_DACL_SECURITY_INFORMATION = 0x00000004
_PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
_SDDL_REVISION_1 = 1
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1


def owner_only_sddl(sid: str, *, folder: bool) -> str:
    """The security descriptor (SDDL) that lets only ``sid`` in: ``P`` blocks inherited
    entries, ``FA`` is full access, ``OICI`` passes the entry on to a folder's contents."""
    return f"D:P(A;{'OICI' if folder else ''};FA;;;{sid})"


class WindowsSecurity:
    """The three advapi32 calls this needs, via ctypes; replaced by a fake in tests."""

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        self.ctypes = ctypes
        self.wintypes = wintypes
        self.advapi32: Any = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
        self.kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self.kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        self.kernel32.LocalFree.argtypes = [ctypes.c_void_p]

    def _fail(self) -> OSError:
        return self.ctypes.WinError(self.ctypes.get_last_error())  # type: ignore[attr-defined,no-any-return]

    def user_sid(self) -> str:
        """The current user's SID as text (S-1-5-21-…), from the process token."""
        ctypes, wintypes = self.ctypes, self.wintypes
        token = wintypes.HANDLE()
        if not self.advapi32.OpenProcessToken(self.kernel32.GetCurrentProcess(), _TOKEN_QUERY,
                                              ctypes.byref(token)):
            raise self._fail()
        try:
            size = wintypes.DWORD()
            self.advapi32.GetTokenInformation(token, _TOKEN_USER, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not self.advapi32.GetTokenInformation(token, _TOKEN_USER, buffer, size, ctypes.byref(size)):
                raise self._fail()
            # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first member is the SID pointer.
            sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]
            text = wintypes.LPWSTR()
            if not self.advapi32.ConvertSidToStringSidW(ctypes.c_void_p(sid), ctypes.byref(text)):
                raise self._fail()
            try:
                return str(text.value)
            finally:
                self.kernel32.LocalFree(text)
        finally:
            self.kernel32.CloseHandle(token)

    def set_dacl(self, path: Path, sddl: str) -> None:
        ctypes = self.ctypes
        descriptor = ctypes.c_void_p()
        if not self.advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
                sddl, _SDDL_REVISION_1, ctypes.byref(descriptor), None):
            raise self._fail()
        try:
            if not self.advapi32.SetFileSecurityW(
                    str(path), _DACL_SECURITY_INFORMATION | _PROTECTED_DACL_SECURITY_INFORMATION, descriptor):
                raise self._fail()
        finally:
            self.kernel32.LocalFree(descriptor)


_windows: WindowsSecurity | None = None
_sid: str | None = None


def _security() -> tuple[WindowsSecurity, str]:
    global _windows, _sid
    if _windows is None:
        _windows = WindowsSecurity()
    if _sid is None:
        _sid = _windows.user_sid()
    return _windows, _sid


def make_private(path: Path, *, folder: bool = False) -> bool:
    """Let only the current user open ``path``; False where the file system cannot say so."""
    if sys.platform == "win32":
        try:
            security, sid = _security()
            security.set_dacl(path, owner_only_sddl(sid, folder=folder))
        except OSError:
            return False
        return True
    try:
        os.chmod(path, 0o700 if folder else 0o600)
    except OSError:
        return False
    return True


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private (an existing file is left as it is)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    if sys.platform == "win32":
        make_private(path)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` for a private file: created 0600 (POSIX) or owner-only (Windows)."""
    fd = os.open(path, flags | BINARY, 0o600)
    if sys.platform == "win32" and flags & os.O_CREAT:
        make_private(path)
    return fd


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) and make it private; best effort on odd file systems."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        make_private(folder, folder=True)
