"""The gradebook's use cases for the app and the command line (no Qt).

Every edit is one transaction with its audit entry (``app.store.audit.record``), so the
audit log says who changed which grade from what to what, and returns a
``Done(value, Changes.GRADEBOOK)`` for the app's operation runner. Reads return plain rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _, normalize_language
from app.reports.comments import BankPhrase
from app.reports.data import SectionData, load_sections
from app.reports.gradebook import Mark
from app.store import Workspace, audit
from app.store.models import (
    Assignment,
    AssignmentCategory,
    AttendanceRecord,
    Course,
    Enrollment,
    Score,
    Section,
    Student,
    Term,
)
from app.store.models.exams import Exam
from app.store.models.gradebook import CommentBankEntry, StudentTermComment

ATTENDANCE_STATUSES = ("present", "absent", "tardy", "excused")
FLAG_KEYS = {"M": "missing", "L": "late", "X": "excused", "I": "incomplete"}


class CellError(UserFacingError, ValueError):
    """Text typed into a grade cell that is neither a score nor a flag."""


class DepartedStudentError(UserFacingError):
    """A grade edit for a student who has left the class: their grades are kept, read-only."""

    exit_code = 2


class AttendanceError(UserFacingError):
    """Attendance for a day without school (a holiday, break or other day off)."""

    exit_code = 2


def check_school_day(session: Session, day: dt.date) -> None:
    """Refuse a day without school: attendance is neither taken nor counted on it."""
    from app.store.school_days import day_off_name

    name = day_off_name(session, day)
    if name is not None:
        raise AttendanceError(_("{day} is a day without school ({name}); attendance is not taken on it.").format(
            day=day.isoformat(), name=name), fix=_("If there was school that day after all, delete the holiday in "
                                                 "Settings ▸ School year."))


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class StudentRow:
    id: int
    name: str  # "Family, First" for sorting the grid
    first_name: str
    pronouns: str
    local_id: str
    active: bool = True  # False: left the class; shown on request, read-only


@dataclass
class Grid:
    section: SectionData
    students: list[StudentRow]
    term_id: int | None
    marks: dict[int, dict[int, Mark]] = field(default_factory=dict)


def section_choices(session: Session) -> list[Choice]:
    courses = {c.id: c.title for c in session.scalars(select(Course))}
    out = []
    for s in session.scalars(select(Section).order_by(Section.period, Section.name)):
        title = courses.get(s.course_id or -1, "")
        label = s.name if not title or title in s.name else f"{s.name} ({title})"
        out.append(Choice(s.id, label + (f" · {s.code}" if s.code else "")))
    return out


def term_choices(session: Session) -> list[Choice]:
    return [Choice(t.id, t.name) for t in session.scalars(select(Term).order_by(Term.start_date, Term.id))]


def load_grid(session: Session, section_id: int, term_id: int | None, *,
              include_inactive: bool = False) -> Grid:
    """The class's grade grid: its current students (app.store.enrolled), or with
    ``include_inactive`` also those who left (their grades are kept)."""
    from app.store.enrolled import current_student_ids

    term = session.get(Term, term_id) if term_id else None
    found = load_sections(session, [section_id], term)
    if not found:
        # The class exists but sits in another term: show it without the term filter.
        found = load_sections(session, [section_id], None)
    sec = found[0]
    current = current_student_ids(session, section_id)
    ids = sec.student_ids if include_inactive else sorted(set(sec.student_ids) & current)
    students = list(session.scalars(select(Student).where(Student.id.in_(ids)))) if ids else []
    rows = sorted(
        (StudentRow(s.id, s.sort_name, s.first_name, s.pronouns, s.local_id, s.id in current) for s in students),
        key=lambda r: (not r.active, r.name.casefold()),  # those who left after the class
    )
    return Grid(sec, rows, term_id, sec.marks)


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def parse_cell(text: str, current: Mark | None = None) -> Mark:
    """What a teacher typed into a grade cell: '9', '9.5', '9,5', 'M', 'X', '8 L', 'I', ''.

    Letters are flags (M missing, L late, X excused, I incomplete); a number is the
    points. Typing a number clears 'missing' (the work came in) and keeps the other flags
    (late, excused, incomplete), which stay on screen next to the number; an empty cell
    clears all.
    """
    text = text.strip()
    if not text:
        return Mark()
    number = _NUMBER.search(text)
    letters = _NUMBER.sub("", text).replace(" ", "").upper()
    unknown = set(letters) - set(FLAG_KEYS)
    if unknown:
        raise CellError(_("'{text}' is not a score; type points, or M, L, X, I for a flag").format(text=text))
    points = float(number.group().replace(",", ".")) if number else (current.points if current else None)
    flags = {FLAG_KEYS[ch] for ch in letters}
    if number and not letters and current is not None:
        # A new score keeps 'late', 'excused' and 'incomplete' but the work is no longer missing.
        flags = {f for f in ("late", "excused", "incomplete") if getattr(current, f)}
    return Mark(
        points=None if "missing" in flags and not number else points,
        missing="missing" in flags,
        late="late" in flags,
        excused="excused" in flags,
        incomplete="incomplete" in flags,
    )


def toggle_flag(current: Mark | None, flag: str) -> Mark:
    if flag not in FLAG_KEYS.values():
        raise ValueError(f"unknown flag {flag!r}")
    base = current or Mark()
    turned_on = not getattr(base, flag)
    changed = dataclasses.replace(base, **{flag: turned_on})
    if flag == "missing" and turned_on:
        changed = dataclasses.replace(changed, points=None)
    return changed


def _mark_json(mark: Mark | None) -> dict[str, object] | None:
    if mark is None:
        return None
    return {k: v for k, v in vars(mark).items() if v not in (None, False)}


def _write_mark(session: Session, assignment_id: int, student_id: int, mark: Mark) -> Mark | None:
    row = session.scalars(
        select(Score).where(Score.assignment_id == assignment_id, Score.student_id == student_id)
    ).first()
    before = None if row is None else Mark(row.points, row.missing, row.late, row.excused, row.incomplete)
    _note_hand_edit(session, assignment_id, student_id)
    if mark.is_blank and not mark.late:
        if row is not None:
            session.delete(row)
        return before
    if row is None:
        row = Score(assignment_id=assignment_id, student_id=student_id)
        session.add(row)
    row.points, row.missing, row.late = mark.points, mark.missing, mark.late
    row.excused, row.incomplete = mark.excused, mark.incomplete
    return before


def refuse_departed(session: Session, cells: list[tuple[int, int]]) -> None:
    """Refuse any (assignment, student) whose student was enrolled in the assignment's class
    and is no longer current there (app.store.enrolled): a departed student's grades are
    history, kept as they were (the app greys them; typing, paste, undo and the command line
    are refused here, in the one rule they all use). A student never enrolled in the class is
    not "departed" and is not refused here."""
    if not cells:
        return
    from app.store.enrolled import current_student_ids

    section_of: dict[int, int | None] = {
        a: sec for a, sec in session.execute(select(Assignment.id, Assignment.section_id)
                                             .where(Assignment.id.in_({a for a, _st in cells})))}
    departed: dict[int, set[int]] = {}  # per class: enrolled once, not current now
    for assignment_id, student_id in cells:
        section_id = section_of.get(assignment_id)
        if section_id is None:
            continue
        if section_id not in departed:
            ever = set(session.scalars(select(Enrollment.student_id).where(Enrollment.section_id == section_id)))
            departed[section_id] = ever - current_student_ids(session, section_id)
        if student_id in departed[section_id]:
            student = session.get(Student, student_id)
            name = student.display_name if student is not None else str(student_id)
            raise DepartedStudentError(
                _("{student} has left this class; their grades are kept as they were and cannot be changed.").format(student=name),
                fix=_("If the student is back, import the roster again with them listed."))


def _note_hand_edit(session: Session, assignment_id: int, student_id: int) -> None:
    """A cell of an exam's column edited by hand is the teacher's: the exam never writes it again."""
    for exam in session.scalars(select(Exam).where(Exam.assignment_id == assignment_id)):
        exam.note_hand_edit(student_id)


def save_mark(ws: Workspace, actor: str, assignment_id: int, student_id: int, mark: Mark) -> Done[None]:
    """One grade edit: one transaction, one audit entry with before and after."""
    with ws.session() as s:
        refuse_departed(s, [(assignment_id, student_id)])
        before = _write_mark(s, assignment_id, student_id, mark)
        audit.record(s, actor, "grade.set", "score", f"{assignment_id}:{student_id}",
                     assignment_id=assignment_id, student_id=student_id,
                     before=_mark_json(before), after=_mark_json(mark))
    return Done(None, Changes.GRADEBOOK)


def save_marks(ws: Workspace, actor: str, changes: list[tuple[int, int, Mark]], reason: str = "paste") -> Done[None]:
    """Several edits (a pasted column) together: all saved or none, one audit entry."""
    if not changes:
        return Done(None)
    with ws.session() as s:
        refuse_departed(s, [(a, st) for a, st, _m in changes])
        log = []
        for assignment_id, student_id, mark in changes:
            before = _write_mark(s, assignment_id, student_id, mark)
            log.append({"assignment_id": assignment_id, "student_id": student_id,
                        "before": _mark_json(before), "after": _mark_json(mark)})
        audit.record(s, actor, f"grade.{reason}", "score", f"{len(changes)} scores", changes=log)
    return Done(None, Changes.GRADEBOOK)


def add_assignment(
    ws: Workspace, actor: str, section_id: int, title: str, points_possible: float,
    category_id: int | None, due_date: dt.date | None, term_id: int | None,
    extra_credit: bool = False,
) -> Done[int]:
    if not title.strip():
        raise ValueError("an assignment needs a title")
    if points_possible < 0:
        raise ValueError("points possible cannot be negative")
    with ws.session() as s:
        a = Assignment(section_id=section_id, title=title.strip(), points_possible=points_possible,
                       category_id=category_id, due_date=due_date, term_id=term_id,
                       extra_credit=extra_credit, origin="manual")
        s.add(a)
        s.flush()
        audit.record(s, actor, "assignment.add", "assignment", a.id, title=a.title,
                     points_possible=points_possible, section_id=section_id)
        return Done(a.id, Changes.GRADEBOOK)


def update_assignment(ws: Workspace, actor: str, assignment_id: int, **changes: object) -> Done[None]:
    allowed = {"title", "points_possible", "category_id", "due_date", "extra_credit", "term_id"}
    with ws.session() as s:
        a = s.get(Assignment, assignment_id)
        if a is None:
            raise ValueError("that assignment no longer exists")
        before = {}
        for key, value in changes.items():
            if key not in allowed:
                raise ValueError(f"cannot change {key}")
            before[key] = getattr(a, key)
            setattr(a, key, value)
        audit.record(s, actor, "assignment.edit", "assignment", assignment_id, title=a.title,
                     before={k: str(v) for k, v in before.items()}, after={k: str(v) for k, v in changes.items()})
    return Done(None, Changes.GRADEBOOK)


def save_category(
    ws: Workspace, actor: str, section_id: int, category_id: int | None, name: str, weight: float, drop_lowest: int
) -> Done[int]:
    if not name.strip():
        raise ValueError("a category needs a name")
    with ws.session() as s:
        cat = s.get(AssignmentCategory, category_id) if category_id else None
        if cat is None:
            cat = AssignmentCategory(section_id=section_id)
            s.add(cat)
        cat.name, cat.weight, cat.drop_lowest = name.strip(), float(weight), int(drop_lowest)
        s.flush()
        audit.record(s, actor, "category.save", "assignment_category", cat.id,
                     name=cat.name, weight=cat.weight, drop_lowest=cat.drop_lowest)
        return Done(cat.id, Changes.GRADEBOOK)


def save_class_setup(ws: Workspace, actor: str, section_id: int,
                     categories: list[tuple[int | None, str, float, int]], policy: dict[str, object]) -> Done[None]:
    """The Categories dialog's result at once: each (id or None, name, weight, drop lowest) and
    the grading policy, in one transaction (one notice), each with its audit entry."""
    if any(not name.strip() for _id, name, _weight, _drop in categories):
        raise CellError(_("A category needs a name."))
    with ws.session() as s:
        for cat_id, name, weight, drop in categories:
            cat = s.get(AssignmentCategory, cat_id) if cat_id else None
            if cat is None:
                cat = AssignmentCategory(section_id=section_id)
                s.add(cat)
            cat.name, cat.weight, cat.drop_lowest = name.strip(), float(weight), int(drop)
            s.flush()
            audit.record(s, actor, "category.save", "assignment_category", cat.id,
                         name=cat.name, weight=cat.weight, drop_lowest=cat.drop_lowest)
        sec = s.get(Section, section_id)
        if sec is None:
            raise CellError(_("That class no longer exists."))
        before = dict(sec.policy or {})
        sec.policy = dict(policy)
        audit.record(s, actor, "policy.save", "section", section_id, before=before, after=dict(policy))
    return Done(None, Changes.GRADEBOOK)


def save_policy(ws: Workspace, actor: str, section_id: int, policy: dict[str, object]) -> Done[None]:
    with ws.session() as s:
        sec = s.get(Section, section_id)
        if sec is None:
            raise ValueError("that class no longer exists")
        before = dict(sec.policy or {})
        sec.policy = dict(policy)
        audit.record(s, actor, "policy.save", "section", section_id, before=before, after=dict(policy))
    return Done(None, Changes.GRADEBOOK)


# --- attendance ---------------------------------------------------------------------


def load_attendance(
    session: Session, student_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[dt.date, str]]:
    """Daily attendance (not tied to a class) for these students between two dates."""
    out: dict[int, dict[dt.date, str]] = {sid: {} for sid in student_ids}
    if not student_ids:
        return out
    rows = session.execute(
        select(AttendanceRecord.student_id, AttendanceRecord.date, AttendanceRecord.status).where(
            AttendanceRecord.student_id.in_(student_ids), AttendanceRecord.section_id.is_(None),
            AttendanceRecord.date >= start, AttendanceRecord.date <= end,
        )
    )
    for sid, day, status in rows:
        out[sid][day] = status
    return out


def attendance_totals(days: dict[dt.date, str], off: dict[dt.date, str] | set[dt.date] | None = None) -> dict[str, int]:
    """Days per status; a mark on a day off (``off``: holidays, breaks) is not counted."""
    totals = dict.fromkeys(ATTENDANCE_STATUSES, 0)
    for day, status in days.items():
        if off is None or day not in off:
            totals[status] = totals.get(status, 0) + 1
    return totals


def save_attendance(ws: Workspace, actor: str, student_id: int, day: dt.date, status: str | None) -> Done[None]:
    """Set (or clear, with None) one student's daily attendance on one day."""
    if status is not None and status not in ATTENDANCE_STATUSES:
        raise ValueError(f"attendance is one of {', '.join(ATTENDANCE_STATUSES)}")
    with ws.session() as s:
        if status is not None:
            check_school_day(s, day)  # clearing a mark stays possible on any day
        row = s.scalars(select(AttendanceRecord).where(
            AttendanceRecord.student_id == student_id, AttendanceRecord.section_id.is_(None),
            AttendanceRecord.date == day)).first()
        before = row.status if row else None
        if status is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(AttendanceRecord(student_id=student_id, section_id=None, date=day, status=status))
        else:
            row.status = status
        audit.record(s, actor, "attendance.set", "attendance", f"{student_id}:{day.isoformat()}",
                     before=before, after=status)
    return Done(None, Changes.GRADEBOOK)


