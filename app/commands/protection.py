"""``teacherdesk passphrase add|change``: the passphrase that unlocks a workspace.

    teacherdesk passphrase add                          # asks for it twice
    teacherdesk passphrase change                       # asks for the current one, then the new one twice
    printf '%s\n' "$NEW" | teacherdesk passphrase add --passphrase-file -

The secret is read from a prompt, a file or standard input, never from the command line
(arguments show in the process list to every user of the computer).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args
from app.core.i18n import N_, _

FILE_HELP = N_("read the passphrase from FILE ('-': standard input) instead of a prompt; for 'change' "
             "the first line is the current passphrase and the second the new one")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("passphrase", help=_("add or change the passphrase that unlocks the workspace"))
    actions = p.add_subparsers(dest="passphrase_command", metavar=_("ACTION"))
    p.set_defaults(handler=lambda _args: _usage(p))
    add = actions.add_parser("add", help=_("let a passphrase unlock the workspace too (asked twice)"))
    change = actions.add_parser("change", help=_("replace the workspace's passphrase (asks for the current one)"))
    for q, handler in ((add, cmd_add), (change, cmd_change)):
        q.add_argument("--passphrase-file", type=Path, metavar="FILE", help=_(FILE_HELP))
        add_workspace_arg(q)
        q.set_defaults(handler=handler)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _lines(source: Path, wanted: int) -> list[str]:
    """The first ``wanted`` lines of a file or standard input (line ends stripped, spaces kept)."""
    try:
        if str(source) == "-":
            text = sys.stdin.read(16_384)
        else:
            with open(source, encoding="utf-8", errors="replace") as fh:
                text = fh.read(16_384)
    except OSError as exc:
        raise UserError(_("the passphrase file could not be read ({reason})").format(reason=exc.strerror), file=source,
                        fix=_("Check the file name."), exit_code=2) from exc
    lines = text.splitlines()[:wanted]
    if len(lines) < wanted or not all(lines):
        fix = _("Give a file (or standard input) with the current passphrase on its first line and the new one "
                "on its second.") if wanted == 2 \
            else _("Give a file (or standard input) with the passphrase on its first line.")
        raise UserError(_("no passphrase found"), file=None if str(source) == "-" else source,
                        fix=fix, exit_code=2)
    return lines


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(_("no terminal to ask for the passphrase"), exit_code=2,
                        fix=_("Run the command in a terminal, or use --passphrase-file FILE (or - for standard input)."))
    import getpass

    return getpass.getpass(prompt)


def cmd_add(args: argparse.Namespace) -> int:
    from app.store.protection import add_passphrase, check_new_passphrase

    if args.passphrase_file is not None:
        new, again = _lines(args.passphrase_file, 1)[0], None
    else:
        new = _ask("New passphrase (at least 10 characters): ")
        check_new_passphrase(new)  # say so before asking again
        again = _ask("Type it again: ")
    ws = open_from_args(args)
    try:
        done = add_passphrase(ws, new, again)
    finally:
        ws.close()
    print(_("Passphrase added: {count} passphrase(s) now open {name}.").format(count=done.value.passphrases, name=ws.path.name))
    return 0


def cmd_change(args: argparse.Namespace) -> int:
    from app.store.protection import change_passphrase, check_new_passphrase

    if args.passphrase_file is not None:
        old, new = _lines(args.passphrase_file, 2)
        again = None
    else:
        old = _ask("Current passphrase: ")
        new = _ask("New passphrase (at least 10 characters): ")
        check_new_passphrase(new)
        again = _ask("Type it again: ")
    ws = open_from_args(args)
    try:
        change_passphrase(ws, new, again, old=old)
    finally:
        ws.close()
    print(_("Passphrase changed: the old one no longer opens {name}; the new one does.").format(name=ws.path.name))
    return 0
