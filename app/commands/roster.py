"""`teacherdesk roster ...`: import OneRoster sets and SIS CSV exports from the command line.

    teacherdesk roster import oneroster.zip --workspace school.tdw
    teacherdesk roster mapping export.csv > mapping.json      # check/edit the guess
    teacherdesk roster import export.csv --mapping mapping.json --dry-run
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args
from app.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``roster import`` and ``roster mapping``."""
    roster = sub.add_parser("roster", help=_("import rosters (OneRoster 1.1/1.2 CSV, SIS CSV exports); add, edit or delete a student or class"))
    actions = roster.add_subparsers(dest="roster_command", metavar=_("ACTION"))
    roster.set_defaults(handler=lambda _args: _usage(roster))

    imp = actions.add_parser(
        "import",
        help=_("import a OneRoster folder/.zip, a Clever or School Data Sync folder, or a plain CSV"),
        description=_("Import a roster. A folder or .zip is read as OneRoster 1.1 or 1.2 CSV, "
        "Clever CSV or Microsoft School Data Sync CSV; a single .csv as a plain SIS export "
        "whose columns are guessed (or given with --mapping). Everything is checked first; "
        "defective rows are listed with file, line, reason and what happens to them (skipped, "
        "or imported without the broken reference) and the rest is imported in one "
        "transaction. --strict imports nothing unless every row is valid. A full roster set "
        "lists everyone: students, staff and class enrollments it no longer lists are marked "
        "inactive (never deleted; grades are kept) unless --keep-absent. Exit status: 0 "
        "imported (defective rows, if any, are listed), 1 nothing imported."),
    )
    imp.add_argument("path", type=Path, help=_("OneRoster folder or .zip, or a .csv export"))
    imp.add_argument("--mapping", default="auto",
                     help=_("plain CSV only: 'auto' (guess from headers) or a JSON file as printed "
                          "by 'teacherdesk roster mapping'"))
    imp.add_argument("--dry-run", action="store_true",
                     help=_("check and show the plan (counts, defective rows), write nothing"))
    imp.add_argument("--strict", action="store_true",
                     help=_("all or nothing: import nothing if any row is defective"))
    imp.add_argument("--keep-absent", action="store_true",
                     help=_("roster sets: keep students, staff and class enrollments the district's "
                          "file no longer lists active (by default they are marked inactive; "
                          "their grades are kept either way)"))
    imp.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    add_workspace_arg(imp)
    imp.set_defaults(handler=_import)

    mapping = actions.add_parser(
        "mapping",
        help=_("print the guessed column mapping of a plain CSV as JSON, to check or edit"),
    )
    mapping.add_argument("path", type=Path, help=_("a .csv export from your SIS"))
    mapping.set_defaults(handler=_mapping)

    from app.commands.roster_edit import register_edits

    register_edits(actions)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _import(args: argparse.Namespace) -> int:
    from app.core.progress import TerminalProgress, sub_progress
    from app.store.roster import (
        RosterError,
        apply_roster_plan,
        check_roster,
        detect_format,
        guess_mapping,
        load_mapping,
        preview,
    )

    path: Path = args.path
    try:
        kind = detect_format(path)
        mapping: dict[str, str] | None = None
        if kind == "csv":
            if args.mapping == "auto":
                mapping = guess_mapping(preview(path, n=0).headers)
                print(_("Columns: {mapping}").format(mapping=", ".join(f"{f}={c!r}" for f, c in mapping.items())),
                      file=sys.stderr)
            else:
                mapping = load_mapping(args.mapping)
        elif args.mapping != "auto":
            print(_("note: {name} is a roster set ({kind}); --mapping is ignored").format(name=path.name, kind=kind), file=sys.stderr)
    except RosterError as exc:
        raise UserError(str(exc), 2) from exc

    ws = open_from_args(args)
    bar = TerminalProgress()
    try:
        if not args.dry_run:
            ws.refuse_demo("importing a roster", path.name)
        # The app's two steps: the check (counts compared with the workspace only for a dry
        # run; an import gets them from the write), then the one-transaction import.
        plan = check_roster(ws, path, mapping, strict=args.strict, compare=args.dry_run,
                            keep_absent=args.keep_absent,
                            progress=sub_progress(bar, 0.0, 1.0 if args.dry_run else 0.4))
        report = plan.report
        if plan.ok and not args.dry_run:
            report = apply_roster_plan(ws, plan, progress=sub_progress(bar, 0.4, 1.0)).value
    except RosterError as exc:
        raise UserError(str(exc), 2) from exc
    finally:
        bar.close()
        ws.close()

    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _mapping(args: argparse.Namespace) -> int:
    from app.store.roster import FIELDS, RosterError, detect_format, guess_mapping, preview

    try:
        if detect_format(args.path) != "csv":
            raise UserError(_("{name} is a OneRoster set; it needs no column mapping.").format(name=args.path.name), 2)
        headers = preview(args.path, n=0).headers
    except RosterError as exc:
        raise UserError(str(exc), 2) from exc
    guess = guess_mapping(headers)
    # Every field, blank where nothing was guessed, so the file is easy to complete by hand.
    print(json.dumps({f: guess.get(f, "") for f in FIELDS}, indent=2, ensure_ascii=False))
    unused = [h for h in headers if h not in guess.values()]
    if unused:
        print(_("Columns not used: {columns}").format(columns=", ".join(unused)), file=sys.stderr)
    return 0