# --- comments -----------------------------------------------------------------------


def comment_bank(session: Session, language: str | None = None) -> list[CommentBankEntry]:
    """The bank, or only its phrases written in ``language`` ("es", "es-MX")."""
    query = select(CommentBankEntry).order_by(CommentBankEntry.category, CommentBankEntry.id)
    rows = list(session.scalars(query))
    if language is None:
        return rows
    lang = normalize_language(language)
    return [r for r in rows if normalize_language(r.language) == lang]


def bank_phrases(session: Session) -> list[BankPhrase]:
    """The whole bank as plain phrases, for building reports in each family's language."""
    return [BankPhrase(r.text, r.language, r.phrase_key, r.category) for r in comment_bank(session)]


def ensure_default_bank(ws: Workspace) -> Done[int]:
    """A new workspace starts with a few phrases, in every language we ship them in.

    A workspace made before phrases had languages gets its shipped English phrases keyed
    and their Spanish versions added; retired default phrases are brought up to date; a
    phrase a teacher edited is never touched. The value is how many phrases were added or
    updated; most calls find the bank as it should be and write nothing.
    """
    with ws.read() as s:
        if not _default_bank_updates(list(s.scalars(select(CommentBankEntry))), apply=None):
            return Done(0)
    with ws.session() as s:
        changed = _default_bank_updates(list(s.scalars(select(CommentBankEntry))), apply=s)
    return Done(changed, Changes.GRADEBOOK if changed else Changes.NONE)


