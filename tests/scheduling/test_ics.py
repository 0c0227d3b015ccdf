"""iCalendar export/import: every export parsed back by icalendar, vobject and
recurring-ical-events, and one test per RFC 5545 rule we promise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

from app.scheduling.ical_export import ExportError, Target, export_calendar
from app.scheduling.ical_import import IcsError, import_ics, read_calendar, read_ics
from app.scheduling.ical_write import CalEvent, write_calendar
from app.scheduling.school_calendar import WeeklyLesson, lesson_event

STAMP = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
HOLIDAYS = {dt.date(2026, 11, 23), dt.date(2026, 12, 21), dt.date(2026, 12, 28), dt.date(2027, 3, 22)}


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def _unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def weekly(tzid: str) -> CalEvent:
    lesson = WeeklyLesson(weekday=0, start=dt.time(8, 0), end=dt.time(8, 50), title="Math – Period 1",
                          teacher_ids=(1,), section_id=1, room="101")
    ev = lesson_event(lesson, tzid=tzid, term_start=dt.date(2026, 8, 17), term_end=dt.date(2027, 6, 4),
                      off_dates=HOLIDAYS, uid="lesson-1@test")
    assert ev is not None
    return ev


@pytest.fixture
def school(empty_workspace):  # type: ignore[no-untyped-def]
    """A tiny school: one teacher, one counselor, one class of two students, one family."""
    from app.scheduling.counselor_store import add_event
    from app.scheduling.school_calendar import add_day_off
    from app.store.models import (
        Enrollment,
        Guardian,
        School,
        SchoolYear,
        Section,
        SectionTeacher,
        Staff,
        Student,
        StudentGuardian,
        Term,
    )

    ws = empty_workspace
    with ws.session() as s:
        school = s.query(School).one()
        year = SchoolYear(school_id=school.id, name="2026-27", start_date=dt.date(2026, 8, 17),
                          end_date=dt.date(2027, 6, 4))
        s.add(year)
        s.flush()
        term = Term(school_year_id=year.id, name="Fall", start_date=dt.date(2026, 8, 17),
                    end_date=dt.date(2027, 1, 22))
        teacher = Staff(given_name="Siobhán", family_name="Murphy", role="teacher")
        counselor = Staff(given_name="Dana", family_name="Okafor", role="counselor")
        s.add_all([term, teacher, counselor])
        s.flush()
        sec = Section(name="Math – Period 1", period="1", room="101", term_id=term.id)
        sec.teachers = [SectionTeacher(staff_id=teacher.id)]
        s.add(sec)
        jose = Student(local_id="1001", given_name="José", family_name="Ramírez")
        lan = Student(local_id="1002", given_name="Thị Lan", family_name="Nguyễn")
        s.add_all([jose, lan])
        s.flush()
        s.add_all([Enrollment(section_id=sec.id, student_id=jose.id), Enrollment(section_id=sec.id, student_id=lan.id)])
        mom = Guardian(given_name="María", family_name="Ramírez", preferred_language="es")
        s.add(mom)
        s.flush()
        s.add(StudentGuardian(student_id=jose.id, guardian_id=mom.id))
        add_day_off(s, "Thanksgiving Break", dt.date(2026, 11, 25), dt.date(2026, 11, 27))
        add_day_off(s, "Veterans Day", dt.date(2026, 11, 11))
        add_event(s, title="Senior meeting", category="senior_meeting", owner_staff_id=counselor.id,
                  start=dt.datetime(2026, 11, 12, 9, 0), end=dt.datetime(2026, 11, 12, 9, 30),
                  student_ids=[jose.id], alarms_minutes=[15])
        add_event(s, title="Friendship group", category="group", owner_staff_id=counselor.id,
                  start=dt.datetime(2026, 11, 4, 12, 0), end=dt.datetime(2026, 11, 4, 12, 40),
                  rrule="FREQ=WEEKLY;BYDAY=WE", repeat_until=dt.date(2026, 12, 16), student_ids=[lan.id])
        add_event(s, title="FAFSA deadline", category="deadline", owner_staff_id=counselor.id, all_day=True,
                  start=dt.datetime(2027, 3, 2), end=dt.datetime(2027, 3, 3), alarms_minutes=[7 * 1440])
        ids = {"teacher": teacher.id, "counselor": counselor.id, "class": sec.id, "jose": jose.id,
               "lan": lan.id, "family": mom.id}
    return ws, ids


def export(ws, target: str, **kw) -> bytes:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return export_calendar(s, Target.parse(target), stamp=STAMP, **kw).data


def test_workspace_has_calendar_tables(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    names = set(inspect(empty_workspace.engine).get_table_names())
    assert {"calendar_event", "school_day_off", "conference_day", "conference_request",
            "conference_booking", "conference_interpreter", "conference_teacher"} <= names


@pytest.mark.parametrize("kind", ["teacher", "counselor", "class", "room", "student", "family"])
def test_every_export_parses_with_three_readers(school, kind: str) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    ident = {"teacher": ids["teacher"], "counselor": ids["counselor"], "class": ids["class"], "room": "101",
             "student": ids["jose"], "family": ids["family"]}[kind]
    data = export(ws, f"{kind}:{ident}")
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert events, kind
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vevent_list) == len(events)
    occ = recurring_ical_events.of(cal).between(dt.date(2026, 8, 1), dt.date(2027, 7, 1))
    assert len(occ) >= len(events)


@pytest.mark.parametrize("tzid", ["America/Los_Angeles", "America/New_York", "America/Chicago"])
def test_recurring_lesson_keeps_local_time_across_both_dst_changes(tzid: str) -> None:
    zone = ZoneInfo(tzid)
    data = write_calendar([weekly(tzid)], stamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    occ = recurring_ical_events.of(cal).between(dt.date(2026, 8, 1), dt.date(2027, 7, 1))
    starts = sorted(o.decoded("dtstart") for o in occ)
    mondays = [dt.date(2026, 8, 17) + dt.timedelta(weeks=i) for i in range(43)]
    expected = [d for d in mondays if d <= dt.date(2027, 6, 4) and d not in HOLIDAYS]
    assert [s.date() for s in starts] == expected
    for s in starts:
        assert s.astimezone(zone).time() == dt.time(8, 0)
    utc_hours = {s.date(): s.astimezone(dt.UTC).hour for s in starts}
    standard = {"America/Los_Angeles": 16, "America/New_York": 13, "America/Chicago": 14}[tzid]
    assert utc_hours[dt.date(2026, 10, 26)] == standard - 1  # still daylight time
    assert utc_hours[dt.date(2026, 11, 2)] == standard  # after the November change
    assert utc_hours[dt.date(2027, 3, 8)] == standard
    assert utc_hours[dt.date(2027, 3, 15)] == standard - 1  # after the March change
    # vobject resolves the VTIMEZONE on its own and expands the rule independently.
    vev = vobject.readOne(data.decode()).vevent
    v_starts = [d for d in vev.getrruleset(addRDate=True) if d.date() <= dt.date(2027, 7, 1)]
    assert [d.date() for d in v_starts] == expected
    assert all(d.astimezone(zone).time() == dt.time(8, 0) for d in v_starts)
    assert {d.astimezone(dt.UTC).hour for d in v_starts} == {standard, standard - 1}


def test_lines_end_with_crlf(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    data = export(ws, f"counselor:{ids['counselor']}")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")


def test_folding_at_75_octets_never_splits_a_character() -> None:
    zone = ZoneInfo("America/Chicago")
    title = "Reunión con la familia Nguyễn – Siobhán Ørsted – 家长会 " * 4
    data = write_calendar([CalEvent("f@test", title, dt.datetime(2026, 9, 1, 9, tzinfo=zone),
                                    dt.datetime(2026, 9, 1, 10, tzinfo=zone))], stamp=STAMP)
    lines = _lines(data)
    assert max(len(line) for line in lines) == 75  # long lines really were folded
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8
    summary = next(line for line in _unfolded(data) if line.startswith("SUMMARY:"))
    assert summary[len("SUMMARY:"):].replace("\\,", ",") == title
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["summary"]) == title


def test_until_is_utc_and_exdate_has_the_dtstart_tzid() -> None:
    data = write_calendar([weekly("America/New_York")], stamp=STAMP)
    lines = _unfolded(data)
    lines = lines[lines.index("BEGIN:VEVENT"):]
    rrule = next(line for line in lines if line.startswith("RRULE:"))
    assert re.search(r"UNTIL=\d{8}T\d{6}Z", rrule)
    # Last lesson: Monday 2027-05-31 08:00 EDT = 12:00 UTC.
    assert "UNTIL=20270531T120000Z" in rrule
    dtstart = next(line for line in lines if line.startswith("DTSTART"))
    exdates = [line for line in lines if line.startswith("EXDATE")]
    assert exdates
    tzid = dtstart.split(":")[0].split("TZID=")[1]
    assert tzid == "America/New_York"
    for line in exdates:
        assert line.split(":")[0] == f"EXDATE;TZID={tzid}"


def test_every_tzid_has_an_rrule_vtimezone_without_rdates(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    data = export(ws, f"teacher:{ids['teacher']}")
    cal = icalendar.Calendar.from_ical(data)
    used = {str(p.params["TZID"]) for ev in cal.walk("VEVENT") for k in ("DTSTART", "DTEND")
            if (p := ev.get(k)) is not None and "TZID" in p.params}
    assert used == {"America/Los_Angeles"}
    timezones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    assert set(timezones) == used
    tz = timezones["America/Los_Angeles"]
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    for c in tz.subcomponents:
        assert "RRULE" in c and "RDATE" not in c
    assert b"RDATE" not in data


def test_all_day_events_are_dates_with_exclusive_end(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    lines = _unfolded(export(ws, f"counselor:{ids['counselor']}"))
    assert "DTSTART;VALUE=DATE:20270302" in lines
    assert "DTEND;VALUE=DATE:20270303" in lines
    # A three-day break ends the morning after its last day.
    assert "DTSTART;VALUE=DATE:20261125" in lines and "DTEND;VALUE=DATE:20261128" in lines


def test_reminders_are_valarms(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    cal = icalendar.Calendar.from_ical(export(ws, f"counselor:{ids['counselor']}"))
    alarms = {str(ev["summary"]): [a.decoded("trigger") for a in ev.walk("VALARM")] for ev in cal.walk("VEVENT")}
    deadline = next(v for k, v in alarms.items() if k.startswith("FAFSA"))
    assert deadline == [dt.timedelta(days=-7)]
    meeting = next(v for k, v in alarms.items() if k.startswith("Senior meeting"))
    assert meeting == [dt.timedelta(minutes=-15)]
    for ev in cal.walk("VEVENT"):
        for alarm in ev.walk("VALARM"):
            assert alarm["ACTION"] == "DISPLAY" and alarm.get("DESCRIPTION")


def test_calendar_header_and_dtstamp(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    data = export(ws, f"teacher:{ids['teacher']}")
    lines = _unfolded(data)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "VERSION:2.0" in lines and "METHOD:PUBLISH" in lines
    assert any(line.startswith("PRODID:-//TeacherDesk//") for line in lines)
    cal = icalendar.Calendar.from_ical(data)
    for ev in cal.walk("VEVENT"):
        assert ev.decoded("dtstamp") == STAMP
        assert ev.get("uid")


def test_uids_are_stable_across_exports(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    first = export(ws, f"counselor:{ids['counselor']}")
    with ws.read() as s:
        second = export_calendar(s, Target.parse(f"counselor:{ids['counselor']}"),
                                 stamp=STAMP + dt.timedelta(days=3)).data

    def uids(data: bytes) -> list[str]:
        return sorted(str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == len(uids(first))
    strip = lambda d: re.sub(rb"DTSTAMP:\S+", b"", d)  # noqa: E731
    assert strip(first) == strip(second)


def test_privacy_initials_and_class_private_by_default(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    for target in (f"student:{ids['jose']}", f"teacher:{ids['counselor']}"):
        data = export(ws, target)
        text = data.decode()
        assert "Ramírez" not in text and "José" not in text
        events = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert events and all(str(e.get("class")) == "PRIVATE" for e in events)
    student_text = export(ws, f"student:{ids['jose']}").decode()
    assert "Senior meeting – J. R." in student_text
    assert "José Ramírez" in export(ws, f"student:{ids['jose']}", full_names=True).decode()
    own = export(ws, f"counselor:{ids['counselor']}").decode()
    assert "José Ramírez" in own and "Thị Lan Nguyễn" in own
    meeting = next(e for e in icalendar.Calendar.from_ical(own.encode()).walk("VEVENT")
                   if str(e["summary"]).startswith("Senior"))
    assert str(meeting["class"]) == "PRIVATE"  # student meetings stay private on shared calendars


def test_recurring_group_skips_holidays(school) -> None:  # type: ignore[no-untyped-def]
    ws, ids = school
    cal = icalendar.Calendar.from_ical(export(ws, f"counselor:{ids['counselor']}"))
    occ = recurring_ical_events.of(cal).between(dt.date(2026, 11, 1), dt.date(2027, 1, 1))
    group_days = sorted(o.decoded("dtstart").date() for o in occ if str(o["summary"]).startswith("Friendship"))
    assert dt.date(2026, 11, 11) not in group_days  # Veterans Day
    assert dt.date(2026, 11, 25) not in group_days  # Thanksgiving break
    assert group_days[0] == dt.date(2026, 11, 4) and group_days[-1] == dt.date(2026, 12, 16)
    assert len(group_days) == 5


def test_bad_target_is_a_clear_error(school) -> None:  # type: ignore[no-untyped-def]
    ws, _ids = school
    with pytest.raises(ExportError, match="KIND:ID"):
        Target.parse("teacher")
    with ws.read() as s, pytest.raises(ExportError, match="no staff member"):
        export_calendar(s, Target.parse("teacher:999"))


DISTRICT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//District//EN\r
BEGIN:VEVENT\r
UID:mlk@district\r
DTSTAMP:20260801T000000Z\r
DTSTART;VALUE=DATE:20270118\r
DTEND;VALUE=DATE:20270119\r
SUMMARY:Martin Luther King Jr. Day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:pd@district\r
DTSTAMP:20260801T000000Z\r
DTSTART;VALUE=DATE:20261009\r
SUMMARY:Staff development (no students)\r
RRULE:FREQ=YEARLY;COUNT=2\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:staff@district\r
DTSTAMP:20260801T000000Z\r
DTSTART;TZID=America/Los_Angeles:20260902T153000\r
DTEND;TZID=America/Los_Angeles:20260902T163000\r
RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=20\r
EXDATE;TZID=America/Los_Angeles:20260909T153000\r
SUMMARY:Staff meeting\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_expands_recurring_events(school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.models.calendar import CalendarEvent, SchoolDayOff

    ws, ids = school
    path = tmp_path / "district.ics"
    path.write_text(DISTRICT, encoding="utf-8", newline="")
    with ws.session() as s:
        preview = read_calendar(path.read_bytes(), name=path.name, start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 1))
        marked = {ev.key for ev in preview.events if ev.all_day}  # the user ticks the two all-day events
        summary = import_ics(s, path, start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 1), staff_id=ids["teacher"],
                             days_off=marked)
    assert summary.days_off == 2 and summary.busy == 19
    with ws.read() as s:
        offs = {o.start_date for o in s.query(SchoolDayOff).filter(SchoolDayOff.source == "import:district.ics")}
        busy = s.query(CalendarEvent).filter(CalendarEvent.category == "busy").all()
    assert offs == {dt.date(2027, 1, 18), dt.date(2026, 10, 9)}
    assert len(busy) == 19 and all(b.start_local.time() == dt.time(15, 30) for b in busy)
    assert dt.date(2026, 9, 9) not in {b.start_local.date() for b in busy}
    # Importing again updates rather than duplicates.
    with ws.session() as s:
        again = import_ics(s, path, start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 1), staff_id=ids["teacher"],
                           days_off=marked)
    assert again.days_off == 0 and again.busy == 0 and again.updated == 21
    # The imported holiday now skips the teacher's lessons.
    cal = icalendar.Calendar.from_ical(export(ws, f"teacher:{ids['teacher']}"))
    lesson_days = {o.decoded("dtstart").date() for o in recurring_ical_events.of(cal).between(
        dt.date(2027, 1, 11), dt.date(2027, 1, 23)) if str(o["summary"]).startswith("Math")}
    assert dt.date(2027, 1, 18) not in lesson_days and dt.date(2027, 1, 19) in lesson_days


def test_a_file_that_is_no_calendar_names_line_1() -> None:
    with pytest.raises(IcsError) as err:
        read_ics(b"hello\r\n", name="broken.ics", start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1))
    assert str(err.value).startswith("broken.ics, line 1:") and "BEGIN:VCALENDAR" in str(err.value)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n", 3, "never closed"),
    ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nthis line is broken\r\nDTSTART:20260105\r\nEND:VEVENT\r\n"
     "END:VCALENDAR\r\n", 2, "line 4"),
    ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026-13-45\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 2, "DTSTART"),
])
def test_a_broken_event_is_skipped_with_its_line(text: str, line: int, words: str) -> None:
    good = "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART;VALUE=DATE:20260302\r\nSUMMARY:Good\r\nEND:VEVENT\r\n"
    text = text.replace("END:VCALENDAR", good + "END:VCALENDAR", 1)
    read = read_calendar(text.encode(), name="broken.ics", start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1))
    (skipped,) = read.skipped
    assert str(skipped).startswith(f"broken.ics, line {line}:") and words in str(skipped), str(skipped)
    assert [e.summary for e in read.events] == ["Good"]


@pytest.mark.parametrize("tzid", ["America/Los_Angeles", "America/Chicago", "Europe/London",
                                  "Australia/Sydney", "America/Phoenix", "America/Sao_Paulo"])
def test_vtimezone_gives_zoneinfos_instants_to_an_independent_reader(tzid: str) -> None:
    """vobject builds its own tzinfo from our VTIMEZONE; every instant must match zoneinfo,
    including January (before that year's first transition) and the days around changes."""
    zone = ZoneInfo(tzid)
    days = [dt.date(2026, 1, 5), dt.date(2026, 3, 7), dt.date(2026, 3, 9), dt.date(2026, 4, 6),
            dt.date(2026, 10, 26), dt.date(2026, 11, 2), dt.date(2027, 6, 1)]
    events = [CalEvent(f"e{i}@t", "x", dt.datetime.combine(d, dt.time(9, 30), tzinfo=zone),
                       dt.datetime.combine(d, dt.time(10), tzinfo=zone)) for i, d in enumerate(days)]
    data = write_calendar(events, stamp=STAMP)
    assert b"RDATE" not in data
    parsed = vobject.readOne(data.decode())
    got = sorted(v.dtstart.value.astimezone(dt.UTC) for v in parsed.vevent_list)
    want = sorted(e.start.astimezone(dt.UTC) for e in events if isinstance(e.start, dt.datetime))
    assert got == want
