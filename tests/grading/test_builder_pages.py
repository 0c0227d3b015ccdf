"""The template builder on forms of several pages, and grids named by the teacher."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.grading.batch import grade_files
from app.grading.builder import build_from_blank, label_grid, save_built
from app.grading.synthetic import compare
from app.grading.synthetic_forms import designs, make_form_page, render_pdf, two_page_design
from app.grading.template import TemplateError, load_template


@pytest.fixture(scope="module")
def two_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("two-page")
    pdf = out / "blank.pdf"
    pdf.write_bytes(render_pdf(two_page_design()))
    return pdf, out


def test_a_two_page_blank_builds_one_template_with_two_pages(two_page: tuple[Path, Path]) -> None:
    pdf, out = two_page
    built = build_from_blank(pdf)
    t = built.template
    d = two_page_design()
    assert t.pages == 2 and t.registration.method == "corners"
    assert sorted(m.page for m in t.registration.markers) == [1] * 4 + [2] * 4
    on = {p: sorted((b.first, b.count) for b in t.blocks if b.kind == "questions" and b.page == p) for p in (1, 2)}
    want = {p: sorted((g.first, g.items) for g in d.grids if g.kind == "questions" and g.page == p) for p in (1, 2)}
    assert on == want  # numbered on across the pages: page 2 starts at 51
    assert [(b.page, b.label) for b in t.blocks if b.kind == "id"] == [(1, "student_id"), (2, "id_2")]
    save_built(built, out / "t.json")
    assert load_template(out / "t.json").pages == 2


def test_multi_page_scans_are_read_in_order_and_linked_by_the_first_page(two_page: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    import cv2

    pdf, out = two_page
    built = build_from_blank(pdf)
    label_grid(built.template, [i for i, b in enumerate(built.template.blocks) if b.page == 2][0], "Course ID")
    t = built.template
    d = two_page_design()
    rng = np.random.default_rng(3)
    truth = []
    files = []
    for student in range(2):
        for page in (1, 2):
            sp = make_form_page(d, rng, "scan", dpi=150, page=page)
            f = tmp_path / f"s{student}-p{page}.jpg"
            cv2.imwrite(str(f), sp.image)
            files.append(f)
            truth.append(sp)
    results = grade_files(files, t, workers=1)
    assert [r.sheet_page for r in results] == [1, 2, 1, 2]
    for sp, r in zip(truth, results, strict=True):
        assert compare(sp, r).silent == 0
        assert all(v["verified"] for v in r.verification)
    first, second = results[0], results[1]
    assert first.student_id == truth[0].texts["student_id"]  # type: ignore[attr-defined]
    assert second.student_id == first.student_id and second.student_id_source == "page 1"
    assert second.grids == {"course_id": truth[1].texts["course_id"]}  # type: ignore[attr-defined]
    assert {a.number for a in second.answers} == set(range(51, 111))


def test_naming_grids(tmp_path: Path) -> None:
    d = next(x for x in designs() if x.name == "district-L")
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(render_pdf(d))
    t = build_from_blank(pdf).template
    ids = [i for i, b in enumerate(t.blocks) if b.kind == "id"]
    letters = [i for i, b in enumerate(t.blocks) if b.kind == "letters"]
    label_grid(t, ids[1], "Course ID")
    label_grid(t, letters[0], "last name")
    assert t.grid_labels() == ["last_name", "course_id"] or set(t.grid_labels()) == {"last_name", "course_id"}
    # Naming another ID grid the student ID swaps the names.
    label_grid(t, ids[1], "student_id")
    assert t.blocks[ids[1]].label == "student_id" and t.blocks[ids[0]].label == "course_id"
    with pytest.raises(TemplateError, match="only an ID grid"):
        label_grid(t, letters[0], "student_id")
    with pytest.raises(TemplateError, match="already names"):
        label_grid(t, letters[0], "course_id")
    with pytest.raises(TemplateError, match="not an ID or letter grid"):
        label_grid(t, [i for i, b in enumerate(t.blocks) if b.kind == "questions"][0], "x")
    with pytest.raises(TemplateError, match="not a grid name"):
        label_grid(t, ids[0], "!!")


def test_cli_names_grids_and_tests_every_page(two_page: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import cv2

    from app.cli import main

    pdf, _ = two_page
    d = two_page_design()
    rng = np.random.default_rng(9)
    scans = []
    for page in (1, 2):
        f = tmp_path / f"p{page}.jpg"
        cv2.imwrite(str(f), make_form_page(d, rng, "scan", dpi=150, page=page).image)
        scans += ["--test", str(f)]
    out_json = tmp_path / "t.json"
    rc = main(["template", "build", str(pdf), "--out", str(out_json), "--last-name", "1", "--label", "5=course_id",
               *scans, "--overlay", str(tmp_path / "o.png")])
    out = capsys.readouterr().out
    assert rc == 0, out
    t = load_template(out_json)
    assert [b.label for b in t.blocks if b.kind in ("id", "letters")] == ["last_name", "student_id", "course_id"]
    assert out.count("verification score: 100%") == 2
    assert (tmp_path / "o.png").exists() and (tmp_path / "o-2.png").exists()
    assert main(["template", "build", str(pdf), "--out", str(out_json), "--course-id", "3"]) != 0
    assert "not an ID or letter grid" in capsys.readouterr().err