def _default_bank_updates(rows: list[CommentBankEntry], *, apply: Session | None) -> int:
    """How many default phrases need adding, keying or updating; with ``apply``, do it."""
    from app.reports.comments import RETIRED_DEFAULTS

    changed = 0
    for entry in rows:
        if entry.text in RETIRED_DEFAULTS:
            changed += 1
            if apply is not None:
                entry.text = RETIRED_DEFAULTS[entry.text]
    return changed + _missing_default_phrases(rows, apply=apply)


def _missing_default_phrases(rows: list[CommentBankEntry], *, apply: Session | None) -> int:
    from app.reports.comments import DEFAULT_PHRASES

    changed = 0
    have = {(normalize_language(r.language), r.phrase_key) for r in rows if r.phrase_key}
    texts = {(normalize_language(r.language), r.text): r for r in rows}
    present = {normalize_language(r.language) for r in rows}
    for key, versions in DEFAULT_PHRASES.items():
        for lang, (category, text) in versions.items():
            if (lang, key) in have:
                continue
            row = texts.get((lang, text))
            if row is not None and row.phrase_key is None:
                changed += 1
                if apply is not None:
                    row.phrase_key = key
            elif row is None and lang not in present:  # never re-add a phrase a teacher deleted
                changed += 1
                if apply is not None:
                    apply.add(CommentBankEntry(category=category, text=text, language=lang, phrase_key=key))
    return changed


