"""Subcommands of ``teacherdesk``, one module per feature.

Each module has ``register(subparsers)`` that adds its parsers and sets
``handler=callable(args) -> int`` with ``set_defaults``. Handlers import what they need
lazily. To add a feature, add its module to ``FEATURE_MODULES``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

from app.core.errors import UserFacingError


class UserError(UserFacingError):
    """A problem with a command's arguments; printed as one line, exit code ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1, **where: object) -> None:
        super().__init__(message, exit_code=exit_code, **where)  # type: ignore[arg-type]


def user_message(exc: BaseException) -> str | None:
    """The one-line message for errors that are the user's to fix, else None."""
    if isinstance(exc, UserFacingError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"file not found: {exc.filename}"
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename}"
    return None


def workspace_path(args: object) -> Path:
    from app.paths import default_workspace

    given = getattr(args, "workspace", None)
    return Path(given) if given else default_workspace()


def _cli_prompt(message: str) -> str | None:
    if not sys.stdin or not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(message + " ")


def open_from_args(args: object):  # type: ignore[no-untyped-def]
    """Open the workspace named by --workspace / $TEACHERDESK_WORKSPACE for a command."""
    from app.store import open_workspace

    path = workspace_path(args)
    return open_workspace(
        path,
        recovery_key=getattr(args, "recovery_key", None) or os.environ.get("TEACHERDESK_RECOVERY_KEY"),
        prompt=_cli_prompt,
    )


def _load() -> list[ModuleType]:
    from app.commands import (
        audit,
        calendar,
        grading,
        reports,
        roster,
        school,
        school_year,
        timetable,
        workspace,
    )

    return [workspace, roster, school, school_year, grading, timetable, calendar, reports, audit]



def add_workspace_arg(parser: object) -> None:
    """``--workspace`` on a subcommand, without clobbering one given before it."""
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    parser.add_argument(
        "--workspace",
        type=Path,
        default=argparse.SUPPRESS,
        help="workspace file (default: $TEACHERDESK_WORKSPACE, else your data folder)",
    )
    parser.add_argument("--recovery-key", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


FEATURE_MODULES = _load()
