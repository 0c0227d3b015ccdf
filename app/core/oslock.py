"""An OS lock on one byte of an open file: ``flock`` on POSIX, ``msvcrt.locking`` on
Windows. The OS releases it when the holder dies, even by ``kill -9``, so a stale file
never blocks anyone. Used for the workspace's writer lock (``app.store.lock``) and for
compiling the placement loop once when several processes start at the same time
(``app.scheduling.timetable.kernel_jit``)."""

from __future__ import annotations

import os
import sys

# Windows locks byte ranges and a locked range cannot be read by others, so the lock sits
# far past anything written at the start of the file (the workspace lock's holder note).
WINDOWS_LOCK_OFFSET = 1 << 20


def try_lock(fd: int) -> bool:
    """Take the lock without waiting; False if another process has it."""
    if sys.platform == "win32":
        import msvcrt

        # msvcrt.locking locks from the current position; LK_NBLCK fails at once (one try,
        # unlike LK_LOCK's ten one-second retries) with OSError if another handle holds it.
        try:
            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def unlock_only(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        # Windows wants a locked range unlocked before its handle is closed (a range left
        # locked at close is freed only when the system gets round to it).
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def unlock(fd: int) -> None:
    try:
        unlock_only(fd)
    finally:
        os.close(fd)
