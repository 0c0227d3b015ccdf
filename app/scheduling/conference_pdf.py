"""Printable conference documents: a schedule per teacher, an itinerary per family in
the family's own language, and a room list.

Strings go through gettext (``assets/translations/<lang>/LC_MESSAGES/conferences.po``),
dates and times through Babel, text through DejaVu Sans so Nguyễn and Siobhán print.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.pdf_fonts import BOLD, REGULAR, register_fonts
from app.i18n import available_languages, gettext_for, normalize_language
from app.scheduling.conferences_store import slot_times, teacher_room
from app.store.models import Guardian, School, Staff, Student
from app.store.models.calendar import (
    ConferenceBooking,
    ConferenceDay,
    ConferenceInterpreter,
    ConferenceRequest,
)

FONT = REGULAR
FONT_BOLD = BOLD
DOMAIN = "conferences"


def _fonts() -> None:
    register_fonts()


def document_language(tag: str | None) -> str:
    """The family's language if we have a catalog for it, else English."""
    lang = normalize_language(tag)
    return lang if lang in available_languages(DOMAIN) else "en"


@dataclass(frozen=True)
class Meeting:
    day: ConferenceDay
    slot: int
    start: dt.datetime
    end: dt.datetime
    teacher: str
    room: str
    family: str
    students: str
    interpreter: str
    language: str
    staff_id: int
    guardian_id: int


def meetings(session: Session) -> list[Meeting]:
    rows = session.execute(
        select(ConferenceBooking, ConferenceRequest, ConferenceDay)
        .join(ConferenceRequest, ConferenceRequest.id == ConferenceBooking.request_id)
        .join(ConferenceDay, ConferenceDay.id == ConferenceBooking.day_id)
    ).all()
    out = []
    for booking, req, day in rows:
        start, end = slot_times(day, booking.slot_index)
        staff = session.get(Staff, req.staff_id)
        guardian = session.get(Guardian, req.guardian_id)
        kids = [session.get(Student, s) for s in req.student_ids]
        interp = session.get(ConferenceInterpreter, booking.interpreter_id) if booking.interpreter_id else None
        out.append(Meeting(
            day=day, slot=booking.slot_index, start=start, end=end,
            teacher=staff.display_name if staff else "", room=teacher_room(session, req.staff_id),
            family=guardian.display_name if guardian else "",
            students=", ".join(k.display_name for k in kids if k is not None),
            interpreter=f"{interp.name} ({interp.language})" if interp else "",
            language=req.language, staff_id=req.staff_id, guardian_id=req.guardian_id,
        ))
    out.sort(key=lambda m: (m.start, m.teacher))
    return out


class _Doc:
    """A small wrapper around a ReportLab story with our fonts and styles."""

    def __init__(self, title: str) -> None:
        from reportlab.lib.styles import ParagraphStyle

        _fonts()
        self.title = title
        self.story: list[object] = []
        self.h1 = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
        self.cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)

    def para(self, text: str, style: object | None = None) -> None:
        from xml.sax.saxutils import escape

        from reportlab.platypus import Paragraph

        self.story.append(Paragraph(escape(text), style or self.body))

    def space(self, height: float = 10) -> None:
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height))

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        from xml.sax.saxutils import escape

        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        data = [[Paragraph(f"<b>{escape(h)}</b>", self.cell) for h in header]]
        data += [[Paragraph(escape(c), self.cell) for c in row] for row in rows]
        t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f7f7")]),
        ]))
        self.story.append(t)

    def build(self) -> bytes:
        from reportlab.lib.pagesizes import LETTER
        from reportlab.lib.units import inch
        from reportlab.platypus import SimpleDocTemplate

        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=LETTER, title=self.title, author="TeacherDesk",
                                leftMargin=0.7 * inch, rightMargin=0.7 * inch,
                                topMargin=0.7 * inch, bottomMargin=0.7 * inch)
        doc.build(self.story)
        return buffer.getvalue()


