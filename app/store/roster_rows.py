"""Plain rows of classes and students for tables and the CLI, read in a few queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.core.code_labels import language_label
from app.store.models import Enrollment, Section, SectionTeacher, Student, StudentGuardian

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "vi": "Vietnamese", "ar": "Arabic", "zh": "Chinese",
                  "ko": "Korean", "so": "Somali", "pt": "Portuguese", "tl": "Tagalog", "ru": "Russian",
                  "hmn": "Hmong", "fr": "French"}


@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    code: str
    period: str
    room: str
    teachers: str
    term: str
    students: int


@dataclass(frozen=True)
class StudentRow:
    id: int
    local_id: str
    family_name: str
    given_name: str
    preferred_name: str
    grade_level: str
    pronouns: str
    guardians: str
    languages: str
    active: bool

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"


def class_rows(session: Session) -> list[ClassRow]:
    from app.store.enrolled import is_current

    counts = dict(
        session.execute(select(Enrollment.section_id, func.count()).join(Student, Student.id == Enrollment.student_id)
                        .where(is_current()).group_by(Enrollment.section_id)).all()
    )
    sections = session.scalars(
        select(Section).options(
            selectinload(Section.teachers).selectinload(SectionTeacher.staff),
            selectinload(Section.term),
        ).order_by(Section.name)
    )
    return [
        ClassRow(
            id=s.id, name=s.name, code=s.code, period=s.period, room=s.room,
            teachers=", ".join(t.staff.display_name for t in s.teachers),
            term=s.term.name if s.term else "", students=int(counts.get(s.id, 0)),
        )
        for s in sections
    ]


def student_rows(session: Session, section_id: int | None = None, *,
                 include_inactive: bool = False) -> list[StudentRow]:
    """Every student, or a class's: its current ones (see app.store.enrolled) unless
    ``include_inactive``."""
    from app.store.enrolled import is_current

    query = select(Student).options(
        selectinload(Student.guardians).selectinload(StudentGuardian.guardian)
    )
    if section_id is not None:
        query = query.join(Enrollment).where(Enrollment.section_id == section_id)
        if not include_inactive:
            query = query.where(is_current())
    rows = []
    for st in session.scalars(query.order_by(Student.family_name, Student.given_name)):
        langs = sorted({language_label(g.guardian.preferred_language) for g in st.guardians})
        rows.append(StudentRow(
            id=st.id, local_id=st.local_id, family_name=st.family_name, given_name=st.given_name,
            preferred_name=st.preferred_name, grade_level=st.grade_level, pronouns=st.pronouns,
            guardians="; ".join(g.guardian.display_name for g in st.guardians),
            languages=", ".join(langs), active=st.active,
        ))
    return rows
