"""Existing district forms: the documented example template, read by corners, edges, features."""

from __future__ import annotations

import json
import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.grading.read import read_page
from app.grading.template import Template, load_template

DOC = Path(__file__).resolve().parents[2] / "docs" / "templates.md"
DPI = 150
S = DPI / 72


def _doc_template(tmp_path: Path) -> Path:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block, "docs/templates.md lost its example"
    path = tmp_path / "form.json"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def _draw_form(t: Template, marks: dict[str, str]) -> np.ndarray:
    """The printed form (corner squares, bubble outlines) with the given fields filled."""
    img = np.full((int(t.page_height * S), int(t.page_width * S)), 250, np.uint8)
    for m in t.registration.markers:
        h = m.size / 2 * S
        cv2.rectangle(img, (int(m.x * S - h), int(m.y * S - h)), (int(m.x * S + h), int(m.y * S + h)), 0, -1)
    rng = np.random.default_rng(0)
    for x in rng.integers(80, int(t.page_width * S) - 80, 40):  # some printed text
        cv2.putText(img, "Name Date", (int(x), int(rng.integers(60, 200))), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 40, 1)
    for f in t.fields():
        for b in f.bubbles:
            c = (int(b.x * S), int(b.y * S))
            axes = (int(b.width / 2 * S), int(b.height / 2 * S))
            filled = marks.get(f.name) == b.value
            cv2.ellipse(img, c, axes, 0, 0, 360, 30 if filled else 120, -1 if filled else 1, cv2.LINE_AA)
    return img


def _truth(t: Template) -> dict[str, str]:
    rng = np.random.default_rng(1)
    marks = {f.name: str(rng.choice(f.choices)) for f in t.fields() if f.kind == "question"}
    marks.update({f"id{i}": d for i, d in enumerate("2026117", start=1)})
    marks["version"] = "B"
    return marks


def _check(r, marks: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert r.status == "ok", r.reason
    assert {f"q{a.number}": a.marked for a in r.answers} == {k: [v] for k, v in marks.items() if k.startswith("q")}
    assert r.student_id == "2026117" and r.version == "B"


def _skew(img: np.ndarray, angle: float, pad: int = 0, bg: int = 255) -> np.ndarray:
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=bg)
    h, w = img.shape
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, M, (w, h), borderValue=bg)


def test_documented_example_reads_by_corner_marks(tmp_path: Path) -> None:
    t = load_template(_doc_template(tmp_path))
    assert t.registration.method == "corners" and t.question_count() == 50
    marks = _truth(t)
    _check(read_page(_skew(_draw_form(t, marks), 1.2, pad=20), t), marks)


def test_page_edges_on_a_dark_desk(tmp_path: Path) -> None:
    d = json.loads(_doc_template(tmp_path).read_text(encoding="utf-8"))
    d["registration"] = {"method": "edges"}
    t = Template.from_dict(d)
    marks = _truth(t)
    photo = _skew(_draw_form(t, marks), -2.0, pad=60, bg=70)
    _check(read_page(photo, t), marks)


def test_feature_alignment_to_a_blank_reference(tmp_path: Path) -> None:
    d = json.loads(_doc_template(tmp_path).read_text(encoding="utf-8"))
    cv2.imwrite(str(tmp_path / "blank.png"), _draw_form(Template.from_dict(d), {}))
    d["registration"] = {"method": "feature", "reference": "blank.png", "reference_dpi": DPI}
    path = tmp_path / "feature.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    t = load_template(path)
    marks = _truth(t)
    _check(read_page(_skew(_draw_form(t, marks), 2.5, pad=30), t), marks)


def test_feature_template_without_its_reference_says_so(tmp_path: Path) -> None:
    d = json.loads(_doc_template(tmp_path).read_text(encoding="utf-8"))
    d["registration"] = {"method": "feature", "reference": "missing.png"}
    t = Template.from_dict(d, source=tmp_path / "x.json")
    r = read_page(np.full((800, 600), 255, np.uint8), t)
    assert r.status != "ok" and "missing.png" in r.reason


@pytest.mark.parametrize("method", ["corners", "edges"])
def test_a_cat_is_not_a_form(tmp_path: Path, method: str) -> None:
    d = json.loads(_doc_template(tmp_path).read_text(encoding="utf-8"))
    if method == "edges":
        d["registration"] = {"method": "edges"}
    t = Template.from_dict(d)
    cat = cv2.GaussianBlur((np.random.default_rng(2).random((1100, 850)) * 255).astype(np.uint8), (0, 0), 4)
    assert read_page(cat, t).status in ("not_a_sheet", "review")
