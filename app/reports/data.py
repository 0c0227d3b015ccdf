"""Read a workspace into plain report data: one ``StudentReport`` per student and language.

Everything is loaded in a handful of bulk queries (not per student), then computed with
the pure gradebook functions, so a school of 1,000 students loads in about a second. The
results are plain dataclasses that pickle cheaply to the PDF worker processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.i18n import available_languages, normalize_language
from app.reports.comments import BankPhrase, comment_for_language
from app.reports.gradebook import (
    AssignmentDef,
    CategoryDef,
    Mark,
    count_score,
    for_term,
    running_grades,
    student_grade,
    year_student_grade,
)
from app.reports.model import (
    AttendanceSummary,
    CategoryLine,
    ClassReport,
    MissingWork,
    SchoolInfo,
    StudentReport,
    WorkLine,
)
from app.reports.policy import GradingPolicy
from app.store.models import (
    Assignment,
    AssignmentCategory,
    AttendanceRecord,
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Score,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)
from app.store.models.gradebook import CommentBankEntry, StudentTermComment


class ReportSelectionError(UserFacingError, ValueError):
    """A --class or --term that matches nothing; the message says what exists."""


@dataclass
class SectionData:
    """One class's gradebook as plain data (also what the gradebook screen shows)."""

    id: int
    name: str
    code: str
    course_title: str
    teacher: str
    period: str
    room: str
    term_id: int | None
    policy: GradingPolicy
    categories: list[CategoryDef]
    assignments: list[AssignmentDef]
    student_ids: list[int]
    marks: dict[int, dict[int, Mark]] = field(default_factory=dict)  # student -> assignment -> mark

    @property
    def title(self) -> str:
        return self.course_title or self.name


def policy_from_section(raw: dict | None) -> GradingPolicy:  # type: ignore[type-arg]
    """The section's policy; tolerates the older ``missing_counts_as_zero`` flag."""
    data = dict(raw or {})
    if "missing_counts_as_zero" in data and "missing" not in data:
        data["missing"] = "zero" if data.pop("missing_counts_as_zero") else "exclude"
    try:
        return GradingPolicy.from_json(data)
    except (TypeError, ValueError):
        return GradingPolicy()


def find_term(session: Session, term: str | int | None) -> Term | None:
    if term is None or term == "":
        return None
    terms = list(session.scalars(select(Term).order_by(Term.start_date)))
    text = str(term).strip()
    for t in terms:
        if str(t.id) == text or t.name.casefold() == text.casefold() or (t.source_id or "") == text:
            return t
    names = ", ".join(f"'{t.name}'" for t in terms) or "none"
    raise ReportSelectionError(_("no term named '{text}' (terms in this workspace: {names})").format(text=text, names=names))


def find_sections(session: Session, cls: str | int | None) -> list[Section] | None:
    """The class named by ``cls`` (the shared resolver: name, code or id, any case or
    spacing), as a list; None when no class is given (all classes)."""
    if cls is None or cls == "":
        return None
    from app.store.lookup import LookupFailed, resolve_class

    try:
        return [resolve_class(session, cls)]
    except LookupFailed as exc:
        raise ReportSelectionError(exc.message, fix=exc.fix) from None


def _term_family(session: Session, term: Term) -> tuple[set[int], set[int]]:
    """(the term and the periods nested in it, the term and the terms it sits in)."""
    all_terms = list(session.scalars(select(Term)))
    children: dict[int | None, list[Term]] = defaultdict(list)
    by_id = {t.id: t for t in all_terms}
    for t in all_terms:
        children[t.parent_id].append(t)
    down, stack = {term.id}, [term.id]
    while stack:
        for child in children[stack.pop()]:
            down.add(child.id)
            stack.append(child.id)
    up, cur = {term.id}, term
    while cur.parent_id is not None and cur.parent_id in by_id:
        cur = by_id[cur.parent_id]
        up.add(cur.id)
    return down, up


