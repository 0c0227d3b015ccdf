"""The ``teacherdesk`` command line.

``teacherdesk`` alone opens the app; subcommands call the same core functions the app
does. Each feature registers its subcommands from ``app/commands/<feature>.py``; heavy
libraries are imported inside the handlers so ``--help`` and the GUI start fast.
Errors a user can cause print one clear line and exit non-zero — never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.commands import add_recovery_key_args, command_named, feature_modules, start_early
from app.core.errors import Cancelled, UserFacingError
from app.core.i18n import _


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the arguments, only the parsers of the command they run."""
    parser = argparse.ArgumentParser(
        prog="teacherdesk",
        description=_("TeacherDesk: bubble-sheet grading, schedules and progress reports, offline."),
    )
    parser.add_argument("--version", action="version", version=f"TeacherDesk {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help=_("workspace file to use (default: $TEACHERDESK_WORKSPACE, else your data folder)"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the app on a throwaway demo workspace")
    )
    add_recovery_key_args(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in feature_modules(command_named(list(argv)) if argv is not None else None):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.core.i18n import language_from_env, set_language

    set_language(language_from_env())  # core messages follow LANG/LC_ALL/LC_MESSAGES
    from app.commands.argparse_words import install

    install()  # argparse's own words ("usage:", "error: ...") from the core catalog too
    argv = list(sys.argv[1:] if argv is None else argv)
    start_early(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    from app.core import holder  # not app.store.lock: importing the store costs a second

    holder.name = f"'teacherdesk {args.command}'" if handler is not None else "the TeacherDesk app"
    try:
        if handler is None:
            from app import gui_preflight

            problem = gui_preflight.check()
            if problem:
                print(problem, file=sys.stderr)
                return 3
            try:
                from app.commands import recovery_key_from_args
                from app.ui.shell.launch import run_gui

                return run_gui(demo=args.demo, workspace=args.workspace, recovery_key=recovery_key_from_args(args))
            except ImportError as exc:  # Qt loads its libraries lazily, so also while running
                missing = gui_preflight.missing_from_import_error(exc)
                if not missing:
                    raise
                print(gui_preflight.describe_missing(missing), file=sys.stderr)
                return 3
        return int(handler(args) or 0)
    except UserFacingError as exc:
        print(f"teacherdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, Cancelled):
        print("teacherdesk: " + _("cancelled"), file=sys.stderr)
        return 130
    except Exception as exc:  # the store's user-facing errors carry their own message
        from app.commands import user_message

        message = user_message(exc)
        if message is None:
            raise
        print(f"teacherdesk: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing

        # In a frozen (PyInstaller) build a worker of app.core.pool starts this same
        # program: freeze_support() makes it run the worker, not a second TeacherDesk.
        # (Elsewhere it does nothing, and importing it costs every command a moment.)
        multiprocessing.freeze_support()
    sys.exit(main())
