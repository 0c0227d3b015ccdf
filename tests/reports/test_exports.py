"""Grade exports parsed back: Canvas, Google Classroom, OneRoster 1.2; CSV injection."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.reports.exports import (
    LINEITEM_COLUMNS,
    RESULT_COLUMNS,
    export_grades,
    safe_cell,
)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),  # a real negative number stays a number
        ("-2.5", "-2.5"),
        (-3.0, "-3"),
        (7.25, "7.25"),
        ("Zoë Ørsted", "Zoë Ørsted"),
        (None, ""),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_canvas_export(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "canvas.csv"
    with small_school.ws.read() as s:
        export_grades(s, "canvas", out, section_ids=[small_school.section_id])
    rows = _rows(out)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "'=HYPERLINK(\"x\")", "Homework 2", "Test 1"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10", "10", "50"]
    by_name = {r[0]: r for r in rows[2:]}
    # José: 8, missing -> 0 (class counts missing as zero), 45 late -10 % of 50 -> 40.
    assert by_name["Álvarez Nguyễn, José"][2:] == ["1001", "1001", "Algebra 1 – P2", "8", "0", "40"]
    # Zoë: excused -> EX (Canvas' excused mark).
    assert by_name["Ørsted, Zoë"][5:] == ["10", "EX", "50"]


def test_classroom_export(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        paths = export_grades(s, "classroom", tmp_path / "classroom")
    rows = _rows(paths[0])
    assert rows[0][:3] == ["Last Name", "First Name", "Email Address"]
    assert rows[1][:2] == ["Álvarez Nguyễn", "José"] and rows[1][3:] == ["8", "0", "40"]
    assert rows[2][3:] == ["10", "", "50"]


def test_oneroster_export(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        export_grades(s, "oneroster", tmp_path / "or")
    manifest = dict(_rows(tmp_path / "or" / "manifest.csv")[1:])
    assert manifest["oneroster.version"] == "1.2"
    assert manifest["file.lineItems"] == "bulk" and manifest["file.results"] == "bulk"
    with (tmp_path / "or" / "lineItems.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == LINEITEM_COLUMNS
        items = list(reader)
    assert [i["title"] for i in items] == ["'=HYPERLINK(\"x\")", "Homework 2", "Test 1"]
    assert items[2]["resultValueMax"] == "50" and items[2]["dueDate"] == "2026-09-18T23:59:00.000Z"
    with (tmp_path / "or" / "results.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == RESULT_COLUMNS
        results = list(reader)
    assert len(results) == 6
    statuses = sorted((r["scoreStatus"], r["score"], r["late"], r["missing"]) for r in results)
    assert ("not submitted", "0", "false", "true") in statuses
    assert ("fully graded", "40", "true", "false") in statuses  # 45 late -> 40
    assert ("exempt", "", "false", "false") in statuses
    # A bulk file leaves status and dateLastModified empty (the 1.2 CSV binding).
    assert all(r["dateLastModified"] == "" and r["status"] == "" for r in results)
