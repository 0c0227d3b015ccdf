"""Dropped files that are not scans are listed, never read as pages nor skipped silently."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from app.grading.scan_inputs import split_inputs


def test_folders_and_files_are_split_into_scans_and_refused(tmp_path: Path) -> None:
    folder = tmp_path / "period 3"
    (folder / "more").mkdir(parents=True)
    cv2.imwrite(str(folder / "a.png"), np.zeros((20, 20), np.uint8))
    cv2.imwrite(str(folder / "more" / "b.jpg"), np.zeros((20, 20), np.uint8))
    (folder / "handout.docx").write_bytes(b"PK\x03\x04word")
    (folder / "Thumbs.db").write_bytes(b"\x00")
    (folder / ".DS_Store").write_bytes(b"\x00")
    no_suffix = folder / "SCAN0001"
    no_suffix.write_bytes(b"%PDF-1.4\n")  # a scanner that names files without a suffix
    grades = tmp_path / "grades.xlsx"
    grades.write_bytes(b"PK\x03\x04xl")
    found = split_inputs([folder, grades, tmp_path / "gone.png"])
    assert [p.name for p in found.files] == ["SCAN0001", "a.png", "b.jpg"]
    assert [p.name for p in found.refused] == ["handout.docx", "grades.xlsx"]
    assert [p.name for p in found.missing] == ["gone.png"]
    assert found.refused_text() == "handout.docx, grades.xlsx"
    assert split_inputs([folder]).refused_text(limit=0) == " and 1 more"


def test_the_grade_command_names_files_that_are_not_scans(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from app.grading.synthetic import make_page
    from app.grading.template import load_template

    pdf, tpl = tmp_path / "sheets.pdf", tmp_path / "t.json"
    assert main(["sheet", "--questions", "5", "--out", str(pdf), "--template-out", str(tpl)]) == 0
    scans = tmp_path / "scans"
    scans.mkdir()
    sp = make_page(load_template(tpl), np.random.default_rng(1), "scan", dpi=150, kinds={"fill": 1.0})
    cv2.imwrite(str(scans / "a.jpg"), sp.image)
    (scans / "handout.docx").write_bytes(b"PK\x03\x04word")
    capsys.readouterr()
    assert main(["grade", str(scans), "--template", str(tpl), "--workers", "1"]) == 0
    printed = capsys.readouterr()
    assert "handout.docx" in printed.err and "not scans" in printed.err
    assert "1 page(s)" in printed.out
    only_wrong = tmp_path / "notes.txt"
    only_wrong.write_text("x", encoding="utf-8")
    assert main(["grade", str(only_wrong), "--template", str(tpl)]) == 2
    assert "notes.txt" in capsys.readouterr().err
