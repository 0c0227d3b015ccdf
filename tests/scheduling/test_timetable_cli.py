"""`teacherdesk timetable ...` as a user runs it: files in, CSV out, exit codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.cli import main
from app.scheduling.timetable import read_fet, write_fet
from tests.scheduling.timetable_checker import check, read_rows

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "riverside-grade7.fet"


def test_solve_writes_rows_that_pass_the_checker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.csv"
    solved = tmp_path / "solved.fet"
    code = main(["timetable", "solve", str(SAMPLE), "--time-limit", "10", "--out", str(out),
                 "--fet-out", str(solved)])
    captured = capsys.readouterr()
    assert code == 0
    assert "ConstraintTeacherMaxRoomChangesPerDay ×1 is not considered" in captured.err
    assert "TeacherMinDaysPerWeek" not in captured.err
    # The file has constraint types the solver does not model: never "optimal".
    assert "optimal" not in captured.out.lower().replace("not proven optimal", "")
    assert "Meets every hard rule; 1 constraint of 1 type was not considered" in captured.out
    assert "best so far: penalty" in captured.err
    with open(out, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["activity_id", "day", "hour", "room"] and len(rows) == 36
    assert check(SAMPLE, read_rows(out)) == []
    # The exported .fet locks every placement; solving it again reproduces the same timetable.
    again = tmp_path / "again.csv"
    assert main(["timetable", "solve", str(solved), "--time-limit", "10", "--out", str(again), "--quiet"]) == 0
    assert read_rows(again) == read_rows(out)
    # `check` agrees.
    assert main(["timetable", "check", str(SAMPLE), str(out)]) == 0
    assert "All hard constraints hold" in capsys.readouterr().out


def test_lock_file_keeps_lessons(tmp_path: Path) -> None:
    out = tmp_path / "first.csv"
    assert main(["timetable", "solve", str(SAMPLE), "--time-limit", "10", "--out", str(out), "--quiet"]) == 0
    lines = out.read_text().splitlines()
    lock = tmp_path / "lock.csv"
    lock.write_text("\n".join(lines[:6]) + "\n")
    second = tmp_path / "second.csv"
    assert main(["timetable", "solve", str(SAMPLE), "--time-limit", "10", "--out", str(second),
                 "--lock", str(lock), "--quiet"]) == 0
    assert set(second.read_text().splitlines()) >= set(lines[:6])


def test_infeasible_exits_2_and_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = read_fet(SAMPLE)
    for c in p.constraints:
        if c.type == "TeacherMaxDaysPerWeek" and c.active:
            c.params["Max_Days_Per_Week"] = ["1"]  # Mrs Dubois: 4 Spanish lessons, min 1 day apart
    fet = tmp_path / "impossible.fet"
    write_fet(p, fet)
    out = tmp_path / "r.csv"
    code = main(["timetable", "solve", str(fet), "--time-limit", "10", "--out", str(out), "--quiet"])
    text = capsys.readouterr().out
    assert code == 2
    assert "No timetable exists" in text
    assert "Teacher Mrs Dubois may work at most 1 days a week" in text
    assert not out.exists() and (tmp_path / "r.partial.csv").exists()


def test_time_running_out_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.scheduling.timetable.generate import generate_school

    fet = tmp_path / "big.fet"
    # 900 lessons for 40 teachers: the constructive phase alone places a 600-lesson school
    # within the budget on an idle machine, so the school must be hard enough that
    # 0.05 s is never enough.
    write_fet(generate_school(40, 900, seed=3), fet)
    code = main(["timetable", "solve", str(fet), "--time-limit", "0.05", "--out", str(tmp_path / "r.csv"),
                 "--quiet"])
    assert code == 3
    text = capsys.readouterr().out
    assert "No timetable found within" in text and "best partial timetable places" in text
    assert "another --seed" in text  # each seed is another search: a scheduler may try one
    # The partial timetable is sound as far as it goes: only unplaced lessons are reported.
    partial = read_rows(tmp_path / "r.partial.csv")
    assert len(partial) > 100  # of 900
    assert [x for x in check(fet, partial) if "not placed" not in x] == []


def test_broken_file_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.fet"
    bad.write_text(SAMPLE.read_text()[:5000])
    assert main(["timetable", "solve", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("teacherdesk: ") and "bad.fet" in err and "line" in err and "\n" not in err
    assert main(["timetable", "solve", str(tmp_path / "missing.fet")]) == 1
    assert "missing.fet: file not found" in capsys.readouterr().err


def test_outputs_never_replace_the_school_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV timetable written over the .fet being solved, or a locked copy over it, would
    lose the school's file: refused before any search, with the fix named; so is a CSV
    given a .fet name (FET cannot open it)."""
    fet = tmp_path / "school.fet"
    fet.write_bytes(SAMPLE.read_bytes())
    for args in (["solve", str(fet), "--out", str(fet)], ["solve", str(fet), "--fet-out", str(tmp_path / "." / "school.fet")],
                 ["export", str(fet), str(tmp_path / "r.csv"), "--out", str(fet)]):
        assert main(["timetable", *args]) == 1
        err = capsys.readouterr().err
        assert "is the file being read" in err and "school.fet is kept as it is" in err
    assert main(["timetable", "solve", str(fet), "--out", str(tmp_path / "result.FET")]) == 1
    assert "use --fet-out" in capsys.readouterr().err
    assert fet.read_bytes() == SAMPLE.read_bytes()