def add_bank_phrase(
    ws: Workspace, actor: str, category: str, text: str, *, language: str = "en",
    translation_of: int | None = None,
) -> Done[int]:
    """Add a phrase in ``language``; ``translation_of`` names the phrase it translates."""
    if not text.strip():
        raise CellError(_("A phrase needs some text."))
    with ws.session() as s:
        key = None
        if translation_of is not None:
            original = s.get(CommentBankEntry, translation_of)
            if original is None:
                raise CellError(_("That phrase is no longer in the comment bank."))
            key = original.phrase_key or f"phrase.{original.id}"
            original.phrase_key = key
        entry = CommentBankEntry(category=category.strip(), text=text.strip(),
                                 language=normalize_language(language), phrase_key=key)
        s.add(entry)
        s.flush()
        audit.record(s, actor, "comment_bank.add", "comment_bank", entry.id, language=entry.language)
        return Done(entry.id, Changes.GRADEBOOK)


def term_comment(session: Session, student_id: int, section_id: int, term_id: int | None) -> str:
    row = session.scalars(select(StudentTermComment).where(
        StudentTermComment.student_id == student_id, StudentTermComment.section_id == section_id,
        StudentTermComment.term_id.is_(None) if term_id is None else StudentTermComment.term_id == term_id,
    )).first()
    return row.text if row else ""


