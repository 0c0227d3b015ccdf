"""argparse's own words ("usage:", "options", "error: ...") in the language of core messages.

argparse looks up its words at call time through the module globals ``argparse._`` and
``argparse.ngettext`` (``from gettext import gettext as _, ngettext``), which read the
system's ``argparse`` domain and find nothing on a school laptop. :func:`install` points
those two names at the core catalog's ``_``/``ngettext``, so argparse's messages come from
``assets/translations/<lang>/LC_MESSAGES/core.po`` like every other core message. This is
not a fork: argparse's code is unchanged, only where it looks up its words.

The msgids below are argparse's own (Python 3.11-3.13), listed with ``N_`` so that
``python -m app.core.i18n_catalog update`` extracts them into the core catalog; they keep
argparse's ``%s``/``%(name)s`` placeholders, which argparse fills after translating.
Exit codes are argparse's: 2 for a usage error, as before.
"""

from __future__ import annotations

import argparse

from app.core.i18n import N_, _, ngettext

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("argument \"-\" with mode %r"),
)
"""argparse's words a user can meet; argparse's messages for programming mistakes
(conflicting option strings, a bad ``dest=``) are left in English: only a developer sees them."""


def argparse_plurals(n: int) -> tuple[str, ...]:
    """argparse's plural messages, written here so the catalog tool extracts them."""
    return (ngettext("expected %s argument", "expected %s arguments", n),)


def install() -> None:
    """Route argparse's words through the core catalog (call once, before parsing)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
