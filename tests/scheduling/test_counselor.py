"""Counselor calendar: categories, recurring groups, the ASCA share, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from app.cli import main
from app.scheduling.counselor import category
from app.scheduling.counselor_store import add_event, agenda, counselor_report
from tests.scheduling.test_ics import DISTRICT, school  # noqa: F401  (fixture)


def test_asca_share_counts_minutes_by_category(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import Staff

    ws = empty_workspace
    with ws.session() as s:
        c = Staff(given_name="Dana", family_name="Okafor", role="counselor")
        s.add(c)
        s.flush()
        monday = dt.date(2026, 10, 5)
        # 4 x 60 min weekly group (direct), one 60-min consultation (indirect), 60 min duty.
        add_event(s, title="Group", category="group", owner_staff_id=c.id,
                  start=dt.datetime.combine(monday, dt.time(10)), end=dt.datetime.combine(monday, dt.time(11)),
                  rrule="FREQ=WEEKLY;BYDAY=MO", repeat_until=dt.date(2026, 10, 26))
        add_event(s, title="Parent call", category="consultation", owner_staff_id=c.id,
                  start=dt.datetime(2026, 10, 7, 14), end=dt.datetime(2026, 10, 7, 15))
        add_event(s, title="Bus duty", category="duty", owner_staff_id=c.id,
                  start=dt.datetime(2026, 10, 8, 7), end=dt.datetime(2026, 10, 8, 8))
        add_event(s, title="SAT", category="test_date", owner_staff_id=c.id, all_day=True,
                  start=dt.datetime(2026, 10, 10), end=dt.datetime(2026, 10, 11))
        from app.scheduling.school_calendar import add_day_off

        add_day_off(s, "Indigenous Peoples' Day", dt.date(2026, 10, 12))
        cid = c.id
    with ws.read() as s:
        report = counselor_report(s, cid, dt.date(2026, 10, 1), dt.date(2026, 11, 1))
        occ = agenda(s, cid, dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    assert report.minutes_by_category == {"group": 180, "consultation": 60, "duty": 60}  # 12 Oct skipped
    assert report.share("direct") == 0.6 and report.share("indirect") == 0.2
    assert report.meets_target
    assert [o.start for o in occ if o.all_day] == [dt.date(2026, 10, 10)]
    assert category("group").asca == "direct" and category("nonsense").key == "other"


def test_cli_export_import_and_asca(school, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ws, ids = school
    out = tmp_path / "counselor.ics"
    assert main(["calendar", "export", "--workspace", str(ws.path), "--for", f"student:{ids['jose']}",
                 "--out", str(out)]) == 0
    assert "initials only" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "José" not in text and "CLASS:PRIVATE" in text
    assert main(["calendar", "export", "--workspace", str(ws.path), "--for", f"student:{ids['jose']}",
                 "--out", str(out), "--full-names"]) == 0
    captured = capsys.readouterr()
    assert "José Ramírez" in out.read_text(encoding="utf-8") and "full student names" in captured.err
    assert main(["calendar", "export", "--workspace", str(ws.path), "--for", "wizard:1",
                 "--out", str(out)]) == 1
    assert "KIND:ID" in capsys.readouterr().err
    district = tmp_path / "district.ics"
    district.write_text(DISTRICT, encoding="utf-8", newline="")
    # Only the events marked as no school become days off.
    assert main(["calendar", "import", str(district), "--workspace", str(ws.path), "--staff", str(ids["teacher"]),
                 "--from", "2026-08-01", "--to", "2027-07-01",
                 "--no-school", "Martin Luther King;Staff development"]) == 0
    assert "2 days off, 19 busy times" in capsys.readouterr().out
    # A broken event is skipped with its line; the rest of the file would be imported.
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    assert main(["calendar", "import", str(broken), "--workspace", str(ws.path)]) == 0
    assert ("skipped: broken.ics, line 2: an event skipped: BEGIN:VEVENT on line 2 is never closed"
            in capsys.readouterr().out)
    assert main(["calendar", "import", str(tmp_path / "counselor.ics.missing"), "--workspace", str(ws.path)]) != 0
    assert main(["calendar", "asca", "--workspace", str(ws.path), "--staff", str(ids["counselor"]),
                 "--from", "2026-11-01", "--to", "2026-12-31"]) == 0
    assert "Direct student services: 100%" in capsys.readouterr().out
    icalendar.Calendar.from_ical(out.read_bytes())


def test_spanish_catalog_translates_every_pdf_string() -> None:
    import re

    from babel.messages.pofile import read_po

    from app.paths import asset

    source = Path("app/scheduling/conference_pdf.py").read_text(encoding="utf-8")
    used = set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"(?:\s*"((?:[^"\\]|\\.)*)")?', source))
    strings = {a + b for a, b in used}
    with asset("translations", "es", "LC_MESSAGES", "conferences.po").open("rb") as fh:
        catalog = read_po(fh, locale="es")
    missing = [s for s in strings if not (catalog.get(s) and catalog.get(s).string)]
    assert strings and missing == []
