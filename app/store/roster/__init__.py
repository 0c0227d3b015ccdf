"""Roster import: OneRoster 1.1/1.2 CSV sets and plain CSV exports from any SIS.

The files are read and checked completely first (``dry_run=True`` stops there: that is the
plan a user sees). Then the good part is written in one transaction with an audit entry:
defective rows are skipped, or imported without the broken reference, each listed in
``report.defects`` with file, line, reason and consequence. ``strict=True`` keeps the
all-or-nothing import: any defect and nothing is written. Problems that make a file
unreadable (no users.csv, a missing required column) always stop the import.
Re-importing updates records by their source ID and never duplicates them.

    plan = check_roster(ws, "oneroster.zip")                   # check, count, list defects; writes nothing
    report = apply_roster_plan(ws, plan).value                 # import the good part (Done: report + Changes)
    report = import_roster(ws, "oneroster.zip")                # both steps at once (scripts, tests)
    report = import_plain_csv(ws, "export.csv", guess_mapping(preview("export.csv").headers))
    print(report.summary())                                    # counts, then file/line/reason

Nothing here imports Qt.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import OperationalError

from app.core.changes import Changes, Done
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
    "RosterPlan",
    "RowIssue",
    "SET_FORMATS",
    "apply_roster_plan",
    "check_roster",
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
    """Leaves a session by rolling back (errors found while writing, or a check)."""


def _phase(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    outer = progress

    def inner(fraction: float, message: str = "") -> None:
        outer(lo + (hi - lo) * max(0.0, min(1.0, fraction)), message)

    return inner


@dataclass
class RosterPlan:
    """What :func:`check_roster` found, and what :func:`apply_roster_plan` will write.

    ``report`` is the check's report (counts of what would be created/updated, every
    defective row and what happens to it); ``parsed`` is the roster as read, before any
    comparison with the workspace. Applying writes ``parsed`` again in one transaction, so a
    workspace changed since the check is compared afresh (never silently overwritten).
    """

    path: Path
    format: str  # detect_format(): "csv", "oneroster", "clever", "sds-1", "sds-2.1"
    mapping: dict[str, str] | None
    strict: bool
    report: ImportReport
    parsed: Dataset | None = field(default=None, repr=False)
    parsed_report: ImportReport | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when applying the plan can import something (or all, with ``strict``)."""
        return self.report.ok and self.parsed is not None


def _read(ws: Workspace, path: Path, fmt: str, mapping: dict[str, str] | None, report: ImportReport,
          progress: Progress | None, cancelled: IsCancelled | None) -> Dataset | None:
    """Read and check the files alone (no comparison with the workspace yet)."""
    if fmt == "csv":
        if progress:
            progress(0.0, _("Reading {name}…").format(name=path.name))
        try:
            return read_plain(path, mapping or {}, report)
        except CsvSyntaxError as exc:
            report.error(exc.file or path.name, exc.line or 0, exc.reason)
            return None
    source = RosterSource(path)
    other = sources.detect(source)
    if other is not None:
        if progress:
            progress(0.0, _("Checking {name}…").format(name=path.name))
        reader = {"clever": sources.read_clever, "sds-1": sources.read_sds1, "sds-2.1": sources.read_sds2}[other]
        return reader(source, report)
    with ws.read() as session:
        known = known_keys(session)
    return read_oneroster(source, report, known, _phase(progress, 0.0, 0.4), cancelled)


def _busy(ws: Workspace, exc: OperationalError) -> RosterError:
    return RosterError(_("{name} was busy while the roster was checked ({reason}).").format(name=ws.path.name, reason=exc.orig),
                       fix=_("Nothing was imported. Check again in a moment."))


def _format(path: Path) -> str:
    """"csv" for one file; for a folder or zip its set format ("oneroster" unless known)."""
    source = RosterSource(path)
    if source.is_single_file:
        return "csv"
    return sources.detect(source) or "oneroster"


