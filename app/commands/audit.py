"""``teacherdesk audit``: the audit log as sentences (who changed what, when)."""

from __future__ import annotations

import argparse

from app.commands import add_workspace_arg, open_from_args
from app.core import l10n
from app.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", help=_("show who changed what and when (newest first)"))
    add_workspace_arg(p)
    p.add_argument("--limit", type=int, default=50, help=_("how many entries (default 50)"))
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from app.store.audit_text import recent

    ws = open_from_args(args)
    try:
        with ws.read() as s:
            lines = recent(s, limit=max(1, args.limit))
    finally:
        ws.close()
    if not lines:
        print(_("The audit log is empty."))
    for line in lines:
        print(f"{l10n.datetime_short(line.at.astimezone()):<24}  {line.sentence}")  # the user's date and clock
    return 0
