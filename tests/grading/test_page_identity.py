"""Pages of a multi-page form without page marks: each page recognised by its printed
bubbles, and put together per student whatever the batch order — or sent to review with
the reason, never mixed silently."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from app.grading.batch import grade_files
from app.grading.builder import build_from_blank, label_grid
from app.grading.read import read_page
from app.grading.register_pages import link_form_pages
from app.grading.results import OK, REVIEW, PageResult
from app.grading.synthetic import compare
from app.grading.synthetic_forms import make_form_page, render_pdf, two_page_design
from app.grading.template import Template


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Template:
    out = tmp_path_factory.mktemp("identity")
    pdf = out / "blank.pdf"
    pdf.write_bytes(render_pdf(two_page_design()))
    t = build_from_blank(pdf).template
    label_grid(t, [i for i, b in enumerate(t.blocks) if b.page == 2][0], "Course ID")
    return t


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    """Three students' two pages each, as files named A1, A2, B1, ... with their truth."""
    import cv2

    out = tmp_path_factory.mktemp("identity-scans")
    d = two_page_design()
    rng = np.random.default_rng(21)
    files = {}
    for student in "ABC":
        for page in (1, 2):
            sp = make_form_page(d, rng, "scan", dpi=150, page=page)
            f = out / f"{student}{page}.jpg"
            cv2.imwrite(str(f), sp.image)
            files[f"{student}{page}"] = (f, sp)
    return files


def _grade(scans: dict[str, tuple[Path, object]], order: list[str], t: Template, tmp_path: Path) -> list[PageResult]:
    """Grade the pages in this batch order (files numbered so the folder sorts that way)."""
    import shutil

    paths = []
    for n, name in enumerate(order):
        dst = tmp_path / f"{n:02d}-{name}.jpg"
        shutil.copyfile(scans[name][0], dst)
        paths.append(dst)
    return grade_files([tmp_path], t, workers=1)


def test_a_page_is_recognised_by_its_bubbles_whatever_page_is_expected(form: Template, scans) -> None:  # type: ignore[no-untyped-def]
    import cv2

    for name, page in (("A1", 1), ("A2", 2)):
        image = cv2.imread(str(scans[name][0]), cv2.IMREAD_GRAYSCALE)
        for expected in (1, 2):
            r = read_page(image, form, sheet_page=expected)
            assert r.sheet_page == page, (name, expected, r.reason)
            assert "recognised by its printed bubbles" in r.registration_note
            assert compare(scans[name][1], r).silent == 0  # type: ignore[arg-type]
            assert all(v["verified"] for v in r.verification)


