"""Third-party forms: templates built by the builder alone read them without silent misreads,
and a template shifted by half a row is refused loudly (a small version of
benchmarks/omr_forms.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.grading.builder import build_from_blank, renumber, save_built
from app.grading.read import read_page
from app.grading.synthetic import compare
from app.grading.synthetic_forms import designs, make_form_page, render_pdf
from app.grading.template import Template, TemplateError, load_template

FORMS = {d.name: d for d in designs()}
EXPECTED = {"district-L": "corners", "scanner-timing": "timing", "plain-feature": "feature", "triangles": "corners"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("forms")
    paths = {}
    for name, d in FORMS.items():
        pdf = out / f"{name}.pdf"
        pdf.write_bytes(render_pdf(d))
        b = build_from_blank(pdf)
        paths[name] = save_built(b, out / f"{name}.json")[0]
    return paths


@pytest.mark.parametrize("name", list(FORMS))
def test_builder_finds_every_grid_and_the_registration(built: dict[str, Path], name: str) -> None:
    t = load_template(built[name])
    d = FORMS[name]
    assert t.registration.method == EXPECTED[name]
    assert t.question_count() == d.questions()
    qs = sorted((b.first, b.count, len(b.choices)) for b in t.blocks if b.kind == "questions")
    want = sorted((g.first, g.items, len(g.choices)) for g in d.grids if g.kind == "questions")
    assert qs == want
    ids = sorted(b.count for b in t.blocks if b.kind == "id")
    assert ids == sorted(g.items for g in d.grids if g.kind == "id")
    letters = [b.count for b in t.blocks if b.kind == "letters"]
    assert letters == [g.items for g in d.grids if g.kind == "letters"]
    if name == "district-L":
        assert {m.shape for m in t.registration.markers} == {"L"}
        assert t.id_digits() == 9 and "id_2" in t.grid_labels()
        assert json.loads(built[name].read_text())["format_version"] == 2


@pytest.mark.parametrize(("name", "kind"), [("district-L", "colour"), ("scanner-timing", "scan"),
                                            ("plain-feature", "photocopy"), ("triangles", "photo"),
                                            ("district-L", "faint")])
def test_filled_forms_read_without_silent_misreads(built: dict[str, Path], name: str, kind: str) -> None:
    t = load_template(built[name])
    sp = make_form_page(FORMS[name], np.random.default_rng(42), kind, dpi=150)
    r = read_page(sp.image, t)
    tally = compare(sp, r)
    assert tally.silent == 0 and tally.id_silent == 0, tally.examples
    assert tally.pages_rejected == 0, r.reason
    assert tally.clear_review <= 0.03 * tally.clear, tally.examples
    assert r.registration == EXPECTED[name] and r.registration_note
    assert all(v["verified"] for v in r.verification), r.verification
    if name == "district-L":
        texts = sp.texts  # type: ignore[attr-defined]
        assert r.grids.get("name") == texts["last_name"]
        assert r.student_id == texts["student_id"]


@pytest.mark.parametrize("name", list(FORMS))
def test_a_template_shifted_half_a_row_fails_loudly(built: dict[str, Path], name: str) -> None:
    t = load_template(built[name])
    for b in t.blocks:
        b.x += 0.5 * b.item_step[0]
        b.y += 0.5 * (b.item_step[1] or b.choice_step[1] or 14.0)
    sp = make_form_page(FORMS[name], np.random.default_rng(3), "scan", dpi=150)
    r = read_page(sp.image, t)
    assert r.status in ("review", "not_a_sheet")
    assert "not verified" in r.reason or "not where this template" in r.reason
    assert not any(v["verified"] for v in r.verification)
    assert not [a for a in r.answers if a.status != "review"]
    assert compare(sp, r).silent == 0


def test_renumbering_a_block(built: dict[str, Path]) -> None:
    t = load_template(built["triangles"])
    idx = [i for i, b in enumerate(t.blocks) if b.kind == "questions"]
    renumber(t, idx[-1], 201)
    assert t.blocks[idx[-1]].first == 201 and t.questions()[-1].number == 230
    with pytest.raises(TemplateError):
        renumber(t, idx[-1], 1)  # q1 would be defined twice


def test_blank_page_edges_are_never_chosen_silently(tmp_path: Path) -> None:
    """A flatbed blank without marks gets feature alignment, and 'edges' on a flatbed scan
    (white page on white glass) is refused with the reason."""
    d = FORMS["plain-feature"]
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(render_pdf(d))
    t = build_from_blank(pdf, registration="edges").template
    sp = make_form_page(d, np.random.default_rng(1), "scan", dpi=150)
    r = read_page(sp.image, t)
    assert r.status == "not_a_sheet" and "darker background" in r.reason


def test_cli_template_build_with_a_test_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import cv2

    from app.cli import main

    d = FORMS["triangles"]
    pdf = tmp_path / "tri.pdf"
    pdf.write_bytes(render_pdf(d))
    scan = tmp_path / "filled.jpg"
    cv2.imwrite(str(scan), make_form_page(d, np.random.default_rng(8), "scan", dpi=150).image)
    rc = main(["template", "build", str(pdf), "--out", str(tmp_path / "t.json"), "--test", str(scan),
               "--overlay", str(tmp_path / "o.png")])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "registration: corners" in out and "verification score: 100%" in out
    assert cv2.imread(str(tmp_path / "o.png")) is not None
    assert main(["template", "check", str(tmp_path / "t.json")]) == 0


def test_version_1_templates_load_and_cancellation_is_off_by_default() -> None:
    t = Template.from_dict({
        "format": "teacherdesk-omr-template", "format_version": 1, "name": "x",
        "page": {"width_pt": 612, "height_pt": 792},
        "registration": {"method": "edges"},
        "blocks": [{"kind": "questions", "x": 100, "y": 100, "count": 5, "choices": ["A", "B"],
                    "item_step": [0, 18], "choice_step": [16, 0]}],
    })
    assert t.policy.cancel_full_box is False
    assert t.to_dict()["format_version"] == 1
    with pytest.raises(TemplateError, match="newer"):
        Template.from_dict({"format_version": 3})
    with pytest.raises(TemplateError, match="ids 0-3"):
        Template.from_dict({"registration": {"method": "corners", "markers": [
            {"id": i, "x": 30, "y": 30, "size": 10} for i in (0, 1, 2, 5)]}})


def test_jpeg_with_data_after_the_image_is_read_and_a_cut_one_refused(tmp_path: Path) -> None:
    import cv2

    from app.grading.images import ImageError, load_page

    img = (np.random.default_rng(0).random((300, 200)) * 255).astype(np.uint8)
    data = cv2.imencode(".jpg", img)[1].tobytes()
    (tmp_path / "trailer.jpg").write_bytes(data + b"\x00\x01maker-notes" * 50)
    assert load_page(tmp_path / "trailer.jpg").shape == (300, 200)
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageError, match="truncated"):
        load_page(tmp_path / "cut.jpg")
