"""Gradebook use cases beyond typing a score: score notes, undo, "mark all present".

Qt-free, called by the app's grid and by the command line alike. Each runs one
transaction with its audit entry and returns a :class:`~app.core.changes.Done`.

Undo reads the audit log: the teacher's own latest grade edits in a class
(``grade.set`` / ``grade.paste``) not yet undone are put back to their "before", as one
``grade.undo`` entry naming the entry it undoes. It never overwrites a score that
changed since the edit (a rescan, another edit): it refuses and says which one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.reports.gradebook import Mark
from app.reports.gradebook_store import _mark_json, _write_mark, refuse_departed
from app.store import Workspace, audit
from app.store.models import Assignment, AttendanceRecord, AuditEntry, Score, Student
from app.store.models.gradebook import ScoreNote

UNDOABLE = ("grade.set", "grade.paste")
NOTE_LIMIT = 2000  # characters: a note, not an essay
UNDO_LOOKBACK = 500  # audit entries searched for the last edit


class GradebookEditError(UserFacingError):
    """A gradebook edit that cannot be done (nothing to undo, changed since, bad note)."""

    exit_code = 2


# --- notes --------------------------------------------------------------------------------


def score_notes(session: Session, assignment_ids: list[int]) -> dict[tuple[int, int], str]:
    """Notes keyed by (assignment id, student id) for these assignments."""
    if not assignment_ids:
        return {}
    rows = session.execute(select(ScoreNote.assignment_id, ScoreNote.student_id, ScoreNote.text)
                           .where(ScoreNote.assignment_id.in_(assignment_ids)))
    return {(a, s): text for a, s, text in rows if text}


def set_score_note(ws: Workspace, actor: str, assignment_id: int, student_id: int, text: str) -> Done[str]:
    """Write (or, with empty text, remove) the note on one score; audited with before/after."""
    text = text.strip()
    if len(text) > NOTE_LIMIT:
        raise GradebookEditError(_("A note holds at most {note_limit} characters; this one has {count}.").format(note_limit=NOTE_LIMIT, count=len(text)),
                                 fix=_("Shorten the note."))
    with ws.session() as s:
        if s.get(Assignment, assignment_id) is None or s.get(Student, student_id) is None:
            raise GradebookEditError(_("That score's assignment or student no longer exists."))
        row = s.scalars(select(ScoreNote).where(ScoreNote.assignment_id == assignment_id,
                                                ScoreNote.student_id == student_id)).first()
        before = row.text if row else ""
        if before == text:
            return Done(text)
        if not text:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(ScoreNote(assignment_id=assignment_id, student_id=student_id, text=text))
        else:
            row.text = text
        audit.record(s, actor, "grade.note", "score", f"{assignment_id}:{student_id}",
                     assignment_id=assignment_id, student_id=student_id, before=before, after=text)
    return Done(text, Changes.GRADEBOOK)


# --- undo ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoneEdit:
    entry_id: int  # the audit entry undone
    cells: int  # scores put back
    summary: str  # "Ana Lopez · Quiz 3: back to 7" (first cell) for the status line


def _mark(data: object) -> Mark:
    if not isinstance(data, dict):
        return Mark()
    return Mark(points=data.get("points"), missing=bool(data.get("missing")), late=bool(data.get("late")),
                excused=bool(data.get("excused")), incomplete=bool(data.get("incomplete")))


def _cells(entry: AuditEntry) -> list[tuple[int, int, Mark, Mark]]:
    """(assignment, student, before, after) of a grade.set / grade.paste entry."""
    details = entry.details or {}
    if entry.action == "grade.set":
        return [(int(details["assignment_id"]), int(details["student_id"]),
                 _mark(details.get("before")), _mark(details.get("after")))]
    return [(int(c["assignment_id"]), int(c["student_id"]), _mark(c.get("before")), _mark(c.get("after")))
            for c in details.get("changes", [])]


def _current(s: Session, assignment_id: int, student_id: int) -> Mark:
    row = s.scalars(select(Score).where(Score.assignment_id == assignment_id,
                                        Score.student_id == student_id)).first()
    if row is None:
        return Mark()
    return Mark(row.points, row.missing, row.late, row.excused, row.incomplete)


def _words(mark: Mark) -> str:
    flags = [w for w, on in (("missing", mark.missing), ("late", mark.late), ("excused", mark.excused),
                             ("incomplete", mark.incomplete)) if on]
    points = "" if mark.points is None else f"{mark.points:g}"
    return " ".join([points, *flags]).strip() or "blank"


def _same(a: Mark, b: Mark) -> bool:
    # A blank cell and a blank row are the same thing to the teacher.
    return _mark_json(a) == _mark_json(b)


def last_undoable(s: Session, actor: str, section_id: int) -> AuditEntry | None:
    """The actor's latest grade edit in this class that was not undone yet."""
    in_section = set(s.scalars(select(Assignment.id).where(Assignment.section_id == section_id)))
    recent = list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "score", AuditEntry.actor == actor)
                            .order_by(AuditEntry.id.desc()).limit(UNDO_LOOKBACK)))
    undone = {int(e.details.get("undoes", 0)) for e in recent if e.action == "grade.undo" and e.details}
    for entry in recent:
        if entry.action not in UNDOABLE or entry.id in undone:
            continue
        try:
            cells = _cells(entry)
        except (KeyError, TypeError, ValueError):
            continue
        if cells and all(a in in_section for a, _s, _b, _a in cells):
            return entry
    return None


