"""Setting up the school year from the command line: dates, terms, holidays, bell times,
and the calendar's lessons following them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.cli import main


def cli(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--workspace", str(ws)])
    out, err = capsys.readouterr()
    return code, out, err


def test_year_terms_holidays_and_bells(capsys, empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.school_calendar import load_days_off, weekly_lessons
    from app.store import open_workspace
    from app.store.roster_service import ClassInput, save_class

    path = Path(empty_workspace.path)
    save_class(empty_workspace, ClassInput(name="Math 7", code="M7", period="1"))
    empty_workspace.close()
    code, _, err = cli(capsys, path, "year", "term", "add", "Fall", "--from", "2026-08-24", "--to", "2026-12-18")
    assert code == 2 and "no school year yet" in err.lower() and "Traceback" not in err
    code, out, err = cli(capsys, path, "year", "set", "--name", "2026-27", "--from", "2026-08-24",
                         "--to", "2027-06-11")
    assert code == 0, err
    assert cli(capsys, path, "year", "term", "add", "Fall", "--from", "2026-08-24", "--to", "2026-12-18")[0] == 0
    code, _, err = cli(capsys, path, "year", "term", "add", "Spring", "--from", "2026-12-01", "--to", "2027-06-11")
    assert code == 2 and "overlaps Fall" in err
    code, _, err = cli(capsys, path, "year", "holiday", "add", "Thanksgiving break", "--from", "2026-11-25",
                       "--to", "2026-11-27", "--kind", "break")
    assert code == 0, err
    code, _, err = cli(capsys, path, "year", "bells", "1=08:00-08:50", "2=08:45-09:40")
    assert code == 2 and "overlap" in err
    code, _, err = cli(capsys, path, "year", "bells", "1=7:45-8:40", "2=08:46-09:36")
    assert code == 0, err
    code, out, _ = cli(capsys, path, "year", "show")
    assert "School year 2026-27: Aug 24, 2026 to Jun 11, 2027" in out and "Fall" in out  # US English dates
    assert "Thanksgiving break" in out and "7:45 AM – 8:40 AM" in out and "standard times" not in out
    ws = open_workspace(path)
    try:
        with ws.read() as s:
            lessons, source = weekly_lessons(s)
            offs = {d for o in load_days_off(s) for d in o.dates()}
    finally:
        ws.close()
    assert source == "sections" and {(w.start, w.end) for w in lessons} == {(dt.time(7, 45), dt.time(8, 40))}
    assert dt.date(2026, 11, 26) in offs
