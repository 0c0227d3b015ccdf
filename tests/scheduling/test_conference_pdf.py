"""Conference PDFs parsed back: the family's language, Unicode names, every meeting."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import select

from app.scheduling.conference_pdf import (
    family_itinerary_pdf,
    room_list_pdf,
    teacher_schedule_pdf,
    write_all,
)
from app.scheduling.conferences import schedule
from app.scheduling.conferences_store import load_plan, requests_from_classes, save_result
from app.store.models import Guardian
from app.store.models.calendar import (
    ConferenceBooking,
    ConferenceDay,
    ConferenceInterpreter,
    ConferenceRequest,
)


def text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_itineraries_and_schedules(demo_workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.session() as s:
        for old in s.scalars(select(ConferenceDay)).all():
            s.delete(old)
        s.add(ConferenceDay(label="Fall", date=dt.date(2026, 11, 18), start_time="15:30", end_time="19:30",
                            slot_minutes=15, passing_minutes=5, breaks=[], max_consecutive=6, walk_minutes=3))
        s.add(ConferenceInterpreter(name="Ana Torres", language="es"))
        s.flush()
        spanish = s.scalars(select(Guardian).where(Guardian.preferred_language == "es")).first()
        english = s.scalars(select(Guardian).where(Guardian.preferred_language == "en")).first()
        requests_from_classes(s, guardian_ids=[spanish.id, english.id])
    with ws.read() as s:
        plan = load_plan(s)
    result = schedule(plan, use_cp_sat=False)
    assert result.unplaced == []
    with ws.session() as s:
        save_result(s, result)
    with ws.read() as s:
        es = text(family_itinerary_pdf(s, spanish.id))
        en = text(family_itinerary_pdf(s, english.id))
        n_es = s.query(ConferenceRequest).filter_by(guardian_id=spanish.id).count()
        teacher_id = s.scalars(select(ConferenceRequest.staff_id)).first()
        teacher = text(teacher_schedule_pdf(s, teacher_id))
        rooms = text(room_list_pdf(s))
        assert s.query(ConferenceBooking).count() == len(plan.requests)
        files = write_all(s, tmp_path / "pdf")
    assert "Su horario de conferencias" in es and "miércoles, 18 de noviembre de 2026" in es
    assert "Intérprete" in es and "Ana Torres" in es
    assert "Your conference schedule" in en and "Wednesday, November 18, 2026" in en
    assert es.count("Ana Torres") == n_es  # every meeting of the Spanish family has the interpreter
    assert spanish.display_name in teacher or english.display_name in teacher
    assert "Conference schedule" in teacher and "3:30" in teacher
    assert "Room list" in rooms
    assert len(files) == len({r.teacher_id for r in plan.requests}) + 2 + 1