def load_sections(
    session: Session,
    section_ids: Iterable[int] | None = None,
    term: Term | None = None,
    as_of: dt.date | None = None,
) -> list[SectionData]:
    """Classes with categories, assignments and marks; filtered to a term if given."""
    query = select(Section).order_by(Section.name)
    term_ids_down: set[int] | None = None
    if term is not None:
        term_ids_down, up = _term_family(session, term)
        query = query.where((Section.term_id.in_(term_ids_down | up)) | (Section.term_id.is_(None)))
    if section_ids is not None:
        query = query.where(Section.id.in_(list(section_ids)))
    sections = list(session.scalars(query))
    ids = [s.id for s in sections]
    if not ids:
        return []
    courses = {c.id: c.title for c in session.scalars(select(Course))}
    teachers: dict[int, list[str]] = defaultdict(list)
    for st_id, staff in session.execute(
        select(SectionTeacher.section_id, Staff).join(Staff, Staff.id == SectionTeacher.staff_id)
        .where(SectionTeacher.section_id.in_(ids)).order_by(SectionTeacher.role.desc())
    ):
        teachers[st_id].append(staff.display_name)
    cats: dict[int, list[CategoryDef]] = defaultdict(list)
    for c in session.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id.in_(ids))
                             .order_by(AssignmentCategory.id)):
        cats[c.section_id].append(CategoryDef(c.id, c.name, c.weight or 0.0, c.drop_lowest or 0))
    assigns: dict[int, list[AssignmentDef]] = defaultdict(list)
    for row in session.scalars(select(Assignment).where(Assignment.section_id.in_(ids))
                               .order_by(Assignment.due_date, Assignment.id)):
        assigns[row.section_id].append(AssignmentDef(
            row.id, row.title, row.points_possible, row.category_id, row.due_date, row.extra_credit,
            row.term_id, row.origin,
        ))
    students: dict[int, list[int]] = defaultdict(list)
    for sec_id, stu_id in session.execute(
        select(Enrollment.section_id, Enrollment.student_id).where(Enrollment.section_id.in_(ids))
    ):
        students[sec_id].append(stu_id)
    out: list[SectionData] = []
    by_assignment: dict[int, SectionData] = {}
    for s in sections:
        assignments = assigns[s.id]
        if term_ids_down is not None:
            assignments = for_term(assignments, term_ids_down)
        if as_of is not None:
            assignments = [a for a in assignments if a.due_date is None or a.due_date <= as_of]
        data = SectionData(
            id=s.id, name=s.name, code=s.code, course_title=courses.get(s.course_id or -1, ""),
            teacher=", ".join(teachers[s.id]), period=s.period, room=s.room, term_id=s.term_id,
            policy=policy_from_section(s.policy), categories=cats[s.id], assignments=assignments,
            student_ids=students[s.id],
        )
        out.append(data)
        for a in assignments:
            by_assignment[a.id] = data
    if by_assignment:
        rows = session.execute(
            select(Score.assignment_id, Score.student_id, Score.points, Score.missing, Score.late,
                   Score.excused, Score.incomplete)
            .join(Assignment, Assignment.id == Score.assignment_id)
            .where(Assignment.section_id.in_(ids))
        )
        for aid, sid, points, missing, late, excused, incomplete in rows:
            sec = by_assignment.get(aid)
            if sec is not None:
                sec.marks.setdefault(sid, {})[aid] = Mark(points, missing, late, excused, incomplete)
    return out


def class_report(
    sec: SectionData, student_id: int, comment: str = "", term_names: dict[int, str] | None = None
) -> ClassReport:
    """One class on one student's report. With ``term_names`` (a year-to-date report) a
    class that spans several terms gets its year grade: terms weighted, not points pooled."""
    marks = sec.marks.get(student_id, {})
    by_term: dict[int, float | None] = {}
    if term_names is not None:
        grade, by_term = year_student_grade(sec.assignments, sec.categories, marks, sec.policy)
    else:
        grade = student_grade(sec.assignments, sec.categories, marks, sec.policy)
    titles = {a.id: a for a in sec.assignments}
    lines = [
        CategoryLine(
            name=c.name, weight=c.weight if sec.policy.mode == "weighted" else 0.0,
            percent=c.percent, earned=c.earned, possible=c.possible, dropped=len(c.dropped),
            standards_mark=c.standards_mark, counts=c.counts,
        )
        for c in grade.categories
    ]
    trend = [] if sec.policy.standards_based else running_grades(
        sec.assignments, sec.categories, marks, sec.policy
    )
    cat_names = {c.id: c.name for c in sec.categories}
    dropped = {aid for c in grade.categories for aid in c.dropped}
    work = []
    for a in sec.assignments:
        mark = marks.get(a.id)
        if mark is None or mark.is_blank:
            continue
        counted = count_score(a, mark, sec.policy)
        work.append(WorkLine(
            title=a.title, category=cat_names.get(a.category_id or -1, ""), due_date=a.due_date,
            points=mark.points, possible=a.points_possible,
            counted_percent=(100.0 * counted.earned / a.points_possible
                             if counted is not None and a.points_possible else None),
            missing=mark.missing, late=mark.late, excused=mark.excused, incomplete=mark.incomplete,
            extra_credit=a.extra_credit, dropped=a.id in dropped,
        ))
    return ClassReport(
        scale=list(sec.policy.scale),
        term_grades=[((term_names or {}).get(t, str(t)), p) for t, p in by_term.items()],
        work=work,
        section_id=sec.id, name=sec.title, teacher=sec.teacher, period=sec.period, room=sec.room,
        percent=grade.percent, letter=grade.letter, standards_based=sec.policy.standards_based,
        standards_mark=grade.standards_mark, mode=sec.policy.mode, categories=lines, trend=trend,
        missing=[MissingWork(titles[i].title, titles[i].due_date, titles[i].points_possible) for i in grade.missing],
        comment=comment,
    )


