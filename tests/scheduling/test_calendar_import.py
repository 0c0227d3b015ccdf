"""District calendar import: a preview with categories and transparency; only events the
user marks become days off, transparent ones never; broken events skipped with their line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from sqlalchemy import select

from app.scheduling.ical_import import days_off_matching, import_ics, preview_lines, read_calendar
from app.store.models.calendar import CalendarEvent, SchoolDayOff

AB = Path(__file__).parent / "data" / "district_ab_days.ics"
RANGE = {"start": dt.date(2026, 8, 1), "end": dt.date(2027, 7, 1)}


def _read():  # type: ignore[no-untyped-def]
    return read_calendar(AB.read_bytes(), name=AB.name, tzid="America/Chicago", **RANGE)


def test_preview_shows_categories_transparency_and_suggestions() -> None:
    read = _read()
    # The file parses the same with icalendar on its own (the broken event aside).
    assert len(icalendar.Calendar.from_ical(AB.read_bytes()).walk("VEVENT")) == 97 + 6
    rotation = [e for e in read.events if e.categories == ("Rotation",)]
    assert len(rotation) == 97 and all(e.transparent and e.all_day for e in rotation)
    assert not any(e.suggest_no_school for e in rotation)
    suggested = sorted(e.summary for e in read.events if e.suggest_no_school)
    assert suggested == ["Día de desarrollo profesional (sin clases)", "Labor Day - No School", "Thanksgiving Break"]
    thanks = next(e for e in read.events if e.summary == "Thanksgiving Break")
    assert thanks.categories == ("Holiday", "Break") and not thanks.transparent
    (skipped,) = read.skipped
    assert str(skipped).startswith("district_ab_days.ics, line 911: event 'Picture day' skipped: its DTSTART/DTEND")
    assert all(e.line > 0 for e in read.events)
    text = "\n".join(preview_lines(read))
    assert "free, never a day off" in text and "(suggested)" in text and "[Holiday, Break]" in text
    assert "line 0" not in text


def test_nothing_becomes_a_day_off_unless_marked(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        summary = import_ics(s, AB, tzid="America/Chicago", **RANGE)
    assert summary.days_off == 0 and len(summary.skipped) == 1
    with ws.read() as s:
        assert s.scalars(select(SchoolDayOff).where(SchoolDayOff.source == f"import:{AB.name}")).all() == []
        rotation = s.scalars(select(CalendarEvent).where(CalendarEvent.title == "A Day")).all()
        assert rotation and not any(e.busy for e in rotation)  # free time, cancels nothing


def test_marked_events_become_days_off_and_transparent_ones_never(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    read = _read()
    everything = {e.key for e in read.events if e.all_day}  # even a careless "select all"
    with ws.session() as s:
        summary = import_ics(s, AB, tzid="America/Chicago", days_off=everything, **RANGE)
    assert summary.days_off == 3
    assert ("district_ab_days.ics, line 6: 'A Day' is marked free (TRANSP:TRANSPARENT), so it is not a day off"
            in summary.notes)
    with ws.read() as s:
        offs = {(o.name, o.start_date, o.end_date) for o in s.scalars(
            select(SchoolDayOff).where(SchoolDayOff.source == f"import:{AB.name}"))}
    assert offs == {("Labor Day - No School", dt.date(2026, 9, 7), dt.date(2026, 9, 7)),
                    ("Thanksgiving Break", dt.date(2026, 11, 25), dt.date(2026, 11, 27)),
                    ("Día de desarrollo profesional (sin clases)", dt.date(2026, 10, 9), dt.date(2026, 10, 9))}


def test_marking_by_category_or_name_and_reimport_updates(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    rule = days_off_matching(categories=["holiday"])
    with ws.session() as s:
        first = import_ics(s, AB, tzid="America/Chicago", days_off=rule, mode="holidays", **RANGE)
    assert first.days_off == 2 and first.events == 0
    with ws.session() as s:
        again = import_ics(s, AB, tzid="America/Chicago", days_off=days_off_matching(names=["thanksgiving", "labor"]),
                           mode="holidays", **RANGE)
    assert again.days_off == 0 and again.updated == 2


def test_cli_preview_and_import(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from app.store import create_workspace

    ws_path = tmp_path / "school.tdw"
    create_workspace(ws_path, school_name="Lakeview").workspace.close()
    args = ["calendar", "import", str(AB), "--workspace", str(ws_path), "--from", "2026-08-01", "--to", "2027-07-01"]
    assert main([*args, "--preview"]) == 0
    out = capsys.readouterr().out
    assert "103 event(s), 1 skipped" in out and "(suggested)" in out
    assert main([*args, "--as", "holidays", "--no-school", "suggested"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Imported {AB.name}: 3 days off") and "1 event(s) skipped" in out
    assert "skipped: district_ab_days.ics, line 911: event 'Picture day' skipped" in out