def test_export_and_workspace_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.scheduling.timetable.store import lessons_for
    from app.store import create_workspace, open_workspace

    out = tmp_path / "r.csv"
    assert main(["timetable", "solve", str(SAMPLE), "--time-limit", "10", "--out", str(out), "--quiet"]) == 0
    assert main(["timetable", "export", str(SAMPLE), str(out), "--out", str(tmp_path / "x.fet")]) == 0
    assert "35 locked placements" in capsys.readouterr().out
    ws_path = tmp_path / "school.tdw"
    create_workspace(ws_path, school_name="Riverside").workspace.close()
    assert main(["timetable", "import", str(SAMPLE), "--csv", str(out), "--workspace", str(ws_path)]) == 0
    assert main(["timetable", "list", "--workspace", str(ws_path)]) == 0
    assert "Riverside Middle School  (35 activities, 35 placed" in capsys.readouterr().out
    with open_workspace(ws_path) as ws:
        lessons = lessons_for(ws)
    assert len(lessons) == 35
    pe = next(lesson for lesson in lessons if lesson.subject == "PE")
    assert (pe.day_name, str(pe.start), str(pe.end), pe.room) == ("Tuesday", "12:40:00", "14:25:00", "Gym")


def test_solve_starts_without_the_database_layer_or_numba(tmp_path: Path) -> None:
    """Start-up counts against FET: `timetable solve` on a small school loads neither
    SQLAlchemy (the workspace store) nor numba (loaded only when placement takes longer
    than its head start)."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from app.cli import main\n"
            "rc = main(['timetable', 'solve', sys.argv[1], '--time-limit', '10', '--quiet', '--out', sys.argv[2]])\n"
            "print(rc, 'sqlalchemy' in sys.modules, 'numba' in sys.modules)\n")
    env = {k: v for k, v in os.environ.items() if k != "TEACHERDESK_NO_NUMBA"}
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path / "out.csv")], capture_output=True,
                         text=True, env=env, cwd=Path(__file__).resolve().parents[2], check=True).stdout.split()
    assert out[-3:] == ["0", "False", "False"], out


def test_seed_chooses_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--seed`` is the solve's placement seed (default 1, the app's first Solve)."""
    import app.scheduling.timetable as timetable

    seeds: list[int] = []
    real = timetable.solve

    def spy(*args: object, seed: int = 1, **kwargs: object) -> object:
        seeds.append(seed)
        return real(*args, seed=seed, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(timetable, "solve", spy)
    out = tmp_path / "out.csv"
    for extra in ([], ["--seed", "7"]):
        assert main(["timetable", "solve", str(SAMPLE), "--time-limit", "5", "--out", str(out), "--quiet",
                     *extra]) == 0
    assert seeds == [1, 7]
    assert check(SAMPLE, read_rows(out)) == []
