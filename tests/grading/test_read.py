"""Reading pages: exact read-back, orientation, degradations, review reasons, identity."""

from __future__ import annotations

import numpy as np
import pytest

from app.grading.read import read_page
from app.grading.synthetic import blank_page, compare, degrade, fill_page, make_page

CLEAN = {"fill": 0.8, "blank": 0.1, "double": 0.05, "partial": 0.05}


def test_blank_sheet_reads_blank_and_asks_for_the_id(quiz_template) -> None:  # type: ignore[no-untyped-def]
    r = read_page(blank_page(quiz_template, dpi=150), quiz_template)
    assert r.sheet_page == 1 and r.qr_text == "TDX1|quiz0001|1/1||"
    assert all(a.status == "blank" and a.confidence >= 0.8 for a in r.answers)
    assert r.status == "review" and "no student ID" in r.reason and "version" in r.reason


@pytest.mark.parametrize("turn", [0, 1, 2, 3])
def test_clean_marks_read_back_exactly_in_any_orientation(quiz_template, turn: int) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(turn)
    sp = make_page(quiz_template, rng, "none", dpi=150, kinds=CLEAN)
    image = np.ascontiguousarray(np.rot90(sp.image, turn))
    r = read_page(image, quiz_template)
    assert r.status == "ok", r.reason
    assert {a.number: a.marked for a in r.answers} == {q: sorted(v) for q, v in sp.truth.items()}
    assert r.student_id == sp.student_id and r.student_id_source == "grid"
    assert r.version == sp.version


@pytest.mark.parametrize("kind", ["scan_150dpi", "bw", "photocopy", "photo", "photo_shadow"])
def test_degraded_pages_never_misread_silently(quiz_template, kind: str) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(100)
    for _ in range(2):
        sp = make_page(quiz_template, rng, kind, dpi=150)
        r = read_page(sp.image, quiz_template)
        t = compare(sp, r)
        assert t.silent == 0 and t.id_silent == 0, t.examples
        assert t.pages_rejected == 0
        assert t.clear_correct >= t.clear - 1, t.examples


def _page_with(template, kind: str, choice: str = "C", dpi: float = 150):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    img = blank_page(template, 1, dpi)
    kinds = {1: kind, 2: "fill"}
    truth = {1: [choice], 2: ["A"]}
    fill_page(img, template, 1, dpi, rng, kinds, truth, student_id="12345", version="A", pencil=False)
    return read_page(img, template)


def test_faint_and_crossed_marks_go_to_review_with_a_reason(quiz_template) -> None:  # type: ignore[no-untyped-def]
    light = _page_with(quiz_template, "light").answers[0]
    assert light.status == "review" or light.marked == ["C"]
    if light.status == "review":
        assert light.reason in ("faint", "ambiguous")
    for kind in ("check", "cross"):
        a = _page_with(quiz_template, kind).answers[0]
        assert a.status == "review" or a.marked == ["C"], (kind, a)
        assert a.status != "blank"
    q2 = _page_with(quiz_template, "light").answers[1]
    assert q2.marked == ["A"] and q2.status == "ok"


def test_blacked_out_bubble_cancels_the_answer(quiz_template) -> None:  # type: ignore[no-untyped-def]
    a = _page_with(quiz_template, "cancel").answers[0]
    assert a.marked == ["C"] and a.status == "ok" and len(a.cancelled) == 1


def test_personalised_sheet_reads_the_printed_id(tmp_path, quiz_template) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    from app.grading.sheet_pdf import SheetStudent, render_sheets

    pdf = tmp_path / "p.pdf"
    render_sheets(quiz_template, pdf, [SheetStudent("Zoë O'Brien", "40417", "Bio", version="B"),
                                       SheetStudent("José Ramírez", "123", "Bio")])
    doc = pdfium.PdfDocument(str(pdf))
    got = []
    for i in range(2):
        img = doc[i].render(scale=150 / 72, grayscale=True).to_numpy()
        img = np.ascontiguousarray(img if img.ndim == 2 else img[:, :, 0])
        img = degrade(img, "photo", np.random.default_rng(i), 150)
        r = read_page(img, quiz_template)
        got.append((r.student_id, r.student_id_source, r.version))
    assert got[0] == ("40417", "qr", "B")
    assert got[1][:2] == ("123", "qr")


