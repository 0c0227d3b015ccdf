"""The command line as a teacher uses it: print sheets, grade a folder, save to the gradebook."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.cli import main


def test_sheet_grade_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    from app.grading.synthetic import make_page
    from app.grading.template import load_template

    pdf, tpl = tmp_path / "sheets.pdf", tmp_path / "t.json"
    assert main(["sheet", "--questions", "12", "--choices", "TF", "--id-digits", "4", "--title", "Quiz",
                 "--out", str(pdf), "--template-out", str(tpl)]) == 0
    assert "Quiz" in PdfReader(str(pdf)).pages[0].extract_text()
    t = load_template(tpl)
    scans = tmp_path / "scans"
    scans.mkdir()
    rng = np.random.default_rng(3)
    truth = []
    for i, kind in enumerate(["scan", "photo"]):
        sp = make_page(t, rng, kind, dpi=150, kinds={"fill": 1.0})
        cv2.imwrite(str(scans / f"{i}.jpg"), sp.image)
        truth.append(sp)
    (scans / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0garbage")
    key = tmp_path / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q},T\n" for q in range(1, 13)), encoding="utf-8")
    out_json, out_csv = tmp_path / "r.json", tmp_path / "r.csv"
    capsys.readouterr()
    assert main(["grade", str(scans), "--template", str(tpl), "--key", str(key),
                 "--json", str(out_json), "--csv", str(out_csv), "--workers", "2",
                 "--analysis", str(tmp_path / "items.json")]) == 0
    printed = capsys.readouterr()
    assert "3 page(s)" in printed.out and "broken.jpg" in printed.out
    assert "%" not in printed.out  # a progress bar goes to a terminal's stderr only
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    pages = {Path(p["file"]).name: p for p in doc["pages"]}
    assert pages["broken.jpg"]["status"] == "error"
    for i, sp in enumerate(truth):
        p = pages[f"{i}.jpg"]
        assert p["status"] == "ok" and p["student_id"] == sp.student_id
        assert {a["question"]: a["marked"] for a in p["answers"]} == sp.truth
        assert p["score"] == sum(1 for v in sp.truth.values() if v == ["T"]) and p["max_score"] == 12
        assert set(p["answers"][0]) >= {"question", "marked", "status", "confidence"}
    items = json.loads((tmp_path / "items.json").read_text(encoding="utf-8"))
    assert items["n_students"] == 2 and len(items["items"]) == 12
    rows = out_csv.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("file,page,status,reason,student_id,version,score,max_score,q1")
    assert len(rows) == 4


def test_user_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sheet", "--questions", "500", "--out", str(tmp_path / "a.pdf"),
                 "--template-out", str(tmp_path / "t.json")]) == 2
    assert "1-200" in capsys.readouterr().err
    assert main(["grade", str(tmp_path), "--template", str(tmp_path / "none.json")]) == 2
    assert "no such template" in capsys.readouterr().err
    (tmp_path / "t.json").write_text("[]", encoding="utf-8")
    assert main(["template", "check", str(tmp_path / "t.json")]) == 2


def test_class_sheets_and_scores_into_the_gradebook(demo_workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import pypdfium2 as pdfium
    from sqlalchemy import select

    from app.grading.synthetic import degrade, fill_page, random_answers
    from app.grading.template import load_template
    from app.store.models import Assignment, Score, Section

    with demo_workspace.read() as s:
        section = next(sec for sec in s.scalars(select(Section)) if len(sec.enrollments) >= 3)
        code, name = section.code or section.name, section.name
        ids = sorted(e.student.local_id for e in section.enrollments if e.student.active and e.end_date is None)
    ws = str(demo_workspace.path)
    demo_workspace.close()
    pdf, tpl = tmp_path / "class.pdf", tmp_path / "t.json"
    assert main(["sheet", "--questions", "10", "--choices", "4", "--class", code, "--workspace", ws,
                 "--out", str(pdf), "--template-out", str(tpl)]) == 0
    t = load_template(tpl)
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == len(ids)
    scans = tmp_path / "scans"
    scans.mkdir()
    rng = np.random.default_rng(5)
    expected = {}
    for i in range(3):  # three students hand in their sheets
        img = doc[i].render(scale=150 / 72, grayscale=True).to_numpy()
        img = np.ascontiguousarray(img if img.ndim == 2 else img[:, :, 0])
        kinds, truth = random_answers(t, 1, rng, {"fill": 1.0})
        fill_page(img, t, 1, 150, rng, kinds, truth)
        cv2.imwrite(str(scans / f"s{i}.jpg"), degrade(img, "scan", rng, 150))
        expected[i] = sum(1 for v in truth.values() if v == ["A"])
    key = tmp_path / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q},A\n" for q in range(1, 11)), encoding="utf-8")
    assert main(["grade", str(scans), "--template", str(tpl), "--key", str(key), "--workspace", ws,
                 "--assignment", "Unit 2 quiz", "--json", str(tmp_path / "r.json")]) == 2
    assert "--category" in capsys.readouterr().err  # the class weighs by category: one must be named
    assert main(["grade", str(scans), "--template", str(tpl), "--key", str(key), "--workspace", ws,
                 "--assignment", "Unit 2 quiz", "--category", "tests", "--json", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "New exam 'Unit 2 quiz'" in out and "3 page(s) stored" in out and "3 final" in out
    results = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["pages"]
    by_id = {p["student_id"]: p["score"] for p in results}
    from app.store import open_workspace

    with open_workspace(ws, daily_backup=False) as w, w.read() as s:
        a = s.scalar(select(Assignment).where(Assignment.title == "Unit 2 quiz"))
        assert a is not None and a.origin == "omr" and a.points_possible == 10 and a.section.name == name
        got = {sc.student.local_id: sc.points for sc in s.scalars(select(Score).where(Score.assignment_id == a.id))}
    assert got == by_id and len(got) == 3
    assert sorted(got.values()) == sorted(expected.values())
