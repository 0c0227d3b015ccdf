"""Roster import: OneRoster 1.1/1.2 CSV sets and plain CSV exports from any SIS.

The files are read and checked completely first (``dry_run=True`` stops there: that is the
plan a user sees). Then the good part is written in one transaction with an audit entry:
defective rows are skipped, or imported without the broken reference, each listed in
``report.defects`` with file, line, reason and consequence. ``strict=True`` keeps the
all-or-nothing import: any defect and nothing is written. Problems that make a file
unreadable (no users.csv, a missing required column) always stop the import.
Re-importing updates records by their source ID and never duplicates them.

    plan = import_roster(ws, "oneroster.zip", dry_run=True)   # check, count, list defects
    report = import_roster(ws, "oneroster.zip")                # import the good part
    report = import_plain_csv(ws, "export.csv", guess_mapping(preview("export.csv").headers))
    print(report.summary())                                    # counts, then file/line/reason

Nothing here imports Qt.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core.i18n import _
from app.core.progress import IsCancelled, Progress
from app.store import audit
from app.store.database import Workspace
from app.store.roster import sources
from app.store.roster.apply import known_keys, write_dataset
from app.store.roster.csvfile import RosterSource
from app.store.roster.dataset import Dataset
from app.store.roster.oneroster import is_oneroster, read_oneroster
from app.store.roster.plain import FIELDS, Preview, guess_mapping, preview, read_plain
from app.store.roster.report import (
    CsvSyntaxError,
    ImportCancelled,
    ImportReport,
    RosterError,
    RowIssue,
)

__all__ = [
    "FIELDS",
    "ImportCancelled",
    "ImportReport",
    "Preview",
    "RosterError",
    "RowIssue",
    "SET_FORMATS",
    "detect_format",
    "guess_mapping",
    "import_oneroster",
    "import_plain_csv",
    "import_roster",
    "load_mapping",
    "preview",
]


SET_FORMATS = {"oneroster": "OneRoster 1.1/1.2 CSV", "clever": "Clever CSV",
               "sds-1": "School Data Sync v1 CSV", "sds-2.1": "School Data Sync v2.1 CSV"}


def detect_format(path: Path | str) -> str:
    """What ``path`` holds: "csv" for one CSV file; for a folder or zip "clever" (students.csv
    with Student_id + sections.csv), "sds-1" (Student.csv + Section.csv), "sds-2.1" (users +
    roles without OneRoster's columns) or "oneroster" (users.csv/manifest.csv)."""
    source = RosterSource(path)
    if source.is_single_file:
        return "csv"
    other = sources.detect(source)
    if other is not None:
        return other
    if is_oneroster(source):
        return "oneroster"
    raise RosterError(
        _("{name} is not a roster set TeacherDesk knows: it has no users.csv or manifest.csv (OneRoster), students.csv + sections.csv (Clever) or Student.csv + Section.csv (School Data Sync); to import a plain CSV, choose the .csv file itself.").format(name=Path(path).name)
    )


def load_mapping(path: Path | str) -> dict[str, str]:
    """A ``{field: column}`` mapping saved as JSON (as ``teacherdesk roster mapping`` prints)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise RosterError(_("{name} is not a readable JSON mapping ({exc}).").format(name=path.name, exc=exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise RosterError(_('{name} must be a JSON object like {{"student_id": "Perm ID"}}.').format(name=path.name))
    return {k: v for k, v in data.items() if v}


class _RollBack(Exception):
    """Leaves ``ws.session()`` by rolling back (errors found while writing, or a dry run)."""


def _phase(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    outer = progress

    def inner(fraction: float, message: str = "") -> None:
        outer(lo + (hi - lo) * max(0.0, min(1.0, fraction)), message)

    return inner


def _write(
    ws: Workspace,
    ds: Dataset,
    report: ImportReport,
    *,
    dry_run: bool,
    progress: Progress | None,
    cancelled: IsCancelled | None,
) -> ImportReport:
    """Write ``ds`` in one transaction; roll back on errors, cancel, or a dry run."""
    if not report.ok:
        return report
    if not dry_run:
        ws.refuse_demo("importing a roster", report.source)
    if cancelled and cancelled():
        raise ImportCancelled()
    try:
        with ws.session() as session:  # one transaction: all of it, or none of it
            write_dataset(session, ds, report, _phase(progress, 0.4, 1.0), cancelled)
            if not report.ok or dry_run:
                raise _RollBack
            audit.record(
                session, ws.actor, "roster.import", "roster", report.source,
                format=report.format, counts=report.counts(), warnings=len(report.warnings),
                skipped_rows=len(report.defects),
            )
        report.applied = True
    except _RollBack:
        pass
    if progress:
        progress(1.0, _("Roster imported."))
    return report


def import_oneroster(
    ws: Workspace,
    path: Path | str,
    *,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> ImportReport:
    """Import a roster set (folder or .zip): OneRoster 1.1/1.2, Clever or School Data Sync
    v1/v2.1 CSV. The good part, or with ``strict`` all or nothing."""
    path = Path(path)
    report = ImportReport(source=path.name, dry_run=dry_run, strict=strict)
    source = RosterSource(path)
    fmt = sources.detect(source)
    if fmt is not None:
        if progress:
            progress(0.0, _("Checking {name}…").format(name=path.name))
        reader = {"clever": sources.read_clever, "sds-1": sources.read_sds1, "sds-2.1": sources.read_sds2}[fmt]
        ds = reader(source, report)
        return _write(ws, ds, report, dry_run=dry_run, progress=progress, cancelled=cancelled)
    with ws.read() as session:
        known = known_keys(session)
    ds = read_oneroster(source, report, known, _phase(progress, 0.0, 0.4), cancelled)
    return _write(ws, ds, report, dry_run=dry_run, progress=progress, cancelled=cancelled)


def import_plain_csv(
    ws: Workspace,
    path: Path | str,
    mapping: dict[str, str],
    *,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> ImportReport:
    """Import students, families, classes and enrollments from one CSV with a column mapping."""
    path = Path(path)
    report = ImportReport(source=path.name, format="csv", dry_run=dry_run, strict=strict)
    if progress:
        progress(0.0, _("Reading {name}…").format(name=path.name))
    try:
        ds = read_plain(path, mapping, report)
    except CsvSyntaxError as exc:
        report.error(exc.file or path.name, exc.line or 0, exc.reason)
        return report
    return _write(ws, ds, report, dry_run=dry_run, progress=progress, cancelled=cancelled)


def import_roster(
    ws: Workspace,
    path: Path | str,
    mapping: dict[str, str] | None = None,
    *,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> ImportReport:
    """Import whatever ``path`` is: a OneRoster set, or a plain CSV (mapping guessed if None)."""
    if detect_format(path) != "csv":
        return import_oneroster(ws, path, dry_run=dry_run, strict=strict, progress=progress,
                                cancelled=cancelled)
    if mapping is None:
        mapping = guess_mapping(preview(path, n=0).headers)
    return import_plain_csv(ws, path, mapping, dry_run=dry_run, strict=strict, progress=progress,
                            cancelled=cancelled)
