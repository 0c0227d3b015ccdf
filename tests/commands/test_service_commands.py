"""The new commands as a teacher or a script runs them: staff, school, roster edits,
calendar events and conference days, all through the same services as the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.store import audit, open_workspace
from app.store.models import Enrollment, Section, Student


def cli(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--workspace", str(ws)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ws(demo_workspace) -> Path:  # type: ignore[no-untyped-def]
    path = demo_workspace.path
    demo_workspace.close()
    return Path(path)


def test_staff_and_school(capsys, ws: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(capsys, ws, "staff", "add", "--role", "counselor", "--name", "Ana  María Rivera")
    assert code == 0 and "Added counselor Ana María Rivera" in out
    code, out, _ = cli(capsys, ws, "staff", "list", "--role", "counselor")
    assert "Ana María Rivera" in out and "counselor" in out
    code, out, _ = cli(capsys, ws, "staff", "edit", "ana maria rivera", "--email", "ana@school.org")
    assert code == 0 and "Saved Ana María Rivera" in out
    code, _, err = cli(capsys, ws, "staff", "edit", "nobody here")
    assert code == 2 and err.startswith("teacherdesk: No staff member 'nobody here'") and "Traceback" not in err
    code, out, _ = cli(capsys, ws, "school", "set", "timezone", "America/Chicago")
    assert code == 0 and "America/Chicago" in out
    code, _, err = cli(capsys, ws, "school", "set", "timezone", "Mars/Base")
    assert code == 2 and "Mars/Base is not a time zone name" in err
    code, out, _ = cli(capsys, ws, "school", "show")
    assert "timezone  America/Chicago" in out


def test_roster_student_and_class_edits(capsys, ws: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(capsys, ws, "roster", "class", "add", "Math 7 P9", "--code", "M7-9", "--course", "Math 7")
    assert code == 0, err
    code, out, err = cli(capsys, ws, "roster", "student", "add", "--id", "S9001", "--first", "Luis", "--last",
                         "Gómez", "--class", "  MATH 7   p9 ", "--guardian", "Rosa Gómez", "--language", "es")
    assert code == 0, err
    code, _, err = cli(capsys, ws, "roster", "student", "add", "--id", "S9001", "--first", "X", "--last", "Y")
    assert code == 2 and "already has the ID S9001" in err
    assert cli(capsys, ws, "roster", "student", "edit", "S9001", "--grade", "8")[0] == 0
    code, _, err = cli(capsys, ws, "roster", "student", "delete", "S9001")
    assert code == 2 and "--yes" in err  # nothing deleted without --yes
    w = open_workspace(ws)
    try:
        with w.read() as s:
            st = s.scalar(select(Student).where(Student.local_id == "S9001"))
            assert st is not None and st.grade_level == "8"
            assert st.guardians[0].guardian.preferred_language == "es"
            sec = s.scalar(select(Section).where(Section.code == "M7-9"))
            assert s.scalar(select(Enrollment).where(Enrollment.student_id == st.id,
                                                     Enrollment.section_id == sec.id)) is not None
            actions = [(e.action, e.entity) for e in audit.entries(s, limit=3)]
        assert actions[0] == ("edit", "student") and ("add", "student") in actions
    finally:
        w.close()
    assert cli(capsys, ws, "roster", "student", "delete", "S9001", "--yes")[0] == 0
    assert cli(capsys, ws, "roster", "class", "delete", "m7-9", "--yes")[0] == 0
    code, _, err = cli(capsys, ws, "roster", "class", "delete", "m7-9", "--yes")
    assert code == 2 and "No class 'm7-9'" in err


def test_calendar_events_and_conference_days(capsys, ws: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(capsys, ws, "calendar", "event", "add", "Senior meeting", "--date", "2027-03-01",
                         "--start", "10:00", "--end", "10:45", "--weekly", "--until", "2027-03-22",
                         "--category", "senior_meeting")
    assert code == 0, err
    event_id = out.split()[2].rstrip(":")
    code, out, _ = cli(capsys, ws, "calendar", "event", "list", "--from", "2027-03-01", "--to", "2027-03-31")
    weeks = out.count("Senior meeting")
    assert weeks >= 3 and "2027-03-01 10:00-10:45 Senior meeting" in out  # school holidays are skipped
    assert cli(capsys, ws, "calendar", "event", "skip", event_id, "--date", "2027-03-01")[0] == 0
    code, out, _ = cli(capsys, ws, "calendar", "event", "list", "--from", "2027-03-01", "--to", "2027-03-31")
    assert out.count("Senior meeting") == weeks - 1 and "2027-03-01 10:00" not in out
    assert cli(capsys, ws, "calendar", "event", "delete", event_id)[0] == 0
    code, _, err = cli(capsys, ws, "calendar", "event", "add", "Bad", "--date", "2027-03-01", "--start", "10:00",
                       "--end", "09:00")
    assert code == 2 and "ends (09:00) before it starts (10:00)" in err

    code, out, err = cli(capsys, ws, "conferences", "day", "add", "--date", "2027-03-10", "--break", "17:30-17:50")
    assert code == 0, err
    day_id = out.split()[3].rstrip(":")
    assert cli(capsys, ws, "conferences", "day", "move", day_id, "--date", "2027-03-11")[0] == 0
    code, out, _ = cli(capsys, ws, "conferences", "day", "list")
    assert "Mar 11, 2027" in out and "3:30 PM" in out  # as the user's locale writes dates and times
    code, _, err = cli(capsys, ws, "conferences", "day", "add", "--date", "2027-03-12", "--break", "noon")
    assert code == 2 and "HH:MM-HH:MM" in err
    assert cli(capsys, ws, "conferences", "day", "delete", day_id)[0] == 0