def test_other_exams_and_other_forms_are_not_sheets(quiz_template) -> None:  # type: ignore[no-untyped-def]
    from app.grading.layout import design_sheet

    other = design_sheet(20, 4, id_digits=5, versions=2, exam_id="other999")
    r = read_page(blank_page(other, dpi=150), quiz_template)
    assert r.status == "not_a_sheet" and "exam other999" in r.reason
    a4 = design_sheet(20, 4, paper="a4", exam_id="quiz0001")
    r = read_page(blank_page(a4, dpi=150), quiz_template)
    # Same exam id, other paper: the bubbles do not line up, so nothing is scored.
    assert r.status in ("not_a_sheet", "review")
    assert all(a.status == "review" for a in r.answers)
    cat = (np.random.default_rng(3).random((800, 600)) * 255).astype(np.uint8)
    r = read_page(cat, quiz_template)
    assert r.status == "not_a_sheet" and "no registration marks" in r.reason
    r = read_page(np.full((800, 600), 250, np.uint8), quiz_template)
    assert r.status == "not_a_sheet" and "blank page" in r.reason


def test_covered_corner_sends_the_page_to_review(quiz_template) -> None:  # type: ignore[no-untyped-def]
    img = blank_page(quiz_template, dpi=150)
    s = 150 / 72
    for m in quiz_template.markers_on(1)[:2]:
        y0, x0 = int((m.y - m.size) * s), int((m.x - m.size) * s)
        img[max(y0, 0) : int((m.y + m.size) * s), max(x0, 0) : int((m.x + m.size) * s)] = 255
    r = read_page(img, quiz_template)
    assert r.status == "review" and "2 of 4 corner marks" in r.reason and not r.answers


@pytest.mark.parametrize("pencil", [True, False])
def test_the_same_choice_everywhere_still_reads(quiz_template, pencil: bool) -> None:  # type: ignore[no-untyped-def]
    img = blank_page(quiz_template, 1, 150)
    truth = {q: ["C"] for q in range(1, 21)}
    kinds = {q: "fill" for q in truth}
    fill_page(img, quiz_template, 1, 150, np.random.default_rng(1), kinds, truth,
              student_id="11111", version="A", pencil=pencil)
    r = read_page(img, quiz_template)
    assert [a.marked for a in r.answers] == [["C"]] * 20
    assert r.student_id == "11111" and r.status == "ok"


def test_content_shifted_against_the_marks_is_never_read_silently(quiz_template) -> None:  # type: ignore[no-untyped-def]
    """A misregistered page (bubbles 3 pt from where the marks say) is either refitted onto
    the printed outlines (and says so) or sent to review; never read off the grid."""
    rng = np.random.default_rng(9)
    sp = make_page(quiz_template, rng, "none", dpi=150, kinds=CLEAN)
    img = sp.image.copy()
    s = 150 / 72
    top, bottom, dx = int(150 * s), int((quiz_template.page_height - 80) * s), int(round(3 * s))
    img[top:bottom, dx:] = sp.image[top:bottom, :-dx]
    r = read_page(img, quiz_template)
    t = compare(sp, r)
    assert t.silent == 0 and (t.review == t.answers or t.pages_rejected == 1 or t.correct == t.answers)
    if t.correct == t.answers:
        shifted = [v for v in r.verification if v["block"].startswith("questions")]
        assert shifted and all(v["verified"] and v["residual_pt"] < 1.0 for v in shifted)


def test_two_sheets_fed_two_up_are_read_separately(quiz_template) -> None:  # type: ignore[no-untyped-def]
    from app.grading.read import read_sheets

    rng = np.random.default_rng(21)
    a = make_page(quiz_template, rng, "none", dpi=100, kinds=CLEAN)
    b = make_page(quiz_template, rng, "none", dpi=100, kinds=CLEAN)
    both = np.hstack([a.image, np.full((a.image.shape[0], 40), 255, np.uint8), b.image])
    rs = read_sheets(both, quiz_template)
    assert [r.sheet for r in rs] == [1, 2]
    for sp, r in zip((a, b), rs, strict=True):
        assert r.status == "ok", r.reason
        assert r.student_id == sp.student_id
        assert {x.number: x.marked for x in r.answers} == {q: sorted(v) for q, v in sp.truth.items()}


def test_second_page_of_a_long_exam_knows_its_place() -> None:
    from app.grading.layout import design_sheet

    t = design_sheet(160, 5, id_digits=4, exam_id="long0001")
    assert t.pages == 2
    sp = make_page(t, np.random.default_rng(4), "rotated", page=2, dpi=150, kinds=CLEAN)
    r = read_page(sp.image, t)
    assert r.sheet_page == 2 and r.qr_text == "TDX1|long0001|2/2||"
    assert {a.number: a.marked for a in r.answers} == {q: sorted(v) for q, v in sp.truth.items()}
    assert min(sp.truth) > 1 and max(sp.truth) == 160
