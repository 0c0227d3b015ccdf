"""`teacherdesk roster import|mapping` against a real encrypted workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.store import create_workspace
from tests.store.data.roster_sets import DATA, ONEROSTER12, append, copy_set, table_counts


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    path = tmp_path / "school.tdw"
    create_workspace(path, school_name="Test School").workspace.close()
    return path


def _counts(path: Path) -> dict[str, int]:
    from app.store import open_workspace

    with open_workspace(path, daily_backup=False) as ws:
        return table_counts(ws)


def test_cli_imports_a_oneroster_zip_and_dry_runs(ws_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.store.data.roster_sets import zip_set

    archive = zip_set(ONEROSTER12, tmp_path / "lakeview.zip")
    assert main(["roster", "import", str(archive), "--workspace", str(ws_path), "--dry-run"]) == 0
    assert "Would import lakeview.zip (oneroster-1.2)" in capsys.readouterr().out
    assert _counts(ws_path)["student"] == 0
    assert main(["roster", "import", str(archive), "--workspace", str(ws_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["applied"] and report["counts"]["students"]["created"] == 5
    assert _counts(ws_path)["student"] == 5


def test_cli_rejects_a_bad_set_with_row_errors(ws_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = copy_set(ONEROSTER12, tmp_path / "bad")
    line = append(bad, "enrollments.csv", "e-x,,,k-nope,s-110,u-5001,student,false,,")
    assert main(["roster", "import", str(bad), "--strict", "--workspace", str(ws_path)]) == 1
    err = capsys.readouterr().err
    assert "1 defective row(s) in bad; nothing was imported (--strict)." in err
    assert f"enrollments.csv, line {line}: classSourcedId 'k-nope' is not a sourcedId in classes.csv → skipped" in err
    assert "Traceback" not in err
    assert _counts(ws_path)["student"] == 0
    # Without --strict the good part is imported and the defect is listed.
    assert main(["roster", "import", str(bad), "--workspace", str(ws_path)]) == 0
    out = capsys.readouterr().out
    assert "Imported the good part of bad (oneroster-1.2)." in out
    assert f"- enrollments.csv, line {line}: classSourcedId 'k-nope' is not a sourcedId in classes.csv → skipped" in out
    assert _counts(ws_path)["student"] == 5


def test_cli_mapping_round_trip(ws_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = DATA / "sis_export.csv"
    assert main(["roster", "mapping", str(export)]) == 0
    mapping = json.loads(capsys.readouterr().out)
    assert mapping["student_id"] == "Perm ID" and mapping["middle_name"] == ""
    mapping["language"] = ""  # the user decides not to import languages
    saved = tmp_path / "mapping.json"
    saved.write_text(json.dumps(mapping), encoding="utf-8")
    assert main(["roster", "import", str(export), "--mapping", str(saved), "--workspace", str(ws_path)]) == 0
    assert "students: 5 created" in capsys.readouterr().out
    from app.store import open_workspace
    from app.store.models import Guardian

    with open_workspace(ws_path, daily_backup=False) as ws, ws.read() as s:
        assert {g.preferred_language for g in s.query(Guardian)} == {"en"}


def test_cli_user_errors_are_one_line(ws_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roster", "import", str(tmp_path / "nope.zip"), "--workspace", str(ws_path)]) == 2
    assert capsys.readouterr().err.strip().endswith("nope.zip does not exist.")
    assert main(["roster", "mapping", str(ONEROSTER12)]) == 2
    assert "needs no column mapping" in capsys.readouterr().err
    broken = tmp_path / "m.json"
    broken.write_text("{not json", encoding="utf-8")
    code = main(["roster", "import", str(DATA / "sis_export.csv"), "--mapping", str(broken),
                 "--workspace", str(ws_path)])
    assert code == 2 and "m.json is not a readable JSON mapping" in capsys.readouterr().err