def test_pages_swapped_within_a_student_never_mix(form: Template, scans, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = _grade(scans, ["A1", "A2", "B2", "B1", "C1", "C2"], form, tmp_path)
    assert [r.sheet_page for r in results] == [1, 2, 2, 1, 1, 2]  # recognised, whatever the order
    a1, a2, b2, b1, c1, c2 = results
    # B2 could be A's page 2 scanned twice or B's page 2 out of order: flagged, never linked.
    for r in (a1, a2, b2):
        assert r.status == REVIEW and "appears twice" in r.reason
    assert b1.status == REVIEW and "page 2 of this student's form is missing" in b1.reason
    assert not b2.student_id
    # The student after them is put together.
    assert c2.student_id == c1.student_id and c2.student_id_source == "page 1"
    # Every answer read is a question of the page it came from: numbers 51-110 on page 2.
    assert {a.number for a in b2.answers} == set(range(51, 111))


def test_a_missing_page_flags_the_students_it_could_belong_to(form: Template, scans, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = _grade(scans, ["A1", "A2", "B1", "C1", "C2"], form, tmp_path)
    a1, a2, b1, c1, c2 = results
    assert b1.status == REVIEW and "page 2 of this student's form is missing" in b1.reason
    # A2 might be B's page 2 scanned before B's page 1: A is flagged, not linked.
    for r in (a1, a2):
        assert r.status == REVIEW and "could belong to either student" in r.reason
    assert not a2.student_id
    assert c2.student_id == c1.student_id and c2.student_id_source == "page 1"
    assert "missing" not in c1.reason + c2.reason


def test_a_page_scanned_twice_is_flagged_not_given_to_the_next_student(form: Template, scans,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    results = _grade(scans, ["A1", "A2", "A2", "B1", "B2", "C1", "C2"], form, tmp_path)
    a1, a2, a2_again, b1, b2, c1, c2 = results
    for r in (a1, a2, a2_again):
        assert r.status == REVIEW and "appears twice" in r.reason
    assert not a2_again.student_id
    # The students after it are still put together.
    assert b2.student_id == b1.student_id and b2.student_id_source == "page 1"
    assert c2.student_id == c1.student_id and c2.student_id_source == "page 1"


def test_a_page_of_another_form_is_not_recognised(form: Template) -> None:
    from app.grading.synthetic_forms import designs

    d = next(x for x in designs() if x.name == "triangles")
    sp = make_form_page(d, np.random.default_rng(2), "scan", dpi=150)
    r = read_page(sp.image, form, sheet_page=2)
    assert r.status != OK and not r.answers


def test_pages_printed_alike_go_to_review(form: Template, scans) -> None:  # type: ignore[no-untyped-def]
    """A form whose two pages carry the same grids: the bubbles cannot tell the pages apart."""
    import cv2

    t = copy.deepcopy(form)
    page1 = [copy.deepcopy(b) for b in t.blocks if b.page == 1]
    for b in page1:
        b.page = 2
        if b.kind == "questions":
            b.first += 200
        if b.kind in ("id", "letters"):
            b.label = f"{b.label}_2"
    t.blocks = [b for b in t.blocks if b.page == 1] + page1
    first = [m for m in t.registration.markers if m.page == 1]
    t.registration.markers = first + [dataclasses.replace(m, page=2) for m in first]
    image = cv2.imread(str(scans["A1"][0]), cv2.IMREAD_GRAYSCALE)
    r = read_page(image, t, sheet_page=1)
    assert r.status == REVIEW and "cannot tell which page" in r.reason
    assert r.sheet_page is None and not r.answers and not r.student_id


def test_linking_rules_on_plain_results(form: Template) -> None:
    """The grouping alone, on results with known pages (1 and 2) and student IDs."""

    def res(page: int | None, sid: str | None = None) -> PageResult:
        return PageResult("f", 1, OK if page else REVIEW, sheet_page=page, student_id=sid)

    batch = [res(1, "11"), res(2), res(1, "22"), res(2), res(1, "33"), res(None), res(1, "44"), res(2, "99")]
    link_form_pages(batch, form)
    assert batch[1].student_id == "11" and batch[1].status == OK
    # 33 lacks its page 2 (the page after it was not recognised) ...
    assert batch[4].status == REVIEW and "missing" in batch[4].reason
    # ... so 22's page 2 might be 33's: flagged, not linked.
    assert batch[3].status == REVIEW and not batch[3].student_id
    # A page 2 that reads its own, different ID.
    assert batch[6].status == REVIEW and "differs" in batch[6].reason


def test_the_apps_scan_step_hands_on_pages_once_put_together(form: Template, scans, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The app stores each page as ``partial`` hands it on: for a form of several pages
    that must be after the grouping, or the flags and links would never be stored."""
    import shutil

    from app.grading.exam_scan import read_files

    order = ["A1", "A2", "B1", "C1", "C2"]
    for n, name in enumerate(order):
        shutil.copyfile(scans[name][0], tmp_path / f"{n:02d}-{name}.jpg")
    got = []
    out = read_files([tmp_path], form, workers=1, partial=got.append)
    assert [Path(rp.result.file).name for rp in got] == [f"{n:02d}-{name}.jpg" for n, name in enumerate(order)]
    assert len(out) == 5
    b1, c1, c2 = got[2].result, got[3].result, got[4].result
    assert b1.status == REVIEW and "missing" in b1.reason
    assert c2.student_id == c1.student_id and c2.student_id_source == "page 1"
