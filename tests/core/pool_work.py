"""Work functions for the pool tests (module level, so worker processes can import them)."""

from __future__ import annotations

import os
import signal
import time

STATE: dict[str, object] = {}


def setup(tag: str) -> None:
    STATE["tag"] = tag


def square(x: int) -> int:
    return x * x


def tagged(x: int) -> str:
    return f"{STATE['tag']}{x}"


def fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three is not allowed")
    return x


def dies_on_five(x: int) -> int:
    """Item 5 kills its own worker, as the kernel's out-of-memory killer would."""
    if x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def slow(x: int) -> int:
    time.sleep(0.3)
    return x


def forever(x: int) -> int:
    time.sleep(600)
    return x
