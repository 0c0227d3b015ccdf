"""Subcommands of ``teacherdesk``, one module per feature.

Each module has ``register(subparsers)`` that adds its parsers and sets
``handler=callable(args) -> int`` with ``set_defaults``. Handlers import what they need
lazily. To add a feature, add its module to ``FEATURE_MODULE_NAMES`` and its commands
to ``COMMANDS``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from types import ModuleType

from app.core.errors import UserFacingError
from app.core.i18n import N_, _


class UserError(UserFacingError):
    """A problem with a command's arguments; printed as one line, exit code ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1, **where: object) -> None:
        super().__init__(message, exit_code=exit_code, **where)  # type: ignore[arg-type]


def user_message(exc: BaseException) -> str | None:
    """The one-line message for errors that are the user's to fix, else None."""
    if isinstance(exc, UserFacingError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return _("file not found: {file}").format(file=exc.filename)
    if isinstance(exc, PermissionError):
        return _("permission denied: {file}").format(file=exc.filename)
    from app.store.database import is_busy_error

    if is_busy_error(exc):  # a raw SQLite lock error never reaches the user as such
        return _("the workspace is busy: another TeacherDesk process is writing to it. "
                 "Nothing was saved; wait for it to finish, then try again.")
    return None


def text_date(text: str) -> dt.date:
    """An argparse ``type=`` for dates as people type them, in the language of ``LANG``.

    The same reading as the app's date fields (app.core.datetext): "2026-03-04" always,
    and "3/4", "March 4", "tomorrow" in US English or "4/3/2026", "4 de marzo", "mañana"
    in Spanish. What cannot be read is refused with how to write it; nothing is guessed.
    """
    import argparse

    from app.core.datetext import DateTextError, parse_date
    from app.core.i18n import get_locale

    try:
        return parse_date(text, get_locale())
    except DateTextError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


iso_date = text_date  # the older name: ISO dates are still read, among the others


def text_time(text: str) -> dt.time:
    """An argparse ``type=`` for times as people type them ("3:30pm", "15:30")."""
    import argparse

    from app.core.datetext import DateTextError, parse_time
    from app.core.i18n import get_locale

    try:
        return parse_time(text, get_locale())
    except DateTextError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def workspace_path(args: object) -> Path:
    from app.paths import default_workspace

    given = getattr(args, "workspace", None)
    return Path(given) if given else default_workspace()


def _cli_prompt(message: str) -> str | None:
    if not sys.stdin or not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(message + " ")


RECOVERY_KEY_ON_COMMAND_LINE = N_(
    "The recovery key was not used: typed as an argument it shows in the process list to "
    "every user of this computer"
)
RECOVERY_KEY_FIX = N_(
    "Put it in a file only you can read and use --recovery-key-file FILE, pipe it in with "
    "--recovery-key-file -, or use --ask-recovery-key to type it at a prompt."
)


def recovery_key_from_args(args: object) -> str | None:
    """The recovery key from a file, standard input or a prompt; never from an argument."""
    if getattr(args, "recovery_key", None):
        raise UserError(_(RECOVERY_KEY_ON_COMMAND_LINE), exit_code=2, fix=_(RECOVERY_KEY_FIX))
    source = getattr(args, "recovery_key_file", None)
    if source is not None:
        if str(source) == "-":
            text = sys.stdin.readline(4096)
        else:
            try:
                with open(source, encoding="utf-8", errors="replace") as fh:
                    text = fh.read(4096)
            except OSError as exc:
                raise UserError(_("the recovery key file could not be read ({strerror})").format(strerror=exc.strerror),
                                file=source, fix=_("Check the file name.")) from exc
        key = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if not key:
            raise UserError(_("no recovery key found"), file=str(source) if str(source) != "-" else None,
                            fix=_("Give a file (or standard input) whose first line is the recovery key."))
        return key
    if getattr(args, "ask_recovery_key", False):
        import getpass

        return getpass.getpass(_("Recovery key:") + " ").strip() or None
    return None


def open_from_args(args: object):  # type: ignore[no-untyped-def]
    """Open the workspace named by --workspace / $TEACHERDESK_WORKSPACE for a command."""
    from app.store import open_workspace

    path = workspace_path(args)
    return open_workspace(
        path,
        recovery_key=recovery_key_from_args(args),
        prompt=_cli_prompt,
        on_wait=lambda message: print(message, file=sys.stderr, flush=True),
    )


FEATURE_MODULE_NAMES = ("workspace", "protection", "roster", "school", "school_year", "grading",
                        "timetable", "calendar", "reports", "exports", "audit")
"""The modules under ``app.commands`` that register subcommands, in ``--help`` order."""

COMMANDS = {
    "demo": "workspace", "init": "workspace", "make-real": "workspace", "info": "workspace",
    "backup": "workspace", "backups": "workspace", "restore": "workspace",
    "passphrase": "protection", "roster": "roster", "staff": "school", "school": "school",
    "year": "school_year", "sheet": "grading", "grade": "grading", "template": "grading",
    "timetable": "timetable", "calendar": "calendar", "conferences": "calendar",
    "reports": "reports", "grades": "reports", "export": "exports", "audit": "audit",
}
"""Each top-level command and the module that registers it (a test keeps this true), so
a command builds its own parsers only: all of them take a tenth of the start-up."""

_ROOT_VALUE_OPTIONS = ("--workspace", "--recovery-key-file", "--recovery-key")
_ROOT_FLAGS = ("--demo", "--ask-recovery-key")


def command_at(argv: list[str]) -> int | None:
    """Where in ``argv`` the top-level command is, when only root options that change no
    output come before it (``-h`` or ``--version`` first print the whole program's help)."""
    k = 0
    while k < len(argv):
        token = argv[k]
        if token in _ROOT_VALUE_OPTIONS:
            k += 2
        elif token in _ROOT_FLAGS or token.split("=", 1)[0] in _ROOT_VALUE_OPTIONS:
            k += 1
        else:
            return k if token in COMMANDS else None
    return None


def command_named(argv: list[str]) -> str | None:
    """The top-level command ``argv`` runs (see :func:`command_at`)."""
    k = command_at(argv)
    return None if k is None else argv[k]


def start_early(argv: list[str]) -> None:
    """Let the command ``argv`` runs start slow work before its parsers are even built
    (its module's ``early(arguments after the command)``): the timetable solve starts
    its search process."""
    k = command_at(argv)
    if k is not None:
        early = getattr(feature_modules(argv[k])[0], "early", None)
        if early is not None:
            early(argv[k + 1:])


def feature_modules(command: str | None = None) -> list[ModuleType]:
    """The modules registering every command, or only ``command``'s."""
    import importlib

    names = (COMMANDS[command],) if command else FEATURE_MODULE_NAMES
    return [importlib.import_module(f"app.commands.{name}") for name in names]


def add_workspace_arg(parser: object) -> None:
    """``--workspace`` on a subcommand, without clobbering one given before it."""
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    parser.add_argument(
        "--workspace",
        type=Path,
        default=argparse.SUPPRESS,
        help=_("workspace file (default: $TEACHERDESK_WORKSPACE, else your data folder)"),
    )
    add_recovery_key_args(parser, suppress=True)


def add_recovery_key_args(parser: object, *, suppress: bool) -> None:
    """How a command is given a recovery key: a file, standard input or a prompt."""
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--recovery-key-file", metavar="FILE", default=default,
        help=argparse.SUPPRESS if suppress else
        _("unlock the workspace with the recovery key in FILE ('-' reads it from standard input)"),
    )
    parser.add_argument(
        "--ask-recovery-key", action="store_true", default=argparse.SUPPRESS if suppress else False,
        help=argparse.SUPPRESS if suppress else _("ask for the recovery key at a prompt"),
    )
    # Kept only to refuse it with an explanation: an argument is visible to every local user.
    parser.add_argument("--recovery-key", default=default, help=argparse.SUPPRESS)