def save_term_comment(
    ws: Workspace, actor: str, student_id: int, section_id: int, term_id: int | None, text: str
) -> Done[None]:
    with ws.session() as s:
        row = s.scalars(select(StudentTermComment).where(
            StudentTermComment.student_id == student_id, StudentTermComment.section_id == section_id,
            StudentTermComment.term_id.is_(None) if term_id is None else StudentTermComment.term_id == term_id,
        )).first()
        before = row.text if row else ""
        if row is None:
            row = StudentTermComment(student_id=student_id, section_id=section_id, term_id=term_id)
            s.add(row)
        row.text = text
        audit.record(s, actor, "comment.set", "student_term_comment", f"{student_id}:{section_id}",
                     term_id=term_id, changed=before != text)
    return Done(None, Changes.GRADEBOOK)


# --- finding what a person typed (the command line) ---------------------------------------


def find_assignment(session: Session, section_id: int, title: str) -> Assignment:
    """The class's assignment titled ``title`` (any case or spacing); a message listing them otherwise."""
    from app.store.lookup import LookupFailed, normalized

    rows = list(session.scalars(select(Assignment).where(Assignment.section_id == section_id)
                                .order_by(Assignment.due_date, Assignment.id)))
    found = [a for a in rows if normalized(a.title) == normalized(title)]
    if len(found) == 1:
        return found[0]
    names = "; ".join(f"'{a.title}'" for a in rows[:12]) or "none yet"
    if found:
        raise LookupFailed(_("Several assignments are titled '{title}'.").format(title=title), fix=_("Rename one in the Gradebook."))
    raise LookupFailed(_("The class has no assignment '{title}'. Assignments: {names}.").format(title=title, names=names))


