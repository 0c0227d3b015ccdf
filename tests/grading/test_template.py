"""Templates: design, JSON round trip, validation, and that the PDF prints what they say."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from app.grading.layout import LayoutError, design_sheet
from app.grading.template import TemplateError, load_template


def test_round_trip_keeps_every_bubble(tmp_path: Path, quiz_template) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.json"
    quiz_template.save(path)
    loaded = load_template(path)
    assert loaded.to_dict() == quiz_template.to_dict()
    assert [(f.name, [(b.value, b.x, b.y) for b in f.bubbles]) for f in loaded.fields()] == [
        (f.name, [(b.value, b.x, b.y) for b in f.bubbles]) for f in quiz_template.fields()
    ]
    assert loaded.question_count() == 20 and loaded.id_digits() == 5 and loaded.version_labels() == ["A", "B"]


@pytest.mark.parametrize(
    ("questions", "choices", "digits", "paper"),
    [(1, 2, 0, "letter"), (50, "TF", 10, "a4"), (200, 10, 10, "letter"), (200, 5, 0, "a4")],
)
def test_designs_fit_the_page_without_overlaps(questions, choices, digits, paper) -> None:  # type: ignore[no-untyped-def]
    t = design_sheet(questions, choices, id_digits=digits, versions=4 if digits else 0, paper=paper)
    assert t.question_count() == questions
    assert [f.number for f in t.questions()] == list(range(1, questions + 1))
    for page in range(1, t.pages + 1):
        boxes = [(b.x, b.y, b.width) for f in t.fields() if f.page == page for b in f.bubbles]
        pts = np.array([(x, y) for x, y, _ in boxes])
        d = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1)) + np.eye(len(pts)) * 1e9
        assert d.min() > max(w for *_, w in boxes)  # no two bubbles touch
        assert pts[:, 0].min() > 30 and pts[:, 0].max() < t.page_width - 30
        assert pts[:, 1].max() < t.page_height - 60


def test_impossible_designs_say_why() -> None:
    with pytest.raises(LayoutError, match="1-200"):
        design_sheet(201, 4)
    with pytest.raises(LayoutError, match="2-10"):
        design_sheet(10, 11)
    with pytest.raises(LayoutError, match="versions"):
        design_sheet(10, 4, versions=5)


def test_invalid_templates_give_clear_errors(tmp_path: Path, quiz_template) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="not valid JSON"):
        load_template(bad)
    d = quiz_template.to_dict()
    d["registration"]["markers"] = d["registration"]["markers"][:2]
    bad.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(TemplateError, match="at least 3 markers"):
        load_template(bad)
    d = quiz_template.to_dict()
    d["blocks"][0]["x"] = 5000
    bad.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(TemplateError, match="off the"):
        load_template(bad)
    with pytest.raises(TemplateError, match="no such template"):
        load_template(tmp_path / "missing.json")


def test_bubbles_csv_matches_the_printed_pdf(tmp_path: Path, quiz_template) -> None:  # type: ignore[no-untyped-def]
    """Every bubble in `template bubbles` is drawn in the PDF exactly there (outline found)."""
    import pypdfium2 as pdfium

    from app.cli import main
    from app.grading.sheet_pdf import render_sheets

    tpath, pdf, out = tmp_path / "t.json", tmp_path / "s.pdf", tmp_path / "b.csv"
    quiz_template.save(tpath)
    render_sheets(quiz_template, pdf)
    assert main(["template", "bubbles", str(tpath), "--csv", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert set(rows[0]) == {"field", "value", "page", "x_pt", "y_pt", "width_pt", "height_pt"}
    assert len(rows) == 20 * 4 + 5 * 10 + 2
    dpi = 144
    s = dpi / 72
    img = pdfium.PdfDocument(str(pdf))[0].render(scale=s, grayscale=True).to_numpy()
    img = img if img.ndim == 2 else img[:, :, 0]
    for r in rows:
        x, y, w = float(r["x_pt"]) * s, float(r["y_pt"]) * s, float(r["width_pt"]) * s
        angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
        on = img[(y + w / 2 * np.sin(angles)).astype(int), (x + w / 2 * np.cos(angles)).astype(int)]
        off = img[(y + w * 0.9 * np.sin(angles)).astype(int), (x + w * 0.9 * np.cos(angles)).astype(int)]
        assert on.mean() < off.mean() - 40, r  # the outline is where the template says


def test_choices_may_be_written_as_letters() -> None:
    import pytest as _pytest

    from app.grading.layout import LayoutError, choice_labels

    assert choice_labels("ABCD") == ["A", "B", "C", "D"]
    assert choice_labels("a-e") == ["A", "B", "C", "D", "E"]
    assert choice_labels("A, B, C") == ["A", "B", "C"]
    assert choice_labels("4") == ["A", "B", "C", "D"]
    assert choice_labels("TF") == ["T", "F"]
    for bad in ("ABD", "xyz", "four", "11"):
        with _pytest.raises(LayoutError):
            choice_labels(bad)