def report_languages(tags: Iterable[str], choice: str, have: set[str] | None = None) -> list[str]:
    """The languages to print for one student: ``choice`` 'auto' = one per family language.

    A family language without a catalog falls back to English (the caller reports it).
    """
    if choice and choice != "auto":
        return [choice]
    if have is None:
        have = set(available_languages("reports"))
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        lang = normalize_language(tag)
        chosen = tag if lang in have else "en"
        key = normalize_language(chosen)
        if key not in seen:
            seen.add(key)
            out.append(chosen)
    return out or ["en"]


@dataclass(frozen=True)
class UntranslatedComment:
    """A comment-bank phrase left out of a family's report: it has no version in their language."""

    student: str
    class_name: str
    language: str
    phrase: str

    def message(self) -> str:
        return _("{student}, {class_name}: the comment-bank phrase \"{phrase}\" has no {language} version, so "
                 "it was left out of that report; add its translation in the comment bank.").format(
            student=self.student, class_name=self.class_name, phrase=self.phrase, language=self.language)


@dataclass
class ReportSet:
    reports: list[StudentReport]
    fallbacks: dict[str, int] = field(default_factory=dict)  # family language -> count printed in English
    untranslated_comments: list[UntranslatedComment] = field(default_factory=list)


def load_reports(
    session: Session,
    *,
    term: str | int | None = None,
    cls: str | int | None = None,
    language: str = "auto",
    issued: dt.date | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> ReportSet:
    """Progress reports for a term (or to date), a class or the whole school."""
    issued = issued or dt.date.today()
    term_obj = find_term(session, term)
    chosen = find_sections(session, cls)
    as_of = None if term_obj is not None else issued
    sections = load_sections(
        session, [s.id for s in chosen] if chosen is not None else None, term_obj, as_of=as_of
    )
    if progress:
        progress(0.3, "")
    school = session.scalars(select(School).order_by(School.id)).first()
    info = SchoolInfo(school.name, school.address, school.phone, school.logo_png) if school else SchoolInfo("")
    year = ""
    if term_obj is not None:
        sy = session.get(SchoolYear, term_obj.school_year_id)
        year = sy.name if sy else ""
    else:
        sy = session.scalars(select(SchoolYear).where(SchoolYear.start_date <= issued)
                             .order_by(SchoolYear.start_date.desc())).first()
        year = sy.name if sy else ""

    student_ids = sorted({sid for sec in sections for sid in sec.student_ids})
    students = {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(student_ids)))} if student_ids else {}
    guardians: dict[int, list[Guardian]] = defaultdict(list)
    if student_ids:
        for link, g in session.execute(
            select(StudentGuardian, Guardian).join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id.in_(student_ids), StudentGuardian.receives_reports.is_(True))
            .order_by(StudentGuardian.is_primary.desc(), Guardian.id)
        ):
            guardians[link.student_id].append(g)
    comments: dict[tuple[int, int], str] = {}
    comment_query = select(StudentTermComment)
    if term_obj is not None:
        comment_query = comment_query.where(
            (StudentTermComment.term_id == term_obj.id) | StudentTermComment.term_id.is_(None))
    for c in session.scalars(comment_query.order_by(StudentTermComment.term_id.is_(None))):
        comments.setdefault((c.student_id, c.section_id), c.text)

    start = term_obj.start_date if term_obj else (sy.start_date if sy else None)
    end = term_obj.end_date if term_obj else issued
    attendance = _attendance(session, student_ids, start, min(end, issued) if end else issued,
                             [s.id for s in sections] if chosen is not None else None)

    year_terms = None if term_obj is not None else {t.id: t.name for t in session.scalars(select(Term))}
    by_student: dict[int, list[SectionData]] = defaultdict(list)
    for sec in sections:
        for sid in sec.student_ids:
            by_student[sid].append(sec)
    out: list[StudentReport] = []
    fallbacks: dict[str, int] = defaultdict(int)
    untranslated: list[UntranslatedComment] = []
    bank = [BankPhrase(r.text, r.language, r.phrase_key, r.category)
            for r in session.scalars(select(CommentBankEntry))]
    have = set(available_languages("reports"))
    order = sorted(students.values(), key=lambda s: (s.family_name.casefold(), s.first_name.casefold(), s.id))
    for i, stu in enumerate(order):
        classes = [class_report(sec, stu.id, comments.get((stu.id, sec.id), ""), year_terms)
                   for sec in sorted(by_student[stu.id], key=lambda s: (s.period.zfill(3), s.title))]
        fams = guardians.get(stu.id, [])
        for g in fams:
            if language == "auto" and normalize_language(g.preferred_language) not in have:
                fallbacks[normalize_language(g.preferred_language)] += 1
        for lang in report_languages([g.preferred_language for g in fams], language, have):
            localized = _comments_in(classes, bank, stu, lang, untranslated)
            out.append(StudentReport(
                student_id=stu.id, student_name=stu.display_name, sort_name=stu.sort_name,
                local_id=stu.local_id, grade_level=stu.grade_level, school=info,
                period_name=term_obj.name if term_obj else "", period_start=start, period_end=end,
                issued=issued, language=lang,
                guardians=_addressed_to(fams, lang, have),
                classes=localized, attendance=attendance.get(stu.id, AttendanceSummary()),
                school_year=year,
            ))
        if progress and i % 50 == 0:
            progress(0.3 + 0.7 * i / max(1, len(order)), "")
    return ReportSet(out, dict(fallbacks), untranslated)