def undo_last_edit(ws: Workspace, actor: str, section_id: int) -> Done[UndoneEdit]:
    """Put back the scores of the actor's latest grade edit in a class (one transaction)."""
    with ws.session() as s:
        entry = last_undoable(s, actor, section_id)
        if entry is None:
            raise GradebookEditError(_("There is no grade edit of yours in this class left to undo."))
        cells = _cells(entry)
        refuse_departed(s, [(a, st) for a, st, _b, _a in cells])
        titles = {a.id: a.title for a in s.scalars(select(Assignment).where(
            Assignment.id.in_({c[0] for c in cells})))}
        names = {st.id: st.display_name for st in s.scalars(
            select(Student).where(Student.id.in_({c[1] for c in cells})))}
        for assignment_id, student_id, _before, after in cells:
            if not _same(_current(s, assignment_id, student_id), after):
                raise GradebookEditError(
                    _("{student}'s score on {assignment} changed after that edit; undo would overwrite it, so nothing was changed.").format(student=names.get(student_id, _('A student')), assignment=titles.get(assignment_id, _('an assignment'))),
                    fix=_("Type the score you want instead."))
        log = []
        for assignment_id, student_id, before, after in cells:
            _write_mark(s, assignment_id, student_id, before)
            log.append({"assignment_id": assignment_id, "student_id": student_id,
                        "before": _mark_json(after), "after": _mark_json(before)})
        audit.record(s, actor, "grade.undo", "score", f"{len(cells)} scores", undoes=entry.id, changes=log)
        a, st, before, _after = cells[0]
        summary = f"{names.get(st, '')} · {titles.get(a, '')}: {_words(before)}"
        return Done(UndoneEdit(entry.id, len(cells), summary), Changes.GRADEBOOK)


# --- attendance ---------------------------------------------------------------------------


def mark_all_present(ws: Workspace, actor: str, student_ids: list[int], day: dt.date) -> Done[int]:
    """Mark present everyone without a record that day; absences already taken stay."""
    from app.reports.gradebook_store import check_school_day

    if day.weekday() >= 5:
        raise GradebookEditError(_("{day} is a weekend day; attendance is taken on school days.").format(day=day.isoformat()))
    with ws.session() as s:
        check_school_day(s, day)
        taken = set(s.scalars(select(AttendanceRecord.student_id).where(
            AttendanceRecord.student_id.in_(student_ids), AttendanceRecord.section_id.is_(None),
            AttendanceRecord.date == day)))
        marked = [sid for sid in student_ids if sid not in taken]
        for sid in marked:
            s.add(AttendanceRecord(student_id=sid, section_id=None, date=day, status="present"))
        if marked:
            audit.record(s, actor, "attendance.all_present", "attendance", day.isoformat(),
                         day=day.isoformat(), students=marked, kept=len(taken))
    return Done(len(marked), Changes.GRADEBOOK if marked else Changes.NONE)
