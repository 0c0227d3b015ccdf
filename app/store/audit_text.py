"""The audit log as sentences a person can read.

``describe_entries`` turns stored entries (actions, ids and JSON details) into lines such
as "mtorres changed José Hernández's answer to Q9 on Unit 3 test from B to D." Names are
looked up in the workspace in one query per kind, so a page of 200 entries costs a few
queries. An action this module does not know still reads as a sentence built from its
name; nothing is ever hidden.

Sentences are wrapped in ``_()`` so the message extractor finds them for translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import l10n
from app.core.code_labels import attendance_label, grade_change_label, language_label
from app.core.i18n import N_, _, get_language
from app.core.stored_text import localized
from app.store.models import Assignment, AuditEntry, Student


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor: str
    action: str
    sentence: str


@dataclass
class _Names:
    students: Mapping[int, str]
    assignments: Mapping[int, str]

    def student(self, value: Any) -> str:
        try:
            return self.students.get(int(value), _("a deleted student"))
        except (TypeError, ValueError):
            return _("a student")

    def assignment(self, value: Any) -> str:
        try:
            return self.assignments.get(int(value), _("a deleted assignment"))
        except (TypeError, ValueError):
            return _("an assignment")


def _possessive(name: str) -> str:
    """"José's" in English; other languages say whose in their own sentence ({student} is the name)."""
    if get_language() != "en":
        return name
    return name + ("'" if name.endswith("s") else "'s")


def _marked(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("marked")
    if not value:
        return _("blank")
    if isinstance(value, list | tuple):
        return " + ".join(str(v) for v in value)
    return str(value)


def _mark(value: Any) -> str:
    """A gradebook cell as stored in an audit entry: {"points": 9.5, "flag": "late"}."""
    if not value:
        return _("empty")
    if not isinstance(value, Mapping):
        return str(value)
    parts = []
    if value.get("points") is not None:
        parts.append(f"{float(value['points']):g}")
    flags = {"missing": _("missing"), "late": _("late"), "excused": _("excused"),
             "incomplete": _("incomplete")}
    parts.extend(label for key, label in flags.items() if value.get(key))
    return " ".join(parts) or _("empty")


def _ids(entries: Iterable[AuditEntry]) -> tuple[set[int], set[int]]:
    students: set[int] = set()
    assignments: set[int] = set()

    def take(details: Mapping[str, Any]) -> None:
        for key, bucket in (("student_id", students), ("assignment_id", assignments)):
            value = details.get(key)
            if isinstance(value, int):
                bucket.add(value)
            elif isinstance(value, str) and value.isdigit():
                bucket.add(int(value))

    for e in entries:
        details = e.details or {}
        take(details)
        for change in details.get("changes") or []:
            if isinstance(change, Mapping):
                take(change)
        chosen = details.get("chosen")
        if isinstance(chosen, Mapping):
            take(chosen)
    return students, assignments


def _load_names(session: Session, entries: list[AuditEntry]) -> _Names:
    student_ids, assignment_ids = _ids(entries)
    students: dict[int, str] = {}
    if student_ids:
        for sid, given, family in session.execute(
            select(Student.id, Student.given_name, Student.family_name).where(Student.id.in_(student_ids))
        ):
            students[sid] = f"{given} {family}".strip()
    assignments: dict[int, str] = {}
    if assignment_ids:
        for aid, title in session.execute(
            select(Assignment.id, Assignment.title).where(Assignment.id.in_(assignment_ids))
        ):
            assignments[aid] = title
    return _Names(students, assignments)


Describer = Callable[[AuditEntry, Mapping[str, Any], _Names], str]


def _review_answer(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    target = str(d.get("target", "")).upper()
    return _("{actor} changed {student} answer to {question} on {exam} from {before} to {after}.").format(
        actor=e.actor, student=_possessive(n.student(d.get("student_id"))), question=target,
        exam=d.get("exam", _("an exam")), before=_marked(d.get("engine")), after=_marked(d.get("chosen")))


def _review_version(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    engine = d.get("engine") or {}
    chosen = d.get("chosen") or {}
    return _("{actor} set the version of {student} sheet for {exam} to {after} (read as {before}).").format(
        actor=e.actor, student=_possessive(n.student(d.get("student_id"))), exam=d.get("exam", _("an exam")),
        after=chosen.get("version", "?"), before=engine.get("version") or _("unreadable"))


def _review_student(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    chosen = d.get("chosen") or {}
    return _("{actor} matched a sheet of {exam} to {student}.").format(
        actor=e.actor, exam=d.get("exam", _("an exam")), student=n.student(chosen.get("student_id")))


def _review_discard(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    who = d.get("student_id")
    sheet = _("{student} sheet").format(student=_possessive(n.student(who))) if who else _("an unmatched sheet")
    return _("{actor} set aside {sheet} of {exam}.").format(actor=e.actor, sheet=sheet, exam=d.get("exam", _("an exam")))


def _grade_set(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    return _("{actor} changed {student} score on {assignment} from {before} to {after}.").format(
        actor=e.actor, student=_possessive(n.student(d.get("student_id"))),
        assignment=n.assignment(d.get("assignment_id")), before=_mark(d.get("before")), after=_mark(d.get("after")))


def _grade_many(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    changes = [c for c in d.get("changes") or [] if isinstance(c, Mapping)]
    titles = sorted({n.assignment(c.get("assignment_id")) for c in changes})
    return _("{actor} changed {count} scores at once ({how}) on {assignments}.").format(
        actor=e.actor, count=len(changes), how=grade_change_label(e.action.partition(".")[2] or "set"),
        assignments=", ".join(titles) or _("an assignment"))


def _grade_note(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    template = ("{actor} removed the note on {student} score on {assignment}." if not d.get("after") else
                "{actor} wrote a note on {student} score on {assignment}.")
    return _(template).format(actor=e.actor, student=_possessive(n.student(d.get("student_id"))),
                              assignment=n.assignment(d.get("assignment_id")))


def _grade_undo(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    changes = [c for c in d.get("changes") or [] if isinstance(c, Mapping)]
    if len(changes) == 1:
        c = changes[0]
        return _("{actor} undid an edit: {student} score on {assignment} is back to {after} (was {before}).").format(
            actor=e.actor, student=_possessive(n.student(c.get("student_id"))),
            assignment=n.assignment(c.get("assignment_id")), after=_mark(c.get("after")), before=_mark(c.get("before")))
    titles = sorted({n.assignment(c.get("assignment_id")) for c in changes})
    return _("{actor} undid an edit of {count} scores on {assignments}.").format(
        actor=e.actor, count=len(changes), assignments=", ".join(titles) or _("an assignment"))


def _all_present(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    return _("{actor} marked {count} students present on {day}.").format(
        actor=e.actor, count=len(d.get("students") or []), day=d.get("day", ""))


def _backup_folder(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    if not d.get("after"):
        return _("{actor} set backups to go beside the workspace again.").format(actor=e.actor)
    return _("{actor} chose {folder} for backups.").format(actor=e.actor, folder=d.get("after"))


def _simple(template: str, *keys: str) -> Describer:
    def describe(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
        values = {key: d.get(key, "") for key in keys}
        return _(template).format(actor=e.actor, **values)

    return describe


def _day(value: Any) -> str:
    """A date stored as ISO text, as the reader's language writes it; anything else as stored."""
    try:
        return l10n.date_medium(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def _dated(template: str, *keys: str) -> Describer:
    """Like ``_simple``, with ``start``/``end``/``date`` shown as the reader's dates."""
    def describe(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
        values = {key: _day(d.get(key)) if key in ("start", "end", "date") else d.get(key, "") for key in keys}
        return _(template).format(actor=e.actor, **values)

    return describe


def _exam_key(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    # The note is stored as a catalog message in English ("drop question 3"): shown in the reader's.
    return _("{actor} changed the answer key ({note}).").format(actor=e.actor, note=localized(d.get("note")))


def _interpreter(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    return _("{actor} added the interpreter {name} ({language}).").format(
        actor=e.actor, name=d.get("name", ""), language=language_label(d.get("language")))


def _family_window(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    if not d.get("earliest") and not d.get("latest"):
        return _("{actor} cleared the hours a family can come to conferences.").format(actor=e.actor)
    return _("{actor} set the hours a family can come to conferences: {earliest}–{latest}.").format(
        actor=e.actor, earliest=d.get("earliest") or "…", latest=d.get("latest") or "…")


def _enroll(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    return _("{actor} enrolled {student} in a class.").format(actor=e.actor, student=n.student(e.entity_id))


def _attendance(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    day = d.get("day") or (e.entity_id.partition(":")[2] if ":" in e.entity_id else "")
    return _("{actor} recorded {student} as {status} on {day}.").format(
        actor=e.actor, student=n.student(d.get("student_id")), status=attendance_label(d.get("after") or d.get("status") or "?"),
        day=day)


# Whole sentences per (action, entity): Spanish and others agree articles and verbs with
# the thing changed, so the parts are never glued.
_ROSTER_SENTENCES = {
    ("add", "student"): N_("{actor} added the student {name}."),
    ("edit", "student"): N_("{actor} edited the student {name}."),
    ("delete", "student"): N_("{actor} deleted the student {name}."),
    ("add", "section"): N_("{actor} added the class {name}."),
    ("edit", "section"): N_("{actor} edited the class {name}."),
    ("delete", "section"): N_("{actor} deleted the class {name}."),
    ("add", "school"): N_("{actor} added the school details."),
    ("edit", "school"): N_("{actor} edited the school details."),
    ("delete", "school"): N_("{actor} deleted the school details."),
}


def _roster_change(e: AuditEntry, d: Mapping[str, Any], n: _Names) -> str:
    sentence = _ROSTER_SENTENCES.get((e.action, e.entity))
    if sentence is None:
        return _fallback(e)
    return _(sentence).format(actor=e.actor, name=d.get("name") or "").replace(" .", ".")


DESCRIBERS: dict[str, Describer] = {
    "omr.review.answer": _review_answer,
    "omr.review.version": _review_version,
    "omr.review.student": _review_student,
    "omr.review.discard": _review_discard,
    "grade.set": _grade_set,
    "grade.paste": _grade_many,
    "grade.note": _grade_note,
    "grade.undo": _grade_undo,
    "attendance.all_present": _all_present,
    "settings.backup_folder": _backup_folder,
    "exam.scan": _simple(N_("{actor} added {pages} scanned page(s) to an exam ({skipped} already there)."),
                         "pages", "skipped"),
    "exam.create": _simple(N_("{actor} created the exam {title}."), "title"),
    "exam.update": _simple(N_("{actor} changed the exam {title}."), "title"),
    "exam.delete": _simple(N_("{actor} deleted the exam {title}."), "title"),
    "exam.key": _exam_key,
    "exam.template": _simple(N_("{actor} set the sheet template to {name} ({questions} questions)."), "name", "questions"),
    "exam.publish": _simple(N_("{actor} put the exam's scores in the gradebook.")),
    "assignment.add": _simple(N_("{actor} added the assignment {title}."), "title"),
    "assignment.edit": _simple(N_("{actor} edited the assignment {title}."), "title"),
    "category.save": _simple(N_("{actor} saved the category {name}."), "name"),
    "policy.save": _simple(N_("{actor} changed a class's grading policy.")),
    "attendance.set": _attendance,
    "comment.set": _simple(N_("{actor} wrote a report comment.")),
    "comment_bank.add": _simple(N_("{actor} added a phrase to the comment bank.")),
    "calendar.save_event": _simple(N_("{actor} saved the calendar event {title}."), "title"),
    "calendar.skip_date": _simple(N_("{actor} cancelled one date ({date}) of a calendar event."), "date"),
    "conferences.schedule": _simple(N_("{actor} scheduled conferences.")),
    "conferences.move": _simple(N_("{actor} moved a conference.")),
    "conferences.move_day": _simple(N_("{actor} moved a conference day.")),
    "roster.import": _simple(N_("{actor} imported a roster.")),
    "workspace.passphrase_add": _simple(N_("{actor} added a passphrase that unlocks the workspace.")),
    "workspace.passphrase_change": _simple(N_("{actor} changed the workspace's passphrase.")),
    "undo-delete": _simple(N_("{actor} undid the deletion of {name}."), "name"),
    "calendar.delete_event": _simple(N_("{actor} deleted the calendar event {title}."), "title"),
    "calendar.import": _simple(N_("{actor} imported the calendar file {file}."), "file"),
    "conferences.add_day": _dated(N_("{actor} added the conference day {label} on {date}."), "label", "date"),
    "conferences.add_interpreter": _interpreter,
    "conferences.delete_day": _simple(N_("{actor} deleted the conference day {label}."), "label"),
    "conferences.family_window": _family_window,
    "conferences.invite_all": _simple(N_("{actor} invited every family to conferences ({added} new requests)."),
                                      "added"),
    "conferences.teacher_away": _simple(N_("{actor} marked a teacher away during conferences, {start}–{end}."),
                                        "start", "end"),
    "enroll": _enroll,
    "school.add_holiday": _dated(N_("{actor} added the day off {name} ({start} to {end})."), "name", "start", "end"),
    "school.add_term": _dated(N_("{actor} added the term {name} ({start} to {end})."), "name", "start", "end"),
    "school.bells": _simple(N_("{actor} set the bell times ({periods} class periods)."), "periods"),
    "school.delete_holiday": _simple(N_("{actor} deleted the day off {name}."), "name"),
    "school.delete_term": _simple(N_("{actor} deleted the term {name}."), "name"),
    "school.year": _dated(N_("{actor} set the school year {name} ({start} to {end})."), "name", "start", "end"),
    "timetable.add": _simple(N_("{actor} added the timetable {name} ({activities} activities)."),
                             "name", "activities"),
    "timetable.delete": _simple(N_("{actor} deleted the timetable {name}."), "name"),
    "timetable.save": _simple(N_("{actor} saved a timetable.")),
    "workspace.make_real": _simple(N_("{actor} made this workspace a real one (the demo's invented people removed).")),
    "add": _roster_change,
    "edit": _roster_change,
    "delete": _roster_change,
}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fallback(e: AuditEntry) -> str:
    words = e.action.replace(".", " ").replace("_", " ").replace("-", " ")
    target = f"{e.entity.replace('_', ' ')} {e.entity_id}".strip()
    return _("{actor}: {what} ({target}).").format(actor=e.actor, what=words, target=target)


def describe(entry: AuditEntry, names: _Names) -> str:
    details = _Blank(entry.details or {})
    describer = DESCRIBERS.get(entry.action)
    if describer is None and entry.action.startswith("grade."):
        describer = _grade_many if "changes" in details else _grade_set
    if describer is None:
        return _fallback(entry)
    try:
        return describer(entry, details, names)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return _fallback(entry)  # an entry written by an older version: still shown


def describe_entries(session: Session, entries: Iterable[AuditEntry]) -> list[AuditLine]:
    """Entries (newest first, as :func:`app.store.audit.entries` gives them) as sentences."""
    rows = list(entries)
    names = _load_names(session, rows)
    return [AuditLine(e.id, e.at, e.actor, e.action, describe(e, names)) for e in rows]


def recent(session: Session, limit: int = 200, entity: str | None = None) -> list[AuditLine]:
    from app.store.audit import entries

    return describe_entries(session, entries(session, entity=entity, limit=limit))