def _school_name(session: Session) -> str:
    school = session.scalars(select(School).order_by(School.id)).first()
    return school.name if school else ""


def teacher_schedule_pdf(session: Session, staff_id: int, lang: str = "en") -> bytes:
    from babel.dates import format_date, format_time
    from reportlab.lib.units import inch

    _ = gettext_for(DOMAIN, lang)
    staff = session.get(Staff, staff_id)
    name = staff.display_name if staff else str(staff_id)
    doc = _Doc(_("Conference schedule") + f" – {name}")
    doc.para(_school_name(session), doc.body)
    doc.para(_("Conference schedule") + f": {name}", doc.h1)
    doc.para(_("Room") + f": {teacher_room(session, staff_id)}")
    mine = [m for m in meetings(session) if m.staff_id == staff_id]
    days = sorted({m.day.id: m.day for m in mine}.values(), key=lambda d: d.date)
    for day in days:
        doc.para(format_date(day.date, format="full", locale=lang), doc.h2)
        rows = [[f"{format_time(m.start, format='short', locale=lang)}–{format_time(m.end, format='short', locale=lang)}",
                 m.family, m.students, m.interpreter] for m in mine if m.day.id == day.id]
        doc.table([_("Time"), _("Family"), _("Students"), _("Interpreter")], rows,
                  [1.3 * inch, 1.9 * inch, 2.2 * inch, 1.7 * inch])
    if not mine:
        doc.para(_("No conferences are booked yet."))
    return doc.build()


def family_itinerary_pdf(session: Session, guardian_id: int, lang: str | None = None) -> bytes:
    from babel.dates import format_date, format_time
    from reportlab.lib.units import inch

    guardian = session.get(Guardian, guardian_id)
    if guardian is None:
        raise ValueError(f"There is no family contact {guardian_id}.")
    lang = document_language(lang or guardian.preferred_language)
    _ = gettext_for(DOMAIN, lang)
    reqs = {r.id for r in session.scalars(select(ConferenceRequest).where(ConferenceRequest.guardian_id == guardian_id))}
    booked_ids = {b.request_id for b in session.scalars(select(ConferenceBooking)) if b.request_id in reqs}
    mine = [m for m in meetings(session) if m.guardian_id == guardian_id]
    doc = _Doc(_("Your conference schedule"))
    doc.para(_school_name(session))
    doc.para(_("Your conference schedule"), doc.h1)
    doc.para(_("Dear {name},").format(name=guardian.display_name))
    days = sorted({m.day.id: m.day for m in mine}.values(), key=lambda d: d.date)
    if mine:
        doc.para(_("Thank you for coming to parent-teacher conferences. Here are your meetings:"))
    else:
        doc.para(_("No meeting could be booked for you this time; the school will contact you to find a time."))
    for day in days:
        doc.para(format_date(day.date, format="full", locale=lang), doc.h2)
        rows = [[format_time(m.start, format="short", locale=lang), m.teacher, m.room, m.students,
                 m.interpreter or "—"] for m in mine if m.day.id == day.id]
        doc.table([_("Time"), _("Teacher"), _("Room"), _("Students"), _("Interpreter")], rows,
                  [0.9 * inch, 1.7 * inch, 0.8 * inch, 2.0 * inch, 1.6 * inch])
    if days:
        doc.space()
        doc.para(_("Each meeting lasts {minutes} minutes. Please arrive a few minutes early; "
                   "allow time to walk between rooms.").format(minutes=days[0].slot_minutes))
    missing = len(reqs) - len(booked_ids)
    if missing > 0 and mine:
        doc.para(_("We could not fit {count} of your requests into the schedule; the school will "
                   "contact you to find another time.").format(count=missing))
    if any(m.interpreter for m in mine):
        doc.para(_("An interpreter will join the meetings marked above."))
    return doc.build()