def check_roster(
    ws: Workspace,
    path: Path | str,
    mapping: dict[str, str] | None = None,
    *,
    strict: bool = False,
    compare: bool = True,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> RosterPlan:
    """Read ``path`` completely and work out what importing it would change; write nothing.

    Safe on a worker thread: the comparison with the workspace (the counts of what would be
    created or updated, rows that conflict with it) runs in a read transaction that is
    always rolled back. ``compare=False`` checks the files alone (faster when the plan is
    applied at once; the counts then come with the import). A plain CSV takes ``mapping``
    (``{field: column}``; guessed from its headers when None). Problems inside the files are
    in ``plan.report``; a path that is not a roster at all raises :class:`RosterError`.
    """
    path = Path(path)
    return _check(ws, path, _format(path), mapping, strict=strict, compare=compare, progress=progress,
                  cancelled=cancelled)


def _check(ws: Workspace, path: Path, fmt: str, mapping: dict[str, str] | None, *, strict: bool, compare: bool,
           progress: Progress | None, cancelled: IsCancelled | None) -> RosterPlan:
    if fmt == "csv" and mapping is None:
        mapping = guess_mapping(preview(path, n=0).headers)
    mapping = mapping if fmt == "csv" else None
    report = ImportReport(source=path.name, format="csv" if fmt == "csv" else "", dry_run=True, strict=strict)
    ds = _read(ws, path, fmt, mapping, report, _phase(progress, 0.0, 0.6 if compare else 1.0), cancelled)
    plan = RosterPlan(path, fmt, mapping, strict, report)
    if ds is None or not report.ok:
        return plan
    if not compare:
        plan.parsed, plan.parsed_report = ds, report
        return plan
    plan.parsed, plan.parsed_report = copy.deepcopy(ds), copy.deepcopy(report)
    if cancelled and cancelled():
        raise ImportCancelled()
    try:
        with ws.read() as session:
            try:
                write_dataset(session, ds, report, _phase(progress, 0.6, 1.0), cancelled)
            finally:
                session.rollback()  # a check: nothing it compared is ever kept
    except OperationalError as exc:
        raise _busy(ws, exc) from exc
    if progress:
        progress(1.0, _("Roster checked."))
    return plan


def apply_roster_plan(
    ws: Workspace,
    plan: RosterPlan,
    *,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Done[ImportReport]:
    """Import a checked plan: the good part (or, with ``strict``, all or nothing) in one
    transaction with an audit entry. A plan is applied once. ``report.applied`` says whether
    anything was written; it stays False when the plan had errors or the workspace changed
    so that it no longer fits (the new problems are in ``report.errors``)."""
    if plan.parsed is None or plan.parsed_report is None:
        if plan.report.ok and not plan.report.applied:
            plan.report.error("", 0, "This check was already used for an import; check the roster again.")
        return Done(plan.report)
    ws.refuse_demo("importing a roster", plan.report.source)
    report, ds = plan.parsed_report, plan.parsed
    plan.parsed = plan.parsed_report = None  # the writer consumes the parsed roster
    report.dry_run = False
    if cancelled and cancelled():
        raise ImportCancelled()
    try:
        with ws.session() as session:  # one transaction: all of it, or none of it
            write_dataset(session, ds, report, progress, cancelled)
            if not report.ok:
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
    plan.report = report
    changes = Changes.ROSTER | Changes.GRADEBOOK | Changes.SCHOOL if report.applied else Changes.NONE
    return Done(report, changes)


def _import(ws: Workspace, path: Path | str, fmt: str, mapping: dict[str, str] | None, *, dry_run: bool,
            strict: bool, progress: Progress | None, cancelled: IsCancelled | None) -> ImportReport:
    """A check, then (unless ``dry_run``) its import: the two steps the app takes one at a time."""
    path = Path(path)
    if not dry_run:
        ws.refuse_demo("importing a roster", path.name)
    plan = _check(ws, path, fmt, mapping, strict=strict, compare=dry_run,
                  progress=_phase(progress, 0.0, 1.0 if dry_run else 0.4), cancelled=cancelled)
    if dry_run or not plan.ok:
        if progress:
            progress(1.0, _("Roster checked."))
        return plan.report
    return apply_roster_plan(ws, plan, progress=_phase(progress, 0.4, 1.0), cancelled=cancelled).value


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
    fmt = sources.detect(RosterSource(path)) or "oneroster"
    return _import(ws, path, fmt, None, dry_run=dry_run, strict=strict, progress=progress, cancelled=cancelled)


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
    return _import(ws, path, "csv", mapping, dry_run=dry_run, strict=strict, progress=progress, cancelled=cancelled)


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
    fmt = detect_format(path)
    return _import(ws, path, fmt, mapping, dry_run=dry_run, strict=strict, progress=progress, cancelled=cancelled)