def find_student_in(session: Session, section_id: int, text: str) -> Student:
    """A student of the class by student ID (leading zeros optional) or full name."""
    from app.store.lookup import LookupFailed, normalized
    from app.store.models import Enrollment

    students = list(session.scalars(select(Student).join(Enrollment, Enrollment.student_id == Student.id)
                                    .where(Enrollment.section_id == section_id)))
    typed = text.strip()
    found = [st for st in students if st.local_id == typed] or [
        st for st in students if st.local_id.lstrip("0") == typed.lstrip("0") and typed.lstrip("0")]
    if not found:
        found = [st for st in students if normalized(typed) in {normalized(st.display_name), normalized(st.sort_name)}]
    if len(found) == 1:
        return found[0]
    if found:
        raise LookupFailed(_("Several students match '{typed}'.").format(typed=typed), fix=_("Use the student ID."))
    raise LookupFailed(_("No student '{typed}' in this class.").format(typed=typed), fix=_("Use the student ID as on the roster."))


def find_category(session: Session, section_id: int, name: str) -> AssignmentCategory:
    from app.store.lookup import LookupFailed, normalized

    cats = list(session.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id == section_id)))
    found = [c for c in cats if normalized(c.name) == normalized(name)]
    if found:
        return found[0]
    names = ", ".join(f"'{c.name}'" for c in cats) or "none"
    raise LookupFailed(_("The class has no category '{name}' (categories: {names}).").format(name=name, names=names),
                       fix=_("Add it in the Gradebook's Categories first."))