def room_list_pdf(session: Session, lang: str = "en") -> bytes:
    from babel.dates import format_date, format_time
    from reportlab.lib.units import inch

    _ = gettext_for(DOMAIN, lang)
    doc = _Doc(_("Room list"))
    doc.para(_school_name(session))
    doc.para(_("Room list"), doc.h1)
    all_meetings = meetings(session)
    days = sorted({m.day.id: m.day for m in all_meetings}.values(), key=lambda d: d.date)
    for day in days:
        doc.para(format_date(day.date, format="full", locale=lang), doc.h2)
        per_teacher: dict[tuple[str, str], list[Meeting]] = {}
        for m in all_meetings:
            if m.day.id == day.id:
                per_teacher.setdefault((m.room, m.teacher), []).append(m)
        rows = [[room, teacher, str(len(ms)),
                 f"{format_time(min(x.start for x in ms), format='short', locale=lang)}–"
                 f"{format_time(max(x.end for x in ms), format='short', locale=lang)}"]
                for (room, teacher), ms in sorted(per_teacher.items())]
        doc.table([_("Room"), _("Teacher"), _("Meetings"), _("Time")], rows,
                  [1.0 * inch, 3.0 * inch, 1.0 * inch, 2.0 * inch])
    return doc.build()


def safe_file_stem(name: str, fallback: str = "family") -> str:
    """A file name part every system accepts: accents dropped (Nguyễn -> Nguyen), letters,
    digits, '-' and '_' kept, everything else one '-', at most 60 characters."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-_")[:60].strip("-_")
    return stem or fallback


def _unique(folder: Path, stem: str, taken: set[str]) -> Path:
    """``stem.pdf``, or ``stem-2.pdf``, ``stem-3.pdf``... when a letter of this run has it
    (two families both called "Maria Garcia" never overwrite each other)."""
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return folder / f"{candidate}.pdf"


@dataclass(frozen=True)
class WrittenDocuments:
    """What :func:`write_all` wrote, and which families got no letter (no meeting booked)."""

    paths: list[Path]
    teachers: int
    families: int
    no_meeting: list[str]

    def __len__(self) -> int:
        return len(self.paths)

    def summary(self) -> str:
        """What was written, for the person who asked (in the app's language, not a family's)."""
        from app.scheduling.conference_summary import documents_summary

        return documents_summary(len(self.paths), self.teachers, self.families, self.no_meeting)


def write_all(session: Session, out_dir: Path) -> WrittenDocuments:
    """Every booked teacher's schedule, a letter for every family with at least one meeting
    (named after the family) and the room list, as files in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = {"rooms"}
    staff_ids = sorted(set(session.scalars(
        select(ConferenceRequest.staff_id).join(ConferenceBooking, ConferenceBooking.request_id == ConferenceRequest.id))))
    for sid in staff_ids:
        staff = session.get(Staff, sid)
        name = staff.display_name if staff else str(sid)
        path = _unique(out_dir, "teacher-" + safe_file_stem(name, str(sid)), taken)
        path.write_bytes(teacher_schedule_pdf(session, sid))
        written.append(path)
    booked = set(session.scalars(
        select(ConferenceRequest.guardian_id).join(ConferenceBooking, ConferenceBooking.request_id == ConferenceRequest.id)))
    families = 0
    no_meeting: list[str] = []
    guardians = [g for g in (session.get(Guardian, gid) for gid in
                             sorted(set(session.scalars(select(ConferenceRequest.guardian_id))))) if g is not None]
    for g in sorted(guardians, key=lambda g: (g.family_name.lower(), g.given_name.lower(), g.id)):
        if g.id not in booked:
            no_meeting.append(g.display_name)
            continue
        path = _unique(out_dir, "family-" + safe_file_stem(f"{g.family_name} {g.given_name}", str(g.id)), taken)
        path.write_bytes(family_itinerary_pdf(session, g.id))
        written.append(path)
        families += 1
    path = out_dir / "rooms.pdf"
    path.write_bytes(room_list_pdf(session))
    written.append(path)
    return WrittenDocuments(written, len(staff_ids), families, no_meeting)