def _comments_in(
    classes: list[ClassReport], bank: list[BankPhrase], student: Student, language: str,
    untranslated: list[UntranslatedComment],
) -> list[ClassReport]:
    """The classes with each comment's bank phrases in the family's language."""
    out = []
    for c in classes:
        if not c.comment or not bank:
            out.append(c)
            continue
        local = comment_for_language(c.comment, bank, student.first_name, student.pronouns or "", language)
        untranslated += [UntranslatedComment(student.display_name, c.name, language, p) for p in local.untranslated]
        out.append(dataclasses.replace(c, comment=local.text) if local.text != c.comment else c)
    return out


def _addressed_to(fams: list[Guardian], lang: str, have: set[str]) -> list[str]:
    """The guardians who read this language's copy (all of them if none chose it)."""
    key = normalize_language(lang)
    names = [g.display_name for g in fams
             if normalize_language(report_languages([g.preferred_language], "auto", have)[0]) == key]
    return names or [g.display_name for g in fams]


def _attendance(
    session: Session, student_ids: list[int], start: dt.date | None, end: dt.date,
    section_ids: list[int] | None,
) -> dict[int, AttendanceSummary]:
    """Daily attendance (section-less records); for one class, that class's records if any."""
    out: dict[int, AttendanceSummary] = {}
    if not student_ids:
        return out
    query = select(AttendanceRecord.student_id, AttendanceRecord.status, AttendanceRecord.section_id).where(
        AttendanceRecord.student_id.in_(student_ids), AttendanceRecord.date <= end
    )
    if start is not None:
        query = query.where(AttendanceRecord.date >= start)
    wanted = set(section_ids or [])
    daily: dict[int, AttendanceSummary] = defaultdict(AttendanceSummary)
    per_class: dict[int, AttendanceSummary] = defaultdict(AttendanceSummary)
    for sid, status, sec_id in session.execute(query):
        target = daily if sec_id is None else (per_class if sec_id in wanted else None)
        if target is None:
            continue
        summary = target[sid]
        setattr(summary, status, getattr(summary, status) + 1)
    for sid in student_ids:
        if sid in per_class:
            out[sid] = per_class[sid]
        elif sid in daily:
            out[sid] = daily[sid]
    return out
