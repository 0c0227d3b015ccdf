"""FET import/export: structure, warnings for unsupported types, round trip, bad files."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from app.scheduling.timetable import (
    FetError,
    Placement,
    read_fet,
    solve,
    warnings_for,
    write_csv,
    write_fet,
)
from app.scheduling.timetable.fet import parse_fet, read_csv
from app.scheduling.timetable.model import Activity, Constraint, Problem, StudentsSet
from app.scheduling.timetable.rules import compile_rules

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
    assert any("ConstraintTeacherMaxRoomChangesPerDay ×1" in w for w in warnings)
    # Supported and inactive constraints are not reported as unsupported.
    assert not any("TeacherMaxDaysPerWeek" in w or "TeacherMinDaysPerWeek" in w or "BreakTimes" in w
                   or "IntervalMaxDays" in w for w in warnings)


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


@pytest.mark.parametrize("xml", [
    "<Comments />", "<Comments></Comments>", "<Comments>a &amp; b &lt;c&gt; \"q\" 'x' \u00f1</Comments>",
    "<Qualified_Subjects>\n\t</Qualified_Subjects>", "<Target_Number_of_Hours>0</Target_Number_of_Hours>",
    "<Room a=\"1\">x</Room>", "<List><Item>1</Item><Item>a&amp;b</Item></List>",
])
def test_kept_elements_are_written_as_elementtree_writes_them(xml: str) -> None:
    from app.scheduling.timetable.fet import _raw

    el = ET.fromstring(xml)
    el.tail = "\n\t"
    assert _raw(el) == ET.tostring(ET.fromstring(xml), encoding="unicode")
    assert el.tail == "\n\t"


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


# -- FET itself reads what we write ---------------------------------------------------------

FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FET6_FEATURES = [  # one FET 6 example per element the model does not represent
    "FET-6-mornings-afternoons/Algeria/1/sample_algeria.fet",  # <Mode>
    "FET-6-terms/1/puris_2020-2021_9_01.fet",  # terms
    "FET-6-mornings-afternoons/Algeria/2-Établissement-moyen/EDT_new_Virt_R_95-percent_21_22.fet",  # real rooms
    "FET-6-mornings-afternoons/Algeria/3/Test-Max_3consecutive days.fet",  # categories/divisions
    "FET-6-official/Germany/secondary-school-1/using_subactivities_constraints/German_subact_constr.fet",  # qualified
]
needs_fet = pytest.mark.skipif(shutil.which("fet-cl") is None or not FET_EXAMPLES.is_dir(),
                               reason="FET (apt package fet, fet-data) is not installed")


def _fet_cl(path: Path, out: Path, seconds: int = 1) -> str:
    proc = subprocess.run(["fet-cl", f"--inputfile={path}", f"--outputdir={out}", f"--timelimitseconds={seconds}"],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    return proc.stdout + proc.stderr


def _messages(output: str) -> set[str]:
    """FET's warnings and errors about the file, without the file's own name."""
    return {line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith("Message:")}


def _signature(root: ET.Element) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()

    def walk(el: ET.Element, path: str) -> None:
        here = f"{path}/{el.tag}"
        out[(here, (el.text or "").strip())] += 1
        for child in el:
            walk(child, here)

    walk(root, "")
    return out


@needs_fet
@pytest.mark.parametrize("name", FET6_FEATURES)
def test_fet6_elements_survive_and_fet_reads_the_export(name: str, tmp_path: Path) -> None:
    original = FET_EXAMPLES / name
    if not original.exists():
        pytest.skip(f"{name} is not in this fet-data")
    again = tmp_path / "again.fet"
    write_fet(read_fet(original), again)
    # Every element and text of the original is in the export (nothing dropped).
    lost = _signature(ET.parse(original).getroot()) - _signature(ET.parse(again).getroot())
    assert not lost, list(lost)[:5]
    # FET opens it as it opens the original: no new warning or error, and it starts generating.
    before = _fet_cl(original, tmp_path / "a")
    after = _fet_cl(again, tmp_path / "b")
    assert _messages(after) <= _messages(before)
    assert ("Starting timetable generation" in after) == ("Starting timetable generation" in before)


@needs_fet
def test_fet_accepts_our_locked_timetable(tmp_path: Path) -> None:
    matches = sorted(FET_EXAMPLES.rglob("Hopwood.fet"))
    if not matches:
        pytest.skip("Hopwood.fet is not in this fet-data")
    from app.scheduling.timetable import solve

    problem = read_fet(matches[0])
    result = solve(problem, time_limit=20, workers=2)
    assert result.solved and result.evaluation is not None and result.evaluation.hard_ok
    assert result.coverage.complete  # every constraint of this school is modelled
    locked = tmp_path / "locked.fet"
    write_fet(problem, locked, result.placements, lock_all=True)
    assert "Simulation successful" in _fet_cl(locked, tmp_path / "out", seconds=30)


# -- min days per week, as FET reads and judges it --------------------------------------


def _min_days_school(lessons: int, *rules: tuple[str, float, dict[str, list[str]]]) -> Problem:
    """Teacher T with ``lessons`` one-hour lessons, U with two, one year; ``rules`` as
    (type, weight, params)."""
    acts = [Activity(i, ["T"], "M", ["Y"]) for i in range(1, lessons + 1)]
    acts += [Activity(lessons + k, ["U"], "M", ["Y"]) for k in (1, 2)]
    return Problem(name="Min days", days=["Mon", "Tue", "Wed", "Thu", "Fri"], hours=["1", "2", "3", "4"],
                   teachers=["T", "U"], subjects=["M"], years=[StudentsSet("Y", "year", 10)], activities=acts,
                   constraints=[Constraint("BasicCompulsoryTime", 100), Constraint("BasicCompulsorySpace", 100, space=True),
                                *(Constraint(t, w, params=dict(params)) for t, w, params in rules)])


def test_min_days_per_week_survives_a_round_trip_and_is_modelled(tmp_path: Path) -> None:
    p = _min_days_school(4, ("TeacherMinDaysPerWeek", 100, {"Teacher_Name": ["T"], "Minimum_Days_Per_Week": ["3"]}),
                         ("TeachersMinDaysPerWeek", 100, {"Minimum_Days_Per_Week": ["2"]}))
    path = tmp_path / "min-days.fet"
    write_fet(p, path)
    again = read_fet(path)
    assert sorted((c.type, c.weight, str(c.params)) for c in again.constraints) == sorted(
        (c.type, c.weight, str(c.params)) for c in p.constraints)
    assert not warnings_for(again)
    loads = [(ld.kind, ld.who, ld.limit) for ld in compile_rules(again).loads]
    assert loads == [("min_days_week", "T", 3), ("min_days_week", "T", 2), ("min_days_week", "U", 2)]


@needs_fet
def test_fet_judges_min_days_per_week_as_we_do(tmp_path: Path) -> None:
    """fet-cl 6.8.5 accepts our locked timetable meeting a hard min-days-a-week rule; it
    refuses a file where a teacher has fewer lessons than the minimum (we find no
    timetable, and say why), and the rule below 100 %."""
    from app.scheduling.timetable import solve

    rule = ("TeacherMinDaysPerWeek", 100, {"Teacher_Name": ["T"], "Minimum_Days_Per_Week": ["3"]})
    p = _min_days_school(4, rule)
    result = solve(p, time_limit=10)
    assert result.solved and len({pl.day for pl in result.placements if pl.activity_id <= 4}) == 3
    locked = tmp_path / "locked.fet"
    write_fet(p, locked, result.placements, lock_all=True)
    assert "Simulation successful" in _fet_cl(locked, tmp_path / "a", seconds=30)

    few = _min_days_school(2, rule)
    write_fet(few, tmp_path / "few.fet")
    assert any("min days per week 3 and he has only 2 activities - impossible" in m
               for m in _messages(_fet_cl(tmp_path / "few.fet", tmp_path / "b")))
    assert any("T has 2 lessons but must work at least 3 days a week" in n for n in compile_rules(few).notes)
    assert not solve(few, time_limit=10).solved

    soft = _min_days_school(4, ("TeacherMinDaysPerWeek", 90, rule[2]))
    write_fet(soft, tmp_path / "soft.fet")
    assert any("teacher min days per week for teacher T with weight (percentage) below 100" in m
               for m in _messages(_fet_cl(tmp_path / "soft.fet", tmp_path / "c")))


def _interval_week(tmp_path: Path, name: str, weight: float, start: str, end: str,
                   lessons: list[tuple[int, int, int]]) -> tuple[Path, bool]:
    """One teacher and one class, lessons ``(hours, day, hour)`` locked where given, a
    teacher interval max-days rule of at most one day: the file, and whether our checker
    finds the week meets every hard rule."""
    from app.scheduling.timetable.evaluate import evaluate
    from app.scheduling.timetable.model import Activity, Constraint, Problem, StudentsSet
    from app.scheduling.timetable.rules import compile_rules

    p = Problem(name=name, days=["Mon", "Tue", "Wed"], hours=["1", "2", "3", "4", "5", "6"], teachers=["T"],
                subjects=["M"], years=[StudentsSet("S", "year", 10)],
                activities=[Activity(i, ["T"], "M", ["S"], duration=d) for i, (d, _, _) in enumerate(lessons, 1)],
                constraints=[Constraint("BasicCompulsoryTime"), Constraint("BasicCompulsorySpace", space=True),
                             Constraint("TeacherIntervalMaxDaysPerWeek", weight, params={
                                 "Teacher_Name": ["T"], "Interval_Start_Hour": [start], "Interval_End_Hour": [end],
                                 "Max_Days_Per_Week": ["1"]})])
    p.fet_version = "6.8.5"  # the installed fet-cl's, so it opens the file without a note
    week = [Placement(i, day, hour) for i, (_, day, hour) in enumerate(lessons, 1)]
    path = tmp_path / f"{name}.fet"
    write_fet(p, path, week, lock_all=True)
    return path, evaluate(compile_rules(p), week).hard_ok


def _fet_places(path: Path, out: Path, seconds: float) -> bool:
    """Whether fet-cl generates the locked timetable (on a locked week that breaks a hard
    rule it searches on, past its own time limit: given up after ``seconds``)."""
    try:
        proc = subprocess.run(["fet-cl", f"--inputfile={path}", f"--outputdir={out}", "--timelimitseconds=5"],
                              capture_output=True, text=True, timeout=seconds, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return False
    return "Simulation successful" in proc.stdout + proc.stderr


@needs_fet
def test_fet_counts_interval_days_as_the_checker_does(tmp_path: Path) -> None:
    """fet-cl 6.8.5: the interval runs from its start hour up to, not including, its end
    hour (an empty end is the end of the day); a lesson overlapping it makes the day count;
    below 100 % the rule is refused."""
    # Lessons at hour 4 on two days, the interval hours 2-3: the end hour is not in it.
    path, ours = _interval_week(tmp_path, "end", 100, "2", "4", [(1, 0, 3), (1, 1, 3)])
    assert ours and _fet_places(path, tmp_path / "end-out", 60)
    # Two-hour lessons at hours 3-4 on two days, the interval from hour 4 to the end of
    # the day: both days count, one too many.
    path, ours = _interval_week(tmp_path, "overlap", 100, "4", "", [(2, 0, 2), (2, 1, 2)])
    assert not ours and not _fet_places(path, tmp_path / "overlap-out", 8)
    path, _ours = _interval_week(tmp_path, "soft", 80, "4", "", [(1, 0, 0)])
    assert "only possible to use 100% weight" in _fet_cl(path, tmp_path / "soft-out")


def _blank_subject() -> Problem:
    """A subject named with three spaces (FET's Algerian examples have one): a rule for
    that subject binds its lessons only, where an empty subject binds every lesson."""
    p = Problem(name="blank", days=["Mon", "Tue"], hours=["1", "2"], subjects=["A", "   "], teachers=["T1", "T2"])
    p.years = [StudentsSet("C", "year", 10), StudentsSet("D", "year", 10)]
    p.activities = [Activity(1, ["T1"], "A", ["C"]), Activity(2, ["T2"], "   ", ["D"])]
    p.constraints = [
        Constraint("BasicCompulsoryTime", 100, True, {}), Constraint("BasicCompulsorySpace", 100, True, {}, True),
        Constraint("ActivityPreferredStartingTime", 100, True, {
            "Activity_Id": ["1"], "Preferred_Day": ["Tue"], "Preferred_Hour": ["1"], "Permanently_Locked": ["false"]}),
        Constraint("ActivitiesPreferredStartingTimes", 100, True, {
            "Teacher_Name": [""], "Students_Name": [""], "Subject_Name": ["   "], "Activity_Tag_Name": [""],
            "Duration": [""], "Number_of_Preferred_Starting_Times": ["1"],
            "Preferred_Starting_Time": [{"Preferred_Starting_Day": "Mon", "Preferred_Starting_Hour": "1"}]}),
    ]
    return p


def test_a_name_of_spaces_is_a_name_not_an_empty_filter(tmp_path: Path) -> None:
    path = tmp_path / "blank.fet"
    write_fet(_blank_subject(), path, [])
    p = read_fet(path)
    assert p.subjects == ["A", "   "] and p.activities[1].subject == "   "
    result = solve(p, time_limit=10, workers=1)
    assert result.solved, result.headline()  # read as "any subject", lesson 1 had to be in two places
    at = {pl.activity_id: (pl.day, pl.hour) for pl in result.placements}
    assert at == {1: (1, 0), 2: (0, 0)}


@needs_fet
def test_fet_reads_a_name_of_spaces_as_we_do(tmp_path: Path) -> None:
    path = tmp_path / "blank.fet"
    write_fet(_blank_subject(), path, [])
    assert "Simulation successful" in _fet_cl(path, tmp_path / "out", seconds=5)


@pytest.mark.parametrize("ctype", ["StudentsActivityTagMaxHoursDaily", "StudentsSetActivityTagMaxHoursDaily",
                                   "StudentsActivityTagMaxHoursContinuously"])
def test_the_students_tag_rules_bind_the_tagged_lessons_as_fet_writes_them(ctype: str, tmp_path: Path) -> None:
    """FET writes the tag of the students' activity-tag rules as <Activity_Tag> (the
    teachers' as <Activity_Tag_Name>); read as no tag, such a rule bound every lesson."""
    from app.scheduling.timetable.evaluate import evaluate

    p = Problem(name="tags", days=["Mon"], hours=["1", "2", "3"], subjects=["A"], teachers=["T1", "T2", "T3"])
    p.tags = ["Lab"]
    p.years = [StudentsSet("C", "year", 10)]
    p.activities = [Activity(1, ["T1"], "A", ["C"], tags=["Lab"]), Activity(2, ["T2"], "A", ["C"]),
                    Activity(3, ["T3"], "A", ["C"])]
    limit = "Maximum_Hours_Continuously" if ctype.endswith("Continuously") else "Maximum_Hours_Daily"
    params = {"Activity_Tag": ["Lab"], limit: ["1"]} | ({"Students": ["C"]} if "StudentsSet" in ctype else {})
    p.constraints = [Constraint("BasicCompulsoryTime", 100, True, {}), Constraint(ctype, 100, True, params)]
    write_fet(p, tmp_path / "tags.fet", [])
    read = read_fet(tmp_path / "tags.fet")
    ev = evaluate(compile_rules(read), [Placement(a, 0, a - 1, "") for a in (1, 2, 3)])
    assert ev.hard_ok, [v.message for v in ev.hard]  # one tagged hour: within the limit of 1
    assert any("tagged Lab" in r.label for r in compile_rules(read).loads)
