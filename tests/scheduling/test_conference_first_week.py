"""A new teacher's first conference evening, step by step through the CLI and the
services: languages, keeping bookings, reasons before scheduling and the letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.scheduling.conferences import (
    ConferencePlan,
    DaySpec,
    RequestSpec,
    TeacherSpec,
    explain_all,
    schedule,
)
from app.store import open_workspace

DAY = DaySpec(id=1, date=dt.date(2026, 11, 18), start=dt.time(16), end=dt.time(18), slot_minutes=15,
              passing_minutes=5)


def test_a_teacher_who_speaks_the_language_needs_no_interpreter() -> None:
    teachers = [TeacherSpec(1, "Ms. Ruiz", "101", languages=("es",)), TeacherSpec(2, "Mr. Lee", "102")]
    requests = [
        RequestSpec(1, 10, "García", 1, language="es-MX", interpreter=True),
        RequestSpec(2, 11, "Nguyễn", 1, language="vi", interpreter=True),
        RequestSpec(3, 10, "García", 2, language="es-MX", interpreter=True),
    ]
    result = schedule(ConferencePlan([DAY], teachers, requests), use_cp_sat=False)
    placed = {b.request_id: b for b in result.bookings}
    assert set(placed) == {1}  # Ms. Ruiz speaks Spanish; nobody speaks Vietnamese, no interpreters
    assert placed[1].interpreter_id is None
    reasons = {u.request_id: u.reason for u in result.unplaced}
    assert "does not speak Vietnamese" in reasons[2] and "Spanish interpreter" in reasons[3]


def test_reasons_before_scheduling_never_list_nothing() -> None:
    plan = ConferencePlan([DAY], [TeacherSpec(1, "Ms. Ruiz", "101")], [RequestSpec(1, 10, "García", 1)])
    (why,) = explain_all(plan, [])
    assert why.code == "not_scheduled" and "taken: ." not in why.reason and "free" in why.reason


def cli(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--workspace", str(ws)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ws(demo_workspace) -> Path:  # type: ignore[no-untyped-def]
    path = demo_workspace.path
    demo_workspace.close()
    return Path(path)


def _day_ids(path: Path) -> list[int]:
    from app.scheduling import conference_service as conf

    w = open_workspace(path)
    try:
        return [d.id for d in conf.list_days(w)]
    finally:
        w.close()


def _bookings(path: Path) -> dict[int, tuple[int, int]]:
    from app.store.models.calendar import ConferenceBooking

    w = open_workspace(path)
    try:
        with w.read() as s:
            return {b.request_id: (b.day_id, b.slot_index) for b in s.scalars(select(ConferenceBooking))}
    finally:
        w.close()


def test_staff_languages_keep_bookings_and_letters_from_the_cli(capsys, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import Guardian, SectionTeacher, Staff

    # A teacher says which languages they speak, by name in any language.
    w = open_workspace(ws)
    with w.read() as s:
        teacher = s.scalars(select(Staff).join(SectionTeacher, SectionTeacher.staff_id == Staff.id)).first()
        assert teacher is not None
        teacher_id, teacher_name = teacher.id, teacher.display_name
        spanish = s.scalars(select(Guardian).where(Guardian.preferred_language == "es")).all()
    w.close()
    assert spanish, "the demo has Spanish-speaking families"
    code, out, err = cli(capsys, ws, "staff", "edit", str(teacher_id), "--languages", "Español, Vietnamese")
    assert code == 0, err
    code, out, _ = cli(capsys, ws, "staff", "list", "--json")
    import json

    me = next(r for r in json.loads(out) if r["id"] == teacher_id)
    assert me["languages"] == ["es", "vi"]
    code, _, err = cli(capsys, ws, "staff", "edit", str(teacher_id), "--languages", "Klingonese")
    assert code == 2 and "Klingonese" in err and "Traceback" not in err

    assert cli(capsys, ws, "conferences", "day", "add", "--date", "2026-11-18", "--label", "Fall")[0] == 0
    code, out, err = cli(capsys, ws, "conferences", "schedule", "--invite-all", "--time-limit", "1")
    assert code == 0 and "Placed" in out, err
    first = _bookings(ws)
    assert first
    # The Spanish families meeting this teacher are served without an interpreter.
    w = open_workspace(ws)
    with w.read() as s:
        from app.store.models.calendar import ConferenceBooking, ConferenceRequest

        rows = s.execute(select(ConferenceBooking, ConferenceRequest)
                         .join(ConferenceRequest, ConferenceRequest.id == ConferenceBooking.request_id)
                         .where(ConferenceRequest.staff_id == teacher_id,
                                ConferenceRequest.language.like("es%"))).all()
    w.close()
    assert rows and all(b.interpreter_id is None for b, _r in rows), teacher_name

    # Scheduling again keeps every booking ("place the rest")...
    code, out, err = cli(capsys, ws, "conferences", "schedule", "--time-limit", "1")
    assert code == 0, err
    assert f"Kept {len(first)} meetings already booked" in out
    assert {k: v for k, v in _bookings(ws).items() if k in first} == first
    # ...and --start-over is the explicit way to re-place them.
    code, out, err = cli(capsys, ws, "conferences", "schedule", "--start-over", "--time-limit", "1")
    assert code == 0 and "Kept" not in out, err

    # Letters: named after the family, none for a family without a meeting.
    code, out, err = cli(capsys, ws, "conferences", "pdf", "--out", str(tmp_path / "letters"))
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "letters").glob("family-*.pdf"))
    assert files and not any(name[len("family-"):-4].isdigit() for name in files)
    assert all(name.isascii() and " " not in name for name in files)
    booked = _bookings(ws)
    w = open_workspace(ws)
    with w.read() as s:
        from app.store.models.calendar import ConferenceRequest

        families_with = {r.guardian_id for r in s.scalars(select(ConferenceRequest)) if r.id in booked}
        families_all = {r.guardian_id for r in s.scalars(select(ConferenceRequest))}
        without = [s.get(Guardian, g).display_name for g in families_all - families_with]  # type: ignore[union-attr]
    w.close()
    assert len(files) == len(families_with)
    if without:
        # The summary names some of them (the rest as "and N more"), in its own order.
        assert "got no letter" in out and any(name in out for name in without), out


def test_letters_never_overwrite_families_with_the_same_name(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from app.scheduling.conference_pdf import safe_file_stem, write_all
    from app.store.models import Guardian, Staff
    from app.store.models.calendar import ConferenceBooking, ConferenceDay, ConferenceRequest

    ws = empty_workspace
    with ws.session() as s:
        t = Staff(given_name="Ana", family_name="Ruiz")
        g1 = Guardian(given_name="María", family_name="García", preferred_language="es")
        g2 = Guardian(given_name="María", family_name="García", preferred_language="es")
        g3 = Guardian(given_name="Thảo", family_name="Nguyễn", preferred_language="vi")
        day = ConferenceDay(label="Fall", date=dt.date(2026, 11, 18), start_time="16:00", end_time="18:00")
        s.add_all([t, g1, g2, g3, day])
        s.flush()
        reqs = [ConferenceRequest(guardian_id=g.id, staff_id=t.id, student_ids=[]) for g in (g1, g2, g3)]
        s.add_all(reqs)
        s.flush()
        s.add_all([ConferenceBooking(request_id=reqs[0].id, day_id=day.id, slot_index=0),
                   ConferenceBooking(request_id=reqs[1].id, day_id=day.id, slot_index=1)])
    with ws.read() as s:
        written = write_all(s, tmp_path)
    names = sorted(p.name for p in written.paths)
    assert "family-Garcia-Maria.pdf" in names and "family-Garcia-Maria-2.pdf" in names
    assert not any("Nguyen" in n for n in names) and written.no_meeting == ["Thảo Nguyễn"]
    assert "Thảo Nguyễn" in written.summary()
    text = subprocess.run(["pdftotext", str(tmp_path / "family-Garcia-Maria.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "reuniones" in text
    assert safe_file_stem("../../CON: *?") == "CON" and safe_file_stem("   ") == "family"


def test_show_lists_the_board_the_page_shows(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    """`conferences show` and the Conferences page read one board (``day_board``): the
    meetings booked, and every request left out with the reason the scheduler gave."""
    from app.scheduling import conference_service as conf

    code, out, err = cli(capsys, ws, "conferences", "show")
    assert code == 0 and "0 requests" in out, err
    # Only a short day (three meetings a teacher): some families must be left out.
    for day in _day_ids(ws):
        assert cli(capsys, ws, "conferences", "day", "delete", str(day))[0] == 0
    assert cli(capsys, ws, "conferences", "show")[0] == 2
    assert cli(capsys, ws, "conferences", "day", "add", "--date", "2026-11-18", "--start", "15:30",
               "--end", "16:30", "--label", "Short")[0] == 0
    assert cli(capsys, ws, "conferences", "schedule", "--invite-all", "--time-limit", "1")[0] == 0
    w = open_workspace(ws)
    try:
        day_id = conf.list_days(w)[0].id
        board = conf.day_board(w, day_id)
        again = conf.day_board(w, day_id, board.reasons)  # reasons kept from an earlier call
    finally:
        w.close()
    assert board.day_found and board.booked == len(board.meetings) > 0
    assert board.left_out and all(r.reason for r in board.left_out)
    assert again.left_out == board.left_out and len(board.slots) == 3
    code, out, err = cli(capsys, ws, "conferences", "show", "--day", str(day_id))
    assert code == 0, err
    assert out.count("left out:") == len(board.left_out)
    for r in board.left_out:
        assert f"{r.family} with {r.teacher}: {r.reason}" in out
    m = next(iter(board.meetings.values()))
    assert m.family in out
    assert cli(capsys, ws, "conferences", "show", "--day", "999")[0] == 2
