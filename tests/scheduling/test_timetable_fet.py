"""FET import/export: structure, warnings for unsupported types, round trip, bad files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.scheduling.timetable import (
    FetError,
    Placement,
    read_fet,
    warnings_for,
    write_csv,
    write_fet,
)
from app.scheduling.timetable.fet import parse_fet, read_csv

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "riverside-grade7.fet"


def test_reads_the_whole_school() -> None:
    p = read_fet(SAMPLE)
    assert p.name == "Riverside Middle School"
    assert p.days == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert len(p.hours) == 6 and p.hours[0] == "08:00-08:50"
    assert "Coach Evans" in p.teachers and len(p.teachers) == 5
    assert [y.name for y in p.years] == ["Grade 7"]
    assert [g.name for g in p.groups] == ["7A", "7B"]
    assert p.atoms()["Grade 7"] == {"7A Spanish", "7A French", "7B Spanish", "7B French"}
    assert p.atoms()["7A"] == {"7A Spanish", "7A French"}
    assert len(p.activities) == 35
    science = [a for a in p.activities if a.subject == "Science" and a.students == ["7A"]]
    assert [a.duration for a in science] == [2, 1] and science[0].group_id == science[0].id
    assert {r.name: r.capacity for r in p.rooms}["Room 103"] == 14
    inactive = [c for c in p.constraints if not c.active]
    assert len(inactive) == 1 and inactive[0].type == "TeacherMaxDaysPerWeek"
    soft = [c for c in p.constraints if not c.hard]
    assert {c.type for c in soft} >= {"ActivitiesPreferredTimeSlots", "ActivityPreferredRooms"}


def test_unsupported_types_are_named_with_counts() -> None:
    warnings = warnings_for(read_fet(SAMPLE))
    assert any("ConstraintStudentsMaxHoursContinuously ×2" in w for w in warnings)
    assert any("ConstraintTeachersMinHoursDaily ×1" in w for w in warnings)
    # Supported and inactive constraints are not reported as unsupported.
    assert not any("TeacherMaxDaysPerWeek" in w or "BreakTimes" in w for w in warnings)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    p = read_fet(SAMPLE)
    out = tmp_path / "again.fet"
    write_fet(p, out)
    q = read_fet(out)
    assert q.activities == p.activities
    assert [(c.type, c.weight, c.active, c.params) for c in q.constraints] == [
        (c.type, c.weight, c.active, c.params) for c in p.constraints
    ]
    assert q.years == p.years and q.groups == p.groups and q.subgroups == p.subgroups
    assert q.rooms == p.rooms


def test_export_locks_placements_like_fet(tmp_path: Path) -> None:
    p = read_fet(SAMPLE)
    placements = [Placement(1, 0, 0, "Room 102"), Placement(2, 1, 0, "Room 102")]
    text = write_fet(p, tmp_path / "locked.fet", placements, lock_all=True)
    root = ET.fromstring(text)
    starts = [c for c in root.findall("Time_Constraints_List/ConstraintActivityPreferredStartingTime")
              if c.findtext("Activity_Id") in ("1", "2")]
    assert {(c.findtext("Activity_Id"), c.findtext("Preferred_Day"), c.findtext("Preferred_Hour"),
             c.findtext("Permanently_Locked"), c.findtext("Weight_Percentage")) for c in starts} == {
        ("1", "Monday", "08:00-08:50", "true", "100"), ("2", "Tuesday", "08:00-08:50", "true", "100")}
    rooms = root.findall("Space_Constraints_List/ConstraintActivityPreferredRoom")
    assert {(c.findtext("Activity_Id"), c.findtext("Room")) for c in rooms} == {("1", "Room 102"), ("2", "Room 102")}


def test_csv_round_trip(tmp_path: Path) -> None:
    p = read_fet(SAMPLE)
    placements = [Placement(3, 2, 1, "Lab"), Placement(1, 0, 0, "")]
    text = write_csv(p, placements, tmp_path / "r.csv")
    assert text.splitlines() == ["activity_id,day,hour,room", "1,Monday,08:00-08:50,",
                                 "3,Wednesday,08:55-09:45,Lab"]
    assert read_csv(p, tmp_path / "r.csv") == sorted(placements, key=lambda x: x.activity_id)


def test_broken_xml_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.fet"
    text = SAMPLE.read_text().splitlines()
    text[40] = text[40].replace("</Name>", "</Nme>")
    bad.write_text("\n".join(text))
    with pytest.raises(FetError) as err:
        read_fet(bad)
    message = str(err.value)
    assert "broken.fet" in message and "line 41" in message and "\n" not in message


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<html/>", "not a FET file"),
        ("<fet><Days_List/><Hours_List/></fet>", "no days or no hours"),
        ("<fet><Days_List><Day><Name>Mo</Name></Day></Days_List><Hours_List><Hour><Name>1</Name></Hour>"
         "</Hours_List><Activities_List><Activity><Teacher>Ghost</Teacher><Id>1</Id><Duration>1</Duration>"
         "</Activity></Activities_List></fet>", "teacher 'Ghost'"),
    ],
)
def test_bad_content_is_one_clear_line(xml: str, expected: str) -> None:
    with pytest.raises(FetError, match=expected):
        parse_fet(xml, "school.fet")


def test_missing_file() -> None:
    with pytest.raises(FetError, match="file not found"):
        read_fet(DATA / "nope.fet")
